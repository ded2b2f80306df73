// The sandbox over time: sandbox.advance({ days }) is deterministic by seed, moves pending rows at its
// documented rates (they post under a new id or are re-issued under a new id with another wording),
// never reuses an id, runs jobs, warns of and expires consents, and raises the matching events.
import { afterEach, describe, expect, jest, test } from "@jest/globals";
import fc from "fast-check";
import { Basiq, type data } from "basiq";
import { createSandbox, type SandboxOptions } from "basiq/testing";
import { API_KEY } from "./helpers/fetch.js";

type Transaction = data.components["schemas"]["TransactionData"];

async function connected(options: SandboxOptions = {}) {
  const sandbox = createSandbox({ transactions: 60, seed: 7, today: "2026-11-20", ...options });
  const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
  const { id: userId } = await basiq.ops.createUser({ body: { email: "time@example.com" } });
  const { jobId, connectionId } = sandbox.consent(userId);
  await basiq.waitForJob(jobId, { intervalMs: 1 });
  return { sandbox, basiq, userId, connectionId };
}

async function listAll(basiq: Basiq, userId: string): Promise<Transaction[]> {
  const out: Transaction[] = [];
  for await (const t of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId } } })) out.push(t);
  return out;
}

const day = (t: Transaction) => (t.postDate ?? t.transactionDate).slice(0, 10);
const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const isPreauth = (t: Transaction) => /QANTAS/.test(t.description);

afterEach(() => {
  jest.useRealTimers();
});

describe("sandbox.advance", () => {
  test("a new connection already has pending card payments: no postDate, no balance, held off the available funds", async () => {
    const { basiq, userId } = await connected({ transactions: 600 });
    const all = await listAll(basiq, userId);
    const pending = all.filter((t) => t.status === "pending");
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((t) => t.postDate === null && t.balance === undefined && t.class === "payment")).toBe(true);
    expect(all.slice(0, pending.length).every((t) => t.status === "pending")).toBe(true); // listed first, as the newest activity
    const accounts = (await basiq.ops.getAccounts({ params: { path: { userId } } })).data;
    for (const account of accounts) {
      const held = pending.filter((t) => t.account === account.id).reduce((n, t) => n + Math.round(Number(t.amount) * 100), 0);
      expect(Math.round(Number(account.availableFunds) * 100)).toBe(Math.round(Number(account.balance) * 100) + held);
    }
  });

  test("same seed and same advances give the same transactions, however the days are split; ids never come back", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }), async (seed, steps) => {
        const run = async (split: number[]) => {
          const { sandbox, basiq, userId } = await connected({ seed, transactionsPerDay: 6 });
          const seen = new Set<string>();
          const gone = new Set<string>();
          let before = new Set<string>();
          for (const days of split) {
            await sandbox.advance({ days });
            const ids = (await listAll(basiq, userId)).map((t) => t.id);
            expect(new Set(ids).size).toBe(ids.length); // no id twice in one list
            for (const id of before) if (!ids.includes(id)) gone.add(id);
            expect(ids.filter((id) => gone.has(id))).toEqual([]); // a removed id never comes back
            ids.forEach((id) => seen.add(id));
            before = new Set(ids);
          }
          return listAll(basiq, userId);
        };
        const once = await run(steps);
        expect(await run(steps)).toEqual(once);
        const total = steps.reduce((a, b) => a + b, 0);
        const whole = await (async () => {
          const { sandbox, basiq, userId } = await connected({ seed, transactionsPerDay: 6 });
          await sandbox.advance({ days: total });
          return listAll(basiq, userId);
        })();
        // The same days in one call: the same rows (ids aside: the reads in between minted tokens, which draw on the same counter).
        const content = (list: Transaction[]) => list.map(({ description, amount, status, postDate, transactionDate, account }) => ({ description, amount, status, postDate, transactionDate, account }));
        expect(content(whole)).toEqual(content(once));
      }),
      { numRuns: 8 },
    );
  });

  test("pending rows post on business days at postRate and the rest are re-issued at reissueRate, under new ids with another wording", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0.1, max: 0.9, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), async (seed, postRate, reissueRate) => {
        const { sandbox, basiq, userId } = await connected({ seed, transactionsPerDay: 30, pending: { share: 1, postRate, reissueRate } });
        let rows = await listAll(basiq, userId);
        const counts = { decided: 0, posted: 0, stayed: 0, reissued: 0, weekendPosted: 0 };
        for (let i = 0; i < 12; i++) {
          const { today } = await sandbox.advance({ days: 1 });
          const next = await listAll(basiq, userId);
          const ids = new Set(next.map((t) => t.id));
          const was = new Set(rows.map((t) => t.id));
          const pending = rows.filter((t) => t.status === "pending" && !isPreauth(t));
          const fresh = next.filter((t) => !was.has(t.id) && !isPreauth(t) && t.transactionDate < today);
          const posted = fresh.filter((t) => t.status === "posted").length; // posted from pending: happened before today
          const reissued = fresh.filter((t) => t.status === "pending");
          // Every re-issued row is a new record with another wording than any row it could replace.
          for (const r of reissued) expect(pending.some((p) => p.amount === r.amount && p.transactionDate === r.transactionDate && p.description !== r.description)).toBe(true);
          expect(posted + reissued.length + pending.filter((t) => ids.has(t.id)).length).toBe(pending.length);
          if (weekday(today) === 0 || weekday(today) === 6) {
            counts.weekendPosted += posted;
          } else {
            counts.decided += pending.length;
            counts.posted += posted;
          }
          counts.stayed += pending.length - posted;
          counts.reissued += reissued.length;
          rows = next;
        }
        expect(counts.weekendPosted).toBe(0); // banks post on business days
        // Within 4.5 standard deviations of the documented rate (deterministic per seed, so a failure reproduces).
        const near = (hits: number, n: number, rate: number) => Math.abs(hits / n - rate) <= 4.5 * Math.sqrt((rate * (1 - rate)) / n) + 1e-9;
        expect(counts.decided).toBeGreaterThan(100);
        expect(near(counts.posted, counts.decided, postRate)).toBe(true);
        expect(near(counts.reissued, counts.stayed, reissueRate)).toBe(true);
      }),
      { numRuns: 6 },
    );
  });

  test("with the default rates, every pending row that does not post is re-issued at each daily refresh (Basiq re-imports them)", async () => {
    const { sandbox, basiq, userId } = await connected({ transactions: 600 });
    const before = (await listAll(basiq, userId)).filter((t) => t.status === "pending");
    await sandbox.advance({ days: 1 });
    const after = new Set((await listAll(basiq, userId)).map((t) => t.id));
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((t) => after.has(t.id))).toEqual([]);
  });

  test("each day refreshes the connection: new rows dated that day, lastUsed moved, and one transactions.updated event", async () => {
    const { sandbox, basiq, userId, connectionId } = await connected({ transactionsPerDay: 10 });
    const { today, events } = await sandbox.advance({ days: 3 });
    expect(today).toBe("2026-11-23");
    expect(events).toBe(3);
    const all = await listAll(basiq, userId);
    expect(all.filter((t) => day(t) > "2026-11-20").length).toBeGreaterThan(0);
    expect(all.some((t) => day(t) > today)).toBe(false);
    const connection = await basiq.ops.getConnection({ params: { path: { userId, connectionId } } });
    expect(Date.parse(connection.lastUsed!) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    const listed = await basiq.ops.getEvents({ params: { query: { filter: `user.id.eq('${userId}'),event.entity.eq('connection')` } } });
    const updated = (listed.data ?? []).filter((e) => e.eventType === "updated");
    expect(updated).toHaveLength(4); // the consent's retrieve-transactions, then one a day
  });

  test("a refresh's job runs as days pass, without being polled", async () => {
    const sandbox = createSandbox({ transactions: 20, today: "2026-11-20", pollsPerStep: Infinity, stepMs: Infinity });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "refresh@example.com" } });
    const { jobId } = sandbox.consent(userId);
    await sandbox.advance({ days: 1 }); // the consent's job, which neither polls nor stepMs finish here
    expect((await basiq.ops.getJobs({ params: { path: { jobId } } })).steps?.every((s) => s.status === "success")).toBe(true);
    const [started] = (await basiq.ops.refreshConnections({ params: { path: { userId } } })).data;
    expect((await basiq.ops.getJobs({ params: { path: { jobId: started!.id } } })).steps?.map((s) => s.status)).toEqual(["in-progress", "pending", "pending"]);
    await sandbox.advance({ days: 1 });
    expect((await basiq.ops.getJobs({ params: { path: { jobId: started!.id } } })).steps?.map((s) => s.status)).toEqual(["success", "success", "success"]);
  });

  test("a consent warns 7 days before it expires, then expires; its connections stop getting data", async () => {
    const { sandbox, basiq, userId, connectionId } = await connected({ transactions: 20 });
    const types = async () => {
      const listed = await basiq.ops.getEvents({ params: { query: { filter: `user.id.eq('${userId}'),event.entity.eq('consent')` } } });
      return Promise.all((listed.data ?? []).map(async (e) => (await basiq.ops.getTypeById({ params: { path: { id: e.id } } })).eventType));
    };
    const [consent] = (await basiq.ops.getConsents({ params: { path: { userId } } })).data ?? [];
    const expires = Date.parse(consent!.expiryDate);
    const untilWarning = Math.floor((expires - 7 * 86_400_000 - Date.now()) / 86_400_000);
    await sandbox.advance({ days: untilWarning });
    expect(await types()).toEqual(["consent.created"]);
    await sandbox.advance({ days: 1 });
    expect(await types()).toEqual(["consent.warning", "consent.created"]);
    await sandbox.advance({ days: 7 });
    expect(await types()).toEqual(["consent.expired", "consent.warning", "consent.created"]);
    expect((await basiq.ops.getConsents({ params: { path: { userId } } })).data?.[0]?.status).toBe("expired");
    expect((await basiq.ops.getConnection({ params: { path: { userId, connectionId } } })).status).toBe("invalid");
    const count = (await listAll(basiq, userId)).length;
    await sandbox.advance({ days: 30 });
    expect((await listAll(basiq, userId)).length).toBe(count);
  });

  test("refuses a days value that is not a whole number from 1 to 3660", async () => {
    const sandbox = createSandbox();
    for (const days of [0, -1, 1.5, Number.NaN, Infinity, 3661, "2" as unknown as number]) {
      await expect(sandbox.advance({ days })).rejects.toThrow(/days must be a whole number from 1 to 3660/);
    }
    expect(() => createSandbox({ pending: { postRate: 2 } })).toThrow(/pending.postRate must be a number from 0 to 1/);
  });
});

describe("job steps and polls", () => {
  test("with the default poll interval and stepMs, onProgress sees every step in progress", async () => {
    jest.useFakeTimers({ now: Date.parse("2026-11-20T09:00:00Z"), doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    const sandbox = createSandbox({ transactions: 20, today: "2026-11-20" });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "steps@example.com" } });
    const seen: string[] = [];
    const call = basiq.waitForJob(sandbox.consent(userId).jobId, {
      onProgress: (job) => { seen.push(job.steps?.find((s) => s.status === "in-progress")?.title ?? "done"); },
    });
    await jest.advanceTimersByTimeAsync(20_000);
    await call;
    expect([...new Set(seen)]).toEqual(["verify-credentials", "retrieve-accounts", "retrieve-transactions", "done"]);
  });
});
