// A cap on requests in flight: a FIFO of waiters (a Set: joining, leaving on abort and being let in
// are O(1), and an aborted waiter is dropped at once), each inside its call's deadline, and a cap on
// how many may wait at all.
import { type Timer, startTimer } from "./timer.js";

/** Why a slot was not had: the call's deadline passed, or the queue was full when it came. */
export class SlotRefused extends Error {
  constructor(readonly reason: "deadline" | "queue-full") {
    super(reason);
  }
}

interface Waiter {
  deadline: number;
  grant(): void;
  fail(error: unknown): void;
  /** Set for a waiter whose deadline comes before one already queued (a retry): its own timer. */
  timer: Timer | undefined;
}

/** Counting semaphore with abortable, deadline-bound waits. */
export class Slots {
  #free: number;
  readonly #waiters = new Set<Waiter>();
  readonly #maxQueued: number;
  /** Latest deadline queued: waiters at or past it expire in FIFO order, on the one sweep timer. */
  #lastDeadline = -Infinity;
  #sweep: Timer | undefined;

  constructor(size: number, maxQueued: number) {
    this.#free = size;
    this.#maxQueued = maxQueued;
  }

  /** Waiters queued now. */
  get queued(): number {
    return this.#waiters.size;
  }

  /** Takes a free slot when one is free and nobody waits (then call `release` once after); false otherwise. */
  take(): boolean {
    if (this.#free <= 0 || this.#waiters.size > 0) return false;
    this.#free--;
    return true;
  }

  /**
   * Resolves once a slot is held (call `release` once after). Rejects with `signal.reason` on
   * abort (no signal: nobody can abort the wait), and with a {@link SlotRefused} at `deadline`
   * (ms since the epoch) or when the queue is full.
   */
  acquire(signal: AbortSignal | undefined, deadline: number): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.take()) return Promise.resolve();
    if (this.#waiters.size >= this.#maxQueued) return Promise.reject(new SlotRefused("queue-full"));
    if (deadline <= Date.now()) return Promise.reject(new SlotRefused("deadline"));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => leave(signal!.reason);
      const leave = (error: unknown) => {
        this.#remove(waiter);
        reject(error);
      };
      const waiter: Waiter = {
        deadline,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        fail: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
        timer: undefined,
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      if (deadline < this.#lastDeadline) {
        waiter.timer = startTimer(deadline - Date.now(), () => {
          this.#remove(waiter);
          waiter.fail(new SlotRefused("deadline"));
        });
      } else {
        this.#lastDeadline = deadline;
      }
      this.#waiters.add(waiter);
      this.#arm();
    });
  }

  /** Frees a slot: the oldest waiter still inside its deadline gets it. */
  release(): void {
    const now = Date.now();
    for (const waiter of this.#waiters) {
      this.#remove(waiter);
      if (waiter.deadline <= now) {
        waiter.fail(new SlotRefused("deadline"));
        continue;
      }
      waiter.grant();
      return;
    }
    this.#free++;
  }

  #remove(waiter: Waiter): void {
    this.#waiters.delete(waiter);
    waiter.timer?.cancel();
    if (this.#waiters.size === 0) {
      this.#sweep?.cancel();
      this.#sweep = undefined;
      this.#lastDeadline = -Infinity;
    }
  }

  /** Arms the sweep timer for the oldest waiter's deadline (waiters with their own timers aside). */
  #arm(): void {
    if (this.#sweep) return;
    for (const waiter of this.#waiters) {
      if (waiter.timer) continue;
      if (!Number.isFinite(waiter.deadline)) return;
      this.#sweep = startTimer(waiter.deadline - Date.now(), () => {
        this.#sweep = undefined;
        this.#expire();
      });
      return;
    }
  }

  /** Fails every waiter at the front whose deadline has passed, then re-arms. */
  #expire(): void {
    const now = Date.now();
    for (const waiter of this.#waiters) {
      if (waiter.timer) continue;
      if (waiter.deadline > now) break;
      this.#remove(waiter);
      waiter.fail(new SlotRefused("deadline"));
    }
    this.#arm();
  }
}
