// What a day does to one connection's transactions, as Basiq's pending transactions guide describes
// it (api.basiq.io/docs/pending-transactions): pending rows post (the posted row is a new record with
// a new id, its description the settled one) or, on each refresh, are deleted and re-imported under
// new ids, their description worded anew; new activity arrives, some of it pending; a salary every
// 14 days. Posted rows are never deleted. Balances follow: a posted row moves the balance, a
// pending one only the available funds.
import { pendingBody, transactionBody, type PendingTransaction, type PostedTransaction, type SandboxAccount, type SandboxConnection } from "./accounts.js";
import { daysBetween, isBusinessDay } from "./clock.js";
import { draw } from "./generate.js";
import { KINDS, SALARY, type Kind } from "./merchants.js";

/** How pending rows come and go as days pass (`SandboxOptions.pending`). */
export interface PendingRates {
  /** Share of new card payments that start pending (the rest, and every other kind, post the day they happen). @default 0.5 */
  share: number;
  /** Share of pending card payments that post on each business day: about 4 business days pending on average (Basiq: 3 to 5). @default 0.25 */
  postRate: number;
  /** The same for pre-authorisations (air travel; Basiq: "up to 31 days"): about 15 days. @default 0.07 */
  preauthPostRate: number;
  /** Share of the pending rows that do not post on a day that are re-issued under a new id with a changed description (Basiq re-imports every pending row on each refresh). @default 1 */
  reissueRate: number;
}

/** The longest a row stays pending: then it posts, whatever the rates (Basiq: pre-authorisations up to 31 days). */
const MAX_PENDING_DAYS = 31;
/** Pay day every 14 days, as generate.ts schedules it. */
const PAY_CYCLE_DAYS = 14;
/** Merchant classes whose card payments are pre-authorisations (ANZSIC 4900: air transport). */
const PREAUTH_CLASSES = new Set(["4900"]);

const cents = (amount: string) => Math.round(Number(amount) * 100);
const money = (c: number) => (c / 100).toFixed(2);

/** Sets an account's available funds: its balance less what is pending on it. */
export function availableFunds(account: SandboxAccount, pending: PendingTransaction[]): void {
  const held = pending.filter((t) => t.account === account.id).reduce((sum, t) => sum + cents(t.amount), 0);
  account.availableFunds = money(cents(account.balance ?? "0") + held);
}

/** The kind a generated row was drawn from (pending rows are card payments: their merchant names it). */
const kindOf = (t: { enrich: PendingTransaction["enrich"] }): Kind | undefined => KINDS.find((k) => k.merchant && k.merchant.id === t.enrich?.merchant?.id);

/** True for a pre-authorisation, which stays pending longer. */
const isPreauth = (t: PendingTransaction) => PREAUTH_CLASSES.has(kindOf(t)?.merchant?.anzsic ?? "");

/** What one day did to a connection: ids of rows that posted from pending, were re-issued, or are new. */
export interface DayChanges {
  posted: PostedTransaction[];
  reissued: Array<{ from: string; to: PendingTransaction }>;
  added: Array<PostedTransaction | PendingTransaction>;
}

export interface LedgerDay {
  userId: string;
  connection: SandboxConnection;
  accounts: SandboxAccount[];
  /** The user's rows (only this connection's are changed). */
  posted: PostedTransaction[];
  pending: PendingTransaction[];
  day: string;
  /** New rows per day on this connection (a fraction: that chance of one more). */
  perDay: number;
  rates: PendingRates;
  random: () => number;
  id: () => string;
}

/** Applies one day to a connection; returns the new lists (newest first) and what changed. */
export function ledgerDay(input: LedgerDay): { posted: PostedTransaction[]; pending: PendingTransaction[]; changes: DayChanges } {
  const { userId, connection, accounts, day, rates, random, id } = input;
  const changes: DayChanges = { posted: [], reissued: [], added: [] };
  const accountOf = (accountId: string) => accounts.find((a) => a.id === accountId);
  const today: PostedTransaction[] = []; // in the order they moved the balances
  const post = (account: SandboxAccount, date: string, amount: number, kind: Kind) => {
    const balance = cents(account.balance ?? "0") + amount;
    account.balance = money(balance);
    const row = transactionBody(userId, id(), account, date, amount, kind, balance, day);
    today.push(row);
    return row;
  };
  const keep: PendingTransaction[] = [];
  for (const row of input.pending) {
    const account = row.connection === connection.id ? accountOf(row.account) : undefined;
    const kind = kindOf(row);
    if (!account || !kind) {
      keep.push(row);
      continue;
    }
    const age = daysBetween(row.transactionDate.slice(0, 10), day);
    const rate = isPreauth(row) ? rates.preauthPostRate : rates.postRate;
    // Two draws for every row, whatever it does, so one row's fate never shifts another's.
    const [posts, reissues] = [random() < rate, random() < rates.reissueRate];
    if (age >= MAX_PENDING_DAYS || (isBusinessDay(day) && posts)) {
      changes.posted.push(post(account, row.transactionDate.slice(0, 10), cents(row.amount), kind));
    } else if (reissues) {
      const version = row.description.endsWith("AUTHORISATION") ? 0 : 1;
      const again = pendingBody(userId, id(), account, row.transactionDate.slice(0, 10), cents(row.amount), kind, version);
      changes.reissued.push({ from: row.id, to: again });
      keep.push(again);
    } else {
      keep.push(row);
    }
  }
  // New activity: the drawn kinds, then the salary on its pay day.
  const count = Math.floor(input.perDay) + (random() < input.perDay % 1 ? 1 : 0);
  for (let i = 0; i < count; i++) {
    const kind = draw(random);
    const size = kind.min + Math.floor(random() * (kind.max - kind.min + 1));
    const amount = kind.direction === "debit" ? -size : size;
    const account = accounts[Math.min(kind.account, accounts.length - 1)]!;
    const pending = kind.merchant !== undefined && random() < rates.share;
    const row = pending ? pendingBody(userId, id(), account, day, amount, kind, 0) : post(account, day, amount, kind);
    changes.added.push(row);
    if (pending) keep.unshift(row as PendingTransaction);
  }
  const lastPay = input.posted.find((t) => t.connection === connection.id && t.description === SALARY.description);
  if (lastPay && daysBetween(lastPay.transactionDate.slice(0, 10), day) >= PAY_CYCLE_DAYS) {
    changes.added.push(post(accountOf(lastPay.account) ?? accounts[0]!, day, cents(lastPay.amount), SALARY));
  }
  for (const account of accounts) availableFunds(account, keep);
  return { posted: [...today.reverse(), ...input.posted], pending: keep, changes };
}
