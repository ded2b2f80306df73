// An in-process, stateful fake of the Basiq API as a fetch function, answering every operation of
// the seven specs. State and its rules live in state.ts, the endpoints in routes/ (one file per
// spec area), bodies in their own files; this file is the public face.
import { advance, type AdvanceOptions, type AdvanceResult, type PendingRates } from "./advance.js";
import { timeOptions } from "./time-options.js";
import type { DeliverTo } from "./deliveries.js";
import type { SandboxDelivery } from "./events.js";
import * as body from "./fixtures.js";
import type { SandboxStep } from "./fixtures.js";
import { consentBody } from "./catalog.js";
import { HttpError, json } from "./http.js";
import { type SandboxRateLimit, tokenBucket } from "./rate-limit.js";
import { checkRequest } from "./requests.js";
import { routes } from "./routes/index.js";
import { listen, type Listening, type ListenOptions } from "./serve.js";
import { settleJobs } from "./jobs.js";
import { SandboxState } from "./state.js";

export type { SandboxDelivery } from "./events.js";
export type { SandboxRateLimit } from "./rate-limit.js";
export type { AdvanceOptions, AdvanceResult, PendingRates } from "./advance.js";
export type { Listening, ListenOptions } from "./serve.js";
export { REDELIVERY_MS, type DeliverTo } from "./deliveries.js";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** The only API key POST /token accepts (any other: 401, as Basiq answers a wrong key). @default any key */
  apiKey?: string;
  /** Transactions generated for each connection (over the 180 days to `today`). @default 2400 */
  transactions?: number;
  /** Default and largest `limit` of the paged lists (transactions, reports, snapshot transactions). @default 500 */
  pageSize?: number;
  /** Polls of GET /jobs/{jobId} after which a job step finishes (`Infinity`: polling alone never finishes one). @default 1 */
  pollsPerStep?: number;
  /** Milliseconds of clock (real or fake timers) after which a job step finishes without polls (`Infinity`: only polls). @default 1000 */
  stepMs?: number;
  /** Seed of the generated accounts, transactions and webhook secrets. @default 1 */
  seed?: number;
  /** Lifetime of the tokens it issues, in seconds. @default 3600 */
  tokenExpiresIn?: number;
  /** Last day (YYYY-MM-DD) of the generated transactions (`advance` moves it). @default today (UTC) */
  today?: string;
  /** New transactions per connection per day as `advance` moves the clock. @default transactions / 180 (the generated history's rate) */
  transactionsPerDay?: number;
  /** How pending transactions come and go as days pass (each rate from 0 to 1; see {@link PendingRates}). @default { share: 0.5, postRate: 0.25, preauthPostRate: 0.07, reissueRate: 1 } */
  pending?: Partial<PendingRates>;
  /** Receives each webhook message, signed as Basiq signs it (also kept in `sandbox.deliveries`). @default none */
  onWebhook?: (delivery: SandboxDelivery) => unknown;
  /**
   * Which webhooks registered through the API get real HTTP POSTs (signed, redelivered on Basiq's
   * schedule after a non-2xx): "loopback" (127.0.0.1, localhost, [::1]), "any" http(s) URL, or "none".
   * @default "loopback"
   */
  deliverWebhooks?: DeliverTo;
  /** Multiplies every delay of the redelivery schedule (0.001 turns +5 min into 0.3 s; 0: all at once). @default 1 */
  deliveryTimeScale?: number;
  /** A token bucket in front of every route but POST /token: over it, 429 (with `Retry-After` when `retryAfter`). @default none */
  rateLimit?: SandboxRateLimit;
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
  /**
   * Completes a consent for `userId` (what the Consent UI does): a consent, a connection and its job.
   * `institutionId` defaults to "AU00000"; with `mfa` (the answers, one per prompt) the job stops at an
   * `mfa-challenge` step until POST /jobs/{jobId}/mfa (CLIENT_ACCESS token) sends those answers.
   */
  consent(userId: string, options?: { institutionId?: string; mfa?: string[] }): { jobId: string; connectionId: string };
  /** Makes the next job started fail at `step`, with this result. */
  failNextJob(step: SandboxStep["title"], result?: { code: string; title: string; detail: string }): void;
  /** Scripts a failure for the next matching requests. */
  fault(fault: SandboxFault): void;
  /** The requests answered, oldest first (the last 10,000). */
  readonly requests: readonly SandboxRequest[];
  /** The webhook messages posted, signed, oldest first (the last 1,000). */
  readonly deliveries: readonly SandboxDelivery[];
  /**
   * Moves the sandbox clock `days` days forward, one day at a time, deterministically by `seed`:
   * running jobs finish, pending transactions post or are re-issued under new ids, new ones arrive,
   * consents warn and expire; the events are raised (GET /events, webhooks). Requests made meanwhile
   * wait for it.
   */
  advance(options: AdvanceOptions): Promise<AdvanceResult>;
  /** Serves this sandbox over HTTP on 127.0.0.1 (Node, Deno, Bun); `port: 0` picks a free port. */
  listen(options?: ListenOptions): Promise<Listening>;
  /** Closes every server `listen` started and cancels pending webhook redeliveries (POSTs in flight are aborted). */
  close(): Promise<void>;
}

/** The last requests kept in `sandbox.requests`. */
const MAX_LOGGED = 10_000;

/**
 * The answer with its links on the origin the request came in on, as a server behind its own host
 * writes them: served on a loopback port, the sandbox's links point back at it (so basiq.follow,
 * which only follows links on its baseUrl's origin, can follow them). Reached as `sandbox.fetch`
 * with the default baseUrl, nothing changes.
 */
async function atOrigin(response: Response, origin: string): Promise<Response> {
  if (origin === body.PRODUCTION || !/json/i.test(response.headers.get("content-type") ?? "")) return response;
  const text = (await response.text()).replaceAll(body.PRODUCTION, origin);
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}

/** Creates a fresh sandbox; each has its own state. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const s = new SandboxState({
    apiKey: options.apiKey,
    transactions: options.transactions ?? 2400,
    pageSize: options.pageSize ?? 500,
    pollsPerStep: options.pollsPerStep ?? 1,
    stepMs: options.stepMs ?? 1000,
    seed: options.seed ?? 1,
    tokenExpiresIn: options.tokenExpiresIn ?? 3600,
    today: options.today ?? new Date().toISOString().slice(0, 10),
    ...timeOptions(options),
    onWebhook: options.onWebhook,
  });
  const match = routes(s);
  const faults: Array<SandboxFault & { left: number }> = [];
  const requests: SandboxRequest[] = [];
  let pending: Promise<unknown> = Promise.resolve();
  const limited = options.rateLimit ? tokenBucket(options.rateLimit) : undefined;
  const servers = new Set<Listening>();

  function takeFault(method: string, path: string): SandboxFault | undefined {
    const index = faults.findIndex((f) => (!f.method || f.method === method) && (f.path === undefined ||
      (f.path instanceof RegExp ? f.path.test(path) : new RegExp(`^${f.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path))));
    if (index === -1) return undefined;
    const fault = faults[index]!;
    if (--fault.left <= 0) faults.splice(index, 1);
    return fault;
  }

  /** The request entry point: the rate limit, scripted faults, then time-driven job progress, then the route. */
  async function answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const refusal = limited?.(request.method, url.pathname);
    if (refusal) return json(body.errorBody("rate-limited", "Too many requests", "The sandbox's rate limit was exceeded", s.correlation()), 429, refusal.headers);
    const fault = takeFault(request.method, url.pathname);
    if (fault) {
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      return json(body.faultBody(fault.status, s.correlation()), fault.status, headers);
    }
    try {
      await pending;
      await settleJobs(s);
      const found = match(request.method, url.pathname);
      if (!found) throw new HttpError(404, body.notFoundBody(`No route ${request.method} ${url.pathname} in the Basiq API`, s.correlation()));
      // Who is calling first (401, or 403 for an expired token), then whether the request fits its spec (400).
      if (found.route.path !== "/token") s.authenticate(request);
      await checkRequest(`${found.route.method} ${found.route.path}`, request, url, () => s.correlation());
      return await found.route.handle({ request, params: found.params, url });
    } catch (error) {
      if (error instanceof HttpError) return json(error.payload, error.status, error.headers);
      throw error;
    }
  }

  const sandbox: Sandbox = {
    async fetch(request) {
      const response = await atOrigin(await answer(request), new URL(request.url).origin);
      requests.push({ method: request.method, path: new URL(request.url).pathname, status: response.status });
      if (requests.length > MAX_LOGGED) requests.shift();
      return response;
    },
    consent(userId, { institutionId = "AU00000", mfa } = {}) {
      const state = s.users.get(userId);
      if (!state) throw new Error(`sandbox.consent: no user ${userId} (create one with POST /users first)`);
      const consentId = s.uuid();
      state.consents.set(consentId, consentBody(consentId, s.now(), "active"));
      const { jobId, connectionId, notified } = s.connect(userId, institutionId, "open-banking", mfa);
      // The next request waits until the messages these events post are signed.
      pending = Promise.all([pending, notified, s.notify.emit("consent.created", userId, `${body.PRODUCTION}/users/${userId}/consents`)]).catch(() => undefined);
      return { jobId, connectionId };
    },
    failNextJob(step, result = { code: "invalid-credentials", title: "Cannot login to target institution", detail: "The credentials supplied were refused by the institution." }) {
      s.nextFailure = { step, result };
    },
    fault(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    requests,
    get deliveries() {
      return s.notify.deliveries;
    },
    advance(options) {
      const moved = pending.then(() => advance(s, options));
      pending = moved.catch(() => undefined);
      return moved;
    },
    async listen(options) {
      const server = await listen((request) => sandbox.fetch(request), options);
      servers.add(server);
      return { url: server.url, close: () => (servers.delete(server), server.close()) };
    },
    async close() {
      s.http.close();
      await Promise.all([...servers].map((server) => server.close()));
      servers.clear();
    },
  };
  return sandbox;
}
