// The shared state of one limiter bucket and its two atomic steps, as pure functions of (state,
// the store's clock, the request): `admitStep` reserves a send (the bucket's pause, then GCRA
// pacing at the curve's rate) and `refuseStep` answers a refusal (pause, new curve). MemoryStore
// runs these; redisStore runs the same steps in Lua on Redis's clock (src/redis/admit-lua.ts and
// refuse-lua.ts), and test/helpers/store-contract.ts holds both to one behaviour. One state per
// bucket and store: every process on a shared store sees one rate, one pause and one queue of send
// slots. The shapes of the state and of the steps' requests and results are in limit-types.ts.
import { afterRefusal, type Episode, type Measured, probe, rateAt } from "./adaptive-rate.js";
import type { AdmitRequest, AdmitResult, LimitState, RefusalReport, RefusalResult, Successes } from "./limit-types.js";

export type { AdmitRequest, AdmitResult, LimitState, RefusalReport, RefusalResult } from "./limit-types.js";

/** The meter counts sends and successes in slots this long... */
export const SLOT_MS = 100;
/** ...over the last second. */
export const SLOTS = 10;
/** First step of the pause after a refusal without Retry-After; doubles per refusal in a row. */
export const PAUSE_BASE_MS = 100;
/** Ceiling of that pause (before jitter), as the retry backoff's. */
export const PAUSE_MAX_MS = 8_000;
/**
 * Longest pause a refusal starts, whatever its Retry-After: then sends probe the server again
 * (a `Retry-After: 86400` from a confused proxy must not stop a whole fleet for a day).
 */
export const MAX_PAUSE_MS = 60_000;
/**
 * A lease: one admit reserves up to one send per caller waiting in the client, those whose slots
 * come within this long of the first (at 40 req/s, 4-5), so a busy client makes well under one
 * store round trip per request while the fleet's schedule runs at most this much further ahead
 * (sends already reserved when another client's refusal pauses the fleet).
 */
export const LEASE_MS = 100;
/**
 * Sends an episode keeps the times of (a first contact's or a slow start's, a second or so): past
 * it the episode measures nothing.
 */
export const TRAIL_MAX = 256;
/** A trail time within this of a refused send's (ms) is that send's own (the trail keeps 0.1 ms). */
export const SAME_SEND_MS = 0.075;
/** A bucket's state is forgotten this long after its last send (a new first contact probes again). */
export const STATE_TTL_MS = 10 * 60_000;

/** A bucket's state at first contact: probing, or unlimited (until the first refusal). */
function firstContact(now: number, probing: boolean): LimitState {
  const curve = probing ? probe(now) : null;
  return { tat: 0, until: 0, refusals: 0, curve, slot: Math.floor(now / SLOT_MS), sent: new Array(SLOTS).fill(0), ok: new Array(SLOTS).fill(0), trail: [], trailStart: 0, depth: 0 };
}

/** Clears the meter's slots older than a second. */
function age(state: LimitState, now: number): void {
  const slot = Math.floor(now / SLOT_MS);
  if (slot - state.slot >= SLOTS) {
    state.sent.fill(0);
    state.ok.fill(0);
  } else {
    for (let s = state.slot + 1; s <= slot; s++) state.sent[s % SLOTS] = state.ok[s % SLOTS] = 0;
  }
  if (slot > state.slot) state.slot = slot;
}

/** Counts a client's reported successes. */
function count(state: LimitState, { ok }: Successes): void {
  if (ok <= 0) return;
  state.ok[state.slot % SLOTS]! += ok;
  state.refusals = 0;
}

/** Keeps the times of sends admitted while the rate is unknown (no curve, a probe, a slow start). */
function remember(state: LimitState, times: number[]): void {
  if (state.curve?.mode === "cubic") return;
  for (const t of times) {
    if (state.trail.length >= TRAIL_MAX) return;
    if (state.trail.length === 0 && state.trailStart === 0) state.trailStart = t;
    state.trail.push(Math.round((t - state.trailStart) * 10) / 10);
  }
}

/** The episode a refusal of the send at `sentAt` ends, when all its sends were kept. */
function episodeOf(state: LimitState, sentAt: number): Episode | undefined {
  if (state.trail.length === 0 || state.trail.length >= TRAIL_MAX) return undefined;
  const at = sentAt - state.trailStart;
  // The refused send is in the trail too, rounded to its 0.1 ms: kept as up to 0.05 ms before `at`
  // (and Redis's replies carry times to the µs), it must not count as one that got through (a token
  // more over a 0.4 s episode reads a 40/s bucket as 45/s). A slow start's sends are further apart.
  const times = state.trail.filter((t) => t < at - SAME_SEND_MS);
  if (times.length === 0) return undefined;
  return { times, at, refillS: state.curve?.mode === "slow" ? state.curve.pauseS : -1 };
}

/** Sums of the newest `slots` slots of a meter. */
function recent(counts: number[], slot: number, slots: number): number {
  let sum = 0;
  for (let i = 0; i < slots; i++) sum += counts[(slot - i + SLOTS * 2) % SLOTS]!;
  return sum;
}

/** Reserves one send from `state` (created at first contact when absent) at `now`. */
export function admitStep(state: LimitState | undefined, now: number, request: AdmitRequest): { state: LimitState; result: AdmitResult } {
  const s = state ?? firstContact(now, request.probe);
  age(s, now);
  count(s, request);
  const rate = rateAt(s.curve, now, request.ceiling);
  // A probe or slow start that doubled past any limit: unlimited until a refusal.
  if (s.curve && s.curve.mode !== "cubic" && !Number.isFinite(rate)) s.curve = null;
  const pausedMs = Math.max(0, s.until - now);
  const start = now + pausedMs;
  const wanted = Math.max(1, Math.floor(request.count ?? 1));
  let waitMs = pausedMs;
  let next = start;
  const leaseMs: number[] = [];
  if (Number.isFinite(rate)) {
    const interval = 1000 / rate;
    // A probe's burst is counted at its starting rate: counted at the doubling rate, the tolerance
    // would shrink as the rate grows and hold the sends after the burst back (by ~250 ms at 16/s).
    const tolerance = s.curve?.mode === "probe" ? (1000 / s.curve.rate) * Math.max(0, request.burst - 1) : 0;
    const tat = Math.max(s.tat, start);
    waitMs = Math.max(pausedMs, tat - tolerance - now);
    next = tat + interval;
    // Only at a known rate (a ceiling, or CUBIC around a measured rate): while probing or
    // slow-starting the rate doubles past the server's, and slots reserved ahead would all go out
    // after the refusal that ends it.
    const leased = !s.curve || s.curve.mode === "cubic" ? wanted : 1;
    for (let i = 1; i < leased; i++) {
      const wait = Math.max(pausedMs, next - tolerance - now);
      if (wait > waitMs + LEASE_MS) break;
      leaseMs.push(wait);
      next += interval;
    }
  } else {
    for (let i = 1; i < wanted; i++) leaseMs.push(pausedMs);
  }
  const granted = waitMs <= request.maxWaitMs;
  const result = { granted, waitMs, pausedMs, now, since: s.curve?.since ?? 0, leaseMs: granted ? leaseMs : [], ramp: s.curve !== null && s.curve.mode !== "cubic" };
  if (granted) {
    s.tat = next;
    s.sent[s.slot % SLOTS]! += 1 + leaseMs.length;
    remember(s, [now + waitMs, ...leaseMs.map((wait) => now + wait)]);
  }
  return { state: s, result };
}

/** Answers a refusal at `now`: a pause for every caller, and (when fresh) a new curve. */
export function refuseStep(state: LimitState | undefined, now: number, report: RefusalReport): { state: LimitState; result: RefusalResult } {
  const s = state ?? firstContact(now, false);
  age(s, now);
  count(s, report);
  if (!report.adapt) {
    if (report.retryAfterMs !== undefined) s.until = Math.max(s.until, now + Math.min(report.retryAfterMs, MAX_PAUSE_MS));
    return { state: s, result: { pauseMs: Math.max(0, s.until - now), fresh: true } };
  }
  // A refusal of a send that went before the last decrease's pause ended is part of the burst that
  // pause and the lower rate already answer: it changes neither. One sent after it means the rate
  // in force was too high.
  // Told apart by the curve the send was admitted under, not by its slot's time: a slot reserved
  // before the decrease may lie after the new curve's start, yet it went at the old rate.
  const fresh = !s.curve || (report.since === undefined ? report.sentAt : report.since) >= s.curve.since;
  if (fresh) {
    s.refusals++;
    const pauseMs = report.retryAfterMs === undefined
      ? report.random * Math.min(PAUSE_MAX_MS, PAUSE_BASE_MS * 2 ** (s.refusals - 1))
      : Math.min(report.retryAfterMs, MAX_PAUSE_MS);
    // Measured since the curve began (at most a second: a pause in the window would hide the rate),
    // or over the last 300 ms in a slow start (its rate doubles within a second).
    const windowSlots = s.curve?.mode === "slow" ? 3 : Math.min(SLOTS, Math.max(2, Math.round((now - (s.curve?.since ?? 0)) / SLOT_MS)));
    const episode = episodeOf(s, report.sentAt);
    const measured: Measured = {
      okLastSecond: recent(s.ok, s.slot, SLOTS),
      sentPerSecond: recent(s.sent, s.slot, windowSlots) / ((windowSlots * SLOT_MS) / 1000),
      episode,
      depth: s.depth,
      first: s.curve?.mode === "slow" && s.trail.length > 0 && s.trail.length < TRAIL_MAX && episode === undefined,
    };
    // An unlimited first contact went all at once: what got through before its first refusal (in
    // under a second) is the server bucket's depth, for the next refusal's measure.
    if (!s.curve && s.trail.length > 0 && now - s.trailStart < 1000) s.depth = measured.okLastSecond;
    s.curve = afterRefusal(s.curve, now, pauseMs, report.ceiling, measured);
    s.trail = [];
    s.trailStart = s.curve.since;
    s.until = Math.max(s.until, now + pauseMs);
    // Send slots restart at the pause's end at the new rate, after the slots already reserved (those
    // still go out: counting them free again would let the new rate's sends overlap them, and the
    // server's refill would go to both).
    s.tat = Math.max(s.until, s.tat);
    // The refusal found the server's bucket empty: a backoff (no Retry-After: the server named no
    // pause) too short to refill a token at the new CUBIC rate, a few ms at times, is stretched to
    // one, so the first send after it is not refused too (each such refusal would be fresh and
    // decrease again). Not a slow start's: it may start at the floor.
    if (s.curve.mode === "cubic" && report.retryAfterMs === undefined) s.tat = Math.max(s.tat, s.until + Math.max(0, 1000 / rateAt(s.curve, s.curve.since, report.ceiling) - pauseMs));
  }
  return { state: s, result: { pauseMs: Math.max(0, s.until - now), fresh } };
}
