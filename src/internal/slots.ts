// A cap on requests in flight: a FIFO of waiters, each leaving at once when its signal aborts.

/** Counting semaphore with abortable waits. */
export class Slots {
  #free: number;
  readonly #waiters: Array<{ grant: () => void }> = [];

  constructor(size: number) {
    this.#free = size;
  }

  /** Resolves once a slot is held (call `release` once after); rejects with `signal.reason` on abort. */
  acquire(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        grant: () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.#waiters.indexOf(waiter);
        if (index !== -1) this.#waiters.splice(index, 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.#waiters.push(waiter);
    });
  }

  /** Frees a slot: the oldest waiter gets it. */
  release(): void {
    const next = this.#waiters.shift();
    if (next) next.grant();
    else this.#free++;
  }
}
