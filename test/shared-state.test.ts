// Clients sharing state through a real Redis: one token mint across processes, a refused token
// replaced for everyone, and calls that go on when Redis stops or stalls.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Basiq, type BasiqStore, MemoryStore } from "basiq";
import { redisStore } from "basiq/redis";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { type RedisServer, describeWithRedis, startRedis } from "./helpers/redis.js";
import { runWorkers, startWorkers } from "./helpers/workers.js";
import { figure } from "./helpers/figures.js";

const API_KEY = "c2VjcmV0LWFwaS1rZXktY2FuYXJ5OnNoaGg="; // a canary: must never reach Redis
const namespace = createHash("sha256").update(API_KEY).digest("hex").slice(0, 16);

/** A loopback Basiq: POST /token mints `tok-<n>` after `tokenDelayMs`; GET /users/{id} needs a live token. */
async function fakeApi({ tokenDelayMs = 150 } = {}) {
  let minted = 0;
  const revoked = new Set<string>();
  let apiCalls = 0;
  /** Paths to answer once with 429 and this Retry-After (s). */
  const refuseOnce = new Map<string, number>();
  let refusedAt = 0;
  const arrivals: Array<{ path: string; at: number }> = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "POST" && req.url === "/token") {
      const token = `tok-${++minted}`;
      setTimeout(() => send(200, { access_token: token, token_type: "Bearer", expires_in: 3600 }), tokenDelayMs);
      return;
    }
    apiCalls++;
    arrivals.push({ path: req.url ?? "", at: Date.now() });
    const retryAfter = refuseOnce.get(req.url ?? "");
    if (retryAfter !== undefined) {
      refuseOnce.delete(req.url ?? "");
      refusedAt = Date.now();
      res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter) });
      res.end(JSON.stringify({ data: [{ code: "rate-limit-exceeded" }] }));
      return;
    }
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!/^tok-\d+$/.test(token) || revoked.has(token)) return send(401, { data: [{ code: "unauthorized-access", detail: "token refused" }] });
    send(200, { type: "user", id: req.url?.split("/").pop() });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    mints: () => minted,
    apiCalls: () => apiCalls,
    revoke: (token: string) => revoked.add(token),
    refuseOnce: (path: string, retryAfterS: number) => refuseOnce.set(path, retryAfterS),
    refusedAt: () => refusedAt,
    arrivals: () => arrivals,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

const getUser = (basiq: Basiq, userId: string) => basiq.ops.getUser({ params: { path: { userId } } });

describeWithRedis("state shared through a real Redis", () => {
  let server: RedisServer;
  let redis: ReturnType<typeof createClient>;
  let api: Awaited<ReturnType<typeof fakeApi>>;

  beforeAll(async () => {
    server = await startRedis();
    redis = createClient({ url: server.url });
    redis.on("error", () => undefined);
    await redis.connect();
  });

  afterAll(async () => {
    redis?.destroy();
    await server?.stop();
  });

  beforeEach(async () => {
    await redis.flushAll();
    api = await fakeApi();
  });

  afterEach(async () => {
    await api.close();
  });

  test("Redis's script measures a slow start's bucket as MemoryStore does: after an unlimited burst (depth 10), a 40/s bucket run dry after a pause comes back at about 40/s", async () => {
    for (const store of [new MemoryStore(), redisStore(redis)] as Array<Required<BasiqStore>>) {
      // A server token bucket, 10 deep at 40/s, on this clock.
      let tokens = 10;
      let last = Date.now();
      const serve = () => {
        tokens = Math.min(10, tokens + ((Date.now() - last) / 1000) * 40);
        last = Date.now();
        if (tokens < 1) return false;
        tokens--;
        return true;
      };
      const admit = { ceiling: Infinity, burst: 4, probe: false, maxWaitMs: 60_000 };
      const refusal = { retryAfterMs: 300, ceiling: Infinity, adapt: true, random: 0 };
      // First contact, unlimited: 14 at once, 10 get through.
      const burst = [];
      for (let i = 0; i < 14; i++) burst.push(await store.admit("parity", { ...admit, ok: 0, okSince: 0 }));
      const through = burst.map(serve);
      const first = burst[through.indexOf(false)]!;
      await store.refuse("parity", { ...refusal, sentAt: first.now + first.waitMs, since: first.since, ok: through.filter(Boolean).length, okSince: 0 });
      // Then a slow start after the 300 ms pause, until the bucket refuses a send (bounded: 200 sends).
      let ok = 0;
      let okSince = 0;
      for (let i = 0; i < 200; i++) {
        const slot = await store.admit("parity", { ...admit, ok, okSince });
        ok = 0;
        await new Promise((resolve) => setTimeout(resolve, slot.waitMs));
        if (serve()) {
          ok = 1;
          okSince = slot.since;
          continue;
        }
        await store.refuse("parity", { ...refusal, sentAt: slot.now + slot.waitMs, since: slot.since, ok: 0, okSince: 0 });
        break;
      }
      const { curve, depth } = JSON.parse((await store.get("parity"))!) as { curve: { mode: string; rate: number; beta: number }; depth: number };
      figure(`${store instanceof MemoryStore ? "MemoryStore" : "redisStore"}: depth ${depth}, measured ${curve.rate.toFixed(1)} req/s of a 40/s bucket`);
      expect(depth).toBe(10);
      expect(curve).toMatchObject({ mode: "cubic", beta: 0.9 });
      // Within 20%: a token over the run, and this process's timers under a loaded machine.
      expect(curve.rate).toBeGreaterThan(32);
      expect(curve.rate).toBeLessThan(48);
    }
  });

  test("4 processes (2 on node-redis, 2 on ioredis) make 100 calls and the API sees 1 POST /token", async () => {
    const env = (client: string) => ({ BASIQ_URL: api.url, API_KEY, CALLS: "25", REDIS_URL: server.url, REDIS_CLIENT: client });
    const results = await runWorkers([env("redis"), env("ioredis"), env("redis"), env("ioredis")]);
    expect(results.map((r) => [r.ok, r.failed])).toEqual([[25, 0], [25, 0], [25, 0], [25, 0]]);
    expect(api.mints()).toBe(1);
    expect(api.apiCalls()).toBe(100);
  }, 60_000);

  test("a 429 with Retry-After: 3 seen by one process keeps the other processes' new calls off the server for 3 s", async () => {
    api.refuseOnce("/users/w0-0", 3);
    const env = (client: string, calls: number) => ({ BASIQ_URL: api.url, API_KEY, CALLS: String(calls), REDIS_URL: server.url, REDIS_CLIENT: client });
    const workers = await startWorkers([env("redis", 1), env("ioredis", 5), env("redis", 5), env("ioredis", 5)]);
    workers.release(0);
    // The bucket's state (one JSON value per bucket); its pause ends at `until` (Redis's clock, in ms).
    const stateKey = `basiq:${namespace}:limit:api`;
    const until = async () => Number(JSON.parse((await redis.get(stateKey)) ?? "{}").until ?? 0);
    for (let i = 0; i < 500 && (await until()) === 0; i++) await new Promise((ok) => setTimeout(ok, 20));
    const pauseLeft = (await until()) - Date.now();
    expect(pauseLeft).toBeGreaterThan(2000); // the others start well inside the window
    [1, 2, 3].forEach((i) => workers.release(i));
    const results = await workers.results;
    expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 0]);
    const after = api.arrivals().filter((a) => a.at >= api.refusedAt() && a.path !== "/users/w0-0");
    expect(after).toHaveLength(15);
    const retried = api.arrivals().filter((a) => a.path === "/users/w0-0");
    expect(retried).toHaveLength(2); // the refused attempt and its retry
    // Measured lower bound: nothing reached the server within 3 s of the 429 leaving it.
    expect(Math.min(...after.map((a) => a.at), retried[1]!.at) - api.refusedAt()).toBeGreaterThanOrEqual(3000);
  }, 60_000);

  test("a peer whose clock is an hour ahead writes no time of its own into the shared limiter state: the others' calls go at once (issue 18 row 6)", async () => {
    api.refuseOnce("/users/w0-0", 0); // a refusal with no wait: the skewed peer writes a new rate curve
    const env = (client: string, calls: number, skew?: number) => ({ BASIQ_URL: api.url, API_KEY, CALLS: String(calls), REDIS_URL: server.url, REDIS_CLIENT: client, ...(skew ? { CLOCK_SKEW_MS: String(skew) } : {}) });
    const skewed = await runWorkers([env("redis", 1, 3_600_000)]);
    expect(skewed[0]!.failed).toBe(0);
    // Every time in the bucket's state is on Redis's clock (TIME), within seconds of it, not an hour ahead.
    const state = JSON.parse((await redis.get(`basiq:${namespace}:limit:api`)) ?? "{}") as { tat: number; until: number; curve: { since: number } | null };
    const [seconds] = (await redis.time()) as unknown as [string, string];
    const redisNow = Number(seconds) * 1000;
    expect(state.curve).not.toBeNull();
    for (const at of [state.curve!.since, state.until, state.tat]) expect(Math.abs(at - redisNow)).toBeLessThan(10_000);
    // Before (issue 18 row 6): the curve's `since` came from the peer's clock, an hour ahead, and the
    // others stayed at the floor rate (0.5 req/s) for that hour: 6 calls took 11.8 s, not 22 ms.
    const started = Date.now();
    const others = await runWorkers([env("ioredis", 2), env("redis", 2), env("ioredis", 2)]);
    const ms = Date.now() - started;
    figure(`6 calls of 3 processes after a peer 1 h ahead wrote the shared state: ${ms} ms (incl. process start), ${others.reduce((n, r) => n + r.failed, 0)} failed`);
    expect(others.map((r) => r.failed)).toEqual([0, 0, 0]);
  }, 60_000);

  test("without a shared store the same 4 processes mint 4 tokens (what the store saves)", async () => {
    const env = { BASIQ_URL: api.url, API_KEY, CALLS: "25" };
    const results = await runWorkers([env, env, env, env]);
    expect(results.every((r) => r.ok === 25)).toBe(true);
    expect(api.mints()).toBe(4);
  }, 60_000);

  test("no Redis key or value holds the API key; keys are the prefix, a hash of the key, and a name", async () => {
    const basiq = new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(redis) });
    await getUser(basiq, "u1");
    await basiq.clientToken("user-1");
    const keys = (await redis.keys("*")).sort();
    // The limiter's state per bucket (its rate curve, pause, send slots and meter: numbers only), and the tokens.
    expect(keys).toEqual([`basiq:${namespace}:limit:api`, `basiq:${namespace}:limit:token`, `basiq:${namespace}:token:client:user-1`, `basiq:${namespace}:token:server`]);
    const values = await Promise.all(keys.map((k) => redis.get(k)));
    const everything = [...keys, ...values].join("\n");
    for (const secret of [API_KEY, Buffer.from(API_KEY, "base64").toString()]) expect(everything).not.toContain(secret);
    expect(values.slice(2)).toEqual([expect.stringMatching(/^\d+ tok-2$/), expect.stringMatching(/^\d+ tok-1$/)]);
    for (const state of values.slice(0, 2)) expect(Object.keys(JSON.parse(state!)).sort()).toEqual(["curve", "depth", "ok", "refusals", "sent", "slot", "tat", "trail", "trailStart", "until"]);
  });

  test("a token lives in Redis for its remaining life (expires_in), no longer", async () => {
    await getUser(new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(redis) }), "u1");
    const ttl = await redis.pTTL(`basiq:${namespace}:token:server`);
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  test("clients on different API keys never share a token; on one key they do", async () => {
    const client = (apiKey: string) => new Basiq({ apiKey, baseUrl: api.url, store: redisStore(redis) });
    await getUser(client("key-a"), "u1");
    await getUser(client("key-b"), "u1");
    await getUser(client("key-a"), "u2");
    expect(api.mints()).toBe(2);
  });

  test("100 concurrent calls in one process share one token lookup: one mint and a handful of Redis calls, not 100", async () => {
    await redis.configResetStat();
    // Without the limiter (which reads the shared pause once per request), what is left is the token's traffic.
    const basiq = new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(redis), rateLimit: false });
    await Promise.all(Array.from({ length: 100 }, (_, i) => getUser(basiq, `u${i}`)));
    const stats = await redis.info("commandstats");
    const scripts = [...stats.matchAll(/cmdstat_(eval|evalsha):calls=(\d+)/g)].reduce((sum, m) => sum + Number(m[2]), 0);
    expect(api.mints()).toBe(1);
    expect(scripts).toBeGreaterThan(0);
    expect(scripts).toBeLessThanOrEqual(10); // read, lock, read again, store, unlock (+ first-time script loads)
  });

  test("a token the API refuses is deleted from Redis, so every process replaces it (not just the first to see the 401)", async () => {
    const a = new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(redis) });
    const b = new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(redis) });
    await getUser(a, "u1");
    await getUser(b, "u1");
    expect(api.mints()).toBe(1);
    api.revoke("tok-1");
    await expect(getUser(a, "u2")).resolves.toMatchObject({ id: "u2" }); // 401, deletes tok-1, mints tok-2, replays
    await expect(getUser(b, "u2")).resolves.toMatchObject({ id: "u2" }); // 401, finds tok-2 in Redis, replays
    expect(api.mints()).toBe(2);
    expect(await redis.get(`basiq:${namespace}:token:server`)).toMatch(/ tok-2$/);
  });

  test("a mint lock left by a process that died frees by its TTL, and the next process mints", async () => {
    await redis.set(`basiq:${namespace}:lock:token:server`, "a-dead-process", { PX: 300 });
    const started = Date.now();
    await expect(getUser(new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(redis) }), "u1")).resolves.toMatchObject({ id: "u1" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300); // it waited for the lock, not around it
    expect(api.mints()).toBe(1);
  });

  test("a caller's abort ends its own wait for another process's mint, not the mint", async () => {
    await redis.set(`basiq:${namespace}:lock:token:server`, "another-process", { PX: 2_000 });
    const basiq = new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(redis) });
    const controller = new AbortController();
    const aborted = basiq.ops.getUser({ params: { path: { userId: "u1" } }, signal: controller.signal }).catch((e: unknown) => e);
    const waiting = getUser(basiq, "u2");
    setTimeout(() => controller.abort(new Error("caller gave up")), 50);
    expect(await aborted).toMatchObject({ message: expect.stringMatching(/caller gave up|abort/i) });
    await expect(waiting).resolves.toMatchObject({ id: "u2" });
    expect(api.mints()).toBe(1);
  });

  describe("when Redis fails", () => {
    let own: RedisServer;
    let lines: string[];
    let logger: { error(): void; warn(line: string): void; info(): void; debug(): void };
    beforeEach(async () => {
      own = await startRedis();
      lines = [];
      logger = { error: () => undefined, warn: (line) => lines.push(line), info: () => undefined, debug: () => undefined };
    });
    afterEach(async () => {
      await own.stop();
    });

    test.each(["node-redis", "ioredis"])("Redis stopped mid-run (%s): calls still succeed, with one warning", async (kind) => {
      let client: Parameters<typeof redisStore>[0];
      let close: () => void;
      if (kind === "ioredis") {
        // ioredis gives a dead socket 2 s to close on disconnect, which outlives the test run.
        const io = new Redis(own.url, { lazyConnect: true, disconnectTimeout: 100 });
        io.on("error", () => undefined);
        await io.connect();
        client = io;
        close = () => io.disconnect();
      } else {
        const nr = createClient({ url: own.url });
        nr.on("error", () => undefined);
        await nr.connect();
        client = nr;
        close = () => nr.destroy();
      }
      try {
        const basiq = new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(client), logger, logLevel: "warn" });
        await Promise.all(Array.from({ length: 10 }, (_, i) => getUser(basiq, `before-${i}`)));
        await own.stop();
        await Promise.all(Array.from({ length: 10 }, (_, i) => getUser(basiq, `after-${i}`)));
        const fresh = new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(client), logger, logLevel: "warn" }); // no token yet: must mint
        await Promise.all(Array.from({ length: 10 }, (_, i) => getUser(fresh, `fresh-${i}`)));
        expect(api.apiCalls()).toBe(30);
        expect(api.mints()).toBe(2);
        // One line per client (each met the outage on its own); none carries the API key.
        expect(lines).toEqual([expect.stringMatching(/^basiq: the store failed .*using local memory until it answers again$/), expect.stringMatching(/^basiq: the store failed /)]);
        expect(lines.join("\n")).not.toContain(API_KEY);
      } finally {
        close();
      }
    }, 30_000);

    test("a store slower than the deadline (Redis paused) is answered from memory; the call goes on", async () => {
      const client = createClient({ url: own.url });
      client.on("error", () => undefined);
      await client.connect();
      const admin = createClient({ url: own.url });
      await admin.connect();
      try {
        await admin.sendCommand(["CLIENT", "PAUSE", "3000", "ALL"]);
        // A command sent now is answered only when the pause ends: the call must finish before it
        // (an ordering, not a wall-clock bound: it did not wait for Redis to come back).
        const back = client.ping().then(() => "redis back");
        const call = getUser(new Basiq({ apiKey: API_KEY, baseUrl: api.url, store: redisStore(client), logger, logLevel: "warn" }), "u1");
        expect(await Promise.race([call.then(() => "call done"), back])).toBe("call done");
        await expect(call).resolves.toMatchObject({ id: "u1" });
        await back;
        expect(api.mints()).toBe(1);
        expect(lines).toEqual([expect.stringMatching(/did not answer within 500 ms/)]);
      } finally {
        client.destroy();
        admin.destroy();
      }
    }, 30_000);
  });
});

describe("a store that fails", () => {
  const broken: BasiqStore = {
    get: () => Promise.reject(new Error("ECONNREFUSED")),
    set: () => Promise.reject(new Error("ECONNREFUSED")),
    deleteIf: () => Promise.reject(new Error("ECONNREFUSED")),
    lock: () => { throw new Error("thrown, not rejected"); },
    unlock: () => Promise.reject(new Error("ECONNREFUSED")),
    pause: () => Promise.reject(new Error("ECONNREFUSED")),
    take: () => Promise.reject(new Error("ECONNREFUSED")),
  };

  test("never fails a call: this process's memory answers, with one warning for the outage", async () => {
    const warn = jest.fn();
    {
      let minted = 0;
      const fetch = async (request: Request) => new URL(request.url).pathname === "/token"
        ? Response.json({ access_token: `tok-${++minted}`, expires_in: 3600 })
        : Response.json({ type: "user", id: "u1" });
      const basiq = new Basiq({ apiKey: API_KEY, fetch, store: broken, logLevel: "warn", logger: { error: () => undefined, warn, info: () => undefined, debug: () => undefined } });
      await Promise.all(Array.from({ length: 20 }, () => getUser(basiq, "u1")));
      await basiq.clientToken("user-1");
      expect(minted).toBe(2);
      expect(warn).toHaveBeenCalledTimes(1);
    }
  });

  test("logs nothing at the default log level (off)", async () => {
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const fetch = async (request: Request) => new URL(request.url).pathname === "/token"
        ? Response.json({ access_token: "tok", expires_in: 3600 })
        : Response.json({ type: "user", id: "u1" });
      await getUser(new Basiq({ apiKey: API_KEY, fetch, store: broken }), "u1");
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
