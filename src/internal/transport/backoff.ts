// How long to wait before a retry the limiter does not pace: full-jitter exponential backoff, or
// the server's Retry-After plus a jitter.

/** First backoff step; doubles per retry. */
const BASE_DELAY_MS = 500;
/** Ceiling of the exponential backoff (before jitter): 0.5 s, 1 s, 2 s, 4 s, 8 s, 8 s, ... */
const MAX_DELAY_MS = 8_000;
/** Longest Retry-After we honour; a longer one is waited for this long (the call's own budget). */
const MAX_RETRY_AFTER_MS = 60_000;

/** Full-jitter exponential backoff (AWS architecture blog): uniform in [0, min(cap, base * 2^n)]. */
function backoffMs(retry: number, random = Math.random): number {
  return Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry));
}

/**
 * The wait for a Retry-After of `ms` (capped at 60 s): never shorter, plus a jitter uniform in
 * [0, min(8 s, 0.5 s + ms / 2)], so many callers told the same Retry-After do not return as one wave.
 */
function retryAfterWaitMs(ms: number, random = Math.random): number {
  const wait = Math.min(ms, MAX_RETRY_AFTER_MS);
  return wait + Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS + wait / 2));
}

/** The wait before retry number `retry` (0 for the first): Retry-After's when the server gave one, else the backoff. */
export function waitBeforeRetry(retry: number, retryAfterMs: number | undefined): number {
  return retryAfterMs === undefined ? backoffMs(retry) : retryAfterWaitMs(retryAfterMs);
}
