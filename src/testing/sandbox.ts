// An in-process, stateful fake of the Basiq API as a fetch function: tokens, users, consent,
// jobs whose steps advance as they are polled, accounts, paged transactions, reports, faults.
import type { data, reporting } from "../../generated/index.js";
import * as body from "./fixtures.js";
import type { SandboxAccount, SandboxJob, SandboxStep, SandboxTransaction, SandboxUser } from "./fixtures.js";
import { transactionFilter } from "./query.js";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Transactions generated for each consented user. @default 2400 */
  transactions?: number;
  /** Default and largest `limit` of GET /users/{userId}/transactions. @default 500 */
  pageSize?: number;
  /** Polls of GET /jobs/{jobId} each job step takes to finish. @default 1 */
  pollsPerStep?: number;
  /** Seed of the generated accounts and transactions. @default 1 */
  seed?: number;
  /** Lifetime of the tokens it issues, in seconds. @default 3600 */
  tokenExpiresIn?: number;
  /** Last day (YYYY-MM-DD) of the 180 days of transactions. @default today (UTC) */
  today?: string;
}

/** A scripted failure: the next `times` matching requests get `status` instead of an answer. */
export interface SandboxFault {
  /** Status to answer with (429, 500, 502, 503, 504, ...). */
  status: number;
  /** Only this method. @default any */
  method?: string;
  /** Only this path: an exact pathname, a template such as "/users/{userId}/transactions", or a RegExp. @default any */
  path?: string | RegExp;
  /** Retry-After header value (seconds or HTTP-date). @default none */
  retryAfter?: string | number;
  /** How many requests it applies to. @default 1 */
  times?: number;
}

/** One request the sandbox answered. */
export interface SandboxRequest {
  method: string;
  path: string;
  status: number;
}

/** The fake: use `fetch` as `new Basiq({ apiKey, fetch: sandbox.fetch })`, or serve it on a port. */
export interface Sandbox {
  /** Answers a Request like the Basiq API would. */
  readonly fetch: (request: Request) => Promise<Response>;
  /** Completes a consent for `userId` (what the Consent UI does): a connection and its job. */
  consent(userId: string, options?: { institutionId?: string }): { jobId: string; connectionId: string };
  /** Makes the next job started fail at `step`, with this result. */
  failNextJob(step: SandboxStep["title"], result?: { code: string; title: string; detail: string }): void;
  /** Scripts a failure for the next matching requests. */
  fault(fault: SandboxFault): void;
  /** The requests answered, oldest first (the last 10,000). */
  readonly requests: readonly SandboxRequest[];
}

const CONNECTION_STEPS: SandboxStep["title"][] = ["verify-credentials", "retrieve-accounts", "retrieve-transactions"];
const MAX_LOGGED = 10_000;
const DAYS = 180;

interface UserState {
  user: SandboxUser;
  connections: Map<string, ReturnType<typeof body.connectionBody>>;
  accounts: SandboxAccount[];
  transactions: SandboxTransaction[];
}

/** The offset a `next` cursor stands for, or NaN for one the sandbox did not issue. */
function decodeCursor(cursor: string): number {
  try {
    const match = /^offset:(\d+)$/.exec(atob(cursor));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

class HttpError extends Error {
  constructor(readonly status: number, readonly payload: unknown, readonly headers: Record<string, string> = {}) {
    super(String(status));
  }
}

const json = (payload: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(payload), { status, headers: { "content-type": "application/json", ...headers } });

/** Creates a fresh sandbox; each has its own state. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const {
    transactions: transactionCount = 2400, pageSize = 500, pollsPerStep = 1, seed = 1, tokenExpiresIn = 3600,
    today = new Date().toISOString().slice(0, 10),
  } = options;
  const rand = body.random(seed);
  let counter = 0;
  const id = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(6, "0")}`;
  const correlation = () => id("corr");
  const now = () => new Date().toISOString();

  const tokens = new Map<string, { scope: string; userId?: string; expiresAt: number }>();
  const users = new Map<string, UserState>();
  const jobs = new Map<string, SandboxJob & { polls: number; failAt?: { step: SandboxStep["title"]; result: SandboxStep["result"] }; reportId?: string }>();
  const reports = new Map<string, ReturnType<typeof body.reportBody>>();
  const faults: Array<SandboxFault & { left: number }> = [];
  const requests: SandboxRequest[] = [];
  let nextFailure: { step: SandboxStep["title"]; result: SandboxStep["result"] } | undefined;

  const userOf = (userId: string) => {
    const state = users.get(userId);
    if (!state) throw new HttpError(404, body.notFoundBody(`User with id ${userId} not found`, correlation()));
    return state;
  };

  function startJob(userId: string, kind: SandboxJob["kind"], institutionId: string, titles: SandboxStep["title"][], source?: string) {
    const created = now();
    const job = {
      id: id("job"), userId, kind, created, updated: created, institutionId, source, polls: 0,
      steps: titles.map((title, i) => ({ title, status: i === 0 ? "in-progress" : "pending", result: null }) as SandboxStep),
      failAt: nextFailure,
    };
    nextFailure = undefined;
    jobs.set(job.id, job);
    return job;
  }

  /** What finishing a step makes exist: accounts, transactions, a report. */
  function onStepSuccess(job: SandboxJob & { reportId?: string }, title: SandboxStep["title"]) {
    const state = users.get(job.userId);
    if (title === "retrieve-accounts" && state && state.accounts.length === 0) {
      const connectionId = [...state.connections.keys()].at(-1)!;
      state.accounts = [
        body.accountBody(job.userId, id("acc"), connectionId, job.institutionId, "Everyday Account", "2480.55", now()),
        body.accountBody(job.userId, id("acc"), connectionId, job.institutionId, "Savings Account", "15300.00", now()),
      ];
    }
    if (title === "retrieve-transactions" && state && state.transactions.length === 0) state.transactions = generate(job.userId, state.accounts);
    if (title === "generate-report" && job.reportId) job.source = `${body.PRODUCTION}/reports/${job.reportId}`;
  }

  /** Advances a job by one poll: each step takes `pollsPerStep` polls, then the next starts. */
  function advance(job: SandboxJob & { polls: number; failAt?: { step: SandboxStep["title"]; result: SandboxStep["result"] } }) {
    const step = job.steps.find((s) => s.status === "in-progress");
    if (!step) return;
    if (++job.polls < pollsPerStep) return;
    job.polls = 0;
    job.updated = now();
    if (job.failAt?.step === step.title) {
      step.status = "failed";
      step.result = job.failAt.result;
      return;
    }
    step.status = "success";
    onStepSuccess(job, step.title);
    const next = job.steps.find((s) => s.status === "pending");
    if (next) next.status = "in-progress";
  }

  function generate(userId: string, accounts: SandboxAccount[]): SandboxTransaction[] {
    const end = Date.parse(`${today}T00:00:00Z`);
    const out: SandboxTransaction[] = [];
    for (let i = 0; i < transactionCount; i++) {
      const day = new Date(end - Math.floor((i / transactionCount) * DAYS) * 86_400_000).toISOString().slice(0, 10);
      const credit = i % 25 === 0;
      const cents = credit ? 250_000 + Math.floor(rand() * 50_000) : -(500 + Math.floor(rand() * 20_000));
      out.push(body.transactionBody(userId, id("txn"), accounts[i % accounts.length]!, day, cents));
    }
    return out; // newest first, as Basiq lists them
  }

  function authorize(request: Request, userId?: string) {
    const header = request.headers.get("authorization") ?? "";
    const token = tokens.get(header.replace(/^Bearer /, ""));
    if (!header.startsWith("Bearer ") || !token || token.expiresAt <= Date.now()) {
      throw new HttpError(401, body.unauthorizedBody("Missing, invalid or expired bearer token", correlation()));
    }
    if (token.scope === "CLIENT_ACCESS" && token.userId !== userId) {
      throw new HttpError(403, body.errorBody("forbidden-access", "Forbidden", "A CLIENT_ACCESS token only reaches its own user", correlation()));
    }
  }

  type Route = [method: string, pattern: RegExp, handle: (request: Request, params: string[], url: URL) => Response | Promise<Response>];
  const routes: Route[] = [
    ["POST", /^\/token$/, async (request) => {
      if (!/^Basic \S+$/.test(request.headers.get("authorization") ?? "")) throw new HttpError(401, body.unauthorizedBody("POST /token needs Authorization: Basic <API key>", correlation()));
      if (request.headers.get("basiq-version") !== "3.0") throw new HttpError(400, body.badRequestBody("basiq-version must be 3.0", "basiq-version", correlation()));
      const form = new URLSearchParams(await request.text());
      const scope = form.get("scope") ?? "SERVER_ACCESS";
      const userId = form.get("userId") ?? undefined;
      if (scope !== "SERVER_ACCESS" && scope !== "CLIENT_ACCESS") throw new HttpError(400, body.badRequestBody(`Unknown scope ${scope}`, "scope", correlation()));
      if (scope === "CLIENT_ACCESS" && !userId) throw new HttpError(400, body.badRequestBody("CLIENT_ACCESS needs a userId", "userId", correlation()));
      const token = id(scope === "CLIENT_ACCESS" ? "client-token" : "server-token");
      tokens.set(token, { scope, userId, expiresAt: Date.now() + tokenExpiresIn * 1000 });
      return json(body.tokenBody(token, tokenExpiresIn));
    }],
    ["POST", /^\/users$/, async (request) => {
      authorize(request);
      const input = (await request.json().catch(() => ({}))) as Partial<SandboxUser>;
      if (!input.email && !input.mobile) throw new HttpError(400, body.badRequestBody("A user needs an email or a mobile", "email", correlation()));
      const user: SandboxUser = { id: id("user"), email: input.email ?? "", mobile: input.mobile ?? "", firstName: input.firstName ?? "", lastName: input.lastName ?? "" };
      users.set(user.id, { user, connections: new Map(), accounts: [], transactions: [] });
      return json(body.createdUser(user), 201);
    }],
    ["GET", /^\/users\/([^/]+)$/, (request, [userId]) => {
      authorize(request, userId);
      const state = userOf(userId!);
      return json(body.userBody(state.user, [...state.connections.keys()], state.accounts.map((a) => a.id)));
    }],
    ["DELETE", /^\/users\/([^/]+)$/, (request, [userId]) => {
      authorize(request);
      userOf(userId!);
      users.delete(userId!);
      return new Response(null, { status: 204 });
    }],
    ["GET", /^\/users\/([^/]+)\/accounts$/, (request, [userId]) => {
      authorize(request, userId);
      const state = userOf(userId!);
      return json({ type: "list", data: state.accounts, links: { self: `${body.PRODUCTION}/users/${userId}/accounts` } } satisfies data.components["schemas"]["AccountsResponseResource"]);
    }],
    ["GET", /^\/users\/([^/]+)\/accounts\/([^/]+)$/, (request, [userId, accountId]) => {
      authorize(request, userId);
      const account = userOf(userId!).accounts.find((a) => a.id === accountId);
      if (!account) throw new HttpError(404, body.notFoundBody(`Account ${accountId} not found`, correlation()));
      return json(account);
    }],
    ["GET", /^\/users\/([^/]+)\/connections$/, (request, [userId]) => {
      authorize(request, userId);
      return json({ type: "list", data: [...userOf(userId!).connections.values()], links: { self: `${body.PRODUCTION}/users/${userId}/connections` } } satisfies data.components["schemas"]["ConnectionsGetResponseResource"]);
    }],
    ["POST", /^\/users\/([^/]+)\/connections\/refresh$/, (request, [userId]) => {
      authorize(request);
      const state = userOf(userId!);
      const started = [...state.connections.values()].map((c) => startJob(userId!, "connection", c.institution.id, CONNECTION_STEPS));
      return json({ type: "list", data: started.map((j) => ({ type: "job", id: j.id, links: { self: `${body.PRODUCTION}/jobs/${j.id}` } })) } satisfies data.components["schemas"]["ConnectionsRefreshResource"], 202);
    }],
    ["GET", /^\/users\/([^/]+)\/transactions$/, (request, [userId], url) => {
      authorize(request, userId);
      const state = userOf(userId!);
      let keep: (t: SandboxTransaction) => boolean;
      try {
        keep = transactionFilter(url.searchParams.get("filter"));
      } catch (error) {
        throw new HttpError(400, body.badRequestBody((error as Error).message, "filter", correlation()));
      }
      const limit = Math.min(pageSize, Number(url.searchParams.get("limit") ?? pageSize) || pageSize);
      const cursor = url.searchParams.get("next");
      const offset = cursor === null ? 0 : decodeCursor(cursor);
      if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, body.badRequestBody("Invalid next cursor", "next", correlation()));
      const matching = state.transactions.filter(keep);
      const items = matching.slice(offset, offset + limit);
      const nextCursor = offset + limit < matching.length ? btoa(`offset:${offset + limit}`) : undefined;
      const next = nextCursor === undefined ? undefined : `${body.PRODUCTION}/users/${userId}/transactions?limit=${limit}&next=${encodeURIComponent(nextCursor)}`;
      return json(body.transactionsPage(userId!, items, matching.length, next));
    }],
    ["GET", /^\/jobs\/([^/]+)$/, (request, [jobId]) => {
      authorize(request);
      const job = jobs.get(jobId!);
      if (!job) throw new HttpError(404, body.notFoundBody(`Job ${jobId} not found`, correlation()));
      const payload = body.jobBody(job); // the state as it was, then one step of progress for the next poll
      advance(job);
      return json(payload);
    }],
    ["POST", /^\/reports$/, async (request) => {
      authorize(request);
      const input = (await request.json().catch(() => null)) as reporting.components["schemas"]["reportRequest"] | null;
      const userIds = input?.filters?.find((f) => f.name === "users")?.value;
      const userId = Array.isArray(userIds) ? userIds[0] : userIds;
      if (!input?.reportType || !input.title || !userId) throw new HttpError(400, body.badRequestBody("A report needs reportType, title and a users filter", "filters", correlation()));
      const state = userOf(userId);
      const reportId = id("report");
      reports.set(reportId, body.reportBody(reportId, input, now(), state.transactions));
      const job = Object.assign(startJob(userId, "report", "", ["generate-report"]), { reportId });
      return json(body.jobStarted(job.id), 202);
    }],
    ["GET", /^\/reports\/([^/]+)$/, (request, [reportId]) => {
      authorize(request);
      const report = reports.get(reportId!);
      if (!report) throw new HttpError(404, body.notFoundBody(`Report ${reportId} not found`, correlation()));
      return json(report);
    }],
  ];

  function takeFault(method: string, path: string): SandboxFault | undefined {
    const index = faults.findIndex((f) => (!f.method || f.method === method) && (f.path === undefined ||
      (f.path instanceof RegExp ? f.path.test(path) : new RegExp(`^${f.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path))));
    if (index === -1) return undefined;
    const fault = faults[index]!;
    if (--fault.left <= 0) faults.splice(index, 1);
    return fault;
  }

  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const fault = takeFault(request.method, url.pathname);
    if (fault) {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      return json(body.errorBody(fault.status === 429 ? "rate-limited" : "service-unavailable", "Scripted fault", `The sandbox answered ${fault.status} as scripted`, correlation()), fault.status, headers);
    }
    for (const [method, pattern, handle] of routes) {
      const match = pattern.exec(url.pathname);
      if (match && method === request.method) {
        try {
          return await handle(request, match.slice(1).map(decodeURIComponent), url);
        } catch (error) {
          if (error instanceof HttpError) return json(error.payload, error.status, error.headers);
          throw error;
        }
      }
    }
    return json(body.notFoundBody(`The sandbox has no ${request.method} ${url.pathname}`, correlation()), 404);
  }

  return {
    async fetch(request) {
      const response = await answer(request);
      requests.push({ method: request.method, path: new URL(request.url).pathname, status: response.status });
      if (requests.length > MAX_LOGGED) requests.shift();
      return response;
    },
    consent(userId, { institutionId = "AU00000" } = {}) {
      const state = users.get(userId);
      if (!state) throw new Error(`sandbox.consent: no user ${userId} (create one with POST /users first)`);
      const connectionId = id("conn");
      state.connections.set(connectionId, body.connectionBody(userId, connectionId, institutionId, now()));
      const job = startJob(userId, "connection", institutionId, CONNECTION_STEPS);
      job.source = `${body.PRODUCTION}/users/${userId}/connections/${connectionId}`;
      return { jobId: job.id, connectionId };
    },
    failNextJob(step, result = { code: "invalid-credentials", title: "Cannot login to target institution", detail: "The credentials supplied were refused by the institution." }) {
      nextFailure = { step, result };
    },
    fault(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    requests,
  };
}
