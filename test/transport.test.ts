// The transport's stages on their own: the classification table, the one rate-limit refusal rule,
// Retry-After parsing, the per-call retries, the deadline helper and the bounded map.
import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { withDeadline } from "../src/internal/abort.js";
import { BoundedMap } from "../src/internal/bounded.js";
import { CallRetries, RetryBudget } from "../src/internal/transport/budget.js";
import { classify, isRateLimitRefusal, isReplayable, refusesToken } from "../src/internal/transport/classify.js";
import { parseRetryAfter } from "../src/internal/transport/retry-after.js";

const facts = (limited: boolean, replayable: boolean) => ({ limited, replayable });

describe("classify", () => {
  test("a refusal pauses the limiter's bucket, or (with no limiter) is retried like any 429", () => {
    expect(classify({ status: 429, refusal: true }, facts(true, false))).toBe("pause");
    expect(classify({ status: 429, refusal: true }, facts(false, false))).toBe("retry");
    expect(classify({ status: 403, refusal: true }, facts(false, true))).toBe("accept");
  });

  test("retries a 5xx only for a replayable call, and accepts every other status", () => {
    for (const status of [500, 502, 503, 504]) {
      expect(classify({ status, refusal: false }, facts(true, true))).toBe("retry");
      expect(classify({ status, refusal: false }, facts(true, false))).toBe("accept");
    }
    for (const status of [200, 204, 400, 401, 403, 404, 501]) expect(classify({ status, refusal: false }, facts(true, true))).toBe("accept");
  });

  test("retries a timeout or a network error only for a replayable call", () => {
    expect(classify({ failure: "timeout" }, facts(true, true))).toBe("retry");
    expect(classify({ failure: "network" }, facts(true, false))).toBe("fail");
  });

  test("GET, PUT, DELETE, the token endpoint and an opted-in POST are replayable; a plain POST is not", () => {
    expect(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].every((m) => isReplayable(m, false, false))).toBe(true);
    expect(isReplayable("POST", false, false)).toBe(false);
    expect(isReplayable("PATCH", false, false)).toBe(false);
    expect(isReplayable("POST", true, false)).toBe(true);
    expect(isReplayable("POST", false, true)).toBe(true);
  });
});

describe("the rate-limit refusal rule", () => {
  test("a 429 anywhere; a 403 only at the token endpoint and only with \"Invalid request\"", () => {
    expect(isRateLimitRefusal(429, false)).toBe(true);
    expect(isRateLimitRefusal(403, true, '{"data":[{"title":"Invalid request"}]}')).toBe(true);
    expect(isRateLimitRefusal(403, true, '{"data":[{"title":"Forbidden"}]}')).toBe(false);
    expect(isRateLimitRefusal(403, false, '{"data":[{"title":"Invalid request"}]}')).toBe(false);
    expect(isRateLimitRefusal(503, true, "invalid request")).toBe(false);
  });

  test("a 401, or a 403 \"Token has expired\", refuses the token; other 403s do not (and only a 403's body is read)", async () => {
    const unread = async () => {
      throw new Error("read");
    };
    expect(await refusesToken(401, unread)).toBe(true);
    expect(await refusesToken(404, unread)).toBe(false);
    expect(await refusesToken(403, async () => '{"data":[{"detail":"Token has expired."}]}')).toBe(true);
    expect(await refusesToken(403, async () => '{"data":[{"detail":"Access to this resource is forbidden."}]}')).toBe(false);
    expect(await refusesToken(403, async () => "not json")).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2026, 0, 1, 0, 0, 0);
  test("reads delta-seconds and the three HTTP-date forms; rejects the rest", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 3 ", now)).toBe(3000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Thursday, 01-Jan-26 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Thu Jan  1 00:00:05 2026", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
    for (const bad of ["-5", "1.5", "soon", "Thu, 01 Foo 2026 00:00:05 GMT"]) expect(parseRetryAfter(bad, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("CallRetries", () => {
  test("allows at most maxRetries, each paid from the quota; a success refunds the last one's cost", () => {
    const quota = new RetryBudget();
    const retries = new CallRetries(2, quota);
    expect(retries.take(5)).toBe(true);
    expect(retries.take(10)).toBe(true);
    expect(retries.take(5)).toBe(false);
    expect(quota.tokens).toBe(485);
    retries.answered(200);
    expect(quota.tokens).toBe(495);
    retries.answered(503); // a 5xx earns nothing back
    expect(quota.tokens).toBe(495);
  });

  test("takes nothing when the quota cannot pay", () => {
    const quota = new RetryBudget();
    while (quota.take(10));
    const retries = new CallRetries(3, quota);
    expect(retries.take(10)).toBe(false);
    expect(new CallRetries(1, undefined).take(10)).toBe(true);
  });
});

describe("withDeadline", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test("aborts at the deadline (passed) or with the caller's reason (not passed)", async () => {
    jest.useFakeTimers();
    const timed = withDeadline(100);
    await jest.advanceTimersByTimeAsync(100);
    expect(timed.signal.aborted && timed.passed()).toBe(true);
    const caller = new AbortController();
    const merged = withDeadline(100, caller.signal);
    caller.abort(new Error("mine"));
    expect((merged.signal.reason as Error).message).toBe("mine");
    expect(merged.passed()).toBe(false);
    merged.dispose();
    const disposed = withDeadline(100);
    disposed.dispose();
    await jest.advanceTimersByTimeAsync(200);
    expect(disposed.signal.aborted).toBe(false);
  });

  test("race rejects at the deadline or with the caller's reason while the raced promise is still pending", async () => {
    jest.useFakeTimers();
    const never = new Promise<never>(() => {});
    const timed = withDeadline(100);
    const raced = timed.race(never);
    const outcome = raced.then(() => "resolved", (reason: Error) => reason.message);
    await jest.advanceTimersByTimeAsync(100);
    await expect(outcome).resolves.toBe("deadline passed");
    timed.dispose();
    const caller = new AbortController();
    const merged = withDeadline(100, caller.signal);
    const waiting = merged.race(never);
    caller.abort(new Error("mine"));
    await expect(waiting).rejects.toThrow("mine");
    merged.dispose();
  });

  test("race settles as its promise does, twice in a row and two at once; a Response after the deadline has its body cancelled", async () => {
    jest.useFakeTimers();
    const within = withDeadline(100);
    await expect(within.race(Promise.resolve(1))).resolves.toBe(1);
    await expect(within.race(Promise.reject(new Error("sent")))).rejects.toThrow("sent");
    let late!: (response: Response) => void;
    const first = within.race(new Promise<Response>((resolve) => (late = resolve)));
    const second = within.race(new Promise<never>(() => {}));
    const outcomes = Promise.allSettled([first, second]);
    await jest.advanceTimersByTimeAsync(100);
    expect((await outcomes).map((o) => o.status)).toEqual(["rejected", "rejected"]);
    const body = new ReadableStream({ pull: () => {} });
    const cancelled = jest.spyOn(body, "cancel");
    late(new Response(body));
    await jest.advanceTimersByTimeAsync(0);
    expect(cancelled).toHaveBeenCalled();
    within.dispose();
  });
});

describe("BoundedMap", () => {
  test("drops the oldest-inserted entry when a new key comes in full; updating a key drops nothing", () => {
    const map = new BoundedMap<string, number>(2);
    map.set("a", 1).set("b", 2).set("a", 3);
    expect([...map]).toEqual([["a", 3], ["b", 2]]);
    map.set("c", 4);
    expect([...map.keys()]).toEqual(["b", "c"]);
  });
});
