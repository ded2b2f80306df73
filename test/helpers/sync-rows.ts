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

/** Throws a short Error naming what differs (counts and a few ids) unless both hold the same rows. */
export function expectSameRows(actual: Map<string, string>, expected: Map<string, string>, label = ""): void {
  const missing = [...expected.keys()].filter((id) => !actual.has(id));
  const extra = [...actual.keys()].filter((id) => !expected.has(id));
  const changed = [...expected.keys()].filter((id) => actual.has(id) && actual.get(id) !== expected.get(id));
  if (missing.length + extra.length + changed.length === 0) return;
  const few = (ids: string[]) => ids.slice(0, 3).join(", ");
  const detail = changed[0] ? `\n  first changed: sink ${actual.get(changed[0])!.slice(0, 400)}\n           api ${expected.get(changed[0])!.slice(0, 400)}` : "";
  throw new Error(`${label}sink differs from the API: ${missing.length} missing (${few(missing)}), ${extra.length} extra (${few(extra)}), ${changed.length} changed (${few(changed)})${detail}`);
}
