// The reporting spec's bodies: an affordability report (Conn_Affor_Report) computed from the
// user's transactions, its list item, its transactions, and the catalogue of report types.
import type { reporting } from "../../generated/index.js";
import type { PostedTransaction as SandboxTransaction, SandboxAccount } from "./accounts.js"; // summaries read posted rows only
import { PRODUCTION } from "./fixtures.js";
import { centsOf, money } from "./summaries.js";

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

/** One group of the report: a class of transaction with its range, totals and averages. */
function group(id: string, title: string, section: string, list: SandboxTransaction[], everything: number) {
  const amounts = list.map(centsOf);
  const sum = amounts.reduce((a, b) => a + b, 0);
  const days = list.map((t) => t.postDate.slice(0, 10)).sort();
  const months = new Set(list.map((t) => t.postDate.slice(0, 7))).size || 1;
  return {
    id, title, sections: [section],
    analysis: {
      summary: { transactionCount: list.length, overallPercentage: { credit: section === "income" ? Math.round((list.length / Math.max(1, everything)) * 100) : 0, debit: section === "income" ? 0 : Math.round((list.length / Math.max(1, everything)) * 100) } },
      range: { startDate: days[0] ?? "", endDate: days.at(-1) ?? "", duration: days.length ? Math.round((Date.parse(days.at(-1)!) - Date.parse(days[0]!)) / 86_400_000) + 1 : 0 },
      amount: {
        total: money(sum), min: money(amounts.length ? Math.min(...amounts) : 0), max: money(amounts.length ? Math.max(...amounts) : 0),
        average: { transaction: money(list.length ? Math.round(sum / list.length) : 0), month: money(Math.round(sum / months)) },
      },
    },
  };
}

/** An affordability report: metrics and groups over the user's transactions, with their accounts. */
export const reportBody = (id: string, request: ReportRequest, created: string, transactions: SandboxTransaction[], accounts: SandboxAccount[]) => {
  const sum = (direction: "credit" | "debit") => transactions.filter((t) => t.direction === direction).reduce((s, t) => s + centsOf(t), 0);
  const byClass = new Map<string, SandboxTransaction[]>();
  for (const t of transactions) byClass.set(`${t.direction}:${t.class}`, [...(byClass.get(`${t.direction}:${t.class}`) ?? []), t]);
  return {
    type: "report", id, title: request.title, reportType: request.reportType, createdDate: created, createdBy: "sandbox",
    filters: request.filters.map((f) => ({ name: f.name, value: f.value })),
    data: {
      metrics: [
        { id: "ME001", title: "Total credits", sections: ["income"], result: { value: money(sum("credit")), format: "currency" } },
        { id: "ME002", title: "Total debits", sections: ["expenses"], result: { value: money(sum("debit")), format: "currency" } },
        { id: "ME003", title: "Transactions", sections: ["summary"], result: { value: transactions.length, format: "number" } },
      ],
      groups: [...byClass].map(([key, list], i) => group(`GR${String(i + 1).padStart(3, "0")}`, key.replace(":", " "), key.startsWith("credit") ? "income" : "expenses", list, transactions.length)),
      accounts: accounts.map((a) => ({
        id: a.id, accountNo: a.accountNo, name: a.name, currency: a.currency, balance: a.balance ?? "", availableFunds: a.availableFunds ?? "", lastUpdated: a.lastUpdated,
        institution: a.institution, class: a.class, transactionIntervals: a.transactionIntervals, accountHolder: a.accountHolder ?? "", accountOwnership: a.accountOwnership,
        connection: a.connection, status: a.status, links: { self: `${PRODUCTION}/accounts/${a.id}` },
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
