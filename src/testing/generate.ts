// A user's statement history, generated deterministically from a seed: a fortnightly salary, card
// payments at the merchants of merchants.ts, fees, cash, transfers, loan repayments and interest,
// with running balances that end at each account's balance.
import { pendingBody, transactionBody, type PendingTransaction, type PostedTransaction, type SandboxAccount } from "./accounts.js";
import { KINDS, SALARY, type Kind } from "./merchants.js";

/** Days of history generated for a connection. */
export const DAYS = 180;
const DAY_MS = 86_400_000;
/** Pay day every 14 days: about 13 in the window. */
const PAY_CYCLE_DAYS = 14;
/** The salary covers the spending with this much to spare (a 10% saver). */
const SPEND_SHARE_OF_PAY = 0.9;
/** The smallest fortnightly pay, in cents, however little is spent. */
const MIN_PAY_CENTS = 250_000;

const TOTAL_WEIGHT = KINDS.reduce((sum, kind) => sum + kind.weight, 0);

/** A kind drawn by weight. */
export function draw(random: () => number): Kind {
  let ticket = random() * TOTAL_WEIGHT;
  for (const kind of KINDS) {
    ticket -= kind.weight;
    if (ticket < 0) return kind;
  }
  return KINDS[0]!;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Line {
  day: string;
  cents: number;
  kind: Kind;
  pending?: boolean;
}

/** Which recent card payments are still pending when the data is generated. */
export interface PendingMarks {
  /** Share of the card payments of the last `days` days that are pending. */
  share: number;
  /** How far back pending rows reach (Basiq: 3 to 5 business days on average). */
  days: number;
  /** A stream of its own, so marking rows pending leaves every other generated value as it was. */
  random: () => number;
}

/**
 * `count` transactions over the DAYS days to `today`, newest first as Basiq lists them: a salary
 * every 14 days (sized so spending is 90% of pay), the rest drawn from KINDS by weight. With
 * `pending`, some card payments of the last days are pending: no postDate, no running balance, and
 * left out of the balances (a pending amount comes off the available funds only).
 */
export function generateTransactions(input: {
  userId: string;
  accounts: SandboxAccount[];
  count: number;
  today: string;
  random: () => number;
  id: () => string;
  pending?: PendingMarks;
}): { posted: PostedTransaction[]; pending: PendingTransaction[] } {
  const { userId, accounts, count, today, random, id } = input;
  if (count <= 0 || accounts.length === 0) return { posted: [], pending: [] };
  const end = Date.parse(`${today}T00:00:00Z`);
  const pays = Math.min(Math.ceil(DAYS / PAY_CYCLE_DAYS), Math.ceil(count / 10));
  const drawn = count - pays;
  const lines: Line[] = [];
  for (let i = 0; i < drawn; i++) {
    const kind = draw(random);
    const cents = kind.min + Math.floor(random() * (kind.max - kind.min + 1));
    lines.push({ day: isoDay(end - Math.floor((i / drawn) * DAYS) * DAY_MS), cents: kind.direction === "debit" ? -cents : cents, kind });
  }
  const spent = -lines.reduce((sum, line) => sum + Math.min(0, line.cents), 0);
  const pay = Math.max(MIN_PAY_CENTS, Math.round((spent / DAYS) * PAY_CYCLE_DAYS / SPEND_SHARE_OF_PAY / 100) * 100);
  for (let p = 0; p < pays; p++) lines.push({ day: isoDay(end - p * PAY_CYCLE_DAYS * DAY_MS), cents: pay, kind: SALARY });
  lines.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
  const marks = input.pending;
  if (marks) {
    const since = isoDay(end - (marks.days - 1) * DAY_MS);
    for (const line of lines) if (line.day >= since && line.kind.merchant) line.pending = marks.random() < marks.share;
  }

  // Running balances, walked back from each account's current balance (pending rows do not move it).
  const balance = accounts.map((a) => Math.round(Number(a.balance ?? 0) * 100));
  const posted: PostedTransaction[] = [];
  const pending: PendingTransaction[] = [];
  for (const line of lines) {
    const index = Math.min(line.kind.account, accounts.length - 1);
    if (line.pending) {
      pending.push(pendingBody(userId, id(), accounts[index]!, line.day, line.cents, line.kind, 0));
      continue;
    }
    const after = balance[index]!;
    balance[index] = after - line.cents;
    posted.push(transactionBody(userId, id(), accounts[index]!, line.day, line.cents, line.kind, after));
  }
  return { posted, pending };
}
