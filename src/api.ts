// basiq.api: an openapi-fetch client over the merged paths, with the authorised, retrying
// transport beneath it (no middleware of its own). The only change to openapi-fetch's behaviour: a 2xx body that is not JSON
// (or an empty one) rejects with a BasiqError carrying the status, rather than a raw
// SyntaxError or a silent `undefined`; a missing, empty, "." or ".." path parameter is a
// BasiqError before anything is sent; and an aborted call rejects with the AbortError BasiqError.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/index.js";
import { abortedOr } from "./internal/abort.js";
import { emptyBodyError, invalidBodyError } from "./internal/api-error.js";
import { operationAt } from "./internal/operations.js";
import { checkRetryOptions } from "./internal/numeric-options.js";
import { checkPathParams } from "./internal/path.js";
import type { Call, Transport } from "./internal/transport/call.js";
import type { RetryOptions } from "./types.js";

/** The raw typed client: `basiq.api.GET("/users/{userId}", { params: { path: { userId } } })`. */
export type BasiqApi = Client<paths>;

/** 2xx statuses that carry no body. */
const EMPTY_BY_DESIGN = new Set([204, 205]);

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type Init = Record<string, unknown> | undefined;
type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * The typed client over `transport`. Each call hands the transport its own fetch, which carries
 * the call's operation, path template and retry options (taken out of `init`) as one object.
 * `prepare`: make bodyless calls without a signal Requests the transport can send as they are
 * (Call.prepared; for a user's fetch, which takes a Request only).
 */
export function createApi(baseUrl: string, transport: Transport, { prepare = true }: { prepare?: boolean } = {}): BasiqApi {
  // Accept JSON unless a call asks otherwise (retrieveReport also offers application/pdf).
  // Every call passes its own fetch (below); this one only stands behind a bypass of `call`.
  const fallback = (sent: Request) => transport(sent, { operation: undefined, path: new URL(sent.url).pathname, options: {} });
  const raw = createClient<paths>({ baseUrl, fetch: fallback, headers: { Accept: "application/json" } });
  const request = raw.request as unknown as (method: string, path: string, init: Init) => Promise<Result>;
  // Once a middleware is added, the Request the transport gets may be one it made (with a signal of its own).
  let hooked = false;

  async function call(method: string, path: string, given: Init): Promise<Result> {
    try {
      return await send(method, path, given);
    } catch (error) {
      // Whatever stage saw the abort (the token wait, the limiter, fetch, a backoff), the caller gets one BasiqError.
      throw abortedOr(error, given?.signal as AbortSignal | undefined, `${method} ${path}`);
    }
  }

  async function send(method: string, path: string, given: Init): Promise<Result> {
    checkPathParams(method, path, (given?.params as { path?: Record<string, unknown> } | undefined)?.path);
    if (given?.maxRetries !== undefined || given?.timeoutMs !== undefined || given?.maxResponseBytes !== undefined) checkRetryOptions(given, "init.");
    const { maxRetries, timeoutMs, retryNonIdempotent, maxResponseBytes, ...rest } = (given ?? {}) as Record<string, unknown> & RetryOptions;
    const operation = operationAt(method, path);
    // A bodyless call nobody can abort gets a Request the transport sends as it is (see Call.prepared),
    // when its fetch is a user's (the platform's takes the attempt's signal as init instead).
    const prepared = prepare && rest.body === undefined && rest.signal == null ? new AbortController() : undefined;
    const unabortable = rest.signal == null && !hooked;
    const state: Call = { operation, path, options: { maxRetries, timeoutMs, retryNonIdempotent, maxResponseBytes }, prepared, unabortable };
    const fetch = (sent: Request) => transport(sent, state);
    // Other parse modes (text, blob, stream...) hand the body over unparsed: nothing to guard.
    const unparsed = rest.parseAs !== undefined && rest.parseAs !== "json";
    const parseAs = unparsed ? rest.parseAs : "text";
    const init = prepared ? { ...rest, fetch, parseAs, signal: prepared.signal, redirect: "manual" } : { ...rest, fetch, parseAs };
    if (unparsed) return request(method, path, init);
    const result = await request(method, path, init);
    if (!result.response.ok) return result;
    if (typeof result.data !== "string" || result.data === "") {
      // An empty body is right for 204/205, HEAD, and what the spec declares bodiless; anywhere
      // else it is a response cut short.
      if (EMPTY_BY_DESIGN.has(result.response.status) || method === "HEAD" || operation?.empty === true) {
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
    use: (...middleware: Parameters<typeof raw.use>) => {
      hooked = true;
      raw.use(...middleware);
    },
    eject: raw.eject,
  };
  for (const method of METHODS) api[method] = (path: string, init: Init) => call(method, path, init);
  return api as unknown as BasiqApi;
}
