// The fetch layer under basiq.api: per-attempt timeouts covering the body, and retries (p-retry)
// by a policy that never silently repeats a POST that may have been processed.
import pRetry, { AbortError } from "p-retry";
import { BasiqError } from "./errors.js";
import { bufferResponse, discard } from "./internal/body.js";
import { delay } from "./internal/delay.js";

/** Retry and timeout settings; per client, and per request on `init` (which wins). */
export interface RetryOptions {
  /** Retries after the first attempt (0 disables retrying). @default 3 */
  maxRetries?: number;
  /** Deadline of each attempt in ms, covering the response headers and the whole body. @default 60_000 */
  timeoutMs?: number;
  /**
   * Also retry non-idempotent requests (POST) after a 5xx, a network error or a timeout. Only
   * for calls you know are safe to repeat: the first attempt may have been processed. @default false
   */
  retryNonIdempotent?: boolean;
}

/** The fetch signature openapi-fetch calls. */
export type FetchLike = (request: Request) => Promise<Response>;

const RETRY_STATUSES = new Set([
  429, // rate limited: refused, not processed, so safe to replay for every method
  500, // server error
  502, // bad gateway
  503, // unavailable
  504, // gateway timeout
]);

/** Methods whose repetition has no further effect (RFC 9110 §9.2.2), safe to retry after any failure. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/** First backoff step; doubles per retry. */
const BASE_DELAY_MS = 500;
/** Ceiling of the exponential backoff (before jitter): 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, ... */
const MAX_DELAY_MS = 8_000;
/** Longest Retry-After we honour; a longer one is waited for this long (the call's own budget). */
const MAX_RETRY_AFTER_MS = 60_000;

export const RETRY_DEFAULTS: Required<RetryOptions> = { maxRetries: 3, timeoutMs: 60_000, retryNonIdempotent: false };

/** A failed attempt the policy may retry, carrying what the final error or response would be. */
class Transient extends Error {
  constructor(
    /** The error to throw when no retry is left (network error, timeout). */
    readonly error: BasiqError | undefined,
    /** Server-requested wait before the next attempt. */
    readonly retryAfterMs?: number,
  ) {
    super("transient");
  }
}

/** Parses Retry-After (delta-seconds or HTTP-date) into ms from now; undefined when absent or bad. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(cap, base * 2^n)]. */
export function backoffMs(retry: number, random = Math.random): number {
  return Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry));
}

/** Per-request options: openapi-fetch copies unknown `init` keys onto the Request it builds. */
function settingsOf(request: Request, defaults: Required<RetryOptions>): Required<RetryOptions> {
  const own = request as Request & RetryOptions;
  return {
    maxRetries: own.maxRetries ?? defaults.maxRetries,
    timeoutMs: own.timeoutMs ?? defaults.timeoutMs,
    retryNonIdempotent: own.retryNonIdempotent ?? defaults.retryNonIdempotent,
  };
}

/** `POST /token` only mints a token: repeating it has no effect beyond a fresh token. */
function isTokenRequest(method: string, pathname: string): boolean {
  return method === "POST" && pathname.endsWith("/token");
}

/**
 * Wraps `fetchFn` with the retry policy and per-attempt deadlines. Each attempt sends a copy (a
 * clone when there is a body), so the caller's Request stays intact for the next attempt and for
 * a 401 replay.
 * Resolves a Response whose body is already read in full; a retryable status that outlives its
 * retries is returned as a Response, network errors and timeouts reject with a BasiqError.
 */
export function createRetryingFetch(fetchFn: FetchLike, defaults: Required<RetryOptions>): FetchLike {
  return (request) => {
    const settings = settingsOf(request, defaults);
    const { pathname } = new URL(request.url);
    const label = `${request.method} ${pathname}`;
    const retriesFailures = IDEMPOTENT_METHODS.has(request.method) || settings.retryNonIdempotent || isTokenRequest(request.method, pathname);
    const signal = request.signal;

    const once = async (attemptNumber: number): Promise<Response> => {
      const last = attemptNumber > settings.maxRetries;
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      const timer = setTimeout(() => controller.abort(TIMED_OUT), settings.timeoutMs);
      try {
        // Only a body needs cloning (it is a one-shot stream); a bodyless request is re-wrapped as is.
        const response = await fetchFn(new Request(request.body === null ? request : request.clone(), { signal: controller.signal }));
        if (!last && RETRY_STATUSES.has(response.status) && (response.status === 429 || retriesFailures)) {
          discard(response);
          throw new Transient(undefined, parseRetryAfter(response.headers.get("retry-after")));
        }
        return await bufferResponse(response, controller.signal);
      } catch (error) {
        if (error instanceof Transient) throw error;
        // The caller's abort is final and surfaces as the caller's reason, as fetch does.
        if (signal.aborted) throw new AbortError(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
        const timedOut = controller.signal.aborted && controller.signal.reason === TIMED_OUT;
        const failure = timedOut
          ? new BasiqError(`${label} timed out after ${settings.timeoutMs} ms`, { method: request.method, path: pathname })
          : new BasiqError(`${label} failed: ${describe(error)}`, { method: request.method, path: pathname, cause: error });
        if (!retriesFailures) throw new AbortError(failure);
        throw new Transient(failure);
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      }
    };

    const willRetry = (error: Error, retriesLeft: number) => error instanceof Transient && retriesLeft > 0 && !signal.aborted;
    const waitBefore = (error: Transient, retry: number) =>
      delay(error.retryAfterMs === undefined ? backoffMs(retry) : Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS), signal);
    const unwrap = (error: unknown) => {
      if (error instanceof Transient) return error.error ?? signal.reason;
      return error instanceof AbortError ? error.originalError : error;
    };

    // The first attempt runs on its own: most calls succeed at once, and p-retry's setup would
    // cost every one of them (~20 us a call in a CPU profile of make bench's request loop).
    // From the first retry on, p-retry runs them.
    return once(1).catch(async (first: unknown) => {
      if (!(first instanceof Transient) || !willRetry(first, settings.maxRetries)) throw unwrap(first);
      await waitBefore(first, 0);
      return pRetry((attempt) => once(attempt + 1), {
        retries: settings.maxRetries - 1,
        minTimeout: 0, // the wait is ours (Retry-After, full jitter), in onFailedAttempt
        signal,
        shouldRetry: ({ error, retriesLeft }) => willRetry(error, retriesLeft),
        onFailedAttempt: async ({ error, retriesLeft, retriesConsumed }) => {
          if (willRetry(error, retriesLeft)) await waitBefore(error as Transient, retriesConsumed + 1);
        },
      }).catch((error: unknown) => {
        throw unwrap(error);
      });
    });
  };
}

/** Marks an attempt aborted by its own deadline (vs the caller's signal). */
const TIMED_OUT = new Error("attempt deadline");

/** A short, secret-free description of a network failure (undici hides the reason in `cause`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
