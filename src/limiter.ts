// One rate limiter per client: every attempt of every request passes it. The bucket's state (its
// pause, its send slots, its rate curve and the meter the rate is measured by) lives in the store and
// changes in one atomic step per send (`admit`) and per refusal (`refuse`), on the store's clock: a
// store shared by processes makes the fleet one client (one rate, one pause, one queue of send
// slots), at one store round trip per request. Here stay what is per process: the concurrency cap,
// and (in internal/turns.ts) the queue of callers taking turns for send slots, with the one timer a
// bucket's turn sleeps on.
import { RateLimitError } from "./errors.js";
import { PROBE_BURST } from "./internal/adaptive-rate.js";
import type { AdmitResult } from "./internal/limit-state.js";
import type { Bucket } from "./internal/buckets.js";
import { SlotRefused, Slots } from "./internal/slots.js";
import { type CallLabel, pausedTooLong } from "./internal/limit-errors.js";
import { MARK_MS, refusalMark, Turns } from "./internal/turns.js";
import { RetryBudget } from "./internal/transport/budget.js";
import { type BasiqStore, MemoryStore } from "./store.js";

/** Settings of the client's rate limiter (`rateLimit` option). */
export interface RateLimitOptions {
  /** Requests of this client in flight at once (and, on a store's first contact with the server, sent at once): a whole number from 1 to 10_000. @default 16 */
  maxConcurrency?: number;
  /** Highest send rate in requests per second (the rate still adapts below it on 429s); with a shared store, of the whole fleet: 0.001 to 1_000_000; 0, negatives and NaN are a BasiqError, leave it out for no ceiling. @default undefined (no ceiling: the rate is set by the server's refusals) */
  requestsPerSecond?: number;
  /** Longest a call waits in the limiter, across all its attempts (server pauses, pacing, concurrency); a longer wait rejects at once with a RateLimitError: 0 (fail at once on any rate limit) to 2_147_483_647 ms; Infinity and NaN are a BasiqError. @default 60_000 */
  maxRateLimitWaitMs?: number;
}

const RATE_LIMIT_DEFAULTS = { maxConcurrency: 16, maxRateLimitWaitMs: 60_000 } as const;

/**
 * Calls that may wait for a concurrency slot in one client at once; past it a call fails at once
 * with a RateLimitError (a queue that long takes minutes to drain at any rate Basiq allows).
 */
export const MAX_QUEUED_CALLS = 100_000;

/** What an attempt holds while it runs: release it once its response is read. */
export interface Permit {
  readonly bucket: Bucket;
  /** When the attempt's send slot was, on the store's clock (ms). */
  readonly sentAt: number;
  /** The curve it was admitted under (its successes are reported with it). */
  readonly since: number;
  /** How long it waited in the limiter (concurrency, pause, pacing), in ms. */
  readonly waitedMs: number;
  release(): void;
}

/** The limiter of one client. */
export class Limiter {
  /** Client-wide retry quota (see RetryBudget). */
  readonly budget = new RetryBudget();
  readonly #store: Required<Pick<BasiqStore, "admit" | "refuse" | "pause">>;
  readonly #shared: boolean;
  readonly #prefix: string;
  readonly #slots: Slots;
  readonly #maxConcurrency: number;
  readonly #ceiling: number;
  readonly #turns: Turns;
  readonly maxWaitMs: number;

  /**
   * @param store where the shared state lives
   * @param setup.shared true when other processes may use `store` (a user's store): first contact
   *   then probes (PROBE_BURST at once, then PROBE_RATE doubling), so a fleet starts like one
   *   client; the client's own memory starts unlimited until the first refusal
   */
  constructor(store: BasiqStore, options: RateLimitOptions = {}, { prefix = "basiq:limit:", shared = false }: { prefix?: string; shared?: boolean } = {}) {
    // A store without the limiter's steps (a custom one): this process's memory keeps the limits.
    this.#store = store.admit && store.refuse ? (store as Required<BasiqStore>) : new MemoryStore();
    this.#prefix = prefix;
    this.#shared = shared;
    this.#maxConcurrency = options.maxConcurrency ?? RATE_LIMIT_DEFAULTS.maxConcurrency;
    this.#slots = new Slots(this.#maxConcurrency, MAX_QUEUED_CALLS);
    this.#ceiling = options.requestsPerSecond ?? Infinity;
    this.maxWaitMs = options.maxRateLimitWaitMs ?? RATE_LIMIT_DEFAULTS.maxRateLimitWaitMs;
    this.#turns = new Turns({
      store: this.#store, key: (bucket) => this.#key(bucket), ceiling: this.#ceiling,
      burst: Math.min(this.#maxConcurrency, PROBE_BURST), probe: shared, maxWaitMs: this.maxWaitMs,
    });
  }

  /**
   * Waits until `bucket` may send: a concurrency slot (not for /token: a token refresh never waits
   * behind the calls that need it), then this client's turn at the bucket's send slots, whose one
   * store call reserves a slot after the bucket's pause at its shared rate. Rejects with a
   * RateLimitError naming the limit when the wait would end past `deadline` (ms since the epoch:
   * one deadline for all of a call's attempts), and with `signal.reason` as soon as the signal aborts
   * (undefined: nobody can abort the call).
   */
  async acquire(bucket: Bucket, signal: AbortSignal | undefined, deadline: number, call: CallLabel): Promise<Permit> {
    const start = Date.now();
    const slotted = bucket !== "token";
    // A free slot is taken at once, without a wait (an aborted signal is refused by the wait).
    if (slotted && (signal?.aborted || !this.#slots.take())) {
      try {
        await this.#slots.acquire(signal, deadline);
      } catch (error) {
        if (!(error instanceof SlotRefused)) throw error;
        // Refused by this client's own limits: a 429 in kind (too many requests), never sent.
        throw error.reason === "queue-full"
          ? new RateLimitError(`${call.method} ${call.path}: ${MAX_QUEUED_CALLS} calls already wait in this client's rate limiter; refused at once`, { status: 429, method: call.method, path: call.path })
          : new RateLimitError(`${call.method} ${call.path}: no concurrency slot (maxConcurrency ${this.#maxConcurrency}) freed within the call's rate-limit wait (maxRateLimitWaitMs ${this.maxWaitMs} ms)`, { status: 429, method: call.method, path: call.path });
      }
    }
    try {
      const admitted = await this.#turns.turn(bucket, signal, deadline, call);
      return new Held(bucket, admitted, Date.now() - start, slotted ? this.#slots : undefined);
    } catch (error) {
      if (slotted) this.#slots.release();
      throw error;
    }
  }

  /**
   * A refusal (429, or /token's 403 "Invalid request") of an attempt that held `permit`: pauses the
   * bucket for every caller on the store (Retry-After, at most 60 s; else the current backoff) and,
   * when the refused send went after the last decrease, lowers the shared rate. Resolves the pause
   * before a retry, or a RateLimitError when the call should fail now (a daily quota, or a pause
   * that would end past `deadline`).
   */
  async refused(permit: Permit, status: 429 | 403, retryAfterMs: number | undefined, deadline: number, call: CallLabel & { correlationId?: string }): Promise<{ pauseMs: number; error?: RateLimitError }> {
    const { bucket } = permit;
    const state = this.#turns.state(bucket);
    const successes = { ok: state.ok, okSince: state.okSince };
    state.ok = 0;
    state.epoch++;
    const quota = bucket === "quota";
    // On a shared store, marked first (same connection, so before the refusal lands): the fleet's
    // ramp slots already reserved check the mark before they send (internal/turns.ts).
    if (this.#shared && !quota) this.#store.pause(refusalMark(this.#key(bucket)), MARK_MS).catch(() => undefined);
    const { pauseMs } = await this.#store.refuse(this.#key(bucket), {
      ...successes, sentAt: permit.sentAt, since: permit.since, retryAfterMs, ceiling: this.#ceiling, adapt: !quota, random: Math.random(),
    });
    if (quota) {
      // A daily quota: waiting does not help; a Retry-After is kept so other callers fail at once too.
      const error = new RateLimitError(`${call.method} ${call.path} -> ${status}: Basiq's daily quota for this operation is used up`, { status, retryAfterMs, method: call.method, path: call.path, correlationId: call.correlationId });
      return { pauseMs, error };
    }
    if (Date.now() + pauseMs > deadline) return { pauseMs, error: pausedTooLong(call, pauseMs, this.maxWaitMs, status, retryAfterMs) };
    return { pauseMs };
  }

  /** A response that was not a refusal: told to the store with the next send (the shared meter). */
  succeeded(permit: Permit): void {
    const state = this.#turns.state(permit.bucket);
    if (permit.since < state.okSince) return; // under a curve already replaced: its episode is over
    if (permit.since > state.okSince) {
      state.okSince = permit.since;
      state.ok = 0;
    }
    state.ok++;
  }

  #key(bucket: Bucket): string {
    return `${this.#prefix}${bucket}`;
  }
}

/** A permit whose concurrency slot (none for /token) goes back to `slots` once. */
class Held implements Permit {
  readonly bucket: Bucket;
  readonly sentAt: number;
  readonly since: number;
  readonly waitedMs: number;
  #slots: Slots | undefined;

  constructor(bucket: Bucket, admitted: AdmitResult, waitedMs: number, slots: Slots | undefined) {
    this.bucket = bucket;
    this.sentAt = admitted.now + admitted.waitMs;
    this.since = admitted.since;
    this.waitedMs = waitedMs;
    this.#slots = slots;
  }

  release(): void {
    const slots = this.#slots;
    this.#slots = undefined;
    slots?.release();
  }
}
