// The callers of one client taking turns, per bucket, for the bucket's send slots: one store call
// (`admit`) reserves the first caller's slot and, as a lease, slots for the callers behind it; one
// timer per bucket sleeps until each slot, and a caller that left hands its slot to the next. A
// caller nobody can abort that finds its bucket idle (no reservation being made or slept on, nobody
// waiting) makes that store call itself, without a queued turn (no promise, closures or listener).
import type { BasiqStore } from "../store.js";
import type { Bucket } from "./buckets.js";
import { type CallLabel, waitTooLong } from "./limit-errors.js";
import type { AdmitResult } from "./limit-state.js";
import { startTimer } from "./timer.js";

/** A caller waiting for its turn at a bucket's send slots. */
interface Turn {
  deadline: number;
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

  /** Joins the bucket's turns; resolves this caller's reservation once its slot has come (no signal: nobody can abort the wait). */
  turn(bucket: Bucket, signal: AbortSignal | undefined, deadline: number, call: CallLabel): Promise<AdmitResult> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const state = this.state(bucket);
    // Not on a shared store: there a ramp's slot checks the refusal mark and may be admitted again (#serve).
    if (signal === undefined && !this.#probe && !state.busy && state.turns.size === 0) return this.#alone(bucket, state, deadline, call);
    return new Promise<AdmitResult>((resolve, reject) => {
      const onAbort = () => {
        state.turns.delete(turn);
        if (state.turns.size === 0) state.wake?.();
        reject(signal!.reason);
      };
      const turn: Turn = {
        deadline, call,
        resolve: (result) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(result);
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      state.turns.add(turn);
      if (!state.busy) void this.#serve(bucket, state);
    });
  }

  /**
   * The turn of a caller nobody can abort at an idle bucket of the client's own store, served as #serve would serve it first
   * in line: its store call (a lease of one: nobody waits behind it), its slot slept on (to the
   * end: it cannot leave), the slot refused past its deadline and then given to whoever came
   * meanwhile. Those callers wait behind it and are served once it is done.
   */
  async #alone(bucket: Bucket, state: BucketState, deadline: number, call: CallLabel): Promise<AdmitResult> {
    state.busy = true;
    try {
      const result = await this.#admit(bucket, state, deadline, 1);
      if (!result.granted) throw waitTooLong(call, result, this.#maxWaitMs);
      const due = Date.now() + result.waitMs;
      for (let left = result.waitMs; left > 0; left = due - Date.now()) await new Promise<void>((done) => startTimer(left, done));
      const end = Date.now();
      if (deadline < end - 1) {
        this.#give(state, result, end);
        throw waitTooLong(call, result, this.#maxWaitMs);
      }
      return result;
    } finally {
      state.busy = false;
      if (state.turns.size > 0) void this.#serve(bucket, state);
    }
  }

  /** The store call reserving `count` slots of the bucket, with the successes not yet told. */
  #admit(bucket: Bucket, state: BucketState, deadline: number, count: number): Promise<AdmitResult> {
    const ok = state.ok;
    state.ok = 0;
    return this.#store.admit(this.#key(bucket), {
      ok, okSince: state.okSince, ceiling: this.#ceiling, burst: this.#burst, probe: this.#probe, maxWaitMs: Math.max(0, deadline - Date.now()), count,
    });
  }

  /** The slot goes to the first caller still waiting whose deadline it meets (`end`: now). */
  #give(state: BucketState, slot: AdmitResult, end: number): void {
    for (const waiting of state.turns) {
      state.turns.delete(waiting);
      if (waiting.deadline < end - 1) {
        waiting.reject(waitTooLong(waiting.call, slot, this.#maxWaitMs));
        continue;
      }
      waiting.resolve(slot);
      return;
    }
  }

  /**
   * Serves the bucket's turns in order: one store call reserves the first caller's slot and, as a
   * lease, slots for the callers behind it that come within LEASE_MS; one timer sleeps until each;
   * a caller that left meanwhile hands its slot to the next. A refusal seen by this client drops the
   * rest of the lease. Bounded: each round takes a caller out of the queue (served, refused or gone),
   * or, for a ramp's slot another client's refusal marked, needs a fresh refusal to take none.
   */
  async #serve(bucket: Bucket, state: BucketState): Promise<void> {
    state.busy = true;
    try {
      for (let turn = first(state.turns); turn; turn = first(state.turns)) {
        let result: AdmitResult;
        const asked = Date.now();
        try {
          result = await this.#admit(bucket, state, turn.deadline, Math.min(state.turns.size, MAX_LEASE));
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
        const { leaseMs } = result;
        for (let i = 0; i <= leaseMs.length && state.turns.size > 0; i++) {
          const slotMs = i === 0 ? result.waitMs : leaseMs[i - 1]!;
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
          this.#give(state, i === 0 ? result : { ...result, waitMs: slotMs }, Date.now());
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
