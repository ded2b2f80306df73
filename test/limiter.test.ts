import { afterEach, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { RateLimitError } from "basiq";
import { afterRefusal, MIN_RATE, rateAt, Meter } from "../src/internal/adaptive-rate.js";
import { operationAt } from "../src/internal/operations.js";
import { RetryBudget } from "../src/internal/transport/budget.js";
import { bucketOf } from "../src/internal/buckets.js";
import { Limiter } from "../src/limiter.js";
import { MemoryStore } from "../src/store.js";

const call = { method: "GET", path: "/users/{userId}" };
const never = new AbortController().signal;

/** Settles pending promise callbacks (store calls are async) without moving the clock. */
const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

describe("limiter", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    jest.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  test("puts /token, quota-counted generators and the rest in separate buckets", () => {
    // The buckets come from the operation table's overlay flags (x-basiq-token-endpoint, x-basiq-daily-quota).
    const bucket = (method: string, template: string) => bucketOf(operationAt(method, template));
    expect(bucket("POST", "/token")).toBe("token");
    expect(bucket("POST", "/reports")).toBe("quota");
    expect(bucket("POST", "/users/{userId}/affordability")).toBe("quota");
    expect(bucket("POST", "/users/{userId}/income")).toBe("quota");
    expect(bucket("POST", "/users/{userId}/expenses")).toBe("quota");
    expect(bucket("GET", "/reports/{id}")).toBe("api");
    expect(bucket("GET", "/users/{userId}/expenses/{snapshotId}")).toBe("api");
    expect(bucket("POST", "/users")).toBe("api");
    expect(bucket("GET", "/not/in/any/spec")).toBe("api");
  });

  test("caps the requests in flight and lets the oldest waiter in when one ends", async () => {
    const limiter = new Limiter(new MemoryStore(), { maxConcurrency: 2 });
    const a = await limiter.acquire("api", never, 60_000, call);
    await limiter.acquire("api", never, 60_000, call);
    const order: string[] = [];
    void limiter.acquire("api", never, 60_000, call).then(() => order.push("c"));
    const d = limiter.acquire("api", never, 60_000, call).then(() => order.push("d"));
    await flush();
    expect(order).toEqual([]);
    a.release();
    a.release(); // a second release frees nothing more
    await flush();
    expect(order).toEqual(["c"]);
    expect(d).toBeDefined();
  });

  test("a refusal with Retry-After holds back every caller until the pause ends, on one shared timer", async () => {
    const limiter = new Limiter(new MemoryStore());
    const first = await limiter.acquire("api", never, 60_000, call);
    const { pauseMs, error } = await limiter.refused(first, 429, 2_000, 60_000, call);
    first.release();
    expect(error).toBeUndefined();
    expect(pauseMs).toBe(2_000);
    const timersBefore = jest.getTimerCount();
    let through = 0;
    const waiting = Array.from({ length: 50 }, () => limiter.acquire("api", never, 60_000, call).then((p) => {
      through++;
      p.release();
    }));
    await flush();
    expect(jest.getTimerCount() - timersBefore).toBe(1);
    await jest.advanceTimersByTimeAsync(1_999);
    expect(through).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(through).toBeGreaterThan(0);
    // Then at the (slow-starting) rate the refusal put in force, not all at once.
    expect(through).toBeLessThan(50);
    await jest.advanceTimersByTimeAsync(5_000);
    await Promise.all(waiting);
    expect(through).toBe(50);
  });

  test("a Retry-After longer than maxRateLimitWaitMs fails the call and every later call at once", async () => {
    const limiter = new Limiter(new MemoryStore());
    const permit = await limiter.acquire("api", never, 60_000, call);
    const { error } = await limiter.refused(permit, 429, 3_600_000, 60_000, call);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000, method: "GET", path: "/users/{userId}" });
    const later = await limiter.acquire("api", never, 60_000, call).catch((e: unknown) => e);
    expect(later).toBeInstanceOf(RateLimitError);
    expect((later as RateLimitError).retryAfterMs).toBeGreaterThan(3_590_000);
    // Another bucket is not paused.
    await expect(limiter.acquire("token", never, 60_000, call)).resolves.toBeDefined();
  });

  test("a wait that exceeds the call's own limit rejects at once even when the client's would allow it", async () => {
    const limiter = new Limiter(new MemoryStore());
    const permit = await limiter.acquire("api", never, 60_000, call);
    await limiter.refused(permit, 429, 5_000, 60_000, call);
    await expect(limiter.acquire("api", never, 1_000, call)).rejects.toBeInstanceOf(RateLimitError);
  });

  test("aborting a call that waits for a pause rejects it at once with the signal's reason", async () => {
    const limiter = new Limiter(new MemoryStore());
    const permit = await limiter.acquire("api", never, 60_000, call);
    await limiter.refused(permit, 429, 30_000, 60_000, call);
    const controller = new AbortController();
    const waiting = limiter.acquire("api", controller.signal, 60_000, call);
    await flush();
    controller.abort(new Error("caller gave up"));
    await expect(waiting).rejects.toThrow("caller gave up");
  });

  test("aborting a call queued for a concurrency slot rejects it and frees its place", async () => {
    const limiter = new Limiter(new MemoryStore(), { maxConcurrency: 1 });
    const held = await limiter.acquire("api", never, 60_000, call);
    const controller = new AbortController();
    const queued = limiter.acquire("api", controller.signal, 60_000, call);
    const next = limiter.acquire("api", never, 60_000, call);
    controller.abort(new Error("gone"));
    await expect(queued).rejects.toThrow("gone");
    held.release();
    await expect(next).resolves.toBeDefined();
  });

  test("a daily-quota bucket fails at once on 429 and keeps its Retry-After for later callers", async () => {
    const limiter = new Limiter(new MemoryStore());
    const post = { method: "POST", path: "/reports" };
    const permit = await limiter.acquire("quota", never, 60_000, post);
    const { error } = await limiter.refused(permit, 429, 120_000, 60_000, post);
    expect(error).toMatchObject({ name: "RateLimitError", status: 429, retryAfterMs: 120_000 });
    await expect(limiter.acquire("quota", never, 60_000, post)).rejects.toBeInstanceOf(RateLimitError);
    const { error: withoutHeader } = await new Limiter(new MemoryStore()).refused(permit, 429, undefined, 60_000, post);
    expect(withoutHeader).toBeInstanceOf(RateLimitError);
  });

  test("refusals without Retry-After put a send rate in force that spaces later sends", async () => {
    const limiter = new Limiter(new MemoryStore());
    const sentAt: number[] = [];
    // Ten successes in the last second, then a refusal: the rate starts at 10/s.
    for (let i = 0; i < 10; i++) {
      const p = await limiter.acquire("api", never, 60_000, call);
      limiter.succeeded(p);
      p.release();
    }
    const refusedPermit = await limiter.acquire("api", never, 60_000, call);
    await limiter.refused(refusedPermit, 429, undefined, 60_000, call);
    refusedPermit.release();
    const sends = Array.from({ length: 3 }, () => limiter.acquire("api", never, 60_000, call).then((p) => {
      sentAt.push(Date.now());
      p.release();
    }));
    await jest.advanceTimersByTimeAsync(1_000);
    await Promise.all(sends);
    expect(sentAt).toHaveLength(3);
    // Spaced by the rate (about 100 ms at 10/s, less as slow start doubles it), never all at once.
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThan(40);
    expect(sentAt[2]! - sentAt[1]!).toBeGreaterThan(20);
  });

  test("a refusal of a request sent before the last decrease does not lower the rate again", async () => {
    /** Sends `n` calls and resolves the gaps between them. */
    const gaps = async (limiter: Limiter, n: number) => {
      const at: number[] = [];
      const all = Promise.all(Array.from({ length: n }, () => limiter.acquire("api", never, 60_000, call).then((p) => {
        at.push(Date.now());
        p.release();
        return p;
      })));
      await jest.advanceTimersByTimeAsync(60);
      const permits = await all;
      return { permits, gap: at[n - 1]! - at[n - 2]! };
    };
    const once = new Limiter(new MemoryStore(), { requestsPerSecond: 100 });
    const twice = new Limiter(new MemoryStore(), { requestsPerSecond: 100 });
    const early = (await gaps(twice, 3)).permits;
    const single = (await gaps(once, 3)).permits;
    await once.refused(single[0]!, 429, undefined, 60_000, call);
    await twice.refused(early[0]!, 429, undefined, 60_000, call);
    await twice.refused(early[1]!, 429, undefined, 60_000, call);
    // 100/s * 0.7 = 70/s (about 14 ms apart) in both: the second, stale refusal did not make it 49/s (20 ms).
    const after = [(await gaps(once, 3)).gap, (await gaps(twice, 3)).gap];
    expect(after[0]).toBeGreaterThanOrEqual(12);
    expect(after[1]).toBeGreaterThanOrEqual(12);
    expect(after[1]).toBeLessThan(17);
  });
});

describe("adaptive rate", () => {
  test("is unlimited (or the ceiling) until the first refusal, then slow-starts from what got through once the pause ends", () => {
    expect(rateAt(undefined, 0)).toBe(Infinity);
    expect(rateAt(undefined, 0, 40)).toBe(40);
    const curve = afterRefusal(undefined, 0, 100, Infinity, 10);
    expect(curve).toEqual({ mode: "slow", rate: 10, since: 100, recoveryS: 1 });
    expect(rateAt(curve, 50)).toBeCloseTo(10);
    expect(rateAt(curve, 225)).toBeCloseTo(20);
    expect(rateAt(curve, 350)).toBeCloseTo(40);
    expect(rateAt(curve, 350, 30)).toBe(30);
  });

  test("decreases multiplicatively on a refusal and recovers the refused rate a second later (CUBIC)", () => {
    const curve = afterRefusal({ mode: "cubic", rate: 50, since: -1_000, recoveryS: 1 }, 0, 0, Infinity, 30);
    expect(curve).toMatchObject({ mode: "cubic", rate: 50, since: 0 });
    const refused = curve.rate;
    expect(rateAt(curve, 0)).toBeCloseTo(0.7 * refused);
    expect(rateAt(curve, 1_000)).toBeCloseTo(refused);
    expect(rateAt(curve, 500)).toBeGreaterThan(0.7 * refused);
    expect(rateAt(curve, 500)).toBeLessThan(refused);
    expect(rateAt(curve, 2_000)).toBeGreaterThan(refused);
  });

  test("alone on its store, takes what got through lately as the refused rate, at least a decrease below what was sent", () => {
    const cubic = { mode: "cubic" as const, rate: 50, since: -1_000, recoveryS: 1 };
    expect(afterRefusal(cubic, 0, 0, Infinity, 41, { sent: 48, succeeded: 41 }).rate).toBe(41);
    expect(afterRefusal(cubic, 0, 0, Infinity, 90, { sent: 95, succeeded: 90 }).rate).toBe(50);
    expect(afterRefusal(cubic, 0, 0, Infinity, 3, { sent: 50, succeeded: 3 }).rate).toBe(35);
    // A client that never sent at the rate in force: what it sent says more than the rate.
    expect(afterRefusal(cubic, 0, 0, Infinity, 10, { sent: 12, succeeded: 10 }).rate).toBe(10);
    // With a shared store (no measurement), CUBIC's own: the rate in force.
    expect(afterRefusal(cubic, 0, 0, Infinity, 3).rate).toBe(50);
  });

  test("after a slow start overshoots without a measurement, takes half its rate (TCP's ssthresh)", () => {
    const slow = { mode: "slow" as const, rate: 10, since: 0, recoveryS: 1 };
    expect(rateAt(slow, 375)).toBeCloseTo(80);
    expect(afterRefusal(slow, 375, 0, Infinity, 12)).toMatchObject({ mode: "cubic", rate: 40 });
  });

  test("recovers more slowly after a long pause (Retry-After): each refusal costs that long", () => {
    const curve = afterRefusal({ mode: "cubic", rate: 40, since: -60_000, recoveryS: 1 }, 0, 1_000, 40, 40);
    expect(curve).toMatchObject({ since: 1_000, recoveryS: 4 });
    expect(rateAt(curve, 500)).toBeCloseTo(28);
    expect(rateAt(curve, 3_000)).toBeLessThan(40);
    expect(rateAt(curve, 5_000)).toBeCloseTo(40);
  });

  test("never goes below the floor, whatever got through", () => {
    expect(rateAt(afterRefusal(undefined, 0, 0, Infinity, 0), 0)).toBe(MIN_RATE);
  });

  test("measures events per second over a recent window", () => {
    const meter = new Meter();
    for (let t = 10_000; t < 11_000; t += 50) meter.add(t);
    expect(meter.perSecond(10_999, 1_000)).toBe(20);
    expect(meter.perSecond(10_999, 200)).toBe(20);
    expect(meter.perSecond(11_450, 1_000)).toBe(10);
  });

  test("counts successes of the last second only", () => {
    const meter = new Meter();
    meter.add(10_000);
    meter.add(10_050);
    meter.add(10_900);
    expect(meter.lastSecond(10_950)).toBe(3);
    expect(meter.lastSecond(11_050)).toBe(1);
    expect(meter.lastSecond(20_000)).toBe(0);
  });
});

describe("retry budget", () => {
  test("pays 100 retries from a full quota, then refuses until successes earn it back", () => {
    const budget = new RetryBudget();
    let paid = 0;
    while (budget.take(5)) paid++;
    expect(paid).toBe(100);
    budget.succeed(undefined);
    expect(budget.take(5)).toBe(false);
    for (let i = 0; i < 4; i++) budget.succeed(undefined);
    expect(budget.take(5)).toBe(true);
  });

  test("a success after a retry refunds that retry's cost", () => {
    const budget = new RetryBudget();
    budget.take(10);
    budget.succeed(10);
    expect(budget.tokens).toBe(500);
  });
});
