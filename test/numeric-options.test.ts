// Every numeric option, fuzzed: any value is either refused with a BasiqError naming the option (at
// construction or at the call) or works as documented, and no call outlives its deadline. Time is
// fake (jest's modern timers), so a deadline of 2^31-1 ms costs nothing and a hang shows up as a
// call still pending once its deadline has passed.
import { afterEach, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, BasiqError, JobTimeoutError, RateLimitError } from "basiq";
import fc from "fast-check";
import { API_KEY, fakeBasiq, json, userPath } from "./helpers/fetch.js";

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Values a user might pass by mistake or on purpose: edges, non-finite, huge, fractional, other types. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(0, -0, -1, 1, 0.5, 1.5, 2, 3, 10, 11, 99, 100, 1999, 2000, 2500, 65_536, 600_000, 600_001,
    MAX_TIMER_MS, 2 ** 31, 1e10, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, NaN) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 40 }) },
  { weight: 2, arbitrary: fc.double({ min: -1e11, max: 1e11 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>("5", "", null, true, [], {}, 10n) },
);

interface Settled {
  done: boolean;
  value?: unknown;
  error?: unknown;
}

/** Starts `run` and tracks whether it settled (without awaiting it). */
function track(run: () => Promise<unknown>): Settled {
  const state: Settled = { done: false };
  run().then((value) => Object.assign(state, { done: true, value }), (error: unknown) => Object.assign(state, { done: true, error }));
  return state;
}

/** Fake ms go by (timers fire, promises in between settle). */
const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);

/**
 * Either `make()` throws a BasiqError naming `option`, or it returns a call to check. A refusal at the
 * call (a rejected call naming the option, before any time passes) counts as a refusal too.
 */
async function refusedOrChecked(option: string, make: () => () => Promise<unknown>, check: (settled: Settled) => Promise<void>): Promise<"refused" | "works"> {
  let start: () => Promise<unknown>;
  try {
    start = make();
  } catch (error) {
    expect(error).toBeInstanceOf(BasiqError);
    expect((error as Error).message).toContain(option);
    return "refused";
  }
  const settled = track(start);
  await elapse(0);
  if (settled.done && settled.error instanceof BasiqError && settled.error.message.includes(option) && /must be/.test(settled.error.message)) return "refused";
  await check(settled);
  return "works";
}

/** The value as the case counts it, when the check decided it works. */
const num = (value: unknown) => value as number;

const job = (status: string) => json({ type: "job", id: "j1", steps: [{ title: "verify-credentials", status, result: null }] });

/** A fetch that never answers (until the attempt's signal aborts it). */
const stalls = (request: Request) => new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));

describe("numeric options: refused with a BasiqError naming the option, or working within the call's deadline", () => {
  beforeEach(() => {
    jest.spyOn(Math, "random").mockReturnValue(0);
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** Runs `property` over anyValue; reports how many values were refused and how many worked. */
  async function fuzz(property: (value: unknown) => Promise<"refused" | "works">, numRuns = 60): Promise<{ refused: number; works: number }> {
    const count = { refused: 0, works: 0 };
    await fc.assert(fc.asyncProperty(anyValue, async (value) => {
      jest.useFakeTimers({ now: 0 });
      count[await property(value)]++;
    }), { numRuns });
    // Both outcomes occur: the property tested something on each side of the range.
    expect(count.refused).toBeGreaterThan(0);
    expect(count.works).toBeGreaterThan(0);
    return count;
  }

  for (const where of ["client", "call"] as const) {
    const set = (option: string, value: unknown, handler: Parameters<typeof fakeBasiq>[0], extra: object = {}) => {
      const fake = fakeBasiq(handler);
      const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, rateLimit: false, ...extra, ...(where === "client" ? { [option]: value } : {}) });
      const run = () => basiq.ops.getUser({ ...userPath, ...(where === "call" ? { [option]: value } : {}) } as typeof userPath);
      return { fake, run };
    };

    test(`maxRetries (${where}): a 503 storm ends after exactly maxRetries + 1 attempts, within the backoffs' bound`, async () => {
      await fuzz((value) => {
        let fake!: ReturnType<typeof fakeBasiq>;
        return refusedOrChecked("maxRetries", () => {
          const made = set("maxRetries", value, () => json({ data: [{ code: "down" }] }, { status: 503 }));
          fake = made.fake;
          return made.run;
        }, async (settled) => {
          await elapse(num(value) * 8_000 + 1_000);
          expect(settled.done).toBe(true);
          expect(settled.error).toMatchObject({ status: 503 });
          expect(fake.apiCalls()).toHaveLength(num(value) + 1);
        });
      });
    });

    test(`timeoutMs (${where}): a stalled server fails the call with "timed out after <timeoutMs> ms", not before and not after`, async () => {
      await fuzz((value) => refusedOrChecked("timeoutMs", () => set("timeoutMs", value, stalls, where === "client" ? { maxRetries: 0 } : {}).run, async (settled) => {
        // Per-request settings stand beside the client's defaults: 3 retries, each its own deadline.
        const attempts = where === "client" ? 1 : 4;
        const ms = num(value);
        if (ms > 2) {
          await elapse(Math.floor(ms) - 1);
          expect(settled.done).toBe(false);
        }
        await elapse(attempts * (Math.ceil(ms) + 8_000) + 10);
        expect(settled.done).toBe(true);
        expect(settled.error).toBeInstanceOf(BasiqError);
        expect((settled.error as Error).message).toBe(`GET /users/u1 timed out after ${ms} ms`);
      }));
    });

    test(`maxResponseBytes (${where}): a small body passes when it fits and is a BasiqError when it does not`, async () => {
      const body = { type: "user", id: "u1", email: "a@example.co" };
      const size = JSON.stringify(body).length;
      await fuzz((value) => refusedOrChecked("maxResponseBytes", () => set("maxResponseBytes", value, () => json(body)).run, async (settled) => {
        await elapse(10);
        expect(settled.done).toBe(true);
        if (num(value) >= size) expect(settled.value).toEqual(body);
        else expect((settled.error as Error).message).toMatch(/with a body over maxResponseBytes/);
      }));
    });
  }

  test("rateLimit.maxConcurrency: 30 concurrent calls all answer, never more than maxConcurrency in flight", async () => {
    await fuzz((value) => {
      let inFlight = 0;
      let most = 0;
      const handler = async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 100));
        inFlight--;
        return json({ type: "user", id: "u1" });
      };
      let calls!: Settled[];
      return refusedOrChecked("maxConcurrency", () => {
        const basiq = new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(handler).fetch, rateLimit: { maxConcurrency: value as number } });
        return async () => {
          calls = Array.from({ length: 30 }, () => track(() => basiq.ops.getUser(userPath)));
        };
      }, async () => {
        await elapse(Math.ceil(30 / num(value)) * 100 + 100);
        expect(calls.filter((call) => !call.done)).toHaveLength(0);
        expect(calls.filter((call) => call.error !== undefined)).toHaveLength(0);
        expect(most).toBe(Math.min(30, num(value)));
      });
    });
  });

  test("rateLimit.requestsPerSecond: 3 calls are spaced by 1 / rate, or refused with a RateLimitError when that is past maxRateLimitWaitMs", async () => {
    await fuzz((value) => {
      const sentAt: number[] = [];
      let calls!: Settled[];
      return refusedOrChecked("requestsPerSecond", () => {
        const basiq = new Basiq({
          apiKey: API_KEY,
          fetch: fakeBasiq(() => (sentAt.push(Date.now()), json({ type: "user", id: "u1" }))).fetch,
          rateLimit: { requestsPerSecond: value as number, maxRateLimitWaitMs: 10_000 },
        });
        return async () => {
          calls = Array.from({ length: 3 }, () => track(() => basiq.ops.getUser(userPath)));
        };
      }, async () => {
        await elapse(10_000 + 100);
        expect(calls.filter((call) => !call.done)).toHaveLength(0);
        for (const call of calls) if (call.error !== undefined) expect(call.error).toBeInstanceOf(RateLimitError);
        for (let i = 1; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(Math.floor(1000 / num(value)) - 1);
      });
    });
  });

  test("rateLimit.maxRateLimitWaitMs: a server refusing with Retry-After 9999999 ends the call with a RateLimitError within the wait; Retry-After 2 is waited out when it fits", async () => {
    await fuzz((value) => {
      let week!: Settled;
      let short!: Settled;
      return refusedOrChecked("maxRateLimitWaitMs", () => {
        const refuse = (seconds: string) => json({ data: [{ code: "slow-down" }] }, { status: 429, headers: { "retry-after": seconds } });
        const forever = new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(() => refuse("9999999")).fetch, rateLimit: { maxRateLimitWaitMs: value as number } });
        let answered = 0;
        const once = new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(() => (++answered === 1 ? refuse("2") : json({ type: "user", id: "u1" }))).fetch, rateLimit: { maxRateLimitWaitMs: value as number } });
        return async () => {
          week = track(() => forever.ops.getUser(userPath));
          short = track(() => once.ops.getUser(userPath));
        };
      }, async () => {
        const ms = num(value);
        if (ms < 2000) {
          await elapse(5);
          expect(short.done).toBe(true);
          expect(short.error).toBeInstanceOf(RateLimitError);
        } else {
          await elapse(1999);
          expect(short.done).toBe(false);
          await elapse(10);
          expect(short.done).toBe(true);
          expect(short.value).toEqual({ type: "user", id: "u1" });
        }
        // However the pause is capped, the call waits at most maxRateLimitWaitMs per attempt (4 attempts).
        await elapse(4 * (Math.ceil(ms) + 1_000));
        expect(week.done).toBe(true);
        expect(week.error).toBeInstanceOf(RateLimitError);
      });
    });
  });

  test("waitForJob timeoutMs: a job that never finishes is a JobTimeoutError at its deadline, not before", async () => {
    await fuzz((value) => {
      const basiq = new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(() => job("in-progress")).fetch });
      // A long deadline polls every intervalMs at most (2.5 s would be 860,000 polls of fake time for 2^31 ms).
      const intervalMs = typeof value === "number" && value > 1e6 ? Math.min(MAX_TIMER_MS, Math.floor(value / 10)) : undefined;
      return refusedOrChecked("timeoutMs", () => () => basiq.waitForJob("j1", { timeoutMs: value as number, intervalMs }), async (settled) => {
        const ms = num(value);
        if (ms > 2) {
          await elapse(Math.floor(ms) - 1);
          expect(settled.done).toBe(false);
        }
        await elapse(Math.ceil(ms) + 200);
        expect(settled.done).toBe(true);
        expect(settled.error).toBeInstanceOf(JobTimeoutError);
      });
    });
  });

  test("waitForJob intervalMs: the second poll comes after max(100, intervalMs) and finds the job done (or the deadline comes first)", async () => {
    await fuzz((value) => {
      const polledAt: number[] = [];
      const basiq = new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(() => (polledAt.push(Date.now()), job(polledAt.length > 1 ? "success" : "in-progress"))).fetch });
      return refusedOrChecked("intervalMs", () => () => basiq.waitForJob("j1", { intervalMs: value as number, timeoutMs: 600_000 }), async (settled) => {
        await elapse(600_000 + 200);
        expect(settled.done).toBe(true);
        const wait = Math.max(100, num(value));
        if (wait < 600_000) {
          expect(settled.error).toBeUndefined();
          expect(polledAt[1]! - polledAt[0]!).toBeGreaterThanOrEqual(Math.floor(wait));
        } else {
          expect(settled.error).toBeInstanceOf(JobTimeoutError);
        }
      });
    });
  });

  test("each refusal names the option and its range, and quotes no non-number (it could be a secret in the wrong place)", () => {
    expect(() => new Basiq({ apiKey: API_KEY, rateLimit: { maxConcurrency: 0 } })).toThrow(new BasiqError("rateLimit.maxConcurrency must be a whole number from 1 to 10000 (requests); got 0"));
    expect(() => new Basiq({ apiKey: API_KEY, rateLimit: { requestsPerSecond: NaN } })).toThrow(new BasiqError("rateLimit.requestsPerSecond must be a finite number from 0.001 to 1000000 (requests per second); got NaN"));
    expect(() => new Basiq({ apiKey: API_KEY, rateLimit: { maxRateLimitWaitMs: Infinity } })).toThrow(new BasiqError("rateLimit.maxRateLimitWaitMs must be a finite number from 0 to 2147483647 (ms); got Infinity"));
    expect(() => new Basiq({ apiKey: API_KEY, timeoutMs: 2 ** 31 })).toThrow(new BasiqError("timeoutMs must be a finite number from 1 to 2147483647 (ms); got 2147483648"));
    expect(() => new Basiq({ apiKey: API_KEY, maxRetries: 1.5 })).toThrow(new BasiqError("maxRetries must be a whole number from 0 to 10 (retries); got 1.5"));
    expect(() => new Basiq({ apiKey: API_KEY, maxResponseBytes: "sk_live_secret" as never })).toThrow(new BasiqError("maxResponseBytes must be a whole number from 0 to 9007199254740991 (bytes); got a string"));
    expect(() => new Basiq({ apiKey: API_KEY, rateLimit: 5 as never })).toThrow(/^rateLimit must be an object/);
  });
});
