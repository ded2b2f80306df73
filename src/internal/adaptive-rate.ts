// The limiter's send rate for one bucket: unlimited (or the caller's ceiling) until the server
// refuses; then a slow start from what got through, and after the next refusal CUBIC around the
// rate that was refused (AWS smithy's DefaultRateLimiter), scaled to that rate so it recovers in
// the same time whatever the server's limit. Each curve starts when the refusal's pause ends.

/** Rate kept after a refusal: the multiplicative decrease (AWS: beta 0.7). */
const BETA = 0.7;
/** Seconds CUBIC takes back to the refused rate, at least. */
const MIN_RECOVERY_S = 1;
/**
 * ...and per second of the refusal's pause: a server that asks for long pauses (Retry-After)
 * makes each refusal cost that long, so the rate comes back more slowly and probes less often.
 */
const RECOVERY_PER_PAUSE_S = 4;
/** Slow start doubles the rate this often until the first refusal of the episode. */
const DOUBLING_MS = 125;
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
  /** When the curve started (ms since the epoch): the end of the refusal's pause. */
  since: number;
  /** Seconds a CUBIC curve takes to come back to `rate`. */
  recoveryS: number;
}

/** Requests per second allowed at `now` by `curve` (Infinity when unlimited), capped at `ceiling`. */
export function rateAt(curve: RateCurve | undefined, now: number, ceiling = Infinity): number {
  if (curve === undefined) return ceiling;
  const seconds = Math.max(0, now - curve.since) / 1000;
  const rate = curve.mode === "slow"
    ? curve.rate * 2 ** ((seconds * 1000) / DOUBLING_MS)
    : curve.rate * (1 + (1 - BETA) * ((seconds - curve.recoveryS) / curve.recoveryS) ** 3);
  if (rate >= UNLIMITED_FROM) return ceiling;
  return Math.min(ceiling, Math.max(MIN_RATE, rate));
}

/** What this client saw lately, per second (only when alone on its store). */
export interface Measured {
  /** Attempts sent per second. */
  sent: number;
  /** Attempts answered other than by a refusal, per second. */
  succeeded: number;
}

/**
 * The curve after a refusal at `now` that pauses the bucket for `pauseMs`, given the current
 * curve, what got through here in the last second, and what this client measured in the last
 * second when it is alone on its store (with a shared store its counts are only its share).
 */
export function afterRefusal(curve: RateCurve | undefined, now: number, pauseMs: number, ceiling: number, succeededLastSecond: number, measured?: Measured): RateCurve {
  const current = rateAt(curve, now, ceiling);
  const since = now + pauseMs;
  const recoveryS = Math.max(MIN_RECOVERY_S, (RECOVERY_PER_PAUSE_S * pauseMs) / 1000);
  // First refusal with no rate known: slow start from what the server let through (or a
  // decrease below what was sent, when the refusals were counted before the successes).
  if (!Number.isFinite(current)) return { mode: "slow", rate: Math.max(MIN_RATE, succeededLastSecond, BETA * (measured?.sent ?? 0)), since, recoveryS };
  let refused: number;
  if (measured) {
    // The rate in force overstates the limit (the server's burst let it run over for a while,
    // or the client never sent that fast: AWS caps at twice the measured rate for that). What got
    // through in the last second is the better guess, at least a decrease below what was sent.
    refused = Math.min(current, Math.max(measured.succeeded, BETA * measured.sent));
  } else {
    // A slow start doubled past the limit at most once: half of it (TCP's ssthresh).
    refused = curve?.mode === "slow" ? current / 2 : current;
  }
  return { mode: "cubic", rate: Math.max(MIN_RATE, refused), since, recoveryS };
}

/** Events (sends, successes) over the last second, in 100 ms slots (no timer: slots are aged on use). */
export class Meter {
  readonly #counts = new Array<number>(SLOTS).fill(0);
  #slot = 0;

  /** Counts one event at `now`. */
  add(now: number): void {
    this.#age(now);
    this.#counts[this.#slot % SLOTS]! += 1;
  }

  /** Events in the last second before `now`. */
  lastSecond(now: number): number {
    this.#age(now);
    return this.#counts.reduce((a, b) => a + b, 0);
  }

  /** Events per second over the last `windowMs` (100 to 1,000) before `now`. */
  perSecond(now: number, windowMs: number): number {
    this.#age(now);
    const slots = Math.min(SLOTS, Math.max(1, Math.round(windowMs / SLOT_MS)));
    let sum = 0;
    for (let i = 0; i < slots; i++) sum += this.#counts[(this.#slot - i + SLOTS) % SLOTS]!;
    return sum / ((slots * SLOT_MS) / 1000);
  }

  #age(now: number): void {
    const slot = Math.floor(now / SLOT_MS);
    if (slot - this.#slot >= SLOTS) this.#counts.fill(0);
    else for (let s = this.#slot + 1; s <= slot; s++) this.#counts[s % SLOTS] = 0;
    if (slot > this.#slot) this.#slot = slot;
  }
}
