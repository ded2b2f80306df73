// The fetch layer under basiq.api: per-attempt timeouts covering headers and body, a cap on body
// size, no redirect to another origin, and retries (p-retry) by a policy that never silently
// repeats a POST that may have been processed.
import pRetry, { AbortError } from "p-retry";
import { BasiqError } from "./errors.js";
import type { Events } from "./events.js";
import { raceSignal } from "./internal/abort.js";
import { BodyTooLarge, bufferResponse, discard } from "./internal/body.js";
import { delay } from "./internal/delay.js";
import { sendFollowingSameOrigin } from "./internal/redirect.js";
import { RETRY_COST, TIMEOUT_RETRY_COST } from "./internal/retry-budget.js";
import { type Bucket, bucketOf, type Limiter, type Permit } from "./limiter.js";

/** Retry, timeout and size settings; per client, and per request on `init` (which wins). */
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
  /** Largest response body accepted, in bytes; a larger one fails with a BasiqError, unretried. @default 67_108_864 (64 MiB) */
  maxResponseBytes?: number;
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

/** Far above any Basiq page or report; a body this large is a fault, not data. */
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export const RETRY_DEFAULTS: Required<RetryOptions> = {
  maxRetries: 3,
  timeoutMs: 60_000,
  retryNonIdempotent: false,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};

/** A failed attempt the policy may retry, carrying what the final error or response would be. */
class Transient extends Error {
  constructor(
    /** The error to throw when no retry is left (network error, timeout). */
    readonly error: BasiqError | undefined,
    /** Server-requested wait before the next attempt. */
    readonly retryAfterMs?: number,
    /** What failed, for the `retry` event: the status, "timeout" or "network error". */
    readonly reason = "transient",
    /** The limiter holds the next attempt (its pause, its rate): no wait of our own. */
    readonly paced = false,
  ) {
    super("transient");
  }

  /** The status of the failed attempt, when it was a response. */
  get status(): number | undefined {
    return /^\d+$/.test(this.reason) ? Number(this.reason) : undefined;
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/**
 * The three HTTP-date forms (RFC 9110 §5.6.7), as [day, month, year, hh, mm, ss] groups:
 * IMF-fixdate, and the obsolete RFC 850 and asctime forms a recipient must accept. Parsed by hand:
 * Date.parse also takes "-1" or "1.5" (as dates in the past), and reads asctime as local time.
 */
const HTTP_DATES: Array<[RegExp, (m: string[]) => string[]]> = [
  [/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/, (m) => m.slice(1)],
  [/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/,
    // RFC 9110: a two-digit year more than 50 years in the future is in the past century.
    (m) => [m[1]!, m[2]!, String(Number(m[3]) + (Number(m[3]) + 2000 > new Date().getUTCFullYear() + 50 ? 1900 : 2000)), m[4]!, m[5]!, m[6]!]],
  [/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/, (m) => [m[2]!.trim(), m[1]!, m[6]!, m[3]!, m[4]!, m[5]!]],
];

/** Ms since the epoch of an HTTP-date, or undefined when `text` is not one. */
function parseHttpDate(text: string): number | undefined {
  for (const [pattern, fields] of HTTP_DATES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [day, month, year, hh, mm, ss] = fields(match).map((f, i) => (i === 1 ? MONTHS.indexOf(f) : Number(f)));
    if (month! < 0 || day! < 1 || day! > 31 || hh! > 23 || mm! > 59 || ss! > 60) return undefined;
    return Date.UTC(year!, month!, day!, hh, mm, ss);
  }
  return undefined;
}

/**
 * Parses Retry-After into ms from now: delta-seconds (digits only) or an HTTP-date. Anything else
 * ("-5", "1.5", "soon") is undefined, so the exponential backoff applies.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = parseHttpDate(trimmed);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(cap, base * 2^n)]. */
export function backoffMs(retry: number, random = Math.random): number {
  return Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry));
}

/**
 * The wait for a Retry-After of `ms` (capped at 60 s): never shorter, plus a jitter uniform in
 * [0, min(8 s, 0.5 s + ms / 2)], so many callers told the same Retry-After do not return as one wave.
 */
export function retryAfterWaitMs(ms: number, random = Math.random): number {
  const wait = Math.min(ms, MAX_RETRY_AFTER_MS);
  return wait + Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS + wait / 2));
}

/** Per-request options: openapi-fetch copies unknown `init` keys onto the Request it builds. */
function settingsOf(request: Request, defaults: Required<RetryOptions>): Required<RetryOptions> {
  const own = request as Request & RetryOptions;
  return {
    maxRetries: own.maxRetries ?? defaults.maxRetries,
    timeoutMs: own.timeoutMs ?? defaults.timeoutMs,
    retryNonIdempotent: own.retryNonIdempotent ?? defaults.retryNonIdempotent,
    maxResponseBytes: own.maxResponseBytes ?? defaults.maxResponseBytes,
  };
}

/** Where a request's path template is kept (set by {@link pathTemplateMiddleware}), for events and errors. */
export const PATH_TEMPLATE = Symbol("basiq.pathTemplate");

/** openapi-fetch middleware: tags each request with its path template, so events never name ids from the URL. */
export const pathTemplateMiddleware = {
  onRequest({ request, schemaPath }: { request: Request; schemaPath: string }) {
    (request as Request & { [PATH_TEMPLATE]?: string })[PATH_TEMPLATE] = schemaPath;
    return undefined;
  },
};

/** What the fetch layer reports to and asks of the client: its limiter (none with `rateLimit: false`) and events. */
export interface FetchHooks {
  limiter?: Limiter;
  events?: Events;
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
export function createRetryingFetch(fetchFn: FetchLike, defaults: Required<RetryOptions>, hooks: FetchHooks = {}): FetchLike {
  const { limiter, events } = hooks;
  return (request) => {
    const settings = settingsOf(request, defaults);
    const { pathname } = new URL(request.url);
    const label = `${request.method} ${pathname}`;
    const retriesFailures = IDEMPOTENT_METHODS.has(request.method) || settings.retryNonIdempotent || isTokenRequest(request.method, pathname);
    const signal = request.signal;
    const started = Date.now();
    const call = { method: request.method, path: (request as Request & { [PATH_TEMPLATE]?: string })[PATH_TEMPLATE] ?? pathname };
    const bucket: Bucket = bucketOf(request.method, pathname);
    /** Cost of the last retry taken from the limiter's budget (refunded by a success). */
    let lastCost: number | undefined;
    /** A retry is allowed when attempts are left and the client's retry budget can pay for it. */
    const mayRetry = (last: boolean, cost: number) => {
      if (last) return false;
      if (!limiter) return true;
      if (!limiter.budget.take(cost)) return false;
      lastCost = cost;
      return true;
    };

    const once = async (attemptNumber: number): Promise<Response> => {
      const last = attemptNumber > settings.maxRetries;
      const permit = limiter ? await admit(limiter, bucket, signal, call) : undefined;
      if (events?.wants("request")) events.emit({ type: "request", ...call, attempt: attemptNumber, elapsedMs: Date.now() - started, waitMs: permit?.waitedMs ?? 0 });
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      const timer = setTimeout(() => controller.abort(TIMED_OUT), settings.timeoutMs);
      try {
        // Raced against the signal: undici has lost the abort while waiting for headers (see
        // sendFollowingSameOrigin for the other half of that fix).
        const response = await raceSignal(sendFollowingSameOrigin(fetchFn, request, controller.signal), controller.signal);
        if (permit && response.status === 429) return await refused(permit, response, 429, last, attemptNumber, controller.signal);
        if (RETRY_STATUSES.has(response.status) && (response.status === 429 || retriesFailures) && mayRetry(last, RETRY_COST)) {
          discard(response);
          throw new Transient(undefined, parseRetryAfter(response.headers.get("retry-after")), String(response.status));
        }
        const buffered = await bufferResponse(response, controller.signal, settings.maxResponseBytes);
        if (permit && bucket === "token" && response.status === 403 && (await isInvalidRequest(buffered))) return await refused(permit, buffered, 403, last, attemptNumber);
        if (permit) {
          limiter!.succeeded(permit);
          if (response.status < 500) limiter!.budget.succeed(lastCost);
        }
        if (events?.wants("response")) events.emit({ type: "response", ...call, attempt: attemptNumber, status: response.status, elapsedMs: Date.now() - started, waitMs: 0, correlationId: response.headers.get("x-correlation-id") ?? undefined });
        return buffered;
      } catch (error) {
        if (error instanceof Transient || error instanceof AbortError) throw error;
        // The caller's abort is final and surfaces as the caller's reason, as fetch does.
        if (signal.aborted) throw new AbortError(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
        // Not retried: the same request would get the same body.
        if (error instanceof BodyTooLarge) throw new AbortError(tooLarge(label, error, { method: request.method, path: pathname }));
        // Our own refusals (a redirect to another origin) are final too.
        if (error instanceof BasiqError) throw new AbortError(error);
        const timedOut = controller.signal.aborted && controller.signal.reason === TIMED_OUT;
        const failure = timedOut
          ? new BasiqError(`${label} timed out after ${settings.timeoutMs} ms`, { method: request.method, path: pathname })
          : new BasiqError(`${label} failed: ${describe(error)}`, { method: request.method, path: pathname, cause: error });
        if (!retriesFailures || !mayRetry(last, TIMEOUT_RETRY_COST)) throw new AbortError(failure);
        throw new Transient(failure, undefined, timedOut ? "timeout" : "network error");
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        permit?.release();
      }
    };

    /**
     * A refusal goes to the limiter, which pauses the bucket for every caller; the retry then waits
     * in the limiter (not here). A daily quota or a wait longer than allowed rejects now.
     */
    const refused = async (permit: Permit, response: Response, status: 429 | 403, last: boolean, attempt: number, unread?: AbortSignal): Promise<Response> => {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      const correlationId = response.headers.get("x-correlation-id") ?? undefined;
      const { pauseMs, error } = await limiter!.refused(permit, status, retryAfterMs, limiter!.maxWaitMs, { ...call, correlationId });
      if (events?.wants("rate-limited")) {
        events.emit({ type: "rate-limited", ...call, attempt, status, elapsedMs: Date.now() - started, waitMs: Math.round(pauseMs), retryAfterMs, bucket: permit.bucket, correlationId });
      }
      if (error) {
        discard(response);
        throw new AbortError(error);
      }
      if (mayRetry(last, RETRY_COST)) {
        discard(response);
        throw new Transient(undefined, undefined, String(status), true);
      }
      // Out of retries: the refusal is the answer (ops turns it into a RateLimitError).
      return unread ? await bufferResponse(response, unread, settings.maxResponseBytes) : response;
    };

    const willRetry = (error: Error, retriesLeft: number) => error instanceof Transient && retriesLeft > 0 && !signal.aborted;
    const waitBefore = (error: Transient, retry: number, attempt: number) => {
      const waitMs = error.paced ? 0 : error.retryAfterMs === undefined ? backoffMs(retry) : retryAfterWaitMs(error.retryAfterMs);
      if (events?.wants("retry")) {
        events.emit({ type: "retry", ...call, attempt, status: error.status, reason: error.reason, elapsedMs: Date.now() - started, waitMs });
      }
      return delay(waitMs, signal);
    };
    const unwrap = (error: unknown) => {
      if (error instanceof Transient) return error.error ?? signal.reason;
      return error instanceof AbortError ? error.originalError : error;
    };

    // The first attempt runs on its own: most calls succeed at once, and p-retry's setup would
    // cost every one of them (~20 us a call in a CPU profile of make bench's request loop).
    // From the first retry on, p-retry runs them.
    return once(1).catch(async (first: unknown) => {
      if (!(first instanceof Transient) || !willRetry(first, settings.maxRetries)) throw unwrap(first);
      await waitBefore(first, 0, 1);
      return pRetry((attempt) => once(attempt + 1), {
        retries: settings.maxRetries - 1,
        minTimeout: 0, // the wait is ours (Retry-After, full jitter), in onFailedAttempt
        signal,
        shouldRetry: ({ error, retriesLeft }) => willRetry(error, retriesLeft),
        onFailedAttempt: async ({ error, retriesLeft, retriesConsumed, attemptNumber }) => {
          if (willRetry(error, retriesLeft)) await waitBefore(error as Transient, retriesConsumed + 1, attemptNumber + 1);
        },
      }).catch((error: unknown) => {
        throw unwrap(error);
      });
    });
  };
}

/** Waits for the limiter; its refusal (RateLimitError) or the caller's abort ends the call. */
async function admit(limiter: Limiter, bucket: Bucket, signal: AbortSignal, call: { method: string; path: string }): Promise<Permit> {
  try {
    return await limiter.acquire(bucket, signal, limiter.maxWaitMs, call);
  } catch (error) {
    const reason = signal.aborted ? signal.reason : error;
    throw new AbortError(reason instanceof Error ? reason : new Error(String(reason)));
  }
}

/** /token's 403 "Invalid request" is Basiq's answer to too many token calls from one IP, not an auth failure. */
async function isInvalidRequest(response: Response): Promise<boolean> {
  try {
    return /invalid request/i.test(await response.clone().text());
  } catch {
    return false;
  }
}

/** The error for a body over maxResponseBytes. */
function tooLarge(label: string, error: BodyTooLarge, fields: { method: string; path: string }): BasiqError {
  const size = error.declared === undefined ? "" : ` (content-length ${error.declared})`;
  return new BasiqError(`${label} -> ${error.status} with a body over maxResponseBytes (${error.limit} bytes)${size}; refused`, { status: error.status, ...fields });
}

/** Marks an attempt aborted by its own deadline (vs the caller's signal). */
const TIMED_OUT = new Error("attempt deadline");

/** A short, secret-free description of a network failure (undici hides the reason in `cause`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
