// Income and expense summaries computed from a user's own transactions (the affordability spec's
// IncomeResponse and ExpensesResponse): sums, monthly averages, regular sources found from the
// spacing of their credits, and payments grouped by the ANZSIC division of their merchants.
import type { affordability } from "../../generated/index.js";
import type { PostedTransaction as SandboxTransaction } from "./accounts.js"; // summaries read posted rows only
import { PRODUCTION } from "./fixtures.js";

type Schemas = affordability.components["schemas"];

const DAY_MS = 86_400_000;
export const money = (cents: number) => (cents / 100).toFixed(2);
export const centsOf = (t: SandboxTransaction) => Math.round(Number(t.amount) * 100);
export const dayOf = (t: SandboxTransaction) => t.postDate.slice(0, 10);
const monthOf = (t: SandboxTransaction) => t.postDate.slice(0, 7);
export const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY_MS);
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** The snapshot's scope: its accounts and months, and the transactions inside them. */
export interface Scope {
  userId: string;
  id: string;
  accounts: string[];
  fromMonth: string;
  toMonth: string;
  /** Oldest first. */
  transactions: SandboxTransaction[];
  today: string;
}

/** Picks the transactions of `accounts` (all when empty) in fromMonth..toMonth (default: all of them). */
export function scope(userId: string, id: string, all: SandboxTransaction[], request: { accounts?: string[]; fromMonth?: string; toMonth?: string }, today: string): Scope {
  const accounts = request.accounts?.length ? request.accounts : [...new Set(all.map((t) => t.account))];
  const mine = all.filter((t) => accounts.includes(t.account)).sort((a, b) => (a.postDate < b.postDate ? -1 : a.postDate > b.postDate ? 1 : 0));
  const fromMonth = request.fromMonth ?? (mine[0] ? monthOf(mine[0]) : today.slice(0, 7));
  const toMonth = request.toMonth ?? (mine.at(-1) ? monthOf(mine.at(-1)!) : today.slice(0, 7));
  const transactions = mine.filter((t) => monthOf(t) >= fromMonth && monthOf(t) <= toMonth);
  return { userId, id, accounts, fromMonth, toMonth, transactions, today };
}

/** Months from fromMonth to toMonth, both included (at least 1). */
export function monthCount(s: Scope): number {
  const [fy, fm] = s.fromMonth.split("-").map(Number) as [number, number];
  const [ty, tm] = s.toMonth.split("-").map(Number) as [number, number];
  return Math.max(1, (ty - fy) * 12 + (tm - fm) + 1);
}

export const coverageDays = (s: Scope) => (s.transactions.length ? daysBetween(dayOf(s.transactions[0]!), dayOf(s.transactions.at(-1)!)) + 1 : 0);

/** Sum per month, oldest first: the changeHistory of a class of expense. */
function perMonth(list: SandboxTransaction[]): Schemas["ChangeHistoryExpensesClass"][] {
  const sums = new Map<string, number>();
  for (const t of list) sums.set(monthOf(t), (sums.get(monthOf(t)) ?? 0) + centsOf(t));
  return [...sums].map(([date, cents]) => ({ amount: money(cents), date }));
}

const total = (list: SandboxTransaction[]) => list.reduce((sum, t) => sum + centsOf(t), 0);
const describe = (list: SandboxTransaction[]) => `${list.length} transactions totalling ${money(total(list))} AUD`;

function classResource(s: Scope, list: SandboxTransaction[]): Schemas["ClassResourceExpenses"] {
  return { avgMonthly: money(Math.round(total(list) / monthCount(s))), changeHistory: perMonth(list), summary: describe(list) };
}

/** POST /users/{userId}/expenses: debits by class, and payments by ANZSIC division and class. */
export function expenses(s: Scope) {
  const debits = s.transactions.filter((t) => t.direction === "debit");
  const of = (cls: SandboxTransaction["class"]) => debits.filter((t) => t.class === cls);
  const payments = of("payment");
  const paid = total(payments);
  const divisions = new Map<string, SandboxTransaction[]>();
  for (const t of payments) {
    const division = t.enrich.category?.anzsic?.division?.title ?? "Unclassified";
    divisions.set(division, [...(divisions.get(division) ?? []), t]);
  }
  const payment = [...divisions].map(([division, list]): Schemas["PaymentsSummaryExpenses"] => {
    const classes = new Map<string, SandboxTransaction[]>();
    for (const t of list) classes.set(t.subClass.code ?? "", [...(classes.get(t.subClass.code ?? "") ?? []), t]);
    return {
      avgMonthly: money(Math.round(total(list) / monthCount(s))), division,
      percentageTotal: paid === 0 ? 0 : Math.round((total(list) / paid) * 10_000) / 100,
      subCategory: [...classes.values()].map((group) => {
        const anzsic = group[0]!.enrich.category?.anzsic;
        return {
          category: { expenseClass: { classCode: anzsic?.class?.code ?? "", classTitle: anzsic?.class?.title ?? "", divisionCode: anzsic?.division?.code ?? "", divisionTitle: anzsic?.division?.title ?? "" } },
          changeHistory: perMonth(group), summary: describe(group),
        };
      }),
    };
  }).sort((a, b) => Number(a.avgMonthly) - Number(b.avgMonthly));
  return {
    type: "expenses", id: s.id, coverageDays: coverageDays(s), fromMonth: s.fromMonth, toMonth: s.toMonth,
    bankFees: classResource(s, of("bank-fee")), cashWithdrawals: classResource(s, of("cash-withdrawal")), externalTransfers: classResource(s, of("transfer")),
    loanInterests: classResource(s, of("loan-interest")), loanRepayments: classResource(s, of("loan-repayment")), payments: payment,
    links: { self: `${PRODUCTION}/users/${s.userId}/expenses/${s.id}`, accounts: s.accounts.map((a) => `${PRODUCTION}/users/${s.userId}/accounts/${a}`) },
  } satisfies Schemas["ExpensesResponse"];
}

export const FREQUENCIES: Array<[maxDays: number, name: Schemas["RegularSource"]["frequency"]]> = [
  [2, "daily"], [10, "weekly"], [20, "bi-weekly"], [40, "monthly"], [75, "bi-monthly"], [120, "quarterly"], [250, "half-year"], [Infinity, "yearly"],
];

/**
 * Credits grouped by account and description: one income source each, oldest first. By account
 * too, so the same employer paying into two connections' accounts is two regular sources, not one
 * source paid twice a day (which no gap rule calls regular).
 */
function sources(s: Scope): Array<[string, SandboxTransaction[]]> {
  const map = new Map<string, { source: string; list: SandboxTransaction[] }>();
  for (const t of s.transactions) {
    if (t.direction !== "credit") continue;
    const key = `${t.account}\u0000${t.description}`;
    const entry = map.get(key) ?? { source: t.description, list: [] };
    entry.list.push(t);
    map.set(key, entry);
  }
  return [...map.values()].map(({ source, list }) => [source, list]);
}

/** The month `n` months before `month` (YYYY-MM). */
export function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
}

/** The credits of the last 3 calendar months of the scope (toMonth and the two before it): "previous 3 months". */
const previous3Months = (s: Scope, list: SandboxTransaction[]) => list.filter((t) => monthOf(t) >= monthsBefore(s.toMonth, 2) && monthOf(t) <= s.toMonth);

/** A source is regular when it paid at least 3 times, each gap within 3 days of the median gap. */
export function regularGap(list: SandboxTransaction[]): number | undefined {
  if (list.length < 3) return undefined;
  const gaps = list.slice(1).map((t, i) => daysBetween(dayOf(list[i]!), dayOf(t)));
  const typical = median(gaps);
  return typical > 0 && gaps.every((g) => Math.abs(g - typical) <= 3) ? typical : undefined;
}

const history = (source: string, list: SandboxTransaction[]): Schemas["ChangeHistoryIncome"][] =>
  list.filter((t, i) => i === 0 || centsOf(t) !== centsOf(list[i - 1]!)).map((t) => ({ amount: t.amount, date: dayOf(t), source }));

/** POST /users/{userId}/income: regular, irregular and other credits, with averages. */
export function income(s: Scope) {
  const months = monthCount(s);
  const regular: Schemas["RegularSource"][] = [];
  const irregular: Schemas["IrregularSource"][] = [];
  const otherCredit: Schemas["OtherCreditSource"][] = [];
  let regularCents = 0;
  let irregularCents = 0;
  const regularLists: SandboxTransaction[][] = [];
  for (const [source, list] of sources(s)) {
    const last = list.at(-1)!;
    const sum = total(list);
    const common = {
      source, ageDays: daysBetween(dayOf(list[0]!), s.today), changeHistory: history(source, list),
      amountAvg: money(Math.round(sum / list.length)), avgMonthlyOccurence: (list.length / months).toFixed(2), noOccurrences: list.length,
    };
    const gap = regularGap(list);
    if (gap !== undefined && last.class !== "interest") {
      regularCents += sum;
      regularLists.push(list);
      const recent = previous3Months(s, list);
      const recentAvg = recent.length ? total(recent) / recent.length : 0;
      const spread = recent.length ? Math.max(...recent.map(centsOf)) - Math.min(...recent.map(centsOf)) : 0;
      const gaps = list.slice(1).map((t, i) => String(daysBetween(dayOf(list[i]!), dayOf(t)) - gap));
      regular.push({
        source, ageDays: common.ageDays, changeHistory: common.changeHistory, frequency: FREQUENCIES.find(([max]) => gap <= max)![1],
        current: { amount: last.amount, date: dayOf(last), nextDate: new Date(Date.parse(dayOf(last)) + gap * DAY_MS).toISOString().slice(0, 10) },
        irregularity: { gaps, stability: `${Math.round((gaps.filter((g) => g === "0").length / Math.max(1, gaps.length)) * 100)}%` },
        previous3Months: { amountAvg: money(Math.round(recentAvg)), amountAvgMonthly: money(Math.round(total(recent) / 3)), variance: money(spread) },
      });
    } else if (last.class === "interest" || last.class === "refund") {
      otherCredit.push({ ...common, current: { amount: last.amount, date: dayOf(last), otherCreditLabel: last.class }, frequency: gap === undefined ? "irregular" : FREQUENCIES.find(([max]) => gap <= max)![1] });
    } else {
      irregularCents += sum;
      irregular.push({ ...common, current: { amount: last.amount, date: dayOf(last) }, frequency: "irregular" });
    }
  }
  const year = s.today.slice(0, 4);
  const regularAll = regularLists.flat();
  const ytd = total(regularAll.filter((t) => dayOf(t).startsWith(year)));
  const lastYear = total(regularAll.filter((t) => daysBetween(dayOf(t), s.today) <= 365));
  return {
    type: "income", id: s.id, coverageDays: coverageDays(s), fromMonth: s.fromMonth, toMonth: s.toMonth, regular, irregular, otherCredit,
    summary: {
      regularIncomeAvg: regular.length ? money(Math.round(regularCents / months)) : null,
      irregularIncomeAvg: irregular.length ? money(Math.round(irregularCents / months)) : null,
      regularIncomeYTD: regular.length ? money(ytd) : null, regularIncomeYear: regular.length ? money(lastYear) : null,
    },
    links: { self: `${PRODUCTION}/users/${s.userId}/income/${s.id}`, accounts: s.accounts.map((a) => `${PRODUCTION}/users/${s.userId}/accounts/${a}`) },
  } satisfies Schemas["IncomeResponse"];
}
