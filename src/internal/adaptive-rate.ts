// The limiter's send rate for one bucket: unlimited (or the caller's ceiling) until the server
// refuses; then a slow start from what got through, and after the next refusal CUBIC around the
// rate that was refused (AWS smithy's DefaultRateLimiter), scaled to the rate so it recovers in
// about a second whatever the server's limit.

/** Rate kept after a refusal: the multiplicative decrease (AWS: beta 0.7). */
const BETA = 0.7;
/** CUBIC's growth, relative to the refused rate: back to it one second after the decrease. */
const CUBIC_SCALE = (1 - BETA) / 1;
/** Slow start doubles the rate this often until the first refusal of the episode. */
const DOUBLING_MS = 250;
/** Lowest send rate: one request per two seconds (AWS's minFillRate 0.5). */
export const MIN_RATE = 0.5;
/** A rate this high is no limit at all: the bucket goes back to unlimited. */
const UNLIMITED_FROM = 10_000;
/** Successes are counted in these slots to measure what got through in the last second. */
const SLOT_MS = 100;
const SLOTS = 10;

/** The shareable state of a rate curve (what a store keeps so that processes agree). */
export interface RateCurve {
  /** "slow": doubling from `rate`; "cubic": CUBIC around `wmax`. */
  mode: "slow" | "cubic";
  /** Starting rate of a slow start, or the refused rate of a CUBIC curve (req/s). */
  rate: number;
  /** When the curve started (ms since the epoch). */
  since: number;
}

/** Requests per second allowed at `now` by `curve` (Infinity when unlimited), capped at `ceiling`. */
export function rateAt(curve: RateCurve | undefined, now: number, ceiling = Infinity): number {
  if (curve === undefined) return ceiling;
  const seconds = Math.max(0, now - curve.since) / 1000;
  const rate = curve.mode === "slow"
    ? curve.rate * 2 ** ((seconds * 1000) / DOUBLING_MS)
    : curve.rate * (1 + CUBIC_SCALE * (seconds - 1) ** 3);
  if (rate >= UNLIMITED_FROM) return ceiling;
  return Math.min(ceiling, Math.max(MIN_RATE, rate));
}

/** The curve after a refusal at `now`, given the current one and what got through in the last second. */
export function afterRefusal(curve: RateCurve | undefined, now: number, ceiling: number, succeededLastSecond: number): RateCurve {
  const current = rateAt(curve, now, ceiling);
  if (!Number.isFinite(current)) {
    // First refusal with no rate known: start from what the server let through.
    return { mode: "slow", rate: Math.max(MIN_RATE, succeededLastSecond), since: now };
  }
  return { mode: "cubic", rate: Math.max(MIN_RATE, current), since: now };
}

/** Successes over the last second, in 100 ms slots (no timer: slots are aged on use). */
export class SuccessMeter {
  readonly #counts = new Array<number>(SLOTS).fill(0);
  #slot = 0;

  /** Counts one success at `now`. */
  add(now: number): void {
    this.#age(now);
    this.#counts[this.#slot % SLOTS]! += 1;
  }

  /** Successes in the last second before `now`. */
  lastSecond(now: number): number {
    this.#age(now);
    return this.#counts.reduce((a, b) => a + b, 0);
  }

  #age(now: number): void {
    const slot = Math.floor(now / SLOT_MS);
    if (slot - this.#slot >= SLOTS) this.#counts.fill(0);
    else for (let s = this.#slot + 1; s <= slot; s++) this.#counts[s % SLOTS] = 0;
    if (slot > this.#slot) this.#slot = slot;
  }
}

/** The decrease applied on a refusal, for the README and tests. */
export const DECREASE = BETA;
