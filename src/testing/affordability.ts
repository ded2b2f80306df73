// The affordability snapshot (AffordabilityResponse) computed from a user's accounts and
// transactions: assets with their 6-month balance range, external loan repayments, and a summary
// of monthly income and spending; plus its list item and its transactions.
import type { affordability } from "../../generated/index.js";
import type { PostedTransaction as SandboxTransaction, SandboxAccount } from "./accounts.js"; // summaries read posted rows only
import { PRODUCTION } from "./fixtures.js";
import { centsOf, coverageDays, income, money, monthCount, type Scope } from "./summaries.js";

type Schemas = affordability.components["schemas"];

/** The snapshot's links: itself, its income and expenses snapshots, its accounts. */
const links = (s: Scope, ids: { income: string; expenses: string }) => ({
  self: `${PRODUCTION}/users/${s.userId}/affordability/${s.id}`,
  income: `${PRODUCTION}/users/${s.userId}/income/${ids.income}`,
  expenses: `${PRODUCTION}/users/${s.userId}/expenses/${ids.expenses}`,
});

/** POST /users/{userId}/affordability (and GET of the snapshot it made). */
export function affordabilityBody(s: Scope, accounts: SandboxAccount[], ids: { income: string; expenses: string }, generated: string) {
  const mine = accounts.filter((a) => s.accounts.includes(a.id));
  const since = new Date(Date.parse(`${s.today}T00:00:00Z`) - 183 * 86_400_000).toISOString();
  const assets = mine.map((a): Schemas["AffordabilityAssetsData"] => {
    const balances = [Math.round(Number(a.balance ?? 0) * 100), ...s.transactions.filter((t) => t.account === a.id && t.postDate >= since && t.balance !== undefined).map((t) => Math.round(Number(t.balance) * 100))];
    return {
      type: "asset", account: { product: a.class.product, type: a.class.type }, availableFunds: a.availableFunds ?? "0.00", balance: a.balance ?? "0.00",
      currency: a.currency, institution: a.institution, previous6Months: { maxBalance: money(Math.max(...balances)), minBalance: money(Math.min(...balances)) },
    };
  });
  const repayments = new Map<string, SandboxTransaction[]>();
  for (const t of s.transactions) if (t.class === "loan-repayment") repayments.set(t.description, [...(repayments.get(t.description) ?? []), t]);
  const external = [...repayments].map(([source, list]): Schemas["ExternalLiabilityData"] => {
    const sum = list.reduce((n, t) => n + centsOf(t), 0);
    return {
      source, changeHistory: list.map((t) => ({ amount: t.amount, date: t.postDate.slice(0, 10), source })),
      payments: [{ amountAvg: money(Math.round(sum / list.length)), amountAvgMonthly: money(Math.round(sum / monthCount(s))), first: list[0]!.postDate.slice(0, 10), last: list.at(-1)!.postDate.slice(0, 10), noOccurrences: list.length, total: money(sum) }],
    };
  });
  const months = monthCount(s);
  const debits = s.transactions.filter((t) => t.direction === "debit").reduce((n, t) => n + centsOf(t), 0);
  const loanRepayments = s.transactions.filter((t) => t.class === "loan-repayment").reduce((n, t) => n + centsOf(t), 0);
  const assetCents = mine.reduce((n, a) => n + Math.max(0, Math.round(Number(a.balance ?? 0) * 100)), 0);
  const savings = mine.filter((a) => a.class.type === "savings").reduce((n, a) => n + Math.round(Number(a.balance ?? 0) * 100), 0);
  // The income snapshot's own regular sources over the same scope, so the two always agree on
  // 3-month regular income (they once disagreed: 10040 vs 14056, each finding sources its own way).
  const recentRegular = income(s).regular;
  const regularCents = recentRegular.reduce((n, r) => n + Math.round(Number(r.previous3Months.amountAvgMonthly) * 100), 0);
  return {
    type: "affordability", id: s.id, coverageDays: coverageDays(s), fromMonth: s.fromMonth, toMonth: s.toMonth, generatedDate: generated,
    assets, external, liabilities: { credit: [], loan: [] },
    summary: {
      assets: money(assetCents), creditLimit: null, expenses: money(Math.round(debits / months)), liabilities: "0.00",
      loanRepaymentMonthly: money(Math.round(loanRepayments / months)), netPosition: money(assetCents), potentialLiabilitiesMonthly: null,
      regularIncome: { previous3Months: { avgMonthly: recentRegular.length ? money(regularCents) : null } }, savings: money(savings),
    },
    links: { ...links(s, ids), accounts: s.accounts.map((a) => `${PRODUCTION}/users/${s.userId}/accounts/${a}`) },
  } satisfies Schemas["AffordabilityResponse"];
}

export const affordabilityListItem = (body: ReturnType<typeof affordabilityBody>, institutions: string[]) =>
  ({
    type: "affordability", id: body.id, coverageDays: body.coverageDays, fromMonth: body.fromMonth, toMonth: body.toMonth, generatedDate: body.generatedDate,
    institutions, links: { self: body.links.self, income: body.links.income, expenses: body.links.expenses },
  }) satisfies Schemas["AffordabilityListData"];

/** The spec's enum spells the class "direct-cedit" (sic); every other class maps to itself. */
const affordabilityClass = (c: SandboxTransaction["class"]): Schemas["TransactionDataAffordability"]["class"] => (c === "direct-credit" ? "direct-cedit" : c);

export const affordabilityTransaction = (userId: string, t: SandboxTransaction) =>
  ({
    type: "transaction", id: t.id, account: t.account, amount: t.amount, balance: t.balance ?? "0.00", class: affordabilityClass(t.class), description: t.description,
    direction: t.direction, institution: t.institution, postDate: t.postDate, status: t.status, transactionDate: t.transactionDate,
    ...(t.subClass.code ? { subClass: { title: t.subClass.title ?? "", Code: Number(t.subClass.code) } } : {}),
    links: { account: `${PRODUCTION}/users/${userId}/accounts/${t.account}`, institution: `${PRODUCTION}/institutions/${t.institution}` },
  }) satisfies Schemas["TransactionDataAffordability"];
