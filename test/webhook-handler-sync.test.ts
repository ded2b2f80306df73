// The README's recipe, end to end: the sandbox delivers over HTTP to an Express receiver whose
// handlers call basiq/sync (transactions.updated -> sync.user, consent.revoked -> sync.forget).
// After sandbox.advance, an outage and its redeliveries, the synced rows equal the sandbox's.
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { Basiq, createWebhookHandler, type WebhookHandler } from "basiq";
import { createSync, type SyncSink, type SyncTransaction } from "basiq/sync";
import { createSandbox, type Sandbox } from "basiq/testing";
import { API_KEY } from "./helpers/fetch.js";

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("webhooks -> sync, end to end over HTTP", () => {
  let sandbox: Sandbox;
  let basiq: Basiq;
  let server: Server;
  let hooks: WebhookHandler | undefined;
  let down = false;
  let webhookId = "";
  /** The synced table: rows by user, then by id (an idempotent sink: upsert added/modified, delete removed). */
  const table = new Map<string, Map<string, SyncTransaction>>();
  const sink: SyncSink = {
    async apply(commit) {
      const rows = table.get(commit.userId) ?? new Map<string, SyncTransaction>();
      for (const row of [...commit.added, ...commit.modified]) rows.set(row.id, row);
      for (const id of commit.removed) rows.delete(id);
      table.set(commit.userId, rows);
    },
    async forget(userId) {
      table.delete(userId);
    },
  };

  beforeAll(async () => {
    const app = express();
    app.post("/webhooks/basiq", (req, _res, next) => (down || !hooks ? void req.socket.destroy() : next()), express.raw({ type: "application/json" }), (req, res) => void hooks!.node(req, res));
    server = createServer(app);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    sandbox = createSandbox({ transactions: 120, seed: 5, today: "2026-11-20", deliveryTimeScale: 0.00002 });
    basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const webhook = await basiq.ops.addWebhook({ body: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/basiq`, subscribedEvents: ["transactions.updated", "consent.revoked", "consent.expired"] } });
    webhookId = webhook.id!;
    const sync = createSync(basiq, { sink });
    hooks = createWebhookHandler({
      secret: webhook.secret!,
      basiq,
      on: {
        "transactions.updated": async (_event, { userId, signal }) => { await sync.user(userId!, { signal }); },
        "consent.revoked": async (_event, { userId }) => { await sync.forget(userId!); },
        "consent.expired": async (_event, { userId }) => { await sync.forget(userId!); },
      },
    });
  });
  afterAll(async () => {
    await sandbox?.close();
    await new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); });
  });

  const delivered = async () => {
    for await (const m of basiq.paginate("/notifications/webhooks/{webhookId}/messages", { params: { path: { webhookId } } })) {
      if (!m.attempts?.some((a) => a.status === "Success")) return false;
    }
    return true;
  };
  const apiRows = async (userId: string) => {
    const rows = new Map<string, unknown>();
    for await (const t of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId } } })) rows.set(t.id, t);
    return rows;
  };
  /** The synced table equals the API's transactions: the same ids, each row as the API returns it now. */
  const expectSynced = async (userId: string) => {
    const api = await apiRows(userId);
    const synced = table.get(userId) ?? new Map();
    expect([...synced.keys()].sort()).toEqual([...api.keys()].sort());
    for (const [id, row] of synced) {
      const { pendingTransactionId: _, ...asReturned } = row;
      expect(asReturned).toEqual(api.get(id));
    }
    return api.size;
  };

  test("deliveries sync the user; after advance, an outage and redelivery the synced rows equal the sandbox; a revoked consent forgets them", async () => {
    const { id: userId } = await basiq.ops.createUser({ body: { email: "sync@example.com" } });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    await until("the first transactions.updated", delivered);
    expect(await expectSynced(userId)).toBeGreaterThan(0);

    await sandbox.advance({ days: 4 });
    await until("deliveries after advance", delivered);
    await expectSynced(userId);

    down = true;
    await sandbox.advance({ days: 3 });
    await new Promise((r) => setTimeout(r, 300));
    down = false;
    await until("redeliveries after the outage", delivered);
    const result = await hooks!.replay({ since: 0 });
    expect(result.failed).toEqual([]);
    await expectSynced(userId);

    const consents = await basiq.ops.getConsents({ params: { path: { userId } } });
    const consentId = consents.data![0]!.id;
    await basiq.ops.deleteConsent({ params: { path: { userId, consentId } } });
    await until("consent.revoked", async () => (await delivered()) && !table.has(userId));
    expect(table.has(userId)).toBe(false);
  }, 90_000);
});
