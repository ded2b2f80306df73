import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { createSandbox } from "basiq/testing";
import { MemoryStore } from "basiq";
import { createSync, MemorySyncState, storeSyncState, SyncBusyError, type SyncSink, type SyncState } from "basiq/sync";
import { describeWithRedis, startRedis, type RedisServer } from "./helpers/redis.js";
import { apiRows, consentedUser, memorySink } from "./helpers/sync.js";
import { canonicalRows, expectSameRows } from "./helpers/sync-rows.js";
import { afterAll, beforeAll } from "@jest/globals";
import { createClient } from "redis";
import { redisStore } from "basiq/redis";



describe("createSync", () => {
  test("the first sync reads every page; a second on an unchanged user reads one window page and the accounts", async () => {
    const sandbox = createSandbox({ today: "2026-11-22" });
    const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
    const userId = await consentedUser(sandbox, basiq);
    const sink = memorySink();
    const sync = createSync(basiq, { sink });
    const first = await sync.user(userId);
    expect(first.full).toBe(true);
    expect(first.added).toHaveLength(2400);
    expect(first.requests).toBe(1 + 5 + 1); // accounts, 5 pages of 500, connections
    expect(sink.rows.get(userId)?.size).toBe(2400);
    const second = await sync.user(userId);
    expect(second.full).toBe(false);
    expect([second.added.length, second.modified.length, second.removed.length]).toEqual([0, 0, 0]);
    // accounts + the postDate window: the accounts are as they were (no refresh since), so the
    // pending rows (no postDate) are too and are not read again.
    expect(second.requests).toBe(2);
    expectSameRows(canonicalRows(sink.rows.get(userId)!.values()), await apiRows(basiq, userId));
  });

  test("refuses bad options with a BasiqError naming the option", () => {
    const basiq = new Basiq({ apiKey: "k", fetch: createSandbox().fetch });
    expect(() => createSync(basiq, { lookbackDays: -1 })).toThrow(/lookbackDays/);
    expect(() => createSync(basiq, { leaseMs: Number.NaN })).toThrow(BasiqError);
    expect(() => createSync(basiq, { sink: { state: new MemorySyncState(), apply: async () => {}, forget: async () => {} }, state: new MemorySyncState() })).toThrow(/its own state/);
  });
});

/** Churn through the API: the user's connection deleted and consented again. */
async function reconsent(sandbox: ReturnType<typeof createSandbox>, basiq: Basiq, userId: string): Promise<void> {
  const [connection] = (await basiq.ops.getConnections({ params: { path: { userId } } })).data ?? [];
  await basiq.ops.deleteConnection({ params: { path: { userId, connectionId: connection!.id } } });
  await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 10 });
}

/** The same behaviour on every SyncState. */
function stateSuite(name: string, makeState: () => SyncState) {
  describe(`createSync on ${name}`, () => {
    test("a deleted and re-consented connection: every old row removed (outside the window too), the new history added", async () => {
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 400 });
      const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
      const userId = await consentedUser(sandbox, basiq);
      const sink = memorySink();
      const sync = createSync(basiq, { sink, state: makeState() });
      await sync.user(userId);
      await reconsent(sandbox, basiq, userId);
      const r = await sync.user(userId);
      expect(r.full).toBe(true); // new accounts: their whole history
      expect([r.added.length, r.removed.length]).toEqual([400, 400]);
      expectSameRows(canonicalRows(sink.rows.get(userId)!.values()), await apiRows(basiq, userId));
    });

    test("a sink that throws leaves the previous checkpoint: the next sync reports the same changes again", async () => {
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 200 });
      const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
      const userId = await consentedUser(sandbox, basiq);
      const state = makeState();
      const sink = memorySink();
      let fail = false;
      const flaky: SyncSink = { apply: async (c) => { if (fail) throw new Error("disk full"); await sink.apply(c); }, forget: sink.forget };
      const sync = createSync(basiq, { sink: flaky, state });
      await sync.user(userId);
      await reconsent(sandbox, basiq, userId);
      fail = true;
      const error = await sync.user(userId).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BasiqError);
      expect((error as Error).message).toMatch(/committing user .* failed \(disk full\); its previous checkpoint stays/);
      expect((await state.checkpoint(userId))?.version).toBe(1);
      fail = false;
      const r = await sync.user(userId);
      expect([r.added.length, r.removed.length]).toEqual([200, 200]);
      expectSameRows(canonicalRows(sink.rows.get(userId)!.values()), await apiRows(basiq, userId));
    });

    test("a held lease: the other worker gets SyncBusyError and reads nothing; released after the sync", async () => {
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 50 });
      const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
      const userId = await consentedUser(sandbox, basiq);
      const state = makeState();
      expect(await state.lease(userId, "other", 60_000)).toBe(true);
      const sync = createSync(basiq, { state, owner: "me" });
      const before = sandbox.requests.length;
      await expect(sync.user(userId)).rejects.toBeInstanceOf(SyncBusyError);
      expect(sandbox.requests.length).toBe(before);
      await state.release(userId, "other");
      await sync.user(userId);
      expect(await state.lease(userId, "other", 60_000)).toBe(true); // the sync released its lease
    });

    test("an abort before the commit writes nothing and rejects with an AbortError BasiqError", async () => {
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 1200 });
      const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
      const userId = await consentedUser(sandbox, basiq);
      const state = makeState();
      const sink = memorySink();
      const controller = new AbortController();
      const sync = createSync(basiq, { state, sink });
      const error = await sync.user(userId, { signal: controller.signal, onProgress: ({ pages }) => { if (pages === 1) controller.abort(new Error("stop")); } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BasiqError);
      expect((error as BasiqError).name).toBe("AbortError");
      expect(sink.applied).toHaveLength(0);
      expect(await state.checkpoint(userId)).toBeUndefined();
    });

    test("forget deletes the user's state and rows; the next sync is a first sync", async () => {
      const sandbox = createSandbox({ today: "2026-11-22", transactions: 50 });
      const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
      const userId = await consentedUser(sandbox, basiq);
      const state = makeState();
      const sink = memorySink();
      const sync = createSync(basiq, { state, sink });
      await sync.user(userId);
      await sync.forget(userId);
      expect(sink.rows.has(userId)).toBe(false);
      expect(await state.checkpoint(userId)).toBeUndefined();
      expect((await sync.user(userId)).full).toBe(true);
    });
  });
}

stateSuite("MemorySyncState", () => new MemorySyncState());
stateSuite("storeSyncState(new MemoryStore())", () => storeSyncState(new MemoryStore()));

describeWithRedis("storeSyncState on a real Redis", () => {
  let server: RedisServer;
  let client: ReturnType<typeof createClient>;
  beforeAll(async () => {
    server = await startRedis();
    client = createClient({ url: server.url });
    client.on("error", () => undefined);
    await client.connect();
  }, 30_000);
  afterAll(async () => {
    await client?.destroy();
    await server?.stop();
  });
  stateSuite("redisStore", () => storeSyncState(redisStore(client), { prefix: `t${Math.random().toString(36).slice(2)}:` }));
});

describe("sync.users", () => {
  test("syncs every user with at most `concurrency` at once, lists failures and busy users, reports progress", async () => {
    const sandbox = createSandbox({ today: "2026-11-22", transactions: 30 });
    const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await consentedUser(sandbox, basiq, `u${i}@example.com`));
    const state = new MemorySyncState();
    await state.lease(ids[5]!, "elsewhere", 60_000);
    let running = 0;
    let most = 0;
    const sink: SyncSink = {
      async apply() {
        running++;
        most = Math.max(most, running);
        await new Promise((ok) => setTimeout(ok, 20));
        running--;
      },
      async forget() {},
    };
    const sync = createSync(basiq, { state, sink });
    const progress: number[] = [];
    const r = await sync.users([...ids, "no-such-user"], { concurrency: 2, onProgress: (p) => progress.push(p.done) });
    expect(r.users).toBe(5);
    expect(r.added).toBe(150);
    expect(r.skipped).toEqual([ids[5]]);
    expect(r.failed.map((f) => f.userId)).toEqual(["no-such-user"]);
    expect(r.failed[0]!.error).toBeInstanceOf(BasiqError);
    expect(most).toBe(2);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.aborted).toBe(false);
  });

  test("an abort stops starting users: each is fully synced or untouched", async () => {
    const sandbox = createSandbox({ today: "2026-11-22", transactions: 30 });
    const basiq = new Basiq({ apiKey: "k", fetch: sandbox.fetch });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await consentedUser(sandbox, basiq, `u${i}@example.com`));
    const controller = new AbortController();
    const state = new MemorySyncState();
    const sync = createSync(basiq, { state });
    const r = await sync.users(ids, { concurrency: 1, signal: controller.signal, onProgress: () => controller.abort() });
    expect(r.aborted).toBe(true);
    expect(r.users).toBe(1);
    const synced = (await Promise.all(ids.map((id) => state.checkpoint(id)))).filter(Boolean);
    expect(synced).toHaveLength(1);
    await expect(sync.users(ids, { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});
