import { afterEach, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, BasiqError, type BasiqEventMap, RateLimitError } from "basiq";
import { API_KEY, fakeBasiq, json, scripted, userPath } from "./helpers/fetch.js";

const ok = () => json({ type: "user", id: "u1" });
const refuse = (headers: Record<string, string> = {}) => () => json({ data: [{ code: "rate-limit", detail: "Too many requests" }] }, { status: 429, headers });

/** Settles pending promise callbacks without moving the (fake) clock. */
const flush = async () => {
  for (let i = 0; i < 50; i++) await Promise.resolve();
};

describe("the client's rate limiter", () => {
  beforeEach(() => {
    jest.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  test("a 429 with Retry-After: 2 holds back calls started during the pause: none reaches the server inside it", async () => {
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(scripted(refuse({ "retry-after": "2" }), ok));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const first = basiq.ops.getUser(userPath);
    await jest.advanceTimersByTimeAsync(10);
    expect(fake.apiCalls()).toHaveLength(1);
    const later = Array.from({ length: 20 }, () => basiq.ops.getUser(userPath));
    await jest.advanceTimersByTimeAsync(1_980);
    expect(fake.apiCalls()).toHaveLength(1);
    // After the pause they go at the rate the refusal put in force (a slow start), within seconds.
    await jest.advanceTimersByTimeAsync(5_000);
    await expect(first).resolves.toEqual({ type: "user", id: "u1" });
    await expect(Promise.all(later)).resolves.toHaveLength(20);
    expect(fake.apiCalls()).toHaveLength(22);
  });

  test("a refused call retries as soon as the bucket's pause ends, with no wait of its own on top", async () => {
    jest.useFakeTimers({ now: 0 });
    jest.spyOn(Math, "random").mockReturnValue(0.5); // the pause: 0.5 x 100 ms
    const fake = fakeBasiq(scripted(refuse(), ok));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const call = basiq.ops.getUser(userPath);
    await jest.advanceTimersByTimeAsync(49);
    expect(fake.apiCalls()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(2);
    expect(fake.apiCalls()).toHaveLength(2);
    await expect(call).resolves.toEqual({ type: "user", id: "u1" });
  });

  test("a Retry-After of an hour pauses the bucket for 60 s at most: a call that may not wait that long fails at once, then probing resumes (issue 18 row 7)", async () => {
    // Before: the pause was the full hour (a day's Retry-After stopped every call for a day).
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(scripted(refuse({ "retry-after": "3600" }), ok));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, rateLimit: { maxRateLimitWaitMs: 30_000 } });
    // No timer is advanced: the rejection needs no wait.
    const error = await basiq.ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    await expect(basiq.ops.getUser(userPath)).rejects.toBeInstanceOf(RateLimitError);
    expect(fake.apiCalls()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(60_000);
    await expect(basiq.ops.getUser(userPath)).resolves.toBeDefined();
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test("in a 429 storm every wait of a call, across its attempts, counts against one maxRateLimitWaitMs (issue 18 row 9)", async () => {
    // Before: the bound was per attempt, so each retry could wait the whole maxRateLimitWaitMs again
    // (a call failed after up to ~1.8x it); now the call ends once its waits would pass the one deadline.
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(refuse({ "retry-after": "1" }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, maxRetries: 10, rateLimit: { maxRateLimitWaitMs: 2_500 } });
    let settledAt: number | undefined;
    const call = basiq.ops.getUser(userPath).catch((e: unknown) => e).finally(() => (settledAt = Date.now()));
    for (let t = 0; t < 20_000 && settledAt === undefined; t += 100) await jest.advanceTimersByTimeAsync(100);
    const error = await call;
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as Error).message).toMatch(/maxRateLimitWaitMs 2500/);
    // Two 1 s pauses fit in 2.5 s; the third refusal's pause would not: it fails then, not 10 retries later.
    expect(settledAt).toBeGreaterThanOrEqual(2_000);
    expect(settledAt).toBeLessThan(2_500);
    expect(fake.apiCalls().length).toBeLessThanOrEqual(3);
  });

  test("200 calls during a total outage send at most 300 requests, and all fail with a BasiqError", async () => {
    const fake = fakeBasiq(() => json({ data: [{ code: "service-unavailable" }] }, { status: 503 }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => basiq.ops.getUser(userPath)));
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof BasiqError && r.reason.status === 503)).toBe(true);
    expect(fake.apiCalls().length).toBeLessThanOrEqual(300);
    expect(fake.apiCalls().length).toBeGreaterThanOrEqual(200);
  });

  test("without the limiter the same outage sends every retry (4 requests a call)", async () => {
    const fake = fakeBasiq(() => json({ data: [{ code: "service-unavailable" }] }, { status: 503 }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, rateLimit: false });
    await Promise.allSettled(Array.from({ length: 50 }, () => basiq.ops.getUser(userPath)));
    expect(fake.apiCalls()).toHaveLength(200);
  });

  test("aborting a call that waits in the limiter rejects it at once (AbortError, the signal's reason as cause)", async () => {
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(scripted(refuse({ "retry-after": "30" }), ok));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const first = basiq.ops.getUser(userPath).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(10);
    const controller = new AbortController();
    const waiting = basiq.ops.getUser({ ...userPath, signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    controller.abort(new Error("user cancelled"));
    expect(await waiting).toMatchObject({ name: "AbortError", message: expect.stringContaining("user cancelled") });
    expect(fake.apiCalls()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(31_000);
    await first;
  });

  test("once every caller waiting out a pause has aborted, no limiter timer is left (the process may exit)", async () => {
    // Before: the bucket's 30 s sleep stayed armed after its callers left (jest: "did not exit one second after").
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(refuse({ "retry-after": "30" }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const controllers = [new AbortController(), new AbortController()];
    const calls = controllers.map((c) => basiq.ops.getUser({ ...userPath, signal: c.signal }).catch((e: unknown) => e));
    await jest.advanceTimersByTimeAsync(10);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    for (const c of controllers) c.abort();
    for (const error of await Promise.all(calls)) expect(error).toMatchObject({ name: "AbortError" });
    await flush();
    expect(jest.getTimerCount()).toBe(0);
  });

  test("caps the requests in flight at maxConcurrency", async () => {
    let inFlight = 0;
    let most = 0;
    const fake = fakeBasiq(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return ok();
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, rateLimit: { maxConcurrency: 3 } });
    await Promise.all(Array.from({ length: 12 }, () => basiq.ops.getUser(userPath)));
    expect(most).toBe(3);
  });

  test("a 429 on a report (daily quota) fails at once without a retry", async () => {
    const fake = fakeBasiq(refuse());
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const error = await basiq.api.POST("/reports", { body: {} as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(fake.apiCalls()).toHaveLength(1);
  });

  test("a 429 that outlives the retries throws a RateLimitError with the server's Retry-After", async () => {
    const fake = fakeBasiq(refuse({ "retry-after": "0" }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, maxRetries: 1 });
    const error = await basiq.ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 0, path: "/users/{userId}" });
    expect(fake.apiCalls()).toHaveLength(2);
  });
});

describe("/token's 403", () => {
  /** A fetch whose /token answers `tokenScript` in turn (then mints), and whose other calls succeed. */
  function tokenServer(...tokenScript: Response[]) {
    let tokenCalls = 0;
    const fetch = async (request: Request): Promise<Response> => {
      if (new URL(request.url).pathname !== "/token") return ok();
      const scripted = tokenScript[tokenCalls++];
      return scripted ?? json({ access_token: "tok-1", token_type: "Bearer", expires_in: 3600 });
    };
    return { fetch, tokenCalls: () => tokenCalls };
  }
  const forbidden = (detail: string) => json({ data: [{ code: "forbidden-access", title: "Forbidden Access", detail }] }, { status: 403 });

  beforeEach(() => {
    jest.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  test('"Invalid request" is a rate limit: the token bucket pauses and the mint is retried', async () => {
    const server = tokenServer(forbidden("Invalid request"));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: server.fetch });
    const limited: Array<BasiqEventMap["rate-limited"]> = [];
    basiq.on("rate-limited", (e) => limited.push(e));
    await expect(basiq.ops.getUser(userPath)).resolves.toEqual({ type: "user", id: "u1" });
    expect(server.tokenCalls()).toBe(2);
    expect(limited).toEqual([expect.objectContaining({ status: 403, bucket: "token", path: "/token" })]);
  });

  test('"Invalid request" on every mint ends in a RateLimitError with status 403', async () => {
    const server = tokenServer(...Array.from({ length: 10 }, () => forbidden("Invalid request")));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: server.fetch, maxRetries: 1 });
    await expect(basiq.ops.getUser(userPath)).rejects.toMatchObject({ name: "RateLimitError", status: 403 });
  });

  test("any other 403 from /token is not a rate limit: no retry", async () => {
    const server = tokenServer(forbidden("Your API key is not allowed to do this"));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: server.fetch });
    const error = await basiq.ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BasiqError", status: 403 });
    expect(server.tokenCalls()).toBe(1);
  });
});
