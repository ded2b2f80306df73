// The limiter's send rate for one bucket, as a curve over the store's clock. First contact probes
// (a burst of maxConcurrency, then doubling), so a fleet starts like one client; a refusal starts a
// slow start from what got through, and the next one CUBIC around the rate measured (AWS smithy's
// DefaultRateLimiter), scaled to that rate so it recovers in the same time whatever the server's
// limit. Each curve starts when the refusal's pause ends. Pure: src/internal/limit-state.ts applies
// it for MemoryStore, and src/redis/scripts.ts is the same arithmetic in Lua.

/** Rate kept after a refusal whose rate was guessed: the multiplicative decrease (AWS: beta 0.7). */
export const BETA = 0.7;
/** ...and after one whose rate was measured over a whole episode that began with a full server bucket. */
export const MEASURED_BETA = 0.9;
/** Seconds CUBIC takes back to the refused rate, at least. */
export const MIN_RECOVERY_S = 2;
/**
 * ...and per second of the refusal's pause: a server that asks for long pauses (Retry-After)
 * makes each refusal cost that long, so the rate comes back more slowly and probes less often.
 */
export const RECOVERY_PER_PAUSE_S = 4;
/** Probing and slow start double the rate this often until the first refusal of the episode. */
export const DOUBLING_MS = 125;
/** The rate a store's first contact probes from, after its burst (requests per second). */
export const PROBE_RATE = 16;
/**
 * Sends a first contact lets through at once (at most the client's maxConcurrency): few, so a
 * server whose burst is smaller refuses few of them (each refused send is a 429 Basiq counts).
 */
export const PROBE_BURST = 4;
/** Lowest send rate: one request per two seconds (AWS's minFillRate 0.5). */
export const MIN_RATE = 0.5;
/** A rate this high is no limit at all: the bucket goes back to unlimited. */
export const UNLIMITED_FROM = 10_000;

/** The shareable state of a rate curve (what a store keeps so that processes agree). */
export interface RateCurve {
  /** "probe": first contact; "slow": doubling from `rate`; "cubic": CUBIC around `rate`. */
  mode: "probe" | "slow" | "cubic";
  /** Starting rate of a probe or slow start, or the refused (measured) rate of a CUBIC curve (req/s). */
  rate: number;
  /** When the curve started (ms, store clock): the end of the refusal's pause. */
  since: number;
  /** Seconds a CUBIC curve takes to come back to `rate`. */
  recoveryS: number;
  /** Fraction of `rate` a CUBIC curve starts from. */
  beta: number;
  /** Seconds of the pause that began this curve (how far the server's bucket refilled). */
  pauseS: number;
}

/** Requests per second allowed at `now` by `curve` (Infinity when unlimited), capped at `ceiling`. */
export function rateAt(curve: RateCurve | null | undefined, now: number, ceiling = Infinity): number {
  if (!curve) return ceiling;
  const seconds = Math.max(0, now - curve.since) / 1000;
  const rate = curve.mode === "cubic"
    ? curve.rate * (1 + (1 - curve.beta) * ((seconds - curve.recoveryS) / curve.recoveryS) ** 3)
    : curve.rate * 2 ** ((seconds * 1000) / DOUBLING_MS);
  if (rate >= UNLIMITED_FROM) return ceiling;
  return Math.min(ceiling, Math.max(MIN_RATE, rate));
}

/** What the store saw of the bucket when a refusal came. */
export interface Measured {
  /** Sends answered other than by a refusal in the last second. */
  okLastSecond: number;
  /** Sends admitted per second over the last `windowMs` (at most a second). */
  sentPerSecond: number;
  /** When the refused send went (ms, store clock). */
  sentAt: number;
  /** Sends that went under the current curve before the refused one. */
  sentBefore: number;
  /** Successes before the store's first refusal: the burst the server allows from a full bucket. */
  burst: number;
}

/** Bisection steps of {@link drainRate} (the rate to within 2^-40 of its range). */
export const BISECTIONS = 40;

/**
 * The rate R of a token bucket (`burst` deep, refilled for the curve's pause at R) that a slow
 * start along `curve` empties exactly at `sentAt`, after `sent` sends: the bucket stays full until
 * the sends' rate passes R (at t0), then loses (rate - R) per second. The sends keep the curve's
 * shape, scaled to the count that went (a client sends no faster than its calls come). Undefined
 * when no R in [MIN_RATE, the rate at sentAt] fits.
 */
export function drainRate(curve: RateCurve, sentAt: number, burst: number, sent: number): number | undefined {
  const d = DOUBLING_MS / 1000;
  const t = (sentAt - curve.since) / 1000;
  const along = (d / Math.LN2) * curve.rate * (2 ** (t / d) - 1);
  if (!(t > 0) || !(sent > 0) || !(along > 0)) return undefined;
  const r0 = (curve.rate * Math.min(1, sent / along));
  const top = r0 * 2 ** (t / d);
  /** Tokens a bucket of rate `r` lost by `t`, less what it held at the start. */
  const deficit = (r: number) => {
    const t0 = Math.max(0, d * Math.log2(r / r0));
    if (t0 >= t) return -Math.min(burst, r * curve.pauseS);
    return (d / Math.LN2) * (top - Math.max(r0, r)) - r * (t - t0) - Math.min(burst, r * curve.pauseS);
  };
  let low = MIN_RATE;
  let high = top;
  if (!(deficit(low) >= 0) || !(deficit(high) <= 0)) return undefined;
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = (low + high) / 2;
    if (deficit(mid) > 0) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** The first curve of a store (its first contact with the server): a probe from PROBE_RATE. */
export function probe(now: number): RateCurve {
  return { mode: "probe", rate: PROBE_RATE, since: Math.floor(now), recoveryS: MIN_RECOVERY_S, beta: BETA, pauseS: 0 };
}

/**
 * The curve after a refusal at `now` that pauses the bucket for `pauseMs`, given the current curve
 * and what the store measured (its counts are the whole fleet's when the store is shared).
 */
export function afterRefusal(curve: RateCurve | null | undefined, now: number, pauseMs: number, ceiling: number, measured: Measured): RateCurve {
  const current = rateAt(curve, now, ceiling);
  // Whole ms: clients tag successes with it, and compare it for equality.
  const since = Math.floor(now + pauseMs);
  const pauseS = pauseMs / 1000;
  const recoveryS = Math.max(MIN_RECOVERY_S, RECOVERY_PER_PAUSE_S * pauseS);
  // First refusal with no rate known: slow start from what the server let through (or a decrease
  // below what was sent, when the refusals were counted before the successes).
  if (!curve || curve.mode === "probe" || !Number.isFinite(current)) {
    return { mode: "slow", rate: Math.min(current, Math.max(MIN_RATE, measured.okLastSecond, BETA * measured.sentPerSecond)), since, recoveryS, beta: BETA, pauseS };
  }
  // A slow start that began after a pause and ran dry: the server's rate is at least the one at
  // which a token bucket, refilled during that pause, empties exactly when this slow start's refused
  // send went (what got through alone understates it: a full bucket wastes its refill while the
  // slow start is still below the rate), and at least what the last second shows. Measured so, the
  // decrease is gentler (MEASURED_BETA).
  if (curve.mode === "slow" && measured.sentAt > curve.since) {
    const drained = drainRate(curve, measured.sentAt, measured.burst, measured.sentBefore);
    const estimate = drained === undefined ? undefined : Math.max(drained, measured.okLastSecond, BETA * measured.sentPerSecond);
    if (estimate !== undefined) return { mode: "cubic", rate: Math.max(MIN_RATE, Math.min(current, estimate)), since, recoveryS, beta: MEASURED_BETA, pauseS };
  }
  // The rate in force overstates the limit (the server's burst let it run over for a while, or the
  // fleet never sent that fast: AWS caps at twice the measured rate for that). What got through in
  // the last second is the better guess, at least a decrease below what was sent.
  const refused = Math.min(current, Math.max(measured.okLastSecond, BETA * measured.sentPerSecond));
  return { mode: "cubic", rate: Math.max(MIN_RATE, refused), since, recoveryS, beta: BETA, pauseS };
}
