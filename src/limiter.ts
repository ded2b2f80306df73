// One rate limiter per client: every attempt of every request passes it. The bucket's state (its
// pause, its send slots, its rate curve and the meter the rate is measured by) lives in the store and
// changes in one atomic step per send (`admit`) and per refusal (`refuse`), on the store's clock: a
// store shared by processes makes the fleet one client (one rate, one pause, one queue of send
// slots), at one store round trip per request. Here stay what is per process: the concurrency cap,
// the queue of callers taking turns for send slots, and the one timer a bucket's turn sleeps on.
import { RateLimitError } from "./errors.js";
import { PROBE_BURST } from "./internal/adaptive-rate.js";
import type { AdmitResult } from "./internal/limit-state.js";
import type { Bucket } from "./internal/buckets.js";
import { SlotRefused, Slots } from "./internal/slots.js";
import { startTimer } from "./internal/timer.js";
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

/** What a call is, for the messages of the errors the limiter raises. */
export interface CallLabel {
  method: string;
  path: string;
}

/** A caller waiting for its turn at a bucket's send slots. */
interface Turn {
  deadline: number;
  signal: AbortSignal;
  call: CallLabel;
  resolve(result: AdmitResult): void;
  reject(error: unknown): void;
}

interface BucketState {
  /** Callers in turn order (a Set: O(1) to join, to leave on abort, and to take the first). */
  turns: Set<Turn>;
  /** True while one caller's reservation is being made or slept on (one store call, one timer per bucket). */
  busy: boolean;
  /** Ends the sleep on the reservation early (its timer cancelled) once no caller waits for it. */
  wake: (() => void) | undefined;
  /** Successes not yet told to the store, and the curve their sends were admitted under. */
  ok: number;
  okSince: number;
  /** Counts this process's refusals: a lease taken before one is dropped (the next admit sees the pause). */
  epoch: number;
}

/** Most sends one admit may reserve (a lease is also bounded by LEASE_MS of slots). */
const MAX_LEASE = 64;

/** The limiter of one client. */
export class Limiter {
  /** Client-wide retry quota (see RetryBudget). */
  readonly budget = new RetryBudget();
  readonly #store: Required<Pick<BasiqStore, "admit" | "refuse">>;
  readonly #prefix: string;
  readonly #slots: Slots;
  readonly #maxConcurrency: number;
  readonly #ceiling: number;
  readonly #probe: boolean;
  readonly #buckets = new Map<Bucket, BucketState>();
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
    this.#maxConcurrency = options.maxConcurrency ?? RATE_LIMIT_DEFAULTS.maxConcurrency;
    this.#slots = new Slots(this.#maxConcurrency, MAX_QUEUED_CALLS);
    this.#ceiling = options.requestsPerSecond ?? Infinity;
    this.#probe = shared;
    this.maxWaitMs = options.maxRateLimitWaitMs ?? RATE_LIMIT_DEFAULTS.maxRateLimitWaitMs;
  }

  /**
   * Waits until `bucket` may send: a concurrency slot (not for /token: a token refresh never waits
   * behind the calls that need it), then this client's turn at the bucket's send slots, whose one
   * store call reserves a slot after the bucket's pause at its shared rate. Rejects with a
   * RateLimitError naming the limit when the wait would end past `deadline` (ms since the epoch:
   * one deadline for all of a call's attempts), and with `signal.reason` as soon as the signal aborts.
   */
  async acquire(bucket: Bucket, signal: AbortSignal, deadline: number, call: CallLabel): Promise<Permit> {
    const start = Date.now();
    const slotted = bucket !== "token";
    if (slotted) {
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
      const admitted = await this.#turn(bucket, signal, deadline, call);
      return this.#permit(bucket, admitted, start, slotted);
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
    const state = this.#state(bucket);
    const successes = { ok: state.ok, okSince: state.okSince };
    state.ok = 0;
    state.epoch++;
    const quota = bucket === "quota";
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
    const state = this.#state(permit.bucket);
    if (permit.since < state.okSince) return; // under a curve already replaced: its episode is over
    if (permit.since > state.okSince) {
      state.okSince = permit.since;
      state.ok = 0;
    }
    state.ok++;
  }

  #permit(bucket: Bucket, admitted: AdmitResult, start: number, slotted: boolean): Permit {
    let held = slotted;
    return {
      bucket,
      sentAt: admitted.now + admitted.waitMs,
      since: admitted.since,
      waitedMs: Date.now() - start,
      release: () => {
        if (!held) return;
        held = false;
        this.#slots.release();
      },
    };
  }

  /** Joins the bucket's turns; resolves this caller's reservation once its slot has come. */
  #turn(bucket: Bucket, signal: AbortSignal, deadline: number, call: CallLabel): Promise<AdmitResult> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const state = this.#state(bucket);
    return new Promise<AdmitResult>((resolve, reject) => {
      const onAbort = () => {
        state.turns.delete(turn);
        if (state.turns.size === 0) state.wake?.();
        reject(signal.reason);
      };
      const turn: Turn = {
        deadline, signal, call,
        resolve: (result) => {
          signal.removeEventListener("abort", onAbort);
          resolve(result);
        },
        reject: (error) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal.addEventListener("abort", onAbort, { once: true });
      state.turns.add(turn);
      if (!state.busy) void this.#serve(bucket, state);
    });
  }

  /**
   * Serves the bucket's turns in order: one store call reserves the first caller's slot and, as a
   * lease, slots for the callers behind it that come within LEASE_MS; one timer sleeps until each;
   * a caller that left meanwhile hands its slot to the next. A refusal seen by this client drops the
   * rest of the lease. Bounded: each round takes a caller out of the queue (served, refused or gone).
   */
  async #serve(bucket: Bucket, state: BucketState): Promise<void> {
    state.busy = true;
    try {
      for (let turn = first(state.turns); turn; turn = first(state.turns)) {
        const successes = { ok: state.ok, okSince: state.okSince };
        state.ok = 0;
        let result: AdmitResult;
        try {
          result = await this.#store.admit(this.#key(bucket), {
            ...successes, ceiling: this.#ceiling, burst: Math.min(this.#maxConcurrency, PROBE_BURST), probe: this.#probe, maxWaitMs: Math.max(0, turn.deadline - Date.now()),
            count: Math.min(state.turns.size, MAX_LEASE),
          });
        } catch (error) {
          state.turns.delete(turn);
          turn.reject(error);
          continue;
        }
        if (!result.granted) {
          state.turns.delete(turn);
          turn.reject(waitTooLong(turn.call, result, this.maxWaitMs));
          continue;
        }
        const base = Date.now();
        const epoch = state.epoch;
        const slots = [result.waitMs, ...result.leaseMs];
        for (let i = 0; i < slots.length && state.turns.size > 0; i++) {
          const slotMs = slots[i]!;
          if (i > 0 && state.epoch !== epoch) break;
          // Slept on while someone waits for it: the last caller's abort wakes it (no timer outlives
          // its callers; a script whose calls all aborted can exit), a newcomer sleeps out the rest.
          for (let left = base + slotMs - Date.now(); left > 0 && state.turns.size > 0; left = base + slotMs - Date.now()) {
            await new Promise<void>((done) => {
              const timer = startTimer(left, done);
              state.wake = () => {
                timer.cancel();
                done();
              };
            });
            state.wake = undefined;
          }
          if (state.turns.size === 0 || (i > 0 && state.epoch !== epoch)) break;
          // The slot goes to the first caller still waiting whose deadline it meets.
          const slot = { ...result, waitMs: slotMs };
          const end = Date.now();
          for (const waiting of state.turns) {
            state.turns.delete(waiting);
            if (waiting.deadline < end - 1) {
              waiting.reject(waitTooLong(waiting.call, slot, this.maxWaitMs));
              continue;
            }
            waiting.resolve(slot);
            break;
          }
        }
      }
    } finally {
      state.busy = false;
    }
  }

  #state(bucket: Bucket): BucketState {
    let state = this.#buckets.get(bucket);
    if (!state) {
      state = { turns: new Set(), busy: false, wake: undefined, ok: 0, okSince: 0, epoch: 0 };
      this.#buckets.set(bucket, state);
    }
    return state;
  }

  #key(bucket: Bucket): string {
    return `${this.#prefix}${bucket}`;
  }
}

/** The first entry of a set, in insertion order. */
function first<T>(set: Set<T>): T | undefined {
  return set.values().next().value;
}

/** The RateLimitError of a reservation that would end past the call's deadline: the server's pause, or the shared send rate. */
function waitTooLong(call: CallLabel, result: AdmitResult, maxWaitMs: number): RateLimitError {
  if (result.pausedMs > 0) return pausedTooLong(call, result.waitMs, maxWaitMs, 429);
  return new RateLimitError(
    `${call.method} ${call.path}: the shared send rate has no slot for ${Math.ceil(result.waitMs / 1000)} s, past the call's rate-limit wait (maxRateLimitWaitMs ${maxWaitMs} ms)`,
    { status: 429, retryAfterMs: Math.round(result.waitMs), method: call.method, path: call.path },
  );
}

/** The RateLimitError of a server pause longer than the call may still wait. */
function pausedTooLong(call: CallLabel, waitMs: number, maxWaitMs: number, status: 429 | 403, retryAfterMs?: number): RateLimitError {
  return new RateLimitError(
    `${call.method} ${call.path}: rate limited for ${Math.ceil(waitMs / 1000)} s more, longer than this call may still wait (maxRateLimitWaitMs ${maxWaitMs} ms across its attempts)`,
    { status, retryAfterMs: Math.round(retryAfterMs ?? waitMs), method: call.method, path: call.path },
  );
}
