// A call nobody can abort (no signal) that finds its bucket idle makes the store call itself,
// without a queued turn. These tests hold it to what a queued turn does: one store call per bucket
// at a time, turns in arrival order, a pause set by another caller honoured, a deadline that passed
// during the store call refused (its slot then goes to the caller behind it), a free concurrency
// slot taken at once and given back once.
import { afterEach, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { RateLimitError } from "basiq";
import type { AdmitRequest, AdmitResult } from "../src/internal/limit-state.js";
import { Limiter } from "../src/limiter.js";
import { MemoryStore } from "../src/store.js";

const call = { method: "GET", path: "/users/{userId}" };
const never = new AbortController().signal;
const within = (ms = 60_000) => Date.now() + ms;

/** Settles pending promise callbacks without moving the clock. */
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** A memory store whose admit waits until the test opens it (a store round trip), counting calls in flight. */
class GatedStore extends MemoryStore {
  readonly gates: Array<() => void> = [];
  admits = 0;
  inFlight = 0;
  maxInFlight = 0;

  override async admit(key: string, request: AdmitRequest): Promise<AdmitResult> {
    this.admits++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise<void>((open) => this.gates.push(open));
    this.inFlight--;
    return super.admit(key, request);
  }

  /** Opens the oldest waiting admit. */
  open(): void {
    this.gates.shift()?.();
  }
}

describe("a call nobody can abort at an idle bucket", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    jest.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  test("callers that come during its store call wait for it, then go in arrival order, one store call at a time", async () => {
    const store = new GatedStore();
    const limiter = new Limiter(store);
    const order: string[] = [];
    const a = limiter.acquire("api", undefined, within(), call).then((p) => order.push("a") && p);
    const b = limiter.acquire("api", never, within(), call).then((p) => order.push("b") && p);
    const c = limiter.acquire("api", undefined, within(), call).then((p) => order.push("c") && p);
    await flush();
    expect(store.admits).toBe(1);
    for (let i = 0; i < 3; i++) {
      store.open();
      await flush();
    }
    await Promise.all([a, b, c]);
    expect(order).toEqual(["a", "b", "c"]);
    // b and c were served by one admit (a lease of two), never two store calls at once.
    expect(store.maxInFlight).toBe(1);
    expect(store.admits).toBe(2);
  });

  test("a pause set by another caller's refusal holds it back until the pause ends", async () => {
    const limiter = new Limiter(new MemoryStore());
    const permit = await limiter.acquire("api", undefined, within(), call);
    await limiter.refused(permit, 429, 5_000, within(), call);
    permit.release();
    let sent = false;
    const next = limiter.acquire("api", undefined, within(), call).then((p) => {
      sent = true;
      return p;
    });
    await jest.advanceTimersByTimeAsync(4_900);
    expect(sent).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(sent).toBe(true);
    expect((await next).waitedMs).toBeGreaterThanOrEqual(5_000);
  });

  test("a pause longer than it may wait rejects it at once, naming the pause", async () => {
    const limiter = new Limiter(new MemoryStore());
    const permit = await limiter.acquire("api", undefined, within(), call);
    await limiter.refused(permit, 429, 5_000, within(), call);
    permit.release();
    await expect(limiter.acquire("api", undefined, within(1_000), call)).rejects.toThrow(/rate limited for 5 s more/);
  });

  test("its deadline passed during its store call: it is refused, and its slot goes to the caller behind it", async () => {
    const store = new GatedStore();
    const limiter = new Limiter(store);
    const a = limiter.acquire("api", undefined, within(10), call).catch((e: unknown) => e);
    const b = limiter.acquire("api", never, within(), call);
    await flush();
    await jest.advanceTimersByTimeAsync(100);
    store.open();
    expect(await a).toBeInstanceOf(RateLimitError);
    await expect(b).resolves.toBeDefined();
    expect(store.admits).toBe(1);
  });

  test("takes a free concurrency slot at once and gives it back once, however often it is released", async () => {
    const limiter = new Limiter(new MemoryStore(), { maxConcurrency: 1 });
    const first = await limiter.acquire("api", undefined, within(), call);
    let second = false;
    const next = limiter.acquire("api", undefined, within(), call).then((p) => {
      second = true;
      return p;
    });
    await flush();
    expect(second).toBe(false);
    first.release();
    first.release();
    const held = await next;
    expect(second).toBe(true);
    // The double release freed one slot only: a third call waits for the second's.
    let third = false;
    void limiter.acquire("api", undefined, within(), call).then(() => {
      third = true;
    });
    await flush();
    expect(third).toBe(false);
    held.release();
    await flush();
    expect(third).toBe(true);
  });

  test("a store failure rejects it and the callers behind it are still served", async () => {
    const store = new GatedStore();
    let fail = true;
    const admit = store.admit.bind(store);
    store.admit = async (key, request) => {
      if (fail) {
        fail = false;
        throw new Error("store down");
      }
      return admit(key, request);
    };
    const limiter = new Limiter(store);
    const a = limiter.acquire("api", undefined, within(), call);
    const b = limiter.acquire("api", undefined, within(), call);
    await expect(a).rejects.toThrow("store down");
    await flush();
    store.open();
    await expect(b).resolves.toBeDefined();
  });
});
