import { afterEach, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { API_KEY, fakeBasiq, json, scripted, userPath } from "./helpers/fetch.js";

const ok = () => json({ type: "user", id: "u1" });
const status = (code: number, headers: Record<string, string> = {}) => () => json({ data: [{ code: "x", detail: `status ${code}` }] }, { status: code, headers });
const createUser = { body: { email: "a@b.co" } };

/** A body that sends `{` and then nothing, until its reader is cancelled. */
function stalledBody(status = 200): Response {
  return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode("{")) }), { status, headers: { "content-type": "application/json" } });
}

describe("retries", () => {
  // Zero jitter: backoff waits are 0 ms.
  beforeEach(() => {
    jest.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  test("503, 503, 200 succeeds on the third attempt", async () => {
    const fake = fakeBasiq(scripted(status(503), status(503), ok));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath)).resolves.toEqual({ type: "user", id: "u1" });
    expect(fake.apiCalls()).toHaveLength(3);
  });

  test.each([429, 500, 502, 503, 504])("retries a GET after %i", async (code) => {
    const fake = fakeBasiq(scripted(status(code), ok));
    await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test.each([400, 403, 404, 501])("does not retry a %i", async (code) => {
    const fake = fakeBasiq(scripted(status(code), ok));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath)).rejects.toMatchObject({ status: code });
    expect(fake.apiCalls()).toHaveLength(1);
  });

  test("gives up after maxRetries and throws the last status as a BasiqError", async () => {
    const fake = fakeBasiq(status(503));
    const error = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BasiqError", status: 503, message: "GET /users/{userId} -> 503 x: status 503" });
    expect(fake.apiCalls()).toHaveLength(4);
  });

  test("maxRetries: 0 makes exactly one attempt", async () => {
    const fake = fakeBasiq(status(503));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch, maxRetries: 0 }).ops.getUser(userPath)).rejects.toMatchObject({ status: 503 });
    expect(fake.apiCalls()).toHaveLength(1);
  });

  test("maxRetries on a single request overrides the client's", async () => {
    const fake = fakeBasiq(status(503));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser({ ...userPath, maxRetries: 1 })).rejects.toMatchObject({ status: 503 });
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test("does not retry a POST /users after a 500: it is sent once", async () => {
    const fake = fakeBasiq(scripted(status(500), () => json({ id: "dup" }, { status: 201 })));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.createUser(createUser)).rejects.toMatchObject({ status: 500 });
    expect(fake.apiCalls()).toHaveLength(1);
  });

  test("re-sends a POST /users after a 429, with the same body", async () => {
    const fake = fakeBasiq(scripted(status(429), () => json({ id: "u2" }, { status: 201 })));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.createUser(createUser)).resolves.toEqual({ id: "u2" });
    expect(fake.apiCalls().map((c) => c.body)).toEqual(['{"email":"a@b.co"}', '{"email":"a@b.co"}']);
  });

  test("retries a POST after a 500 when the request opts in", async () => {
    const fake = fakeBasiq(scripted(status(500), () => json({ id: "u2" }, { status: 201 })));
    await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.createUser({ ...createUser, retryNonIdempotent: true });
    expect(fake.apiCalls().map((c) => c.body)).toEqual(['{"email":"a@b.co"}', '{"email":"a@b.co"}']);
  });

  test("retries a POST after a 500 when the client opts in", async () => {
    const fake = fakeBasiq(scripted(status(500), () => json({ id: "u2" }, { status: 201 })));
    await new Basiq({ apiKey: API_KEY, fetch: fake.fetch, retryNonIdempotent: true }).ops.createUser(createUser);
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test("retries POST /token after a 503", async () => {
    let tokenCalls = 0;
    const fetch = async (request: Request) => {
      if (new URL(request.url).pathname === "/token") {
        return ++tokenCalls === 1 ? status(503)() : json({ access_token: "t", expires_in: 3600 });
      }
      return ok();
    };
    await new Basiq({ apiKey: API_KEY, fetch }).ops.getUser(userPath);
    expect(tokenCalls).toBe(2);
  });

  test("retries a GET after a network error, and wraps the last one in a BasiqError with cause", async () => {
    const cause = new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) });
    const fake = fakeBasiq(() => {
      throw cause;
    });
    const error = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({ message: "GET /users/u1 failed: fetch failed (ECONNRESET)", cause });
    expect(fake.apiCalls()).toHaveLength(4);
  });

  test("does not retry a POST after a network error", async () => {
    const fake = fakeBasiq(() => {
      throw new TypeError("fetch failed");
    });
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.createUser(createUser)).rejects.toBeInstanceOf(BasiqError);
    expect(fake.apiCalls()).toHaveLength(1);
  });

  test("honours Retry-After in seconds: waits at least that long", async () => {
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(scripted(status(429, { "retry-after": "2" }), ok));
    const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
    await jest.advanceTimersByTimeAsync(1999);
    expect(fake.apiCalls()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ type: "user", id: "u1" });
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test("honours Retry-After in HTTP-date form", async () => {
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(scripted(status(503, { "retry-after": new Date(3000).toUTCString() }), ok));
    const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
    await jest.advanceTimersByTimeAsync(2999);
    expect(fake.apiCalls()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await call;
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test.each(["-5", "-1", "1.5", "soon", "Thu, 01 Jan 1970 00:00:00"])("an invalid Retry-After (%s) falls back to the exponential backoff", async (value) => {
    jest.spyOn(Math, "random").mockReturnValue(0.999999);
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(scripted(status(503, { "retry-after": value }), ok));
    const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
    await jest.advanceTimersByTimeAsync(499);
    expect(fake.apiCalls()).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await call;
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test("honours Retry-After in the obsolete RFC 850 and asctime date forms", async () => {
    jest.useFakeTimers({ now: Date.UTC(2026, 10, 23, 10, 0, 0) });
    for (const value of ["Monday, 23-Nov-26 10:00:03 GMT", "Mon Nov 23 10:00:03 2026"]) {
      const fake = fakeBasiq(scripted(status(503, { "retry-after": value }), ok));
      const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
      await jest.advanceTimersByTimeAsync(2999);
      expect(fake.apiCalls()).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1);
      await call;
      expect(fake.apiCalls()).toHaveLength(2);
      jest.setSystemTime(Date.UTC(2026, 10, 23, 10, 0, 0));
    }
  });

  // (A 429's Retry-After pauses the client's limiter, which adds its own jitter: test/limiter.)
  test("a 503's Retry-After wait gets jitter on top (never less than asked): Retry-After 5 waits 5 s to 8 s", async () => {
    jest.useFakeTimers({ now: 0 });
    const waits: number[] = [];
    for (const random of [0, 0.5, 0.999999]) {
      jest.spyOn(Math, "random").mockReturnValue(random);
      jest.setSystemTime(0);
      const times: number[] = [];
      const fake = fakeBasiq(() => {
        times.push(Date.now());
        return times.length === 1 ? status(503, { "retry-after": "5" })() : ok();
      });
      const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
      await jest.advanceTimersByTimeAsync(10_000);
      await call;
      waits.push(times[1]! - times[0]!);
    }
    expect(waits).toEqual([5000, 6500, 8000]);
  });

  test("without Retry-After, backs off exponentially with full jitter, capped at 8 s", async () => {
    jest.spyOn(Math, "random").mockReturnValue(0.999999);
    jest.useFakeTimers({ now: 0 });
    const times: number[] = [];
    const fake = fakeBasiq(() => {
      times.push(Date.now());
      return status(503)();
    });
    const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, maxRetries: 5 }).ops.getUser(userPath).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(60_000);
    await call;
    const waits = times.slice(1).map((t, i) => t - times[i]!);
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  test("aborting during a backoff wait rejects at once with the abort reason", async () => {
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(status(429, { "retry-after": "30" }));
    const controller = new AbortController();
    const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser({ ...userPath, signal: controller.signal });
    let settled = false;
    call.catch(() => undefined).finally(() => (settled = true));
    await jest.advanceTimersByTimeAsync(20);
    expect(fake.apiCalls()).toHaveLength(1); // the first attempt was refused: the call is in its 30 s wait
    expect(settled).toBe(false);
    controller.abort(new Error("user cancelled"));
    await jest.advanceTimersByTimeAsync(0); // no time passes: the abort alone ends the wait
    expect(settled).toBe(true);
    await expect(call).rejects.toThrow("user cancelled");
    expect(fake.apiCalls()).toHaveLength(1);
  });
});

describe("timeouts", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test("a body that stalls after the headers times out within timeoutMs", async () => {
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(() => stalledBody());
    const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, timeoutMs: 5000, maxRetries: 0 }).ops.getUser(userPath).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(5000);
    const error = await call;
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({ message: "GET /users/u1 timed out after 5000 ms" });
  });

  test("headers that never arrive time out, and a GET is retried after the timeout", async () => {
    jest.useFakeTimers({ now: 0 });
    jest.spyOn(Math, "random").mockReturnValue(0);
    let calls = 0;
    const fake = fakeBasiq((request) => (++calls === 1
      ? new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)))
      : ok()));
    const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, timeoutMs: 1000 }).ops.getUser(userPath);
    await jest.advanceTimersByTimeAsync(1000); // the first attempt's deadline
    await jest.advanceTimersByTimeAsync(1); // the (zero-jitter) backoff
    await expect(call).resolves.toEqual({ type: "user", id: "u1" });
    expect(calls).toBe(2);
    jest.restoreAllMocks();
  });

  test("timeoutMs on a single request overrides the client's", async () => {
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(() => stalledBody());
    const call = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, maxRetries: 0 }).ops.getUser({ ...userPath, timeoutMs: 10 }).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(10);
    expect(await call).toMatchObject({ message: "GET /users/u1 timed out after 10 ms" });
  });
});

describe("maxResponseBytes", () => {
  const big = (bytes: number, headers: Record<string, string> = {}) => () =>
    new Response(new ReadableStream({
      start(c) {
        for (let sent = 0; sent < bytes; sent += 64 * 1024) c.enqueue(new Uint8Array(Math.min(64 * 1024, bytes - sent)).fill(32));
        c.close();
      },
    }), { headers: { "content-type": "application/json", ...headers } });

  test("a body over the per-call maxResponseBytes fails with a BasiqError naming the cap, and is not retried", async () => {
    const fake = fakeBasiq(big(2 * 1024 * 1024));
    const error = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser({ ...userPath, maxResponseBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({ status: 200, message: "GET /users/u1 -> 200 with a body over maxResponseBytes (1048576 bytes); refused" });
    expect(fake.apiCalls()).toHaveLength(1);
  });

  test("the client's maxResponseBytes applies to every call, error bodies included; a body at the cap passes", async () => {
    const fake = fakeBasiq(scripted(big(1001, { "content-length": "1001" }), () => json({ data: [{ code: "x", detail: "y".repeat(2000) }] }, { status: 400 }), () => json({ id: "u1" })));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, maxResponseBytes: 1000 });
    await expect(basiq.ops.getUser(userPath)).rejects.toMatchObject({ message: "GET /users/u1 -> 200 with a body over maxResponseBytes (1000 bytes) (content-length 1001); refused" });
    await expect(basiq.ops.getUser(userPath)).rejects.toMatchObject({ message: expect.stringContaining("-> 400 with a body over maxResponseBytes (1000 bytes)") });
    await expect(basiq.ops.getUser(userPath)).resolves.toEqual({ id: "u1" });
  });

  test("a token response is capped at 64 KiB", async () => {
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === "/token" ? big(100 * 1024)() : json({ id: "u1" });
    const error = await new Basiq({ apiKey: API_KEY, fetch }).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BasiqError", message: "POST /token -> 200 with a body over maxResponseBytes (65536 bytes); refused" });
  });
});

describe("buffered responses", () => {
  test("basiq.api's response reads like a standard one: once, and clone() before reading gives a copy", async () => {
    const fake = fakeBasiq(() => json({ type: "user", id: "u1" }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const { response } = await basiq.api.GET("/users/{userId}", { ...userPath, parseAs: "stream" });
    const copy = response.clone();
    expect(await response.json()).toEqual({ type: "user", id: "u1" });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
    expect(await copy.text()).toBe('{"type":"user","id":"u1"}');
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get("content-type")).toBe("application/json");
  });
});

describe("buffered bodies", () => {
  test("arrayBuffer() hands out exactly the body's bytes when the stream's chunk is a view into a larger buffer", async () => {
    const backing = new TextEncoder().encode('xxxx{"type":"user","id":"u1"}yyyy');
    const view = backing.subarray(4, backing.length - 4);
    const fake = fakeBasiq(() => new Response(new ReadableStream({ start: (c) => { c.enqueue(view); c.close(); } }), { headers: { "content-type": "application/json" } }));
    const { data } = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).api.GET("/users/{userId}", { ...userPath, parseAs: "arrayBuffer" });
    expect(new TextDecoder().decode(data as ArrayBuffer)).toBe('{"type":"user","id":"u1"}');
  });
});
