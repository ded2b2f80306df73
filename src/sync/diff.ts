// What changed: the rows a read returned against what the state knew of the rows that read covers.
import { rowHash } from "./hash.js";
import { matchPending } from "./pending.js";
import type { KnownRow, SyncTransaction } from "./types.js";
import { covers, dayOf } from "./window.js";

/** The changes of one sync, before they are committed. */
export interface Changes {
  added: SyncTransaction[];
  modified: SyncTransaction[];
  removed: string[];
}

/** What a state remembers of a row it has been given. */
export function knownRow(row: SyncTransaction, hash = rowHash(row)): KnownRow {
  return { id: row.id, hash, status: row.status, day: dayOf(row), account: row.account, amount: row.amount, description: row.description ?? "" };
}

/**
 * The changes between `read` (every row the window returned, by id) and `known` (what the state knew
 * of the rows it covers, plus any it returned). `from` undefined: the read was the whole history;
 * `accounts`: the user's account ids now (rows of any other account are gone, wherever their day);
 * `pendingCovered`: whether the reads returned every pending row.
 * A known row the window covers and the read lacks is removed; a read row the state lacks is added
 * (with `pendingTransactionId` when it is a posted row that replaced a removed pending one); a read row
 * whose hash differs is modified.
 */
export function diff(read: ReadonlyMap<string, SyncTransaction>, known: readonly KnownRow[], from: string | undefined, accounts: ReadonlySet<string>, pendingCovered = true): Changes {
  const knownById = new Map(known.map((row) => [row.id, row]));
  const added: SyncTransaction[] = [];
  const modified: SyncTransaction[] = [];
  for (const row of read.values()) {
    const before = knownById.get(row.id);
    if (!before) added.push(row);
    else if (before.hash !== rowHash(row)) modified.push(row);
  }
  const gone = known.filter((row) => !read.has(row.id) && covers(from, row, accounts, pendingCovered));
  const matches = matchPending(added, gone.filter((row) => row.status === "pending"));
  return {
    added: added.map((row) => (matches.has(row.id) ? { ...row, pendingTransactionId: matches.get(row.id)! } : row)),
    modified,
    removed: gone.map((row) => row.id),
  };
}
