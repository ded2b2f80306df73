// End to end with the sandbox: a webhook added through the API points at an Express receiver on
// loopback (hooks.node); sandbox.advance raises events whose deliveries arrive over HTTP, signed,
// redelivered on Basiq's schedule (compressed by deliveryTimeScale). A receiver that is down for a
// while loses nothing once redelivery and replay have run, and runs no event twice.
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { Basiq, createWebhookHandler, type WebhookEventType, type WebhookHandler, type WebhookHandlers } from "basiq";
import { createSandbox, type Sandbox } from "basiq/testing";
import { API_KEY } from "./helpers/fetch.js";

const TYPES: WebhookEventType[] = [
  "account.updated", "connection.activated", "connection.created", "connection.deleted", "connection.invalidated", "consent.created",
  "consent.expired", "consent.reminder", "consent.revoked", "consent.updated", "consent.warning", "transactions.updated", "user.created",
  "user.deleted", "user.updated",
];

/** Waits until `done()` holds, polling every 20 ms, for at most `ms` (then fails with `what`). */
async function until(what: string, done: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("webhooks end to end: sandbox -> HTTP -> Express -> handler", () => {
  let sandbox: Sandbox;
  let basiq: Basiq;
  let server: Server;
  let hooks: WebhookHandler | undefined;
  let down = false;
  let refused = 0;
  let webhookId = "";
  /** Handler runs by event id, and the users their events named. */
  const runs = new Map<string, number>();
  const users = new Set<string>();

  beforeAll(async () => {
    const app = express();
    // While "down", the receiver drops the connection (a network failure, as a crashed server gives).
    app.post("/webhooks/basiq", (req, _res, next) => {
      if (down || !hooks) {
        refused++;
        req.socket.destroy();
        return;
      }
      next();
    }, (req, res) => void hooks!.node(req, res));
    server = createServer(app);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    // 0.00002: the whole 28 h schedule takes about 2 s.
    sandbox = createSandbox({ transactions: 60, seed: 11, today: "2026-11-20", deliveryTimeScale: 0.00002 });
    basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const webhook = await basiq.ops.addWebhook({ body: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/basiq`, subscribedEvents: [] } });
    webhookId = webhook.id!;
    const record = async (event: { eventId: string }, context: { userId: string | undefined }) => {
      runs.set(event.eventId, (runs.get(event.eventId) ?? 0) + 1);
      if (context.userId) users.add(context.userId);
    };
    hooks = createWebhookHandler({ secret: webhook.secret!, basiq, on: Object.fromEntries(TYPES.map((type) => [type, record])) as WebhookHandlers });
  });
  afterAll(async () => {
    await sandbox?.close();
    await new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); });
  });

  /** Every message the API says it sent to the webhook, with its attempts. */
  async function messages() {
    const list = [];
    for await (const m of basiq.paginate("/notifications/webhooks/{webhookId}/messages", { params: { path: { webhookId } } })) list.push(m);
    return list;
  }

  test("deliveries arrive over HTTP and run once each; a receiver down through the whole schedule loses nothing after replay", async () => {
    const { id: userId } = await basiq.ops.createUser({ body: { email: "e2e@example.com" } });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    await until("the first deliveries", async () => (await messages()).every((m) => m.attempts?.some((a) => a.status === "Success")));
    const firstRuns = runs.size;
    expect(firstRuns).toBeGreaterThanOrEqual(4); // user.created, consent.created, connection.created, transactions.updated
    expect([...users]).toEqual([userId]);

    // Down, first for part of the schedule: the redeliveries after it comes back deliver.
    down = true;
    const since = Date.parse((await sandbox.advance({ days: 1 })).today) - 2 * 86_400_000;
    await new Promise((r) => setTimeout(r, 300));
    down = false;
    await until("redeliveries after the receiver came back", async () => (await messages()).every((m) => m.attempts?.some((a) => a.status === "Success")));
    const redelivered = runs.size;
    expect(redelivered).toBeGreaterThan(firstRuns);

    // Down through the whole schedule: every attempt of these messages fails.
    down = true;
    const failedBefore = refused;
    await sandbox.advance({ days: 3 });
    const lost = async () => (await messages()).filter((m) => !m.attempts?.some((a) => a.status === "Success"));
    await until("the schedule to run out", async () => {
      const pending = await lost();
      return pending.length > 0 && pending.every((m) => (m.attempts?.length ?? 0) >= 8);
    });
    expect(refused).toBeGreaterThan(failedBefore);
    const missed = (await lost()).map((m) => m.eventId!);
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((id) => !runs.has(id))).toBe(true);
    down = false;

    // Replay from GET /events recovers what the list holds; what ran already is skipped.
    const result = await hooks!.replay({ since });
    expect(result.failed).toEqual([]);
    expect(result.unknown).toEqual([]);
    expect(result.processed).toBeGreaterThan(0);
    const listed: string[] = [];
    for await (const e of basiq.paginate("/events" as never) as AsyncIterable<{ id: string }>) listed.push(e.id);
    // Every event the receiver missed that GET /events lists has now run; nothing ran twice.
    expect(missed.filter((id) => listed.includes(id) && !runs.has(id))).toEqual([]);
    expect(result.processed).toBe(missed.filter((id) => listed.includes(id)).length);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    // A second replay runs nothing.
    const again = await hooks!.replay({ since });
    expect(again.processed).toBe(0);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
