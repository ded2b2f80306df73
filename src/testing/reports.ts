// The reporting spec's bodies: an affordability report (Conn_Affor_Report) computed from the
// user's transactions, its list item, its transactions, and the catalogue of report types.
import type { reporting } from "../../generated/index.js";
import type { PostedTransaction as SandboxTransaction, SandboxAccount } from "./accounts.js"; // summaries read posted rows only
import { PRODUCTION } from "./fixtures.js";
import { centsOf, dayOf, daysBetween, FREQUENCIES, income, median, money, monthsBefore, regularGap } from "./summaries.js";

type Schemas = reporting.components["schemas"];
export type ReportRequest = Schemas["reportRequest"];

/** The report types the sandbox generates (GET /reports/types). */
export const REPORT_TYPES = [
  { id: "CON_AFFOR_01", name: "Affordability report", description: "Income, expenses and balances of consumer accounts." },
  { id: "CON_INCOME_01", name: "Income report", description: "Regular and irregular income of consumer accounts." },
  { id: "CON_EXPENSES_01", name: "Expenses report", description: "Spending of consumer accounts by category." },
] as const;

const FILTERS = [{ name: "users", type: "string[]", required: true }, { name: "accounts", type: "string[]", required: false }, { name: "fromDate", type: "date", required: false }, { name: "toDate", type: "date", required: false }];

export const reportTypesBody = () =>
  ({ type: "list", count: REPORT_TYPES.length, data: REPORT_TYPES.map((t) => ({ type: "reportType", id: t.id, name: t.name, description: t.description, filters: FILTERS })) }) satisfies Schemas["reportType"];

export const reportTypeBody = (type: (typeof REPORT_TYPES)[number]) =>
  ({ id: type.id, name: type.name, type: "reportType", description: type.description, count: 1, filters: FILTERS, data: [{ type: "reportType", id: type.id, name: type.name, description: type.description, filters: FILTERS }] }) satisfies Schemas["reportTypeID"];

/** ISO 8601 durations and display names of the frequencies the summaries detect (the spec's example: P1M, "Monthly"). */
const PERIODS: Record<string, [type: string, display: string]> = {
  daily: ["P1D", "Daily"], weekly: ["P1W", "Weekly"], "bi-weekly": ["P2W", "Fortnightly"], monthly: ["P1M", "Monthly"],
  "bi-monthly": ["P2M", "Bi-monthly"], quarterly: ["P3M", "Quarterly"], "half-year": ["P6M", "Half-yearly"], yearly: ["P1Y", "Yearly"],
};

/**
 * The analysis of a list of transactions (a group or a subgroup) over the report's months: counts,
 * range, amounts with medians, `stableMonths` (the run of months, ending at the last month of the
 * report, in which it occurred), `secureMonths` (those of the run at or above its median month),
 * and its frequency when its transactions recur (Basiq's "irregular" otherwise).
 */
function analysis(list: SandboxTransaction[], everything: SandboxTransaction[], months: string[]) {
  const oldestFirst = [...list].sort((a, b) => (a.postDate < b.postDate ? -1 : a.postDate > b.postDate ? 1 : 0));
  const amounts = oldestFirst.map(centsOf);
  const sum = amounts.reduce((a, b) => a + b, 0);
  const days = oldestFirst.map(dayOf);
  const perMonth = months.map((month) => oldestFirst.filter((t) => t.postDate.startsWith(month)).reduce((n, t) => n + centsOf(t), 0));
  let stable = 0;
  while (stable < perMonth.length && perMonth[perMonth.length - 1 - stable] !== 0) stable++;
  const medianMonth = median(perMonth.map(Math.abs));
  const secure = perMonth.slice(perMonth.length - stable).filter((c) => Math.abs(c) >= medianMonth).length;
  const gap = regularGap(oldestFirst);
  const last = oldestFirst.at(-1);
  const frequency = gap === undefined || !last
    ? { type: "irregular", amount: money(list.length ? Math.round(sum / list.length) : 0), display: "Irregular" }
    : {
      type: PERIODS[FREQUENCIES.find(([max]) => gap <= max)![1]]![0], amount: last.amount, display: PERIODS[FREQUENCIES.find(([max]) => gap <= max)![1]]![1],
      next: { date: new Date(Date.parse(dayOf(last)) + gap * 86_400_000).toISOString().slice(0, 10), amount: last.amount },
    };
  const share = Math.round((list.length / Math.max(1, everything.length)) * 100);
  const credit = list.some((t) => t.direction === "credit");
  return {
    summary: { transactionCount: list.length, overallPercentage: { credit: credit ? share : 0, debit: credit ? 0 : share } },
    range: { startDate: days[0] ?? "", endDate: days.at(-1) ?? "", duration: days.length ? daysBetween(days[0]!, days.at(-1)!) : 0 },
    amount: {
      total: money(sum), min: money(amounts.length ? Math.min(...amounts) : 0), max: money(amounts.length ? Math.max(...amounts) : 0),
      average: {
        transaction: money(list.length ? Math.round(sum / list.length) : 0), month: money(Math.round(sum / Math.max(1, months.length))),
        medianTransaction: money(median(amounts)), medianMonth: money(median(perMonth)),
        // Still paid: its next occurrence is not yet overdue at the report's end.
        ongoingMonth: money(gap !== undefined && stable > 0 ? Math.round(sum / Math.max(1, months.length)) : 0),
      },
      stableMonths: stable, secureMonths: secure,
    },
    frequency,
  };
}

/**
 * A report group (a class of transaction) with one subgroup per account and description (as the
 * income summary finds sources: one employer paying two accounts is two), each listing its transactions.
 */
function group(id: string, title: string, section: string, list: SandboxTransaction[], everything: SandboxTransaction[], months: string[]) {
  const bySource = new Map<string, SandboxTransaction[]>();
  for (const t of list) bySource.set(`${t.account}\u0000${t.description}`, [...(bySource.get(`${t.account}\u0000${t.description}`) ?? []), t]);
  return {
    id, title, sections: [section], analysis: analysis(list, everything, months),
    subgroup: [...bySource].map(([key, items]) => ({
      id: hash(key), name: items[0]!.description, analysis: analysis(items, everything, months),
      transactions: items.map((t) => ({ id: t.id, date: t.postDate, description: t.description, amount: t.amount })),
    })),
  };
}

/** A 32-hex-digit id for a subgroup, from its name (the spec's example ids are 32 hex digits). */
function hash(text: string): string {
  let out = "";
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, "0");
  }
  return out;
}

/** The report's transactions: the chosen accounts' within fromDate..toDate (both optional, YYYY-MM-DD, inclusive). */
export function reportScope(request: ReportRequest, all: SandboxTransaction[], accounts: SandboxAccount[]) {
  const value = (name: string) => request.filters.find((f) => f.name === name)?.value;
  const ids = value("accounts");
  const chosen = Array.isArray(ids) && ids.length > 0 ? accounts.filter((a) => ids.includes(a.id)) : accounts;
  const from = value("fromDate");
  const to = value("toDate");
  const transactions = all.filter((t) => chosen.some((a) => a.id === t.account) && (typeof from !== "string" || dayOf(t) >= from) && (typeof to !== "string" || dayOf(t) <= to));
  return { accounts: chosen, transactions, from: typeof from === "string" ? from : undefined, to: typeof to === "string" ? to : undefined };
}

/** Every month (YYYY-MM) from `from` to `to`. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let month = from; month <= to && out.length < 240; month = monthsBefore(month, -1)) out.push(month);
  return out;
}

/** A metric as the spec's examples write it: its value as text, its format integer, money or percent. */
const metric = (id: string, title: string, description: string, section: string, value: string, format: "integer" | "money" | "percent") =>
  ({ id, title, description, sections: [section], result: { value, format } });

/**
 * An affordability report over the scope's transactions (reportScope): metrics computed by the same
 * income summary as POST /users/{userId}/income (so the two agree), and groups by class.
 */
export const reportBody = (id: string, request: ReportRequest, created: string, scoped: ReturnType<typeof reportScope>, userId: string, today: string) => {
  const { transactions, accounts } = scoped;
  const days = transactions.map(dayOf).sort();
  const fromMonth = (scoped.from ?? days[0] ?? today).slice(0, 7);
  const toMonth = (scoped.to ?? days.at(-1) ?? today).slice(0, 7);
  const months = monthsOf(fromMonth, toMonth);
  const oldestFirst = [...transactions].sort((a, b) => (a.postDate < b.postDate ? -1 : a.postDate > b.postDate ? 1 : 0));
  const incomeSummary = income({ userId, id, accounts: accounts.map((a) => a.id), fromMonth, toMonth, transactions: oldestFirst, today });
  const sum = (direction: "credit" | "debit") => transactions.filter((t) => t.direction === direction).reduce((n, t) => n + centsOf(t), 0);
  const perMonth = (cents: number) => money(Math.round(cents / Math.max(1, months.length)));
  const debits = -sum("debit");
  const cash = -transactions.filter((t) => t.class === "cash-withdrawal").reduce((n, t) => n + centsOf(t), 0);
  const salary = incomeSummary.regular.reduce((n, r) => n + Math.round(Number(r.previous3Months.amountAvgMonthly) * 100), 0);
  const byClass = new Map<string, SandboxTransaction[]>();
  for (const t of transactions) byClass.set(`${t.direction}:${t.class}`, [...(byClass.get(`${t.direction}:${t.class}`) ?? []), t]);
  let credits = 0;
  let spends = 0;
  return {
    type: "report", id, title: request.title, reportType: request.reportType, createdDate: created, createdBy: "sandbox",
    filters: request.filters.map((f) => ({ name: f.name, value: f.value })),
    data: {
      metrics: [
        metric("ME001", "# OF IDENTIFIED SALARY SOURCES", "Number of recent salary income sources", "Income Sources", String(incomeSummary.regular.length), "integer"),
        metric("ME002", "Average monthly amount from salary", "Mean monthly amount from salary income sources over the reporting period", "Income Sources", incomeSummary.summary.regularIncomeAvg ?? "0.00", "money"),
        metric("ME004", "OTHER POSSIBLE INCOME MONTHLY", "Mean monthly income from sources not covered within Salary and Benefits", "Income Sources", incomeSummary.summary.irregularIncomeAvg ?? "0.00", "money"),
        metric("ME018", "% OF SALARY INCOME WITHDRAWN VIA ATM", "Cash withdrawn at ATMs as a share of the salary of the last 3 months", "Financial Commitments", salary > 0 ? String(Math.round((cash / months.length / salary) * 100)) : "0", "percent"),
        metric("ME040", "Average Monthly Credits", "Mean monthly total of credits over the reporting period", "Summary", perMonth(sum("credit")), "money"),
        metric("ME041", "Average Monthly Debits", "Mean monthly total of debits over the reporting period", "Summary", perMonth(debits), "money"),
        metric("ME043", "# of ongoing regular income sources", "Regular income sources still paying at the end of the reporting period", "Income Sources", String(incomeSummary.regular.filter((r) => (r.current.nextDate ?? "") >= (scoped.to ?? today)).length), "integer"),
      ],
      groups: [...byClass].map(([key, list]) => {
        const credit = key.startsWith("credit");
        const n = credit ? ++credits : ++spends;
        return group(`${credit ? "INC" : "EXP"}-${String(n).padStart(3, "0")}`, key.split(":")[1]!.replace(/-/g, " ").replace(/\b[a-z]/g, (c) => c.toUpperCase()), credit ? "Income" : "Expenses", list, transactions, months);
      }),
      accounts: accounts.map((a) => ({
        id: a.id, accountNo: a.accountNo, name: a.name, currency: a.currency, balance: a.balance ?? "", availableFunds: a.availableFunds ?? "", lastUpdated: a.lastUpdated,
        institution: a.institution, class: a.class, transactionIntervals: a.transactionIntervals, accountHolder: a.accountHolder ?? "", accountOwnership: a.accountOwnership,
        connection: a.connection, status: a.status, creditLimit: a.creditLimit ?? "0.00",
        links: { self: `${PRODUCTION}/users/${userId}/accounts/${a.id}`, institution: `${PRODUCTION}/institutions/${a.institution}`, transactions: `${PRODUCTION}/users/${userId}/transactions?filter=account.id.eq('${a.id}')` },
      })),
    },
    transactions: `${PRODUCTION}/reports/${id}/transactions`,
    links: { self: `${PRODUCTION}/reports/${id}` },
  } satisfies Schemas["Conn_Affor_Report"];
};
export type SandboxReport = ReturnType<typeof reportBody>;

export const reportSummary = (report: SandboxReport) =>
  ({
    type: "report", id: report.id, title: report.title, reportType: report.reportType, createdDate: report.createdDate, createdBy: report.createdBy,
    expiresAt: new Date(Date.parse(report.createdDate) + 30 * 86_400_000).toISOString(), links: { self: report.links.self },
  }) satisfies Schemas["reportSummary"];

/** A transaction as the report lists it (the reporting spec's TransactionData). */
export const reportTransaction = (t: SandboxTransaction) => {
  // The spec requires `links` without declaring it, so they are added outside the check.
  const links = { self: `${PRODUCTION}/transactions/${t.id}`, account: `${PRODUCTION}/accounts/${t.account}`, institution: `${PRODUCTION}/institutions/${t.institution}` };
  const body = {
    type: "transaction", id: t.id, account: t.account, amount: t.amount, balance: t.balance ?? "0.00", class: t.class, connection: t.connection, description: t.description,
    direction: t.direction, institution: t.institution, postDate: t.postDate, status: t.status, transactionDate: t.transactionDate,
    enrich: {
      cleanDescription: t.enrich.cleanDescription, tags: {}, location: t.enrich.location ?? {},
      merchant: t.enrich.merchant ?? { id: "", businessName: "", ABN: "", logoMaster: "", logoThumb: "", website: "" },
      category: t.enrich.category?.anzsic ? { anzsic: { division: t.enrich.category.anzsic.division, subdivision: t.enrich.category.anzsic.subdivision, group: t.enrich.category.anzsic.group, class: t.enrich.category.anzsic.class } } : {},
    },
  } satisfies Schemas["TransactionData"];
  return { ...body, links };
};

/** The lines of a report's PDF. */
export const reportLines = (report: SandboxReport) => [
  report.title ?? "Report", `Report ${report.id} (${report.reportType}), created ${report.createdDate}`, "",
  ...report.data.metrics.map((m) => `${m.title}: ${m.result.value}`), "",
  ...report.data.accounts.map((a) => `${a.name} ${a.accountNo}: ${a.balance} ${a.currency}`),
];
