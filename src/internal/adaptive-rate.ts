// The limiter's send rate for one bucket, as a curve over the store's clock. First contact probes
// (a burst of maxConcurrency, then doubling), so a fleet starts like one client; a refusal starts a
// slow start from what got through, and the next one CUBIC around the rate measured (AWS smithy's
// DefaultRateLimiter), scaled to that rate so it recovers in the same time whatever the server's
// limit. The rate is measured from when each of the slow start's sends went, as the rate at which a
// token bucket as deep as the first contact's burst showed runs dry at its refused send (when the
// first contact was unlimited; a probe's shows no depth). Each curve starts when the refusal's pause ends. Pure: src/internal/limit-state.ts applies
// it for MemoryStore, and src/redis/limit-lua.ts and refuse-lua.ts are the same arithmetic in Lua.

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
  /** Seconds a CUBIC curve stays at `rate` once back at it, before it probes past it (a measured rate's). @default 0 */
  holdS?: number;
}

/** Requests per second allowed at `now` by `curve` (Infinity when unlimited), capped at `ceiling`. */
export function rateAt(curve: RateCurve | null | undefined, now: number, ceiling = Infinity): number {
  if (!curve) return ceiling;
  let seconds = Math.max(0, now - curve.since) / 1000;
  if (seconds > curve.recoveryS) seconds = Math.max(curve.recoveryS, seconds - (curve.holdS ?? 0));
  const rate = curve.mode === "cubic"
    ? curve.rate * (1 + (1 - curve.beta) * ((seconds - curve.recoveryS) / curve.recoveryS) ** 3)
    : curve.rate * 2 ** ((seconds * 1000) / DOUBLING_MS);
  if (rate >= UNLIMITED_FROM) return ceiling;
  return Math.min(ceiling, Math.max(MIN_RATE, rate));
}

/**
 * A run of sends to a server's bucket, from when the bucket was last known full or empty to the
 * refusal that ended it: the evidence a token bucket's depth and rate are measured by.
 */
export interface Episode {
  /** When each send before the refused one went, in ms from the episode's start (ascending). */
  times: number[];
  /** When the refused send went, in ms from the start. */
  at: number;
  /** Seconds the bucket refilled from empty before the start (the pause before it); -1: it was full. */
  refillS: number;
}

/** What the store saw of the bucket when a refusal came. */
export interface Measured {
  /** Sends answered other than by a refusal in the last second. */
  okLastSecond: number;
  /** Sends admitted per second over the last `windowMs` (at most a second). */
  sentPerSecond: number;
  /** The episode this refusal ends (undefined when its sends were not all kept). */
  episode?: Episode | undefined;
  /** The server bucket's depth, when a first contact measured it (what an unlimited burst got through); 0: unknown. */
  depth: number;
  /** True when the refused send was the slow start's first (none of it got through before). @default false */
  first?: boolean;
}

/** Tokens a refused send found, at most (less than one); the estimate takes the middle. */
export const LEFT = 0.5;
/** Bisection steps of {@link episodeRate} (the rate to within 2^-30 of its range). */
export const BISECTIONS = 30;

/**
 * Tokens a bucket `depth` deep, refilled at `rate` per second, held when `episode`'s refused send
 * came, each send before it having taken a token (they got through: a bucket that refused them
 * instead is a shallower or slower one).
 */
function tokensLeft(episode: Episode, depth: number, rate: number): number {
  let tokens = episode.refillS < 0 ? depth : Math.min(depth, rate * episode.refillS);
  let last = 0;
  for (const t of episode.times) {
    tokens = Math.min(depth, tokens + (rate * (t - last)) / 1000);
    last = t;
    tokens--;
  }
  return Math.min(depth, tokens + (rate * (episode.at - last)) / 1000);
}

/** The rate at which a bucket `depth` deep is left LEFT tokens by `episode` (MIN_RATE: any rate would have refused it). */
export function episodeRate(episode: Episode, depth: number): number {
  let low = MIN_RATE;
  let high = UNLIMITED_FROM;
  if (tokensLeft(episode, depth, low) >= LEFT) return MIN_RATE;
  for (let i = 0; i < BISECTIONS; i++) {
    const mid = (low + high) / 2;
    if (tokensLeft(episode, depth, mid) >= LEFT) high = mid;
    else low = mid;
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
  // A slow start's first send refused: its pause was too short for the server to refill a token,
  // which says nothing of the rate. A slow start that can measure the rate (the depth is known) begins
  // again after this (longer) pause. (Without a depth, on a shared store, a fleet's sends still in
  // flight may have drained the bucket: another ramp would overshoot again, CUBIC from the guess is gentler.)
  if (curve?.mode === "slow" && measured.first && measured.depth > 0) return { ...curve, since, recoveryS, pauseS };
  // First refusal with no rate known: slow start from what the server let through (or a decrease
  // below what was sent, when the refusals were counted before the successes).
  if (!curve || curve.mode === "probe" || !Number.isFinite(current)) {
    return { mode: "slow", rate: Math.min(current, Math.max(MIN_RATE, measured.okLastSecond, BETA * measured.sentPerSecond)), since, recoveryS, beta: BETA, pauseS };
  }
  // A slow start that began after a pause and ran a bucket of known depth dry: the rate at which
  // that bucket, refilled during the pause, is empty when the refused send came (episodeRate): the
  // server's rate, measured from when each send went, within a token of the truth. Measured so,
  // the decrease is gentle (MEASURED_BETA), and the curve comes back to that rate, not past it,
  // for recoveryS, then stays there as long again (holdS) before it probes past it: each probe
  // past a rate measured right ends in a refusal, which costs the pause the server asks for. (A probe's first contact measures no depth: its run and a slow start's are the
  // same shape, so a deeper, slower bucket explains both as well as the real one.)
  if (curve.mode === "slow" && measured.episode && measured.depth > 0) {
    const rate = episodeRate(measured.episode, measured.depth);
    return { mode: "cubic", rate: Math.max(MIN_RATE, Math.min(current, rate)), since, recoveryS, beta: MEASURED_BETA, pauseS, holdS: recoveryS };
  }
  // The rate in force overstates the limit (the server's burst let it run over for a while, or the
  // fleet never sent that fast: AWS caps at twice the measured rate for that). What got through in
  // the last second is the better guess, at least a decrease below what was sent.
  const refused = Math.min(current, Math.max(measured.okLastSecond, BETA * measured.sentPerSecond));
  return { mode: "cubic", rate: Math.max(MIN_RATE, refused), since, recoveryS, beta: BETA, pauseS };
}
