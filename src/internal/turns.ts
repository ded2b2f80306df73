// The callers of one client taking turns, per bucket, for the bucket's send slots: one store call
// (`admit`) reserves the first caller's slot and, as a lease, slots for the callers behind it; one
// timer per bucket sleeps until each slot, and a caller that left hands its slot to the next. Also
// the RateLimitErrors of waits that would end past a call's deadline.
import { RateLimitError } from "../errors.js";
import type { BasiqStore } from "../store.js";
import type { Bucket } from "./buckets.js";
import type { AdmitResult } from "./limit-state.js";
import { startTimer } from "./timer.js";

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

/** A bucket's state in this process. */
export interface BucketState {
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

/**
 * How long a refusal's mark (see {@link refusalMark}) stays in a shared store: longer than a ramp's
 * slot is reserved ahead, so a slot reserved before the refusal still sees it when it comes.
 */
export const MARK_MS = 1_000;

/** The store key that marks a bucket's latest refusal (a pause of MARK_MS from it), beside its state at `key`. */
export const refusalMark = (key: string): string => `${key}:refused`;

/** What the turns of a client's buckets are served with. */
export interface TurnSettings {
  /** The store's admit step, and the key of a bucket's state in it. */
  store: Required<Pick<BasiqStore, "admit">> & Pick<BasiqStore, "pause">;
  key: (bucket: Bucket) => string;
  /** The client's rate ceiling (Infinity: none), its first-contact burst, and whether it probes (a shared store). */
  ceiling: number;
  burst: number;
  probe: boolean;
  /** maxRateLimitWaitMs, for the errors' messages. */
  maxWaitMs: number;
}

/** The turn queues of one client's buckets. */
export class Turns {
  readonly #buckets = new Map<Bucket, BucketState>();
  readonly #store: TurnSettings["store"];
  readonly #key: TurnSettings["key"];
  readonly #ceiling: number;
  readonly #burst: number;
  readonly #probe: boolean;
  readonly #maxWaitMs: number;

  constructor({ store, key, ceiling, burst, probe, maxWaitMs }: TurnSettings) {
    this.#store = store;
    this.#key = key;
    this.#ceiling = ceiling;
    this.#burst = burst;
    this.#probe = probe;
    this.#maxWaitMs = maxWaitMs;
  }

  /** Joins the bucket's turns; resolves this caller's reservation once its slot has come. */
  turn(bucket: Bucket, signal: AbortSignal, deadline: number, call: CallLabel): Promise<AdmitResult> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const state = this.state(bucket);
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
        const asked = Date.now();
        try {
          result = await this.#store.admit(this.#key(bucket), {
            ...successes, ceiling: this.#ceiling, burst: this.#burst, probe: this.#probe, maxWaitMs: Math.max(0, turn.deadline - Date.now()),
            count: Math.min(state.turns.size, MAX_LEASE),
          });
        } catch (error) {
          state.turns.delete(turn);
          turn.reject(error);
          continue;
        }
        if (!result.granted) {
          state.turns.delete(turn);
          turn.reject(waitTooLong(turn.call, result, this.#maxWaitMs));
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
          // A ramp's slot on a shared store: another client's refusal since the admit pauses it (the
          // next admit sees the pause), rather than one more send the server refuses.
          if (result.ramp && this.#probe && slotMs > 0 && (await this.#refusedSince(bucket, asked))) break;
          // The slot goes to the first caller still waiting whose deadline it meets.
          const slot = { ...result, waitMs: slotMs };
          const end = Date.now();
          for (const waiting of state.turns) {
            state.turns.delete(waiting);
            if (waiting.deadline < end - 1) {
              waiting.reject(waitTooLong(waiting.call, slot, this.#maxWaitMs));
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

  /** True when the bucket's refusal mark says a refusal came at or after `since` (this client's clock; the same ms counts: one admit more, not one refused send more). */
  async #refusedSince(bucket: Bucket, since: number): Promise<boolean> {
    try {
      const left = await this.#store.pause(refusalMark(this.#key(bucket)), 0);
      return left > 0 && Date.now() + left - MARK_MS >= since;
    } catch {
      return false; // the store's failure is the admit's to report
    }
  }

  /** This client's state of the bucket (made on first use). */
  state(bucket: Bucket): BucketState {
    let state = this.#buckets.get(bucket);
    if (!state) {
      state = { turns: new Set(), busy: false, wake: undefined, ok: 0, okSince: 0, epoch: 0 };
      this.#buckets.set(bucket, state);
    }
    return state;
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
export function pausedTooLong(call: CallLabel, waitMs: number, maxWaitMs: number, status: 429 | 403, retryAfterMs?: number): RateLimitError {
  return new RateLimitError(
    `${call.method} ${call.path}: rate limited for ${Math.ceil(waitMs / 1000)} s more, longer than this call may still wait (maxRateLimitWaitMs ${maxWaitMs} ms across its attempts)`,
    { status, retryAfterMs: Math.round(retryAfterMs ?? waitMs), method: call.method, path: call.path },
  );
}
