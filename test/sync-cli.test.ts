import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Basiq } from "basiq";
import { createSandbox, type Sandbox } from "basiq/testing";
import { progressLine, syncCommand } from "../src/cli/sync.js";
import { consentedUser } from "./helpers/sync.js";

const API_KEY = "cli-key";

function io(env: Record<string, string | undefined>, stop?: Promise<string>) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l), env, untilStopped: () => stop ?? new Promise<string>(() => {}) } };
}

describe("basiq sync", () => {
  let sandbox: Sandbox;
  let url: string;
  let close: () => Promise<void>;
  let dir: string;
  const users: string[] = [];
  beforeAll(async () => {
    sandbox = createSandbox({ today: "2026-11-22", transactions: 120, apiKey: API_KEY });
    ({ url, close } = await sandbox.listen({ port: 0 }));
    const basiq = new Basiq({ apiKey: API_KEY, baseUrl: url });
    for (let i = 0; i < 2; i++) users.push(await consentedUser(sandbox, basiq, `cli${i}@example.com`));
    dir = mkdtempSync(join(tmpdir(), "basiq-cli-sync-"));
  }, 60_000);
  afterAll(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  test("syncs --user ids into an embedded PGlite in --data-dir, one line per user off a terminal; --all-users finds them again", async () => {
    const data = join(dir, "db");
    const a = io({ BASIQ_API_KEY: API_KEY });
    expect(await syncCommand.run(["--user", users[0]!, "--user", users[1]!, "--base-url", url, "--data-dir", data], a.io)).toBe(0);
    expect(a.out[0]).toBe(`syncing 2 users into embedded PGlite in ${data} (schema basiq), 4 at a time`);
    expect(a.out.filter((l) => /^\d\/2 /.test(l))).toHaveLength(2);
    expect(a.out.at(-1)).toMatch(/^2 users synced: \+240 added, ~0 modified, -0 removed, \d+ requests in [\d.]+ s$/);
    expect(a.err).toEqual([]);
    const db = await PGlite.create(data);
    try {
      const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM basiq.transactions");
      expect(rows[0]!.n).toBe(240);
    } finally {
      await db.close();
    }
    const b = io({ BASIQ_API_KEY: API_KEY });
    expect(await syncCommand.run(["--all-users", "--base-url", url, "--data-dir", data], b.io)).toBe(0);
    expect(b.out.at(-1)).toMatch(/^2 users synced: \+0 added, ~0 modified, -0 removed/);
  }, 60_000);

  test("Ctrl-C stops at a checkpoint: users not started stay untouched", async () => {
    const c = io({ BASIQ_API_KEY: API_KEY }, Promise.resolve("SIGINT"));
    expect(await syncCommand.run(["--user", users[0]!, "--base-url", url, "--data-dir", join(dir, "stopped")], c.io)).toBe(0);
    expect(c.out.at(-1)).toMatch(/^stopped \(SIGINT\) at a checkpoint: 0 users synced/);
  }, 60_000);

  test("bad input is one clear line: no key, no users, a bad flag, a URL that is not postgres://", async () => {
    await expect(syncCommand.run(["--user", "u"], io({}).io)).rejects.toThrow(/BASIQ_API_KEY is not set/);
    await expect(syncCommand.run([], io({ BASIQ_API_KEY: "k" }).io)).rejects.toThrow(/--user ID \(repeatable\) or --all-users/);
    await expect(syncCommand.run(["--user", "u", "--concurrency", "0"], io({ BASIQ_API_KEY: "k" }).io)).rejects.toThrow(/--concurrency must be a whole number from 1 to 100/);
    await expect(syncCommand.run(["--nope"], io({ BASIQ_API_KEY: "k" }).io)).rejects.toThrow(/nope/);
    await expect(syncCommand.run(["--user", "u", "--database", "mysql://x"], io({ BASIQ_API_KEY: "k" }).io)).rejects.toThrow(/postgres:\/\/ URL/);
  });

  test("the progress bar shows users done / total, transactions, rate and ETA", () => {
    expect(progressLine({ done: 5, total: 20, added: 300, modified: 2, removed: 7, failed: 1 }, 2_000, 10)).toBe("[###-------] 5/20 users, +300 ~2 -7 transactions, 2.5 users/s, ETA 0:06, 1 failed");
  });
});
