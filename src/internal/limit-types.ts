// Types-only leaf: the shape of a limiter bucket's shared state, and what its two atomic steps
// take and give (src/internal/limit-state.ts holds the steps, src/store.ts the store's interface).
import type { RateCurve } from "./adaptive-rate.js";

/** What a store keeps per bucket (JSON in both stores). Times are ms on the store's clock. */
export interface LimitState {
  /** GCRA theoretical arrival time: when the next send slot is. */
  tat: number;
  /** End of the bucket's pause (0: none). */
  until: number;
  /** Refusals since the last success (the backoff's exponent). */
  refusals: number;
  /** The rate curve in force; null: unlimited. */
  curve: RateCurve | null;
  /** The meter's newest slot (`floor(now / SLOT_MS)`), and sends admitted / successes reported per slot. */
  slot: number;
  sent: number[];
  ok: number[];
  /**
   * While unlimited, probing or slow-starting: when each send admitted went, in whole 0.1 ms from
   * `trailStart` (the curve's start, or the first send), at most TRAIL_MAX.
   */
  trail: number[];
  trailStart: number;
  /** The server bucket's depth, when an unlimited first contact measured it (0: unknown). */
  depth: number;
}

/** Successes a client has seen since it last told the store, and the curve their sends went under. */
export interface Successes {
  /** How many. */
  ok: number;
  /** The `since` of the curve their sends were admitted under (see {@link AdmitResult.since}). */
  okSince: number;
}

/** One send to reserve. */
export interface AdmitRequest extends Successes {
  /** Highest rate the client allows (`requestsPerSecond`); Infinity: none. */
  ceiling: number;
  /** Sends let through at once while probing (first contact). */
  burst: number;
  /** On first contact, probe (a shared store: a fleet starts like one client) rather than start unlimited (the client's own store). */
  probe: boolean;
  /** Reserve nothing when the wait would be longer than this. */
  maxWaitMs: number;
  /** Sends wanted (callers waiting): up to this many are reserved, those within LEASE_MS of the first. @default 1 */
  count?: number;
}

/** A reservation, or why there is none. */
export interface AdmitResult {
  /** True when a send slot was reserved: send after `waitMs`. */
  granted: boolean;
  /** Ms until the slot (when granted), or the wait that was too long (when not). */
  waitMs: number;
  /** Of `waitMs`, the part that is a pause after a refusal (the rest is pacing). */
  pausedMs: number;
  /** The store's clock now (ms): the permit's send time is `now + waitMs` on it. */
  now: number;
  /** `since` of the curve in force (tag this send's success with it); 0 while unlimited. */
  since: number;
  /** Ms until each further slot reserved by the same call (a lease; empty with `count` 1). */
  leaseMs: number[];
  /** True while probing or slow-starting: the rate doubles past the server's, so a refusal elsewhere in the fleet may pause the slot before it comes. @default false */
  ramp?: boolean;
}

/** A refusal (429, or /token's 403 "Invalid request") of a send admitted at `sentAt`. */
export interface RefusalReport extends Successes {
  /** When the refused send's slot was (store clock: `now + waitMs` of its admit). */
  sentAt: number;
  /** The `since` of the curve the refused send was admitted under (its AdmitResult.since). @default undefined (then `sentAt` tells) */
  since?: number;
  /** The server's Retry-After in ms, when it sent one. */
  retryAfterMs: number | undefined;
  /** The client's rate ceiling; Infinity: none. */
  ceiling: number;
  /** False for a daily quota: keep its Retry-After as a pause, leave the rate alone. */
  adapt: boolean;
  /** Uniform in [0, 1): the backoff's jitter (drawn by the client, so a store needs no randomness). */
  random: number;
}

/** What a refusal did. */
export interface RefusalResult {
  /** Ms the bucket's pause still has to run. */
  pauseMs: number;
  /** False when the refused send went before the last decrease took effect (the rate was left alone). */
  fresh: boolean;
}
