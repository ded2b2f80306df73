import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { API_KEY, fakeBasiq, json, userPath } from "./helpers/fetch.js";
import { figure } from "./helpers/figures.js";

const ok = () => json({ type: "user", id: "u1" });

describe("auth", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test("100 concurrent calls on a cold client make exactly one POST /token", async () => {
    const fake = fakeBasiq(ok);
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await Promise.all(Array.from({ length: 100 }, () => basiq.ops.getUser(userPath)));
    expect(fake.tokenCalls()).toHaveLength(1);
    expect(fake.apiCalls()).toHaveLength(100);
    expect(new Set(fake.apiCalls().map((c) => c.authorization))).toEqual(new Set(["Bearer tok-1"]));
  });

  test("POST /token sends Basic <apiKey>, basiq-version 3.0 and scope=SERVER_ACCESS as a form", async () => {
    const fake = fakeBasiq(ok);
    await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
    const [call] = fake.tokenCalls();
    expect(call).toMatchObject({ method: "POST", authorization: `Basic ${API_KEY}`, body: "scope=SERVER_ACCESS" });
    expect(call!.headers.get("basiq-version")).toBe("3.0");
    expect(call!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
  });

  test("a token near expiry is refreshed, and not before", async () => {
    jest.useFakeTimers({ now: 0 });
    const fake = fakeBasiq(ok, { expiresIn: 3600 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await basiq.ops.getUser(userPath);
    jest.setSystemTime(3540_000 - 1); // one ms before the refresh point (60 s before expiry)
    await basiq.ops.getUser(userPath);
    expect(fake.tokenCalls()).toHaveLength(1);
    jest.setSystemTime(3540_000);
    await basiq.ops.getUser(userPath);
    expect(fake.tokenCalls()).toHaveLength(2);
    expect(fake.apiCalls().map((c) => c.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
  });

  test("a 401 refreshes the token once and replays the call once", async () => {
    const fake = fakeBasiq((_, seen) => (seen.authorization === "Bearer tok-1" ? json({}, { status: 401 }) : ok()));
    const user = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
    expect(user).toEqual({ type: "user", id: "u1" });
    expect(fake.tokenCalls()).toHaveLength(2);
    expect(fake.apiCalls().map((c) => c.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  test("a replayed call that gets a second 401 is returned, not refreshed again", async () => {
    const fake = fakeBasiq(() => json({ data: [{ code: "unauthorized-access", detail: "bad token" }] }, { status: 401 }));
    const error = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: "unauthorized-access" });
    expect(fake.tokenCalls()).toHaveLength(2);
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test("a replayed POST re-sends its body intact", async () => {
    const fake = fakeBasiq((_, seen) => (seen.authorization === "Bearer tok-1" ? json({}, { status: 401 }) : json({ id: "u2" }, { status: 201 })));
    await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.createUser({ body: { email: "a@b.co" } });
    expect(fake.apiCalls().map((c) => c.body)).toEqual(['{"email":"a@b.co"}', '{"email":"a@b.co"}']);
  });

  test("a failed token request is not cached: the next call asks again", async () => {
    let failures = 1;
    const calls: string[] = [];
    const fetch = async (request: Request) => {
      const path = new URL(request.url).pathname;
      calls.push(path);
      if (path === "/token") {
        return failures-- > 0
          ? json({ data: [{ code: "unauthorized-access", detail: "Invalid API key" }] }, { status: 400 })
          : json({ access_token: "tok-ok", expires_in: 3600 });
      }
      return ok();
    };
    const basiq = new Basiq({ apiKey: API_KEY, fetch });
    await expect(basiq.ops.getUser(userPath)).rejects.toMatchObject({ name: "BasiqError", message: "POST /token -> 400 unauthorized-access: Invalid API key" });
    await expect(basiq.ops.getUser(userPath)).resolves.toEqual({ type: "user", id: "u1" });
    expect(calls).toEqual(["/token", "/token", "/users/u1"]);
  });

  test("concurrent 401s share one refresh, and every replay uses the newer token", async () => {
    let minted = 0;
    let release!: () => void;
    const slowSecondMint = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      if (new URL(request.url).pathname === "/token") {
        const token = `tok-${++minted}`;
        if (minted === 2) await slowSecondMint; // the refresh is still in flight when the other 401s land
        return json({ access_token: token, expires_in: 3600 });
      }
      seen.push(request.headers.get("authorization")!);
      return request.headers.get("authorization") === "Bearer tok-2" ? ok() : json({}, { status: 401 });
    };
    const basiq = new Basiq({ apiKey: API_KEY, fetch });
    const calls = Promise.all(Array.from({ length: 5 }, () => basiq.ops.getUser(userPath)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await expect(calls).resolves.toHaveLength(5);
    expect(minted).toBe(2);
    expect(seen.filter((a) => a === "Bearer tok-2")).toHaveLength(5);
    await basiq.ops.getUser(userPath);
    expect(seen.at(-1)).toBe("Bearer tok-2");
  });

  test("with a ready token string, no /token call is made and a 401 is returned", async () => {
    const fake = fakeBasiq(() => json({}, { status: 401 }));
    const basiq = new Basiq({ token: "ready-token", fetch: fake.fetch });
    await expect(basiq.ops.getUser(userPath)).rejects.toMatchObject({ status: 401 });
    expect(fake.tokenCalls()).toHaveLength(0);
    expect(fake.apiCalls().map((c) => c.authorization)).toEqual(["Bearer ready-token"]);
  });

  test("with a token function, a 401 asks it again and replays with the new token", async () => {
    const fake = fakeBasiq((_, seen) => (seen.authorization === "Bearer t-2" ? ok() : json({}, { status: 401 })));
    let n = 0;
    const basiq = new Basiq({ token: async () => `t-${++n}`, fetch: fake.fetch });
    await expect(basiq.ops.getUser(userPath)).resolves.toEqual({ type: "user", id: "u1" });
    expect(fake.tokenCalls()).toHaveLength(0);
  });

  test("clientToken(userId) mints CLIENT_ACCESS for that user and caches it per user", async () => {
    const fake = fakeBasiq(ok);
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const [a1, a2, b] = await Promise.all([basiq.clientToken("user-a"), basiq.clientToken("user-a"), basiq.clientToken("user-b")]);
    expect(a1).toBe(a2);
    expect(b).not.toBe(a1);
    expect(fake.tokenCalls().map((c) => c.body).sort()).toEqual(["scope=CLIENT_ACCESS&userId=user-a", "scope=CLIENT_ACCESS&userId=user-b"]);
    expect(await basiq.clientToken("user-a")).toBe(a1);
    expect(fake.tokenCalls()).toHaveLength(2);
  });

  test("clientToken() without an API key, or without a user id, rejects with a BasiqError that says why", async () => {
    await expect(new Basiq({ token: "t", fetch: fakeBasiq(ok).fetch }).clientToken("u1")).rejects.toThrow(/needs an API key/);
    await expect(new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(ok).fetch }).clientToken("")).rejects.toBeInstanceOf(BasiqError);
  });

  test("a 403 whose detail is Basiq's \"Token has expired\" refreshes once and replays once, like a 401", async () => {
    const expired = () => json({ data: [{ code: "access-denied", title: "Forbidden Access", detail: "Token has expired" }] }, { status: 403 });
    const fake = fakeBasiq((_, seen) => (seen.authorization === "Bearer tok-1" ? expired() : ok()));
    const user = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath);
    expect(user).toEqual({ type: "user", id: "u1" });
    expect(fake.apiCalls().map((c) => c.authorization)).toEqual(["Bearer tok-1", "Bearer tok-2"]);
  });

  test("a replayed call that gets \"Token has expired\" again is returned, not refreshed again", async () => {
    const fake = fakeBasiq(() => json({ data: [{ code: "access-denied", detail: "Token has expired" }] }, { status: 403 }));
    const error = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, message: "GET /users/{userId} -> 403 access-denied: Token has expired" });
    expect(fake.tokenCalls()).toHaveLength(2);
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test("any other 403 is returned as it is: no refresh, no replay", async () => {
    const fake = fakeBasiq(() => json({ data: [{ code: "access-denied", detail: "Access to this resource is forbidden." }] }, { status: 403 }));
    const error = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: "access-denied" });
    expect(fake.tokenCalls()).toHaveLength(1);
    expect(fake.apiCalls()).toHaveLength(1);
  });

  test("expires_in as a numeric string is honoured (\"60\" is not cached for an hour)", async () => {
    jest.useFakeTimers({ now: 0 });
    let minted = 0;
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === "/token" ? json({ access_token: `tok-${++minted}`, expires_in: "60" }) : ok();
    const basiq = new Basiq({ apiKey: API_KEY, fetch });
    await basiq.ops.getUser(userPath);
    jest.setSystemTime(54_000); // 60 s lifetime, refreshed a tenth early
    await basiq.ops.getUser(userPath);
    expect(minted).toBe(2);
  });

  test("a tiny expires_in still keeps the token 10 s: not a mint before every call", async () => {
    jest.useFakeTimers({ now: 0 });
    let minted = 0;
    const fetch = async (request: Request) =>
      new URL(request.url).pathname === "/token" ? json({ access_token: `tok-${++minted}`, expires_in: 0.001 }) : ok();
    const basiq = new Basiq({ apiKey: API_KEY, fetch });
    for (let i = 0; i < 5; i++) await basiq.ops.getUser(userPath);
    jest.setSystemTime(9_999);
    await basiq.ops.getUser(userPath);
    expect(minted).toBe(1);
    jest.setSystemTime(10_000);
    await basiq.ops.getUser(userPath);
    expect(minted).toBe(2);
  });

  test("a token revoked with 500 calls queued: queued calls pick up the refreshed token, and the refresh jumps the queue (issue 18 row 12)", async () => {
    let revoked = false;
    // Each answer takes a few ms, so 16 (maxConcurrency) are in flight and the rest queue in the limiter.
    const fake = fakeBasiq(async (_, seen) => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      return revoked && seen.authorization === "Bearer tok-1" ? json({ data: [{ code: "unauthorized-access" }] }, { status: 401 }) : ok();
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, rateLimit: { maxConcurrency: 16 } });
    await basiq.ops.getUser(userPath); // warm: tok-1 cached
    revoked = true;
    const before = fake.seen.length;
    const results = await Promise.allSettled(Array.from({ length: 500 }, () => basiq.ops.getUser(userPath)));
    const sent = fake.seen.slice(before);
    const dead = sent.filter((s) => s.authorization === "Bearer tok-1").length;
    const refresh = sent.findIndex((s) => s.path === "/token") + 1;
    figure(`token revoked with 500 calls queued: ${sent.length} requests, ${dead} with the dead token, the refresh was request #${refresh}`);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(0);
    expect(fake.tokenCalls()).toHaveLength(2);
    // At most the calls in flight when the first 401 came (one per concurrency slot) went with the dead token.
    expect(dead).toBeLessThanOrEqual(16);
    expect(refresh).toBeLessThanOrEqual(17);
    expect(sent.length).toBeLessThanOrEqual(500 + 16 + 1);
  });
});
