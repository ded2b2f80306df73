// hooks.replay against the sandbox: events GET /events lists are re-dispatched through the same
// dedupe as deliveries, so what a down receiver missed runs once and what it got is not run again.
import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError, createWebhookHandler, type WebhookEventType, type WebhookHandler } from "basiq";
import { createSandbox, type SandboxDelivery } from "basiq/testing";
import { API_KEY } from "./helpers/fetch.js";

/** A sandbox whose deliveries reach `hooks` while `up` is true, and are lost (as to a down server) otherwise. */
async function setup() {
  let hooks: WebhookHandler | undefined;
  let up = true;
  const answered: number[] = [];
  const sandbox = createSandbox({
    transactions: 60,
    seed: 7,
    onWebhook: async (delivery: SandboxDelivery) => {
      if (!up || !hooks) throw new Error("connection refused");
      const response = await hooks.fetch(new Request(delivery.url, { method: "POST", headers: delivery.headers, body: delivery.body }));
      answered.push(response.status);
    },
  });
  const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
  const webhook = await basiq.ops.addWebhook({ body: { url: "https://receiver.test/webhooks", subscribedEvents: [] } });
  const runs: Array<{ type: WebhookEventType; eventId: string; source: string; userId: string | undefined }> = [];
  const record = async (event: { eventTypeId: WebhookEventType; eventId: string }, context: { source: string; userId: string | undefined }) => {
    runs.push({ type: event.eventTypeId, eventId: event.eventId, source: context.source, userId: context.userId });
  };
  hooks = createWebhookHandler({
    secret: webhook.secret!,
    basiq,
    on: { "connection.created": record, "consent.created": record, "transactions.updated": record, "user.created": record },
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20)); // deliveries are posted after the answer, as Basiq posts
  return { sandbox, basiq, hooks, runs, answered, settle, down: () => { up = false; }, upAgain: () => { up = true; } };
}

describe("hooks.replay", () => {
  test("replays what a down receiver missed, once, skipping what deliveries already ran; a second replay runs nothing", async () => {
    const t = await setup();
    const since = new Date(Date.now() - 1_000);
    const { id: delivered } = await t.basiq.ops.createUser({ body: { email: "delivered@example.com" } });
    await t.basiq.waitForJob(t.sandbox.consent(delivered).jobId, { intervalMs: 1 });
    await t.settle();
    const deliveredRuns = t.runs.length;
    expect(deliveredRuns).toBeGreaterThanOrEqual(3); // user.created, consent.created, connection.created, transactions.updated
    expect(t.runs.every((r) => r.source === "delivery")).toBe(true);

    t.down();
    const { id: missed } = await t.basiq.ops.createUser({ body: { email: "missed@example.com" } });
    await t.basiq.waitForJob(t.sandbox.consent(missed).jobId, { intervalMs: 1 });
    await t.settle();
    expect(t.runs.length).toBe(deliveredRuns); // nothing reached the receiver
    t.upAgain();

    const first = await t.hooks.replay({ since });
    const replayed = t.runs.slice(deliveredRuns);
    // GET /events lists connection and consent events (its entity enum): those of the missed user run now.
    expect(replayed.map((r) => r.type).sort()).toEqual(["connection.created", "consent.created", "transactions.updated"]);
    expect(replayed.every((r) => r.source === "replay" && r.userId === missed)).toBe(true);
    expect(first.processed).toBe(3);
    expect(first.duplicates).toBe(3); // the delivered user's three listed events: already done
    expect(first.failed).toEqual([]);
    expect(first.unknown).toEqual([]);
    expect(first.resumeFrom.getTime()).toBeGreaterThanOrEqual(since.getTime() - 5 * 60_000); // started, less 5 min of overlap

    const second = await t.hooks.replay({ since: first.resumeFrom.getTime() - 60_000 });
    expect(second.processed).toBe(0);
    expect(second.duplicates).toBe(6);
    expect(t.runs.length).toBe(deliveredRuns + 3);
    // No event ran twice, across deliveries and replays.
    expect(new Set(t.runs.map((r) => r.eventId)).size).toBe(t.runs.length);
  });

  test("a failing handler is reported in failed[] and resumeFrom points at it; the next replay runs it", async () => {
    let failing = true;
    const sandbox = createSandbox({ transactions: 20, seed: 9 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const ran: string[] = [];
    const hooks = createWebhookHandler({
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      basiq,
      on: { "connection.created": async (event) => { if (failing) throw new Error("down"); ran.push(event.eventId); } },
    });
    const since = Date.now() - 1_000;
    const { id } = await basiq.ops.createUser({ body: { email: "flaky@example.com" } });
    await basiq.waitForJob(sandbox.consent(id).jobId, { intervalMs: 1 });
    const first = await hooks.replay({ since });
    expect(first.failed).toEqual([expect.objectContaining({ outcome: "failed" })]);
    expect(first.resumeFrom.getTime()).toBeLessThan(Date.now());
    expect(first.ignored).toBe(2); // consent.created, transactions.updated: no handler here
    failing = false;
    const second = await hooks.replay({ since: first.resumeFrom });
    expect(second.processed).toBe(1);
    expect(ran).toEqual([first.failed[0]!.eventId]);
  });

  test("replay needs a client and a valid since", async () => {
    const hooks = createWebhookHandler({ secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", on: {} });
    await expect(hooks.replay({ since: new Date() })).rejects.toThrow(/replay needs a client/);
    const withClient = createWebhookHandler({ secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", on: {}, basiq: new Basiq({ apiKey: API_KEY, fetch: createSandbox().fetch }) });
    await expect(withClient.replay({ since: "yesterday" })).rejects.toThrow(BasiqError);
  });
});

describe("context.userId", () => {
  test("an event whose links name no user (consent.revoked links /consents/{id}) gets GET /events/{id}'s userId", async () => {
    let hooks: WebhookHandler | undefined;
    const answered: number[] = [];
    const sandbox = createSandbox({
      transactions: 10,
      seed: 4,
      deliverWebhooks: "none",
      onWebhook: async (d: SandboxDelivery) => { answered.push((await hooks!.fetch(new Request(d.url, { method: "POST", headers: d.headers, body: d.body }))).status); },
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const webhook = await basiq.ops.addWebhook({ body: { url: "https://receiver.test/webhooks", subscribedEvents: ["consent.revoked"] } });
    const seen: Array<{ link: string | undefined; userId: string | undefined }> = [];
    hooks = createWebhookHandler({ secret: webhook.secret!, basiq, on: { "consent.revoked": async (event, { userId }) => { seen.push({ link: event.links.eventEntity, userId }); } } });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "revoker@example.com" } });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const consents = await basiq.ops.getConsents({ params: { path: { userId } } });
    await basiq.ops.deleteConsent({ params: { path: { userId, consentId: consents.data![0]!.id } } });
    for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.link).not.toContain("/users/");
    expect(seen[0]!.userId).toBe(userId);
    expect(answered).toEqual([200]);
  });
});
