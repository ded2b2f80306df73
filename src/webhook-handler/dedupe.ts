// At most once to success, on any BasiqStore: an id is marked done only after its handler
// succeeded; while a delivery runs it holds a lease (the store's lock, with a TTL), and a duplicate
// that arrives meanwhile waits for the mark instead of running beside it.
//
//   keys      `${ns}:done:event:<eventId>`, `${ns}:done:msg:<webhook-id>`   "1" for doneTtlMs
//   lease     `${ns}:lease:<eventId, else webhook-id>`                      owner for leaseMs
//
// The event id joins deliveries and `replay` (GET /events lists events, not messages); the message
// id is what Standard Webhooks names as the idempotency key. Either one marked done means done.
import { delay } from "../internal/delay.js";
import type { BasiqStore } from "../store.js";

/** Longest a store call may take: past it the delivery answers 503 and runs nothing (a guess is not at most once). */
const STORE_TIMEOUT_MS = 2_000;
/** Polling of a waiting duplicate: first wait, then doubling up to the cap. */
const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 250;

/** The store failed or was too slow. */
export class StoreFailed extends Error {
  constructor(readonly cause: unknown) {
    super("the store failed");
  }
}

/** A store call under STORE_TIMEOUT_MS; a failure or timeout is a StoreFailed. */
async function bounded<T>(call: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      call(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    throw new StoreFailed(error);
  } finally {
    clearTimeout(timer);
  }
}

/** The ids one delivery or replayed event is known by. */
export interface MessageIds {
  eventId: string | undefined;
  messageId: string | undefined;
}

/** What a claim found: the lease is ours (run), the id was already done, or another holder kept it. */
export type Claim = { kind: "claimed"; release(success: boolean): Promise<void> } | { kind: "done" } | { kind: "busy" };

/** The dedupe protocol of one handler on its store. */
export class Dedupe {
  constructor(
    private readonly store: BasiqStore,
    private readonly namespace: string,
    private readonly leaseMs: number,
    private readonly doneTtlMs: number,
  ) {}

  #doneKeys(ids: MessageIds): string[] {
    const keys: string[] = [];
    if (ids.eventId !== undefined) keys.push(`${this.namespace}:done:event:${ids.eventId}`);
    if (ids.messageId !== undefined) keys.push(`${this.namespace}:done:msg:${ids.messageId}`);
    return keys;
  }

  #leaseKey(ids: MessageIds): string {
    return `${this.namespace}:lease:${ids.eventId ?? ids.messageId}`;
  }

  /** True when any of the ids is marked done. */
  async isDone(ids: MessageIds): Promise<boolean> {
    const values = await Promise.all(this.#doneKeys(ids).map((key) => bounded(() => this.store.get(key))));
    return values.some((value) => value !== undefined);
  }

  /**
   * Claims the ids: "done" when already processed; "claimed" with a release when this caller holds
   * the lease (release(true) marks done, release(false) frees the id for a redelivery); when another
   * holds it, waits up to `waitMs` for it to finish: "done" if it succeeded, "busy" if it failed or is
   * still running. Rejects with StoreFailed when the store does not answer.
   */
  async claim(ids: MessageIds, waitMs: number): Promise<Claim> {
    if (await this.isDone(ids)) return { kind: "done" };
    const lease = this.#leaseKey(ids);
    const owner = crypto.randomUUID();
    if (await bounded(() => this.store.lock(lease, owner, this.leaseMs))) {
      // A holder may have marked done and released between the check above and the lock.
      if (await this.isDone(ids)) {
        await bounded(() => this.store.unlock(lease, owner));
        return { kind: "done" };
      }
      return { kind: "claimed", release: (success) => this.#release(ids, lease, owner, success) };
    }
    const deadline = Date.now() + waitMs;
    let pollMs = POLL_FIRST_MS;
    // Bounded by the deadline; each round is three store calls at most.
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0) return { kind: "busy" };
      await delay(Math.min(pollMs, left));
      pollMs = Math.min(pollMs * 2, POLL_MAX_MS);
      if (await this.isDone(ids)) return { kind: "done" };
      // The lease gone without a done mark: its holder failed (or died). Not run here: the failure
      // is that message's, and Basiq's schedule (or a replay) runs it again.
      if ((await bounded(() => this.store.get(lease))) === undefined) return (await this.isDone(ids)) ? { kind: "done" } : { kind: "busy" };
    }
  }

  async #release(ids: MessageIds, lease: string, owner: string, success: boolean): Promise<void> {
    if (success) {
      await Promise.all(this.#doneKeys(ids).map((key) => bounded(() => this.store.set(key, "1", this.doneTtlMs))));
    }
    await bounded(() => this.store.unlock(lease, owner));
  }
}
