// Which posted row replaced which pending row. Basiq re-issues pending rows under new ids on every
// refresh and gives a posted row no link to its pending one (docs: pending-transactions), so the
// link is inferred, by rules a reader can check (docs/sync.md, "Pending rows").
import type { KnownRow, SyncTransaction } from "./types.js";
import { daysBefore, dayOf, UTC_MARGIN_DAYS } from "./window.js";

/** Basiq: a pre-authorisation may stay pending up to 31 days before it posts. */
const MAX_PENDING_DAYS = 31;
/** A posted amount may differ from its pending one (a tip, a hotel's incidentals) by at most this share... */
const CLOSE_AMOUNT_SHARE = 0.2;
/** ...and then only with descriptions at least this alike (shared words / all words). */
const CLOSE_AMOUNT_SIMILARITY = 0.5;
/** With the same amount, descriptions this alike match even when other candidates exist. */
const SAME_AMOUNT_SIMILARITY = 1 / 3;

/** Words banks add to pending descriptions or that carry no identity (card numbers, dates, markers). */
const NOISE = new Set(["PENDING", "AUTHORISATION", "AUTHORIZATION", "AUTH", "PREAUTH", "PRE", "VISA", "MASTERCARD", "EFTPOS", "PURCHASE", "CARD", "DEBIT", "CREDIT", "VALUE", "DATE", "TAP", "AUS", "AU"]);

/** The words of a description that identify a merchant: upper-cased, punctuation and digits dropped. */
function words(description: string): Set<string> {
  return new Set(description.toUpperCase().split(/[^A-Z]+/).filter((w) => w.length >= 2 && !NOISE.has(w)));
}

/** Shared words over all words of two descriptions (Jaccard), 0..1; 1 when both have no word. */
export function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

interface Candidate {
  posted: SyncTransaction;
  pending: KnownRow;
  sameAmount: boolean;
  similarity: number;
  distance: number;
}

/** A posted row and a pending row that may be one purchase: same account and sign, dates and amount in range. */
function candidate(posted: SyncTransaction, pending: KnownRow): Candidate | undefined {
  if (posted.account !== pending.account) return undefined;
  const p = cents(posted.amount);
  const q = cents(pending.amount);
  if (!Number.isFinite(p) || !Number.isFinite(q) || Math.sign(p) !== Math.sign(q)) return undefined;
  const day = dayOf(posted);
  const purchased = (posted.transactionDate ?? "").slice(0, 10);
  if (pending.day && purchased) {
    // The purchase day both rows carry (a pending row's day is its transactionDate): the same, give or take the UTC day.
    if (purchased < daysBefore(pending.day, UTC_MARGIN_DAYS) || purchased > daysBefore(pending.day, -UTC_MARGIN_DAYS)) return undefined;
  } else if (pending.day && day) {
    // No purchase day: posted on or after the pending day (a day earlier for the UTC conversion), within the longest pending spell.
    if (day < daysBefore(pending.day, UTC_MARGIN_DAYS) || day > daysBefore(pending.day, -(MAX_PENDING_DAYS + UTC_MARGIN_DAYS))) return undefined;
  }
  const sameAmount = p === q;
  const sim = similarity(posted.description ?? "", pending.description);
  if (!sameAmount && (Math.abs(p - q) > Math.abs(q) * CLOSE_AMOUNT_SHARE || sim < CLOSE_AMOUNT_SIMILARITY)) return undefined;
  const near = purchased || day;
  const distance = pending.day && near ? Math.abs(Date.parse(near) - Date.parse(pending.day)) / 86_400_000 : 0;
  return { posted, pending, sameAmount, similarity: sim, distance };
}

/**
 * The removed pending rows that were re-issued (Basiq re-imports every pending row on each refresh under a
 * new id, its wording possibly changed): an added pending row on the same account with the same amount and
 * purchase day (give or take the UTC day). They are reported as removed + added, never linked to a posted row.
 */
function reissued(added: readonly SyncTransaction[], removedPending: readonly KnownRow[]): Set<string> {
  const taken = new Set<string>();
  const out = new Set<string>();
  for (const gone of removedPending) {
    const again = added.find((row) => row.status === "pending" && !taken.has(row.id) && row.account === gone.account && cents(row.amount) === cents(gone.amount) &&
      Math.abs(Date.parse(dayOf(row) || "x") - Date.parse(gone.day || "y")) <= UTC_MARGIN_DAYS * 86_400_000);
    if (!again) continue;
    taken.add(again.id);
    out.add(gone.id);
  }
  return out;
}

/**
 * For each posted row added by a sync, the removed pending row it replaced (posted id -> pending id).
 * A removed pending row re-issued in the same sync (see `reissued`) is no candidate. A pair matches when
 * account and sign agree, the purchase days (transactionDate) agree within a day (without one, the posted
 * day is within [pending day - 1, pending day + 32]), and either the amount is the same and the
 * descriptions share a third of their words or the pair is the only candidate of both rows, or the amount
 * is within 20% and the descriptions share half their words.
 * Best pairs first (same amount, then more alike, then nearer in days, then ids), each row matched once.
 */
export function matchPending(added: readonly SyncTransaction[], removedPending: readonly KnownRow[]): Map<string, string> {
  const again = reissued(added, removedPending);
  removedPending = removedPending.filter((row) => !again.has(row.id));
  const pairs: Candidate[] = [];
  const postedCount = new Map<string, number>();
  const pendingCount = new Map<string, number>();
  for (const posted of added) {
    if (posted.status !== "posted") continue;
    for (const pending of removedPending) {
      const c = candidate(posted, pending);
      if (!c) continue;
      pairs.push(c);
      if (c.sameAmount) {
        postedCount.set(posted.id, (postedCount.get(posted.id) ?? 0) + 1);
        pendingCount.set(pending.id, (pendingCount.get(pending.id) ?? 0) + 1);
      }
    }
  }
  const accepted = pairs.filter((c) => c.sameAmount
    ? c.similarity >= SAME_AMOUNT_SIMILARITY || (postedCount.get(c.posted.id) === 1 && pendingCount.get(c.pending.id) === 1)
    : true);
  accepted.sort((a, b) => Number(b.sameAmount) - Number(a.sameAmount) || b.similarity - a.similarity || a.distance - b.distance ||
    (a.posted.id < b.posted.id ? -1 : a.posted.id > b.posted.id ? 1 : a.pending.id < b.pending.id ? -1 : a.pending.id > b.pending.id ? 1 : 0));
  const matched = new Map<string, string>();
  const used = new Set<string>();
  for (const c of accepted) {
    if (matched.has(c.posted.id) || used.has(c.pending.id)) continue;
    matched.set(c.posted.id, c.pending.id);
    used.add(c.pending.id);
  }
  return matched;
}
