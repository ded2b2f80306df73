// redisStore against a real redis-server, through each client shape it supports.
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { MemoryStore, type BasiqStore } from "basiq";
import { redisStore } from "basiq/redis";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { type RedisServer, describeWithRedis, startRedis } from "./helpers/redis.js";
import { storeContract } from "./helpers/store-contract.js";

type NodeRedis = ReturnType<typeof createClient>;

/** Waits at least `ms` (a lower bound: TTLs shorter than it have surely run out). */
const atLeast = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describeWithRedis("redisStore on a real Redis", () => {
  let server: RedisServer;
  let nodeRedis: NodeRedis;
  let ioredis: Redis;

  beforeAll(async () => {
    server = await startRedis();
    nodeRedis = createClient({ url: server.url });
    nodeRedis.on("error", () => undefined);
    await nodeRedis.connect();
    ioredis = new Redis(server.url, { lazyConnect: true });
    await ioredis.connect();
  });

  afterAll(async () => {
    nodeRedis?.destroy();
    ioredis?.disconnect();
    await server?.stop();
  });

  // The third shape is Upstash's call signature (`eval(script, keys, args)`), served here by
  // node-redis: it proves redisStore drives that shape, not that Upstash's service behaves.
  const clients: Array<[string, () => Parameters<typeof redisStore>[0]]> = [
    ["node-redis", () => nodeRedis],
    ["ioredis", () => ioredis],
    ["an eval(script, keys, args) client (Upstash's shape)", () => ({
      eval: (script: string, keys: string[], args: string[]) => nodeRedis.eval(script, { keys, arguments: args }),
      evalsha: (sha: string, keys: string[], args: string[]) => nodeRedis.evalSha(sha, { keys, arguments: args }),
    })],
  ];

  describe.each(clients)("through %s", (label, client) => {
    let contractRun = 0;
    storeContract(`redisStore through ${label}`, () => redisStore(client(), { prefix: `contract:${label.slice(0, 8)}:${++contractRun}:` }));

    let store: BasiqStore;
    let n = 0;
    const key = () => `${label.slice(0, 8)}:${++n}`;
    beforeAll(() => {
      store = redisStore(client(), { prefix: "t:" });
    });

    test("a value is stored under the prefix with its TTL in ms", async () => {
      const k = key();
      await store.set(k, "v1", 60_000);
      expect(await store.get(k)).toBe("v1");
      const ttl = await nodeRedis.pTTL(`t:${k}`);
      expect(ttl).toBeGreaterThan(59_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
      await store.set(k, "v2", 1);
      await atLeast(20);
      expect(await store.get(k)).toBeUndefined();
    });

    test("values that look like numbers or JSON come back as the strings stored", async () => {
      const k = key();
      for (const value of ["123", "1.50", '{"a":1}', "true", "1700000000000 tok"]) {
        await store.set(k, value, 10_000);
        expect(await store.get(k)).toBe(value);
      }
    });

    test("a pause is stored with a TTL equal to what remains of it", async () => {
      const k = key();
      expect(await store.pause(k, 0)).toBe(0);
      const first = await store.pause(k, 3000);
      expect(first).toBeGreaterThan(2900);
      expect(first).toBeLessThanOrEqual(3000);
      const shorter = await store.pause(k, 1000);
      expect(shorter).toBeGreaterThan(1000);
      expect(shorter).toBeLessThanOrEqual(first);
      expect(await store.pause(k, 0)).toBeLessThanOrEqual(shorter);
      expect(await nodeRedis.pTTL(`t:${k}`)).toBeLessThanOrEqual(3000);
      expect(await store.pause(k, 5000)).toBeGreaterThan(4900);
    });

    test("matches MemoryStore's answers for the same sequence of takes", async () => {
      const k = key();
      const memory = new MemoryStore();
      const rate = { ratePerSec: 1, burst: 2, maxWaitMs: 1500 };
      const fromRedis = [];
      const fromMemory = [];
      for (let i = 0; i < 4; i++) {
        fromRedis.push(await store.take(k, rate));
        fromMemory.push(await memory.take(k, rate));
      }
      // Waits are whole seconds apart here; both clocks moved by milliseconds between the calls.
      const rounded = (list: Array<{ granted: boolean; waitMs: number }>) => list.map((r) => ({ granted: r.granted, s: Math.round(r.waitMs / 1000) }));
      expect(rounded(fromRedis)).toEqual(rounded(fromMemory));
      expect(rounded(fromRedis)).toEqual([{ granted: true, s: 0 }, { granted: true, s: 0 }, { granted: true, s: 1 }, { granted: false, s: 2 }]);
    });

    test("runs after SCRIPT FLUSH (EVALSHA falls back to EVAL, which loads the script again)", async () => {
      const k = key();
      await store.set(k, "before", 10_000);
      await nodeRedis.scriptFlush();
      expect(await store.get(k)).toBe("before");
      expect(await store.lock(k + ":lock", "a", 10_000)).toBe(true);
    });
  });

  test("the three client shapes share one state (node-redis writes, ioredis reads)", async () => {
    const a = redisStore(nodeRedis, { prefix: "mix:" });
    const b = redisStore(ioredis, { prefix: "mix:" });
    await a.set("k", "from node-redis", 10_000);
    expect(await b.get("k")).toBe("from node-redis");
    expect(await a.lock("l", "a", 10_000)).toBe(true);
    expect(await b.lock("l", "b", 10_000)).toBe(false);
    expect(await b.pause("p", 2000)).toBeGreaterThan(1900);
    expect(await a.pause("p", 0)).toBeGreaterThan(1800);
  });

  test("refuses a client it cannot drive, naming what it needs", () => {
    expect(() => redisStore({} as never)).toThrow(/node-redis \(v4\+\), ioredis or Upstash-style client/);
  });
});
