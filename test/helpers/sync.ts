// Shared by the sync tests: a consented sandbox user, and the sink's rows against the API's list.
import type { Basiq } from "basiq";
import type { Sandbox } from "basiq/testing";
import type { SyncCommit, SyncSink, SyncTransaction } from "basiq/sync";
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

/** A sink in memory, as an integrator's own would be: upserts by id, deletes removed ids. */
export function memorySink(): SyncSink & { rows: Map<string, Map<string, SyncTransaction>>; applied: SyncCommit[] } {
  const rows = new Map<string, Map<string, SyncTransaction>>();
  const applied: SyncCommit[] = [];
  return {
    rows,
    applied,
    async apply(commit) {
      const mine = rows.get(commit.userId) ?? new Map();
      for (const id of commit.removed) mine.delete(id);
      for (const row of [...commit.added, ...commit.modified]) mine.set(row.id, row);
      rows.set(commit.userId, mine);
      applied.push(commit);
    },
    async forget(userId) {
      rows.delete(userId);
    },
  };
}
