// The sandbox's routes: what each Basiq endpoint it knows answers, every body typed by fixtures.ts.
import type { data, reporting } from "../../generated/index.js";
import * as body from "./fixtures.js";
import type { SandboxTransaction, SandboxUser } from "./fixtures.js";
import { transactionFilter } from "./query.js";
import { CONNECTION_STEPS, HttpError, json, type SandboxState } from "./state.js";

export type Route = [method: string, pattern: RegExp, handle: (request: Request, params: string[], url: URL) => Response | Promise<Response>];

/** The offset a `next` cursor stands for, or NaN for one the sandbox did not issue. */
function decodeCursor(cursor: string): number {
  try {
    const match = /^offset:(\d+)$/.exec(atob(cursor));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** GET /users/{userId}/transactions: filtered, `limit` at a time, with absolute production links.next. */
function transactionsPage(s: SandboxState, userId: string, url: URL): Response {
  const state = s.userOf(userId);
  let keep: (t: SandboxTransaction) => boolean;
  try {
    keep = transactionFilter(url.searchParams.get("filter"));
  } catch (error) {
    throw new HttpError(400, body.badRequestBody((error as Error).message, "filter", s.correlation()));
  }
  const { pageSize } = s.options;
  const limit = Math.min(pageSize, Number(url.searchParams.get("limit") ?? pageSize) || pageSize);
  const cursor = url.searchParams.get("next");
  const offset = cursor === null ? 0 : decodeCursor(cursor);
  if (!Number.isInteger(offset) || offset < 0) throw new HttpError(400, body.badRequestBody("Invalid next cursor", "next", s.correlation()));
  const matching = state.transactions.filter(keep);
  const items = matching.slice(offset, offset + limit);
  const nextCursor = offset + limit < matching.length ? btoa(`offset:${offset + limit}`) : undefined;
  const next = nextCursor === undefined ? undefined : `${body.PRODUCTION}/users/${userId}/transactions?limit=${limit}&next=${encodeURIComponent(nextCursor)}`;
  return json(body.transactionsPage(userId, items, matching.length, next));
}

export function routes(s: SandboxState): Route[] {
  const bad = (detail: string, parameter: string) => new HttpError(400, body.badRequestBody(detail, parameter, s.correlation()));
  return [
    ["POST", /^\/token$/, async (request) => {
      if (!/^Basic \S+$/.test(request.headers.get("authorization") ?? "")) throw new HttpError(401, body.unauthorizedBody("POST /token needs Authorization: Basic <API key>", s.correlation()));
      if (request.headers.get("basiq-version") !== "3.0") throw bad("basiq-version must be 3.0", "basiq-version");
      const form = new URLSearchParams(await request.text());
      const scope = form.get("scope") ?? "SERVER_ACCESS";
      const userId = form.get("userId") ?? undefined;
      if (scope !== "SERVER_ACCESS" && scope !== "CLIENT_ACCESS") throw bad(`Unknown scope ${scope}`, "scope");
      if (scope === "CLIENT_ACCESS" && !userId) throw bad("CLIENT_ACCESS needs a userId", "userId");
      const token = s.id(scope === "CLIENT_ACCESS" ? "client-token" : "server-token");
      s.tokens.set(token, { scope, userId, expiresAt: Date.now() + s.options.tokenExpiresIn * 1000 });
      return json(body.tokenBody(token, s.options.tokenExpiresIn));
    }],
    ["POST", /^\/users$/, async (request) => {
      s.authorize(request);
      const input = (await request.json().catch(() => ({}))) as Partial<SandboxUser>;
      if (!input.email && !input.mobile) throw bad("A user needs an email or a mobile", "email");
      const user: SandboxUser = { id: s.id("user"), email: input.email ?? "", mobile: input.mobile ?? "", firstName: input.firstName ?? "", lastName: input.lastName ?? "" };
      s.users.set(user.id, { user, connections: new Map(), accounts: [], transactions: [] });
      return json(body.createdUser(user), 201);
    }],
    ["GET", /^\/users\/([^/]+)$/, (request, [userId]) => {
      s.authorize(request, userId);
      const state = s.userOf(userId!);
      return json(body.userBody(state.user, [...state.connections.keys()], state.accounts.map((a) => a.id)));
    }],
    ["DELETE", /^\/users\/([^/]+)$/, (request, [userId]) => {
      s.authorize(request);
      s.userOf(userId!);
      s.users.delete(userId!);
      return new Response(null, { status: 204 });
    }],
    ["GET", /^\/users\/([^/]+)\/accounts$/, (request, [userId]) => {
      s.authorize(request, userId);
      const accounts = s.userOf(userId!).accounts;
      return json({ type: "list", data: accounts, links: { self: `${body.PRODUCTION}/users/${userId}/accounts` } } satisfies data.components["schemas"]["AccountsResponseResource"]);
    }],
    ["GET", /^\/users\/([^/]+)\/accounts\/([^/]+)$/, (request, [userId, accountId]) => {
      s.authorize(request, userId);
      const account = s.userOf(userId!).accounts.find((a) => a.id === accountId);
      if (!account) throw new HttpError(404, body.notFoundBody(`Account ${accountId} not found`, s.correlation()));
      return json(account);
    }],
    ["GET", /^\/users\/([^/]+)\/connections$/, (request, [userId]) => {
      s.authorize(request, userId);
      const connections = [...s.userOf(userId!).connections.values()];
      return json({ type: "list", data: connections, links: { self: `${body.PRODUCTION}/users/${userId}/connections` } } satisfies data.components["schemas"]["ConnectionsGetResponseResource"]);
    }],
    ["POST", /^\/users\/([^/]+)\/connections\/refresh$/, (request, [userId]) => {
      s.authorize(request);
      const started = [...s.userOf(userId!).connections.values()].map((c) => s.startJob(userId!, "connection", c.institution.id, CONNECTION_STEPS));
      const links = started.map((j) => ({ type: "job", id: j.id, links: { self: `${body.PRODUCTION}/jobs/${j.id}` } }));
      return json({ type: "list", data: links } satisfies data.components["schemas"]["ConnectionsRefreshResource"], 202);
    }],
    ["GET", /^\/users\/([^/]+)\/transactions$/, (request, [userId], url) => {
      s.authorize(request, userId);
      return transactionsPage(s, userId!, url);
    }],
    ["GET", /^\/jobs\/([^/]+)$/, (request, [jobId]) => {
      s.authorize(request);
      const job = s.jobs.get(jobId!);
      if (!job) throw new HttpError(404, body.notFoundBody(`Job ${jobId} not found`, s.correlation()));
      const payload = body.jobBody(job); // the state as it was, then one step of progress for the next poll
      s.advance(job);
      return json(payload);
    }],
    ["POST", /^\/reports$/, async (request) => {
      s.authorize(request);
      const input = (await request.json().catch(() => null)) as reporting.components["schemas"]["reportRequest"] | null;
      const userIds = input?.filters?.find((f) => f.name === "users")?.value;
      const userId = Array.isArray(userIds) ? userIds[0] : userIds;
      if (!input?.reportType || !input.title || !userId) throw bad("A report needs reportType, title and a users filter", "filters");
      const state = s.userOf(userId);
      const reportId = s.id("report");
      s.reports.set(reportId, body.reportBody(reportId, input, s.now(), state.transactions));
      const job = Object.assign(s.startJob(userId, "report", "", ["create-report"]), { reportId });
      return json(body.jobStarted(job.id), 202);
    }],
    ["GET", /^\/reports\/([^/]+)$/, (request, [reportId]) => {
      s.authorize(request);
      const report = s.reports.get(reportId!);
      if (!report) throw new HttpError(404, body.notFoundBody(`Report ${reportId} not found`, s.correlation()));
      return json(report);
    }],
  ];
}
