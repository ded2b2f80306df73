// An in-process, stateful fake of the Basiq API as a fetch function: tokens, users, consent,
// jobs whose steps advance as they are polled, accounts, paged transactions, reports, faults.
// State and its rules live in state.ts, the endpoints in routes.ts; this file is the public face.
import * as body from "./fixtures.js";
import type { SandboxStep } from "./fixtures.js";
import { routes } from "./routes.js";
import { CONNECTION_STEPS, HttpError, json, SandboxState } from "./state.js";

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

/** The last requests kept in `sandbox.requests`. */
const MAX_LOGGED = 10_000;

/** Creates a fresh sandbox; each has its own state. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const s = new SandboxState({
    transactions: options.transactions ?? 2400,
    pageSize: options.pageSize ?? 500,
    pollsPerStep: options.pollsPerStep ?? 1,
    seed: options.seed ?? 1,
    tokenExpiresIn: options.tokenExpiresIn ?? 3600,
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  const table = routes(s);
  const faults: Array<SandboxFault & { left: number }> = [];
  const requests: SandboxRequest[] = [];

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
      return json(body.errorBody(fault.status === 429 ? "rate-limited" : "service-unavailable", "Scripted fault", `The sandbox answered ${fault.status} as scripted`, s.correlation()), fault.status, headers);
    }
    for (const [method, pattern, handle] of table) {
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
    return json(body.notFoundBody(`The sandbox has no ${request.method} ${url.pathname}`, s.correlation()), 404);
  }

  return {
    async fetch(request) {
      const response = await answer(request);
      requests.push({ method: request.method, path: new URL(request.url).pathname, status: response.status });
      if (requests.length > MAX_LOGGED) requests.shift();
      return response;
    },
    consent(userId, { institutionId = "AU00000" } = {}) {
      const state = s.users.get(userId);
      if (!state) throw new Error(`sandbox.consent: no user ${userId} (create one with POST /users first)`);
      const connectionId = s.id("conn");
      state.connections.set(connectionId, body.connectionBody(userId, connectionId, institutionId, s.now()));
      const job = s.startJob(userId, "connection", institutionId, CONNECTION_STEPS);
      job.source = `${body.PRODUCTION}/users/${userId}/connections/${connectionId}`;
      return { jobId: job.id, connectionId };
    },
    failNextJob(step, result = { code: "invalid-credentials", title: "Cannot login to target institution", detail: "The credentials supplied were refused by the institution." }) {
      s.nextFailure = { step, result };
    },
    fault(fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    requests,
  };
}
