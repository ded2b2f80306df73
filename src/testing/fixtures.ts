// The sandbox's response bodies, each checked against the generated schemas with `satisfies`,
// so a spec change that breaks the sandbox's shape fails the type check loudly.
import type { core, data, reporting } from "../../generated/index.js";

type CoreSchemas = core.components["schemas"];
type DataSchemas = data.components["schemas"];

/** Links in responses point at production, as Basiq's do; the client never follows their origin. */
export const PRODUCTION = "https://au-api.basiq.io";

/** A small deterministic PRNG (mulberry32), so a seed always yields the same data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SandboxUser {
  id: string;
  email: string;
  mobile: string;
  firstName: string;
  lastName: string;
}

export const tokenBody = (token: string, expiresIn: number) =>
  ({ access_token: token, token_type: "Bearer", expires_in: expiresIn }) satisfies CoreSchemas["TokenPostResponse"];

export const createdUser = (user: SandboxUser) =>
  ({
    type: "user", id: user.id, email: user.email, mobile: user.mobile, firstName: user.firstName, lastName: user.lastName,
    links: { self: `${PRODUCTION}/users/${user.id}` },
  }) satisfies CoreSchemas["UserPostResponse"];

export const userBody = (user: SandboxUser, connectionIds: string[], accountIds: string[]) =>
  ({
    type: "user", id: user.id, email: user.email, mobile: user.mobile,
    name: `${user.firstName} ${user.lastName}`, firstName: user.firstName, middleName: "", lastName: user.lastName,
    connections: { type: "list", count: connectionIds.length, data: connectionIds.map((id) => ({ type: "connection", id, links: { self: `${PRODUCTION}/users/${user.id}/connections/${id}` } })) },
    accounts: { type: "list", count: accountIds.length, data: accountIds.map((id) => ({ type: "account", id, links: { self: `${PRODUCTION}/users/${user.id}/accounts/${id}` } })) },
    links: {
      self: `${PRODUCTION}/users/${user.id}`, accounts: `${PRODUCTION}/users/${user.id}/accounts`,
      connections: `${PRODUCTION}/users/${user.id}/connections`, transactions: `${PRODUCTION}/users/${user.id}/transactions`,
    },
  }) satisfies CoreSchemas["UserGetResponse"];

export interface SandboxStep {
  title: "verify-credentials" | "retrieve-accounts" | "retrieve-transactions" | "retrieve-statements" | "create-report";
  status: "pending" | "in-progress" | "success" | "failed";
  result: { code: string; title: string; detail: string } | null;
}

export interface SandboxJob {
  id: string;
  userId: string;
  kind: "connection" | "report";
  created: string;
  updated: string;
  institutionId: string;
  steps: SandboxStep[];
  /** What the job points at when done (`links.source`). */
  source?: string;
}

/** A job as GET /jobs/{jobId} returns it: a connection job (`JobsData`) or a report job. */
export function jobBody(job: SandboxJob) {
  if (job.kind === "report") {
    return {
      type: "job", id: job.id, created: job.created, updated: job.updated, jobType: "report",
      // As the spec's Report-* examples: a report step's result is null until it succeeds.
      steps: job.steps.map((s) => ({ title: s.title, status: s.status, result: s.status === "success" ? { type: "link", url: job.source } : null })),
      links: { self: `${PRODUCTION}/jobs/${job.id}`, source: job.source },
    } satisfies CoreSchemas["ReportsJob"];
  }
  return {
    type: "job", id: job.id, created: job.created, updated: job.updated,
    institution: { id: job.institutionId, type: "institution", links: { self: `${PRODUCTION}/institutions/${job.institutionId}` } },
    steps: job.steps.map((s) => ({ title: s.title as CoreSchemas["JobsStep"]["title"], status: s.status, result: s.result ?? {} })),
    links: { self: `${PRODUCTION}/jobs/${job.id}`, source: job.source },
  } satisfies CoreSchemas["JobsData"];
}

/** The 202 body of a call that starts a job (refresh, report, statement). */
export const jobStarted = (jobId: string) => ({ type: "job", id: jobId, links: { self: `${PRODUCTION}/jobs/${jobId}` } }) satisfies reporting.components["schemas"]["job"];

export const connectionBody = (userId: string, id: string, institutionId: string, created: string) =>
  ({
    type: "connection", id, method: "open-banking", status: "active", createdDate: created, expiryDate: "2027-11-22T00:00:00Z", lastUsed: created,
    institution: { id: institutionId, type: "institution", links: { self: `${PRODUCTION}/institutions/${institutionId}` } },
    links: {
      self: `${PRODUCTION}/users/${userId}/connections/${id}`, institution: `${PRODUCTION}/institutions/${institutionId}`,
      accounts: `${PRODUCTION}/users/${userId}/accounts?filter=connection.id.eq('${id}')`,
      transactions: `${PRODUCTION}/users/${userId}/transactions?filter=connection.id.eq('${id}')`,
    },
  }) satisfies DataSchemas["ConnectionsData"];

export type SandboxAccount = DataSchemas["AccountResponseResource"];

export const accountBody = (userId: string, id: string, connectionId: string, institutionId: string, name: string, balance: string, updated: string) =>
  ({
    type: "account", id, accountNo: `083-170 ${id.slice(-6)}`, name, currency: "AUD", balance, availableFunds: balance, creditLimit: null,
    accountHolder: "Gavin Belson", accountOwnership: "ONE_PARTY", isOwned: true, class: { type: "transaction", product: name },
    connection: connectionId, institution: institutionId, lastUpdated: updated, status: "available",
    transactionIntervals: [{ from: "2026-05-26", to: updated.slice(0, 10) }],
  }) satisfies SandboxAccount;

export type SandboxTransaction = DataSchemas["TransactionData"];

const MERCHANTS = ["Woolworths", "Coles", "Qantas", "Telstra", "Bunnings", "Uber", "Officeworks", "JB Hi-Fi"];

/** A transaction of an account on `date` (YYYY-MM-DD), amount in cents (negative for debits). */
export function transactionBody(userId: string, id: string, account: SandboxAccount, date: string, cents: number): SandboxTransaction {
  const debit = cents < 0;
  const merchant = MERCHANTS[Math.abs(cents) % MERCHANTS.length]!;
  return {
    type: "transaction", id, status: "posted", description: debit ? `${merchant.toUpperCase()} SYDNEY AU` : "SALARY HOOLI PTY LTD",
    reference: "", amount: (cents / 100).toFixed(2), currency: "AUD", account: account.id, direction: debit ? "debit" : "credit",
    class: debit ? "payment" : "direct-credit", institution: account.institution, connection: account.connection,
    transactionDate: date, postDate: `${date}T00:00:00Z`, subClass: { code: debit ? "411" : "970", title: debit ? "Supermarket" : "Salary" },
    enrich: {
      location: null, cleanDescription: debit ? merchant : "Salary", tags: [],
      merchant: debit ? { id: `m-${merchant.toLowerCase()}`, businessName: merchant, ABN: "", logoMaster: "", logoThumb: "", website: "" } : null,
      category: null,
    },
    links: {
      self: `${PRODUCTION}/users/${userId}/transactions/${id}`, account: `${PRODUCTION}/users/${userId}/accounts/${account.id}`,
      institution: `${PRODUCTION}/institutions/${account.institution}`,
    },
  } satisfies SandboxTransaction;
}

export const transactionsPage = (userId: string, items: SandboxTransaction[], total: number, next: string | undefined) =>
  ({
    type: "list", count: total, size: items.length, data: items,
    links: { self: `${PRODUCTION}/users/${userId}/transactions`, ...(next === undefined ? {} : { next }) },
  }) satisfies DataSchemas["TransactionsGetResource"];

export const reportBody = (id: string, request: reporting.components["schemas"]["reportRequest"], created: string, transactions: SandboxTransaction[]) => {
  const sum = (direction: "credit" | "debit") => transactions.filter((t) => t.direction === direction).reduce((s, t) => s + Math.round(Number(t.amount) * 100), 0);
  return {
    type: "report", id, title: request.title, reportType: request.reportType, createdDate: created, createdBy: "sandbox",
    filters: request.filters.map((f) => ({ name: f.name, value: f.value })),
    data: {
      metrics: [
        { id: "ME001", title: "Total credits", sections: ["income"], result: { value: (sum("credit") / 100).toFixed(2), format: "currency" } },
        { id: "ME002", title: "Total debits", sections: ["expenses"], result: { value: (sum("debit") / 100).toFixed(2), format: "currency" } },
        { id: "ME003", title: "Transactions", sections: ["summary"], result: { value: transactions.length, format: "number" } },
      ],
    },
  } satisfies reporting.components["schemas"]["Conn_Affor_Report"];
};

/** Error bodies, in Basiq's shape. */
export const errorBody = (code: string, title: string, detail: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code, title, detail }] }) satisfies CoreSchemas["Error"];
export const notFoundBody = (detail: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code: "resource-not-found", title: "Resource not found", detail }] }) satisfies CoreSchemas["NotFoundError"];
export const unauthorizedBody = (detail: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code: "unauthorized-access", title: "Unauthorized access", detail }] }) satisfies CoreSchemas["UnauthorizedError"];
export const badRequestBody = (detail: string, parameter: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code: "parameter-not-valid", title: "Parameter not valid", detail, source: { parameter } }] }) satisfies CoreSchemas["BadRequestError"];
