// Shared by the sync tests: a consented sandbox user, and the sink's rows against the API's list.
import { Basiq } from "basiq";
import type { Sandbox } from "basiq/testing";
import { canonicalRows } from "./sync-rows.js";

/** A user with one consented connection (its job finished), on `basiq`. */
export async function consentedUser(sandbox: Sandbox, basiq: Basiq, email = "gavin@hooli.com"): Promise<string> {
  const user = await basiq.ops.createUser({ body: { email, mobile: "+61410888999" } });
  const { jobId } = sandbox.consent(user.id);
  await basiq.waitForJob(jobId, { intervalMs: 10 });
  return user.id;
}

/** Every transaction the API lists for the user now, as canonical JSON by id (what a sink must hold). */
export async function apiRows(basiq: Basiq, userId: string): Promise<Map<string, string>> {
  const rows: object[] = [];
  for await (const row of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId } } })) rows.push(row);
  return canonicalRows(rows);
}
