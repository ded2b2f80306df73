// Every numeric option of the SDK with its documented range, and the one check they all pass. A
// value outside its range (NaN, Infinity, a negative, a fraction where a count is meant, a delay past
// what setTimeout keeps) is refused with a BasiqError naming the option, at construction or at the
// call: NaN compares false both ways and Infinity overflows a timer, so either used to mean "wait
// for ever" or "fail at once". No value means "forever".
import { BasiqError } from "../errors.js";

/** Longest delay setTimeout keeps, in ms (about 24.8 days): a longer one fires at once (Node warns, TimeoutOverflowWarning). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The range of one numeric option. */
export interface NumericRange {
  /** Smallest value allowed (inclusive, unless `above`). */
  min: number;
  /** Largest value allowed (inclusive). */
  max: number;
  /** True when `min` itself is not allowed (a rate of 0 sends nothing). */
  above?: boolean;
  /** True for counts: a whole number. */
  integer?: boolean;
  /** What the number counts, for the message ("ms", "bytes", ...). */
  unit: string;
}

/** Every numeric option and its range: the ranges the JSDoc of each option states. */
export const NUMERIC_OPTIONS = {
  /** Retries after the first attempt: more than 10 (each backoff up to 8 s) is a call that never ends for its caller. */
  maxRetries: { min: 0, max: 10, integer: true, unit: "retries" },
  /** Per attempt: 0 fails every attempt at once; past MAX_TIMER_MS the timer fires at once. */
  timeoutMs: { min: 1, max: MAX_TIMER_MS, unit: "ms" },
  /** 0 accepts only empty bodies. */
  maxResponseBytes: { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true, unit: "bytes" },
  /** 0 lets nothing through (every call waited for ever). */
  "rateLimit.maxConcurrency": { min: 1, max: 10_000, integer: true, unit: "requests" },
  /** 0 or less sends nothing (it was read as "unlimited"); below one request in 1,000 s, no call could wait for its turn. */
  "rateLimit.requestsPerSecond": { min: 0.001, max: 1_000_000, unit: "requests per second" },
  /** 0: fail at once on any rate limit. */
  "rateLimit.maxRateLimitWaitMs": { min: 0, max: MAX_TIMER_MS, unit: "ms" },
  /** waitForJob's deadline. */
  "waitForJob timeoutMs": { min: 1, max: MAX_TIMER_MS, unit: "ms" },
  /** waitForJob's first wait between polls (below 100 ms it is 100 ms). */
  "waitForJob intervalMs": { min: 0, max: MAX_TIMER_MS, unit: "ms" },
} as const satisfies Record<string, NumericRange>;

/** A numeric option's name, as {@link NUMERIC_OPTIONS} lists it. */
export type NumericOption = keyof typeof NUMERIC_OPTIONS;

/** What was given, for the message: a number as it is, anything else by its type (it could be a secret put in the wrong place). */
function given(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  return value === null ? "null" : `a ${typeof value}`;
}

/** "from 1 to 10", "above 0 and at most 1000000". */
function span(range: NumericRange): string {
  return range.above ? `above ${range.min} and at most ${range.max}` : `from ${range.min} to ${range.max}`;
}

/**
 * `value` when it is a number in the option's range, `undefined` when it is undefined (the default
 * applies); anything else is a BasiqError naming the option (`label` when it is given another name
 * where it was set, e.g. "init.timeoutMs").
 */
export function numericOption(name: NumericOption, value: unknown, label: string = name): number | undefined {
  if (value === undefined) return undefined;
  const range: NumericRange = NUMERIC_OPTIONS[name];
  const inRange = typeof value === "number" && Number.isFinite(value)
    && (range.above ? value > range.min : value >= range.min) && value <= range.max
    && (!range.integer || Number.isInteger(value));
  if (!inRange) {
    throw new BasiqError(`${label} must be ${range.integer ? "a whole number" : "a finite number"} ${span(range)} (${range.unit}); got ${given(value)}`);
  }
  return value as number;
}

/** The per-client and per-request retry options, checked (see {@link numericOption}); `where` prefixes each name ("init." for a call's). */
export function checkRetryOptions(options: { maxRetries?: unknown; timeoutMs?: unknown; maxResponseBytes?: unknown } | undefined, where = ""): void {
  if (options === undefined || options === null) return;
  numericOption("maxRetries", options.maxRetries, `${where}maxRetries`);
  numericOption("timeoutMs", options.timeoutMs, `${where}timeoutMs`);
  numericOption("maxResponseBytes", options.maxResponseBytes, `${where}maxResponseBytes`);
}

/** The `rateLimit` option, checked: false, undefined, or an object whose numbers are in range. */
export function checkRateLimitOptions(rateLimit: unknown): void {
  if (rateLimit === undefined || rateLimit === false) return;
  if (typeof rateLimit !== "object" || rateLimit === null || Array.isArray(rateLimit)) {
    throw new BasiqError(`rateLimit must be an object ({ maxConcurrency, requestsPerSecond, maxRateLimitWaitMs }) or false; got ${given(rateLimit)}`);
  }
  const { maxConcurrency, requestsPerSecond, maxRateLimitWaitMs } = rateLimit as Record<string, unknown>;
  numericOption("rateLimit.maxConcurrency", maxConcurrency);
  numericOption("rateLimit.requestsPerSecond", requestsPerSecond);
  numericOption("rateLimit.maxRateLimitWaitMs", maxRateLimitWaitMs);
}
