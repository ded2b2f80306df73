// One rate limiter per client: every attempt of every request passes it. A refusal (429, or
// /token's 403 "Invalid request") pauses its bucket for every caller; without Retry-After the send
// rate adapts; concurrency is capped; a wait longer than the call may wait fails at once with a
// RateLimitError. Shared state (pauses, send slots, the rate curve) lives in a BasiqStore, so a
// store shared by processes shares the limit; the concurrency cap and the timers stay per process.
import { RateLimitError } from "./errors.js";
import { raceSignal } from "./internal/abort.js";
import { type RateCurve, afterRefusal, rateAt } from "./internal/adaptive-rate.js";
import { type Bucket, type BucketState, newBucketState, pauseAfterRefusal } from "./internal/buckets.js";
import { delay } from "./internal/delay.js";
import { Slots } from "./internal/slots.js";
import { RetryBudget } from "./internal/transport/budget.js";
import type { BasiqStore } from "./store.js";

/** Settings of the client's rate limiter (`rateLimit` option). */
export interface RateLimitOptions {
  /** Requests of this client in flight at once. @default 16 */
  maxConcurrency?: number;
  /** Highest send rate in requests per second (the rate still adapts below it on 429s). @default undefined (no ceiling: the rate is set by the server's refusals) */
  requestsPerSecond?: number;
  /** Longest a call waits for a rate limit; a longer wait rejects at once with a RateLimitError. @default 60_000 */
  maxRateLimitWaitMs?: number;
}

const RATE_LIMIT_DEFAULTS = { maxConcurrency: 16, maxRateLimitWaitMs: 60_000 } as const;

/** How often a client re-reads the shared rate curve from the store. */
const CURVE_REFRESH_MS = 1_000;
/** How long the store keeps a rate curve after its last refusal. */
const CURVE_TTL_MS = 10 * 60_000;

/** What an attempt holds while it runs: release it once its response is read. */
export interface Permit {
  readonly bucket: Bucket;
  /** When the attempt was let through (ms since the epoch). */
  readonly sentAt: number;
  /** How long it waited in the limiter (pause, rate), in ms. */
  readonly waitedMs: number;
  release(): void;
}

/** What a call is, for the messages of the errors the limiter raises. */
export interface CallLabel {
  method: string;
  path: string;
}

/** The limiter of one client. */
export class Limiter {
  /** Client-wide retry quota (see RetryBudget). */
  readonly budget = new RetryBudget();
  readonly #store: BasiqStore;
  readonly #prefix: string;
  readonly #alone: boolean;
  readonly #slots: Slots;
  readonly #ceiling: number;
  readonly #buckets = new Map<Bucket, BucketState>();
  readonly maxWaitMs: number;

  /**
   * @param store where the shared state lives
   * @param setup.alone true when no other client uses `store` (the client's own MemoryStore): the
   *   rate may then be estimated from this client's own successes
   */
  constructor(store: BasiqStore, options: RateLimitOptions = {}, { prefix = "basiq:limit:", alone = false }: { prefix?: string; alone?: boolean } = {}) {
    this.#store = store;
    this.#prefix = prefix;
    this.#alone = alone;
    this.#slots = new Slots(options.maxConcurrency ?? RATE_LIMIT_DEFAULTS.maxConcurrency);
    this.#ceiling = options.requestsPerSecond ?? Infinity;
    this.maxWaitMs = options.maxRateLimitWaitMs ?? RATE_LIMIT_DEFAULTS.maxRateLimitWaitMs;
  }

  /**
   * Waits until `bucket` may send: its pause (one shared timer), a concurrency slot, then a send
   * slot at the current rate. Rejects with a RateLimitError when that would take longer than
   * `maxWaitMs`, and with `signal.reason` as soon as the signal aborts.
   */
  async acquire(bucket: Bucket, signal: AbortSignal, maxWaitMs: number, call: CallLabel): Promise<Permit> {
    const state = this.#state(bucket);
    const start = Date.now();
    const deadline = start + maxWaitMs;
    this.#refreshCurve(bucket, state, start);
    // Bounded by `deadline`: each round either returns or sleeps until a pause ends before it.
    for (;;) {
      const left = Math.max(state.pausedUntil - Date.now(), await this.#store.pause(this.#key(bucket, "pause"), 0));
      if (left > 0) {
        state.pausedUntil = Math.max(state.pausedUntil, Date.now() + left);
        if (Date.now() + left > deadline) throw tooLong(call, left, maxWaitMs, 429);
        await this.#sleep(state, state.pausedUntil, signal);
        continue;
      }
      await this.#slots.acquire(signal);
      if (Number.isFinite(rateAt(state.curve, Date.now(), this.#ceiling))) {
        try {
          await this.#pace(bucket, state, signal, deadline, maxWaitMs, call);
        } catch (error) {
          this.#slots.release();
          throw error;
        }
        // A refusal seen while this call waited paused the bucket: its send waits for that too.
        if (state.pausedUntil > Date.now()) {
          this.#slots.release();
          continue;
        }
      }
      return this.#permit(bucket, start);
    }
  }

  /**
   * A refusal (429, or /token's 403 "Invalid request") of an attempt that held `permit`: pauses the
   * bucket for every caller (Retry-After plus jitter, else the current backoff) and lowers the
   * rate (a Retry-After also slows its recovery: each refusal costs that long). Resolves the pause to wait before a retry, or a RateLimitError
   * when the call should fail now (a daily quota, or a pause longer than `maxWaitMs`).
   */
  async refused(permit: Permit, status: 429 | 403, retryAfterMs: number | undefined, maxWaitMs: number, call: CallLabel & { correlationId?: string }): Promise<{ pauseMs: number; error?: RateLimitError }> {
    const { bucket } = permit;
    const state = this.#state(bucket);
    const pauseKey = this.#key(bucket, "pause");
    if (bucket === "quota") {
      // A daily quota: waiting does not help; a Retry-After is kept so other callers fail at once too.
      const pauseMs = retryAfterMs === undefined ? 0 : await this.#store.pause(pauseKey, retryAfterMs);
      const error = new RateLimitError(`${call.method} ${call.path} -> ${status}: Basiq's daily quota for this operation is used up`, { status, retryAfterMs, method: call.method, path: call.path, correlationId: call.correlationId });
      return { pauseMs, error };
    }
    const now = Date.now();
    // A refusal of an attempt sent before the last decrease's pause ended is part of the burst
    // that pause and the lower rate already answer: it changes neither. One sent after it means
    // the rate in force was too high.
    const fresh = state.curve === undefined || permit.sentAt >= state.curve.since;
    let pauseMs = 0;
    if (fresh) {
      state.refusals++;
      pauseMs = pauseAfterRefusal(state.refusals, retryAfterMs);
      const succeeded = state.succeeded.lastSecond(now);
      // Measured since the last pause ended (at most a second: a pause in the window would hide
      // the rate), or over the last 300 ms in a slow start (its rate doubles within a second).
      const windowMs = state.curve?.mode === "slow" ? 300 : Math.min(1_000, Math.max(200, now - (state.curve?.since ?? 0)));
      const measured = this.#alone ? { sent: state.sent.perSecond(now, windowMs), succeeded: state.succeeded.perSecond(now, windowMs) } : undefined;
      state.curve = afterRefusal(state.curve, now, pauseMs, this.#ceiling, succeeded, measured);
      await this.#store.set(this.#key(bucket, "curve"), JSON.stringify(state.curve), CURVE_TTL_MS);
    }
    const left = await this.#store.pause(pauseKey, Math.ceil(pauseMs));
    state.pausedUntil = Math.max(state.pausedUntil, Date.now() + left);
    if (left > maxWaitMs) return { pauseMs: left, error: tooLong(call, retryAfterMs ?? left, maxWaitMs, status) };
    return { pauseMs: left };
  }

  /** A response that was not a refusal: counts toward the measured rate, ends the backoff. */
  succeeded(permit: Permit): void {
    const state = this.#state(permit.bucket);
    state.succeeded.add(Date.now());
    state.refusals = 0;
  }

  #permit(bucket: Bucket, start: number): Permit {
    let held = true;
    const sentAt = Date.now();
    this.#state(bucket).sent.add(sentAt);
    return {
      bucket,
      sentAt,
      waitedMs: sentAt - start,
      release: () => {
        if (!held) return;
        held = false;
        this.#slots.release();
      },
    };
  }

  /**
   * Waits for a send slot at the current rate. Callers take turns (one timer per bucket): each
   * reserves its slot from the store's bucket only at its turn, at the rate in force then, so a
   * rate that grows (or a pause that starts) applies to every send still waiting.
   */
  #pace(bucket: Bucket, state: BucketState, signal: AbortSignal, deadline: number, maxWaitMs: number, call: CallLabel): Promise<void> {
    const turn = state.pacing.then(async () => {
      // A caller that left, a rate that is no longer in force, or a pause: nothing to reserve.
      const rate = rateAt(state.curve, Date.now(), this.#ceiling);
      if (signal.aborted || !Number.isFinite(rate) || state.pausedUntil > Date.now()) return;
      const taken = await this.#store.take(this.#key(bucket, "rate"), { ratePerSec: rate, burst: 1, maxWaitMs: Math.max(0, deadline - Date.now()) });
      if (!taken.granted) throw tooLong(call, taken.waitMs, maxWaitMs, 429);
      if (taken.waitMs > 0) await delay(taken.waitMs, signal);
    });
    state.pacing = turn.catch(() => {});
    return raceSignal(turn, signal);
  }

  /** Waits for the bucket's pause through its one shared timer (a longer pause gets a new one). */
  #sleep(state: BucketState, until: number, signal: AbortSignal): Promise<void> {
    if (!state.wait || state.wait.until < until) {
      const done = new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
      state.wait = { until, done };
    }
    return raceSignal(state.wait.done, signal);
  }

  /** Adopts a newer curve another client on the store wrote, at most once a second (not awaited: off the hot path). */
  #refreshCurve(bucket: Bucket, state: BucketState, now: number): void {
    if (now - state.curveReadAt < CURVE_REFRESH_MS) return;
    state.curveReadAt = now;
    this.#store.get(this.#key(bucket, "curve")).then((value) => {
      const remote = value === undefined ? undefined : (JSON.parse(value) as RateCurve);
      if (remote && (!state.curve || remote.since > state.curve.since)) state.curve = remote;
    }).catch(() => {
      // A store that cannot answer leaves this process on its own curve.
    });
  }

  #state(bucket: Bucket): BucketState {
    let state = this.#buckets.get(bucket);
    if (!state) {
      state = newBucketState();
      this.#buckets.set(bucket, state);
    }
    return state;
  }

  #key(bucket: Bucket, part: string): string {
    return `${this.#prefix}${bucket}:${part}`;
  }
}

/** The RateLimitError of a wait longer than the call may wait. */
function tooLong(call: CallLabel, waitMs: number, maxWaitMs: number, status: 429 | 403): RateLimitError {
  const waitS = Math.ceil(waitMs / 1000);
  return new RateLimitError(
    `${call.method} ${call.path}: rate limited for ${waitS} s more, longer than this call may wait (maxRateLimitWaitMs ${maxWaitMs} ms)`,
    { status, retryAfterMs: Math.round(waitMs), method: call.method, path: call.path },
  );
}
