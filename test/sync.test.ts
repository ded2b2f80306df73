import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { createSandbox } from "basiq/testing";
import { createSync, MemorySyncState, type SyncCommit, type SyncSink, type SyncTransaction } from "basiq/sync";

/** A sink in memory, as an integrator's own would be: upserts by id, deletes removed ids. */
export function memorySink(): SyncSink & { rows: Map<string, Map<string, SyncTransaction>>; applied: SyncCommit[] } {
  const rows = new Map<string, Map<string, SyncTransaction>>();
  const applied: SyncCommit[] = [];
  return {
    rows,
    applied,
    async apply(commit) {
      const mine = rows.get(commit.userId) ?? new Map();
      for (const id of commit.removed) mine.delete(id);
      for (const row of [...commit.added, ...commit.modified]) mine.set(row.id, row);
      rows.set(commit.userId, mine);
      applied.push(commit);
    },
    async forget(userId) {
      rows.delete(userId);
    },
  };
}

async function consentedUser(sandbox: ReturnType<typeof createSandbox>, basiq: Basiq): Promise<string> {
  const user = await basiq.ops.createUser({ body: { email: "gavin@hooli.com", mobile: "+61410888999" } });
  const { jobId } = sandbox.consent(user.id);
  await basiq.waitForJob(jobId, { intervalMs: 10 });
  return user.id;
}

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
    console.log(second.requests);
  });

  test("refuses bad options with a BasiqError naming the option", () => {
    const basiq = new Basiq({ apiKey: "k", fetch: createSandbox().fetch });
    expect(() => createSync(basiq, { lookbackDays: -1 })).toThrow(/lookbackDays/);
    expect(() => createSync(basiq, { leaseMs: Number.NaN })).toThrow(BasiqError);
    expect(() => createSync(basiq, { sink: { state: new MemorySyncState(), apply: async () => {}, forget: async () => {} }, state: new MemorySyncState() })).toThrow(/its own state/);
  });
});
