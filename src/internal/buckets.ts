// The limiter's buckets: which one a call's limit lives in (from the operation table's flags),
// what each bucket remembers, and how long a refusal pauses it.
import { type RateCurve, Meter } from "./adaptive-rate.js";
import type { Operation } from "./operations.js";

/**
 * Where a request's limit lives. Basiq documents /token apart (1,500 calls per 5 minutes per IP)
 * and daily quotas on generating reports and affordability/income/expense summaries.
 */
export type Bucket = "token" | "quota" | "api";

/** The bucket of an operation, by the overlays' flags (x-basiq-token-endpoint, x-basiq-daily-quota). */
export function bucketOf(operation: Operation | undefined): Bucket {
  if (operation?.tokenEndpoint) return "token";
  if (operation?.dailyQuota) return "quota";
  return "api";
}

/** First step of the pause after a refusal without Retry-After; doubles per refusal in a row. */
const PAUSE_BASE_MS = 100;
/** Ceiling of that pause (before jitter), as the retry backoff's. */
const PAUSE_MAX_MS = 8_000;
/** Jitter added to a Retry-After pause: up to a tenth of it, at most this. */
const MAX_RESUME_JITTER_MS = 1_000;

/** The pause after refusal number `refusals` in a row: Retry-After plus a jitter, else a jittered doubling backoff. */
export function pauseAfterRefusal(refusals: number, retryAfterMs: number | undefined): number {
  return retryAfterMs === undefined
    ? Math.random() * Math.min(PAUSE_MAX_MS, PAUSE_BASE_MS * 2 ** (refusals - 1))
    : retryAfterMs + Math.random() * Math.min(MAX_RESUME_JITTER_MS, retryAfterMs / 10);
}

/** What one bucket of a limiter remembers. */
export interface BucketState {
  curve: RateCurve | undefined;
  curveReadAt: number;
  /** Attempts let through, and those not refused, in the last second. */
  sent: Meter;
  succeeded: Meter;
  /** End of the bucket's pause as last learned here. */
  pausedUntil: number;
  /** The one timer of this bucket's pause, shared by every waiter. */
  wait: { until: number; done: Promise<void> } | undefined;
  /** Refusals since the last success (the backoff's exponent). */
  refusals: number;
  /** The end of the queue of callers taking turns for send slots. */
  pacing: Promise<void>;
}

/** A bucket before its first call. */
export function newBucketState(): BucketState {
  return { curve: undefined, curveReadAt: 0, sent: new Meter(), succeeded: new Meter(), pausedUntil: 0, wait: undefined, refusals: 0, pacing: Promise.resolve() };
}
