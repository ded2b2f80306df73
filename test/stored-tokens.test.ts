// Tokens another process left in a shared store are checked as POST /token's are (issue 18 rows 5
// and 14): a value no header may carry, one too large, or one this SDK does not write is discarded,
// a token is minted and stored over it, and the value is never quoted anywhere; a mint lock that
// never frees costs a call at most half its client's timeoutMs before it mints itself, the token minted
// past it is stored, and no call waits for a token longer than its own timeoutMs.
import { createHash } from "node:crypto";
import { inspect } from "node:util";
import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, type BasiqStore, MemoryStore } from "basiq";
import { figure } from "./helpers/figures.js";
import { API_KEY, fakeBasiq, json, userPath } from "./helpers/fetch.js";

const NAMESPACE = createHash("sha256").update(API_KEY).digest("hex").slice(0, 16);
const TOKEN_KEY = `${NAMESPACE}:token:server`;
const LOCK_KEY = `${NAMESPACE}:lock:token:server`;
const CANARY = "CANARY-stored-7f3a";
const HOUR_AHEAD = () => Date.now() + 3_600_000;
/** The real setTimeout, taken before any test fakes the clock. */
const realSetTimeout = globalThis.setTimeout;

/** A client on `store` that records every log line, event and what it sent. */
function observed(store: BasiqStore, options: { timeoutMs?: number } = {}) {
  const fake = fakeBasiq(() => json({ type: "user", id: "u1" }));
  const lines: string[] = [];
  const logger = { debug: (l: string) => lines.push(l), info: (l: string) => lines.push(l), warn: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
  const basiq = new Basiq({ apiKey: API_KEY, store, fetch: fake.fetch, logger, logLevel: "debug", ...options });
  const events: unknown[] = [];
  for (const type of ["request", "response", "retry", "rate-limited"] as const) basiq.on(type, (e) => events.push(e));
  const sent = () => fake.apiCalls().map((s) => s.authorization);
  return { basiq, fake, lines, events, sent };
}

/** Everything a user could print of an outcome, its logs and events: where a canary must not be. */
function printed(outcome: unknown, lines: string[], events: unknown[]): string {
  const error = outcome as { stack?: unknown; message?: unknown; cause?: unknown };
  return [inspect(outcome, { depth: 5 }), String(error?.stack ?? ""), String(error?.message ?? ""), inspect(error?.cause), JSON.stringify(outcome) ?? "", ...lines, JSON.stringify(events)].join("\n");
}

const HOSTILE: Record<string, string> = {
  "CR LF (a header injection)": `${CANARY}\r\nX-Evil: 1`,
  "non-ASCII": `${CANARY}-\u00e9\u4e2d`,
  empty: "",
  "oversized (20 MB)": `${CANARY}${"A".repeat(20 * 1024 * 1024)}`,
  "a lone space inside at the end": `${CANARY} `,
};

describe("stored tokens are checked like issued ones (row 5)", () => {
  const results: string[] = [];
  for (const [name, token] of Object.entries(HOSTILE)) {
    test(`a stored token that is ${name} is discarded, re-minted, stored over, and never quoted`, async () => {
      const store = new MemoryStore();
      await store.set(TOKEN_KEY, `${HOUR_AHEAD()} ${token}`, 3_600_000);
      const { basiq, fake, lines, events, sent } = observed(store);
      const outcome = await basiq.ops.getUser(userPath).catch((e: unknown) => e);
      const hits = printed(outcome, lines, events).split(CANARY).length - 1;
      results.push(`${name}: ${outcome instanceof Error ? `rejected (${outcome.constructor.name})` : "ok"}, ${fake.tokenCalls().length} mint, ${hits} canary hits`);
      expect(outcome).toEqual({ type: "user", id: "u1" });
      expect(sent()).toEqual(["Bearer tok-1"]);
      expect(fake.tokenCalls()).toHaveLength(1);
      expect((await store.get(TOKEN_KEY))?.endsWith(" tok-1")).toBe(true);
      expect(hits).toBe(0);
    });
  }

  test("figure: hostile stored tokens", () => {
    figure(`row 5: ${results.join("; ")}`);
    expect(results).toHaveLength(Object.keys(HOSTILE).length);
  });
});

describe("malformed stored values are ignored (row 14)", () => {
  const MALFORMED: Record<string, unknown> = {
    "no refresh time": "tok-stored",
    "a refresh time that is not digits": "1e99 tok-stored",
    "a refresh time past any date": `${"9".repeat(40)} tok-stored`,
    "a non-string from a hostile store": { token: "tok-stored" },
  };
  for (const [name, value] of Object.entries(MALFORMED)) {
    test(`a stored value with ${name} is ignored: a token is minted and sent`, async () => {
      // The store answers the token key with `value` until something is stored over it.
      let overwritten = false;
      const store = new (class extends MemoryStore {
        override async get(key: string): Promise<string | undefined> {
          return key === TOKEN_KEY && !overwritten ? (value as string) : super.get(key);
        }
        override async set(key: string, stored: string, ttlMs: number): Promise<void> {
          if (key === TOKEN_KEY) overwritten = true;
          return super.set(key, stored, ttlMs);
        }
      })();
      const { basiq, sent } = observed(store);
      await expect(basiq.ops.getUser(userPath)).resolves.toEqual({ type: "user", id: "u1" });
      expect(sent()).toEqual(["Bearer tok-1"]);
    });
  }
});

describe("a mint lock that never frees (row 14)", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  /**
   * Virtual ms until `promise` settles, advancing fake time 10 ms at a time (at most `limitMs`).
   * Each step first lets 2 real ms pass: the store namespace is a crypto.subtle digest, run on
   * libuv's thread pool in real time, and under load the fake clock would otherwise race ahead of it
   * (seen: a 1,000 ms wait measured as 2,760-5,530 ms with three busy processes beside the test).
   */
  async function settledAfter(promise: Promise<unknown>, limitMs: number): Promise<number> {
    let settled = false;
    void promise.then(() => (settled = true), () => (settled = true));
    const start = Date.now();
    while (!settled && Date.now() - start < limitMs) {
      await new Promise((resolve) => realSetTimeout(resolve, 2));
      await jest.advanceTimersByTimeAsync(10);
    }
    return Date.now() - start;
  }

  test("costs a call half its client's timeoutMs (1000 of 2000) before it mints itself, and the token minted past it is stored for the next client", async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ["queueMicrotask", "nextTick", "setImmediate"] });
    const store = new MemoryStore();
    // A lock no one will free: a holder that died holding a lock written without a TTL.
    expect(await store.lock(LOCK_KEY, "a-dead-process", 2 ** 31 - 1)).toBe(true);
    const first = observed(store, { timeoutMs: 2000 });
    const call = first.basiq.ops.getUser(userPath);
    const firstMs = await settledAfter(call, 30_000);
    await expect(call).resolves.toEqual({ type: "user", id: "u1" });
    // The next client (another process) finds the stored token: no mint, no wait.
    const second = observed(store, { timeoutMs: 2000 });
    const next = second.basiq.ops.getUser(userPath);
    const secondMs = await settledAfter(next, 30_000);
    await expect(next).resolves.toEqual({ type: "user", id: "u1" });
    figure(`row 14: a lock without TTL cost the first call ${firstMs} ms (timeoutMs 2000: it waits half, then mints), the next client ${secondMs} ms and ${second.fake.tokenCalls().length} mints`);
    expect(firstMs).toBeGreaterThanOrEqual(1000);
    expect(firstMs).toBeLessThan(2000);
    expect(second.fake.tokenCalls()).toHaveLength(0);
    expect(second.sent()).toEqual(["Bearer tok-1"]);
  });

  test("a call's own timeoutMs ends its wait for the token (500 of the client's 10000); the mint goes on and later calls use it", async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ["queueMicrotask", "nextTick", "setImmediate"] });
    const store = new MemoryStore();
    expect(await store.lock(LOCK_KEY, "a-dead-process", 2 ** 31 - 1)).toBe(true);
    const client = observed(store, { timeoutMs: 10_000 });
    const short = client.basiq.ops.getUser({ ...userPath, timeoutMs: 500 });
    const shortMs = await settledAfter(short, 30_000);
    await expect(short).rejects.toMatchObject({ name: "BasiqError", message: expect.stringContaining("timed out after 500 ms waiting for a token") });
    expect(client.sent()).toEqual([]);
    const later = client.basiq.ops.getUser(userPath);
    await settledAfter(later, 30_000);
    await expect(later).resolves.toEqual({ type: "user", id: "u1" });
    figure(`row 14: a call with timeoutMs 500 behind a lock without TTL ended after ${shortMs} ms (client timeoutMs 10000)`);
    expect(shortMs).toBeGreaterThanOrEqual(500);
    expect(shortMs).toBeLessThan(10_000);
    expect(client.fake.tokenCalls()).toHaveLength(1);
  });

  test("a ready-token function that never settles ends the call at its timeoutMs, as a BasiqError", async () => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ["queueMicrotask", "nextTick", "setImmediate"] });
    const fake = fakeBasiq(() => json({ type: "user", id: "u1" }));
    const basiq = new Basiq({ token: () => new Promise<string>(() => {}), fetch: fake.fetch, timeoutMs: 1000 });
    const call = basiq.ops.getUser(userPath);
    const ms = await settledAfter(call, 30_000);
    await expect(call).rejects.toMatchObject({ name: "BasiqError", message: expect.stringContaining("timed out after 1000 ms waiting for a token") });
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(fake.apiCalls()).toHaveLength(0);
  });
});
