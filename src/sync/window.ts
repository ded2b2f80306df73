// Which rows a later sync reads again: the window that covers every row that can still change or
// can have appeared since the last sync. Pure functions of the checkpoint and the clock.
import type { KnownRow, SyncCheckpoint, SyncTransaction } from "./types.js";

const DAY_MS = 86_400_000;

/**
 * Days of posted rows re-read on each sync. Basiq: a pending row stays pending 3-5 business days, a
 * pre-authorisation (hotel, car rental) up to 31 days, and its posted row can carry a date that far
 * back; posted rows are otherwise never deleted (docs: pending-transactions). 31 covers the longest.
 */
export const DEFAULT_LOOKBACK_DAYS = 31;

/** Open-banking dates are converted to UTC and can move by a day (Basiq FAQs): every bound gets this margin. */
export const UTC_MARGIN_DAYS = 1;

/** YYYY-MM-DD of a row: its postDate, else its transactionDate ("" when it has neither). */
export function dayOf(row: { postDate?: string | null; transactionDate?: string | null }): string {
  return (row.postDate || row.transactionDate || "").slice(0, 10);
}

/** The day `days` before `day` (YYYY-MM-DD or ISO time), as YYYY-MM-DD. */
export function daysBefore(day: string, days: number): string {
  const ms = Date.parse(day.length === 10 ? `${day}T00:00:00Z` : day);
  return new Date(ms - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first day a later sync reads (`transaction.postDate.gteq`): `lookbackDays` (plus the UTC margin)
 * before the last sync started, so a row posted since then with a date up to that far back is read;
 * earlier still when an open pending row is older (its posted row may carry the pending row's date).
 */
export function windowStart(checkpoint: SyncCheckpoint, lookbackDays: number, openPending: Iterable<KnownRow>): string {
  let from = daysBefore(checkpoint.syncedAt, lookbackDays + UTC_MARGIN_DAYS);
  for (const row of openPending) {
    if (row.status !== "pending" || !row.day) continue;
    const bound = daysBefore(row.day, UTC_MARGIN_DAYS);
    if (bound < from) from = bound;
  }
  return from;
}

/**
 * Whether a window starting at `from` covers a known row, so its absence from the read means it is gone:
 * pending rows when the reads returned all of them (`pendingCovered`), others strictly after `from` (a row on the first
 * day may have moved a day earlier, out of the read, without going anywhere), and every row of an
 * account the user no longer has (`accounts`: the ids read now).
 */
export function covers(from: string | undefined, row: KnownRow, accounts?: ReadonlySet<string>, pendingCovered = true): boolean {
  if (from === undefined || (accounts !== undefined && !accounts.has(row.account))) return true;
  return row.status === "pending" ? pendingCovered : row.day > from;
}

/** What a state returns from known(): the rows covered, plus those on the first day itself (returned by a gteq read). */
export function knownFilter(fromDay: string | undefined, accounts: readonly string[]): (row: KnownRow) => boolean {
  const live = new Set(accounts);
  return (row) => covers(fromDay, row, live) || row.day === fromDay;
}

/** Whether pending rows carry a postDate, learnt from what was read (undefined: none seen, keep what was known). */
export function pendingDated(rows: Iterable<SyncTransaction>, before: boolean | undefined): boolean | undefined {
  let dated = before;
  for (const row of rows) {
    if (row.status !== "pending") continue;
    if (!row.postDate) return false; // one undated pending row: read pending rows by status from now on
    dated = true;
  }
  return dated;
}
