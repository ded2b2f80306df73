// basiq.api: an openapi-fetch client over the merged paths, with auth middleware and the retrying
// fetch beneath it. The only change to openapi-fetch's behaviour: a 2xx body that is not JSON
// (or an empty one) rejects with a BasiqError carrying the status, rather than a raw
// SyntaxError or a silent `undefined`; and a missing, empty, "." or ".." path parameter is a
// BasiqError before anything is sent.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/index.js";
import { operationTable } from "../generated/operations.js";
import { emptyBodyError, invalidBodyError } from "./internal/api-error.js";
import { checkPathParams } from "./internal/path.js";
import type { FetchLike } from "./retry.js";

/** The raw typed client: `basiq.api.GET("/users/{userId}", { params: { path: { userId } } })`. */
export type BasiqApi = Client<paths>;

/** 2xx statuses that carry no body. */
const EMPTY_BY_DESIGN = new Set([204, 205]);

/** "METHOD /path" of the operations whose success response the specs declare without a body. */
const DECLARED_EMPTY = new Set(Object.values(operationTable).filter((op) => "empty" in op).map((op) => `${op.method} ${op.path}`));

/**
 * "METHOD /path" of the POSTs the spec overlays mark safe to repeat (refreshConnections and
 * refreshConnection: Basiq answers a repeated refresh with the job already running). They default
 * to `retryNonIdempotent: true`, so a 5xx, network error or timeout is retried like a GET; a caller's
 * own `retryNonIdempotent` still wins.
 */
const SAFE_TO_REPEAT = new Set(Object.values(operationTable).filter((op) => "idempotent" in op).map((op) => `${op.method} ${op.path}`));

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type Init = Record<string, unknown> | undefined;
type Result = { data?: unknown; error?: unknown; response: Response };

export function createApi(baseUrl: string, fetchFn: FetchLike, middleware: Middleware[]): BasiqApi {
  // Accept JSON unless a call asks otherwise (retrieveReport also offers application/pdf).
  const raw = createClient<paths>({ baseUrl, fetch: fetchFn, headers: { Accept: "application/json" } });
  raw.use(...middleware);
  const request = raw.request as unknown as (method: string, path: string, init: Init) => Promise<Result>;

  async function call(method: string, path: string, given: Init): Promise<Result> {
    checkPathParams(method, path, (given?.params as { path?: Record<string, unknown> } | undefined)?.path);
    const init = given?.retryNonIdempotent === undefined && SAFE_TO_REPEAT.has(`${method} ${path}`) ? { ...given, retryNonIdempotent: true } : given;
    // Other parse modes (text, blob, stream...) hand the body over unparsed: nothing to guard.
    if (init?.parseAs !== undefined && init.parseAs !== "json") return request(method, path, init);
    const result = await request(method, path, { ...init, parseAs: "text" });
    if (!result.response.ok) return result;
    if (typeof result.data !== "string" || result.data === "") {
      // An empty body is right for 204/205, HEAD, and what the spec declares bodiless; anywhere
      // else it is a response cut short.
      if (EMPTY_BY_DESIGN.has(result.response.status) || method === "HEAD" || DECLARED_EMPTY.has(`${method} ${path}`)) {
        return { data: undefined, response: result.response };
      }
      throw emptyBodyError(method, path, result.response);
    }
    try {
      return { data: JSON.parse(result.data), response: result.response };
    } catch {
      throw invalidBodyError(method, path, result.response);
    }
  }

  const api: Record<string, unknown> = {
    request: (method: string, path: string, init: Init) => call(method.toUpperCase(), path, init),
    use: raw.use,
    eject: raw.eject,
  };
  for (const method of METHODS) api[method] = (path: string, init: Init) => call(method, path, init);
  return api as unknown as BasiqApi;
}
