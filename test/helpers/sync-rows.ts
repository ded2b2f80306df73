// Rows as canonical JSON (sorted keys), so a jsonb column (which reorders keys) compares with the API's body.
import { canonical } from "../../src/sync/hash.js";

/** id -> canonical JSON of each row (sync's own `pendingTransactionId` left out); throws on a duplicate id. */
export function canonicalRows(rows: Iterable<object>): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of rows) {
    const { pendingTransactionId: _, ...data } = row as { id: string; pendingTransactionId?: string };
    if (out.has(data.id)) throw new Error(`duplicate id ${data.id}`);
    out.set(data.id, canonical(data));
  }
  return out;
}
