// Webhooks over HTTP: a real receiver on loopback gets Standard-Webhooks-signed POSTs that
// verifyWebhook accepts; a failing receiver is redelivered on Basiq's schedule (compressed by
// deliveryTimeScale), every attempt visible through the messages API; close() stops redeliveries.
import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import { Basiq, verifyWebhook } from "basiq";
import { createSandbox, REDELIVERY_MS, type SandboxOptions } from "basiq/testing";
import { HttpDeliveries } from "../src/testing/deliveries.js";
import { API_KEY } from "./helpers/fetch.js";

interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}

/** A webhook receiver on 127.0.0.1: answers each POST with `status(n)` (n counts from 1). */
async function receiver(status: (n: number) => number = () => 200) {
  const received: Received[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8"), at: performance.now() });
      res.writeHead(status(received.length), { "content-type": "text/plain" }).end(status(received.length) === 200 ? "ok" : "receiver down");
      for (const w of waiters.filter((w) => received.length >= w.count)) w.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Resolves once `count` POSTs arrived (bounded by the test's timeout). */
    until: (count: number) => (received.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function setup(options: SandboxOptions = {}) {
  const sandbox = createSandbox({ transactions: 20, today: "2026-11-20", ...options });
  const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
  const { id: userId } = await basiq.ops.createUser({ body: { email: "hooks@example.com" } });
  return { sandbox, basiq, userId };
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  jest.useRealTimers();
  for (const done of cleanup.splice(0)) await done();
});

describe("webhooks over HTTP", () => {
  test("a webhook added through the API receives real POSTs, signed with the secret the API returned", async () => {
    const hooks = await receiver();
    const { sandbox, basiq, userId } = await setup();
    cleanup.push(hooks.close, () => sandbox.close());
    const hook = await basiq.ops.addWebhook({ body: { url: hooks.url, subscribedEvents: ["connection.created", "transactions.updated"] } });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    await sandbox.advance({ days: 1 }); // a day's refresh: another transactions.updated
    await hooks.until(3);
    const events = await Promise.all(hooks.received.map((r) => verifyWebhook({ body: r.body, headers: r.headers, secret: hook.secret! })));
    expect(events.map((e) => e.eventTypeId).sort()).toEqual(["connection.created", "transactions.updated", "transactions.updated"]);
    expect(hooks.received.every((r) => r.headers["content-type"] === "application/json")).toBe(true);
    // The same messages as the in-process log, and each message's attempt is recorded.
    expect(hooks.received.map((r) => r.headers["webhook-id"]).sort()).toEqual(sandbox.deliveries.map((d) => d.messageId).sort());
    const messages = await basiq.ops.listMessages({ params: { path: { webhookId: hook.id! } } });
    expect(messages.data?.map((m) => m.attempts?.map((a) => [a.status, a.responseStatusCode]))).toEqual([[["Success", 200]], [["Success", 200]], [["Success", 200]]]);
    await expect(verifyWebhook({ body: hooks.received[0]!.body, headers: hooks.received[0]!.headers, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" })).rejects.toThrow(/no signature matches/);
  });

  test("a 500 is redelivered on the compressed schedule until a 2xx; every attempt is in the messages API, each one verifying", async () => {
    const hooks = await receiver((n) => (n <= 3 ? 500 : 200));
    const scale = 0.0001; // 5 s -> 0.5 ms, 5 min -> 30 ms, 30 min -> 180 ms
    const { sandbox, basiq } = await setup({ deliveryTimeScale: scale });
    cleanup.push(hooks.close, () => sandbox.close());
    const hook = await basiq.ops.addWebhook({ body: { url: hooks.url, subscribedEvents: ["user.created"] } });
    await basiq.ops.createUser({ body: { email: "second@example.com" } });
    await hooks.until(4);
    expect(new Set(hooks.received.map((r) => r.headers["webhook-id"])).size).toBe(1); // one message, four attempts
    for (const r of hooks.received) await verifyWebhook({ body: r.body, headers: r.headers, secret: hook.secret! });
    // Lower bounds only: each redelivery waited at least its scaled delay.
    hooks.received.slice(1).forEach((r, i) => expect(r.at - hooks.received[i]!.at).toBeGreaterThanOrEqual(REDELIVERY_MS[i + 1]! * scale - 1));
    const [message] = (await basiq.ops.listMessages({ params: { path: { webhookId: hook.id! } } })).data ?? [];
    let attempts = message!.attempts ?? [];
    for (let i = 0; i < 50 && attempts.length < 4; i++) { // the 4th attempt is recorded once its answer is read
      await new Promise((resolve) => setTimeout(resolve, 10));
      attempts = (await basiq.ops.getWebhookMessage({ params: { path: { webhookId: hook.id!, messageId: message!.id! } } })).attempts ?? [];
    }
    expect(attempts.map((a) => [a.status, a.responseStatusCode, a.url])).toEqual([
      ["Failed", 500, hooks.url], ["Failed", 500, hooks.url], ["Failed", 500, hooks.url], ["Success", 200, hooks.url],
    ]);
    expect(attempts[0]!.response).toBe("receiver down");
  });

  test("webhooks off loopback are not posted by default (the in-process log and onWebhook still get them)", async () => {
    const seen: string[] = [];
    const { sandbox, basiq } = await setup({ onWebhook: (d) => { seen.push(d.url); } });
    cleanup.push(() => sandbox.close());
    await basiq.ops.addWebhook({ body: { url: "https://example.com/hooks", subscribedEvents: ["user.created"] } });
    await basiq.ops.createUser({ body: { email: "x@example.com" } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(["https://example.com/hooks"]);
    expect(() => createSandbox({ deliveryTimeScale: -1 })).toThrow(/deliveryTimeScale must be a number from 0 to 1000/);
    expect(() => createSandbox({ deliverWebhooks: "all" as never })).toThrow(/deliverWebhooks must be "loopback", "any" or "none"/);
  });
});

describe("the redelivery schedule (fake timers, an injected fetch)", () => {
  const outgoing = (attempts: Array<Record<string, unknown>>, url = "http://127.0.0.1:9/hooks") =>
    ({ messageId: "msg_1", body: "{}", hook: () => ({ url, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }), attempts });
  /** Lets an attempt's real asynchronous work (signing, reading the answer) finish while the fake clock stands still. */
  const settle = async (done: () => boolean = () => false) => {
    for (let i = 0; i < 20 || (!done() && i < 100_000); i++) await new Promise((resolve) => setImmediate(resolve)); // bounded
  };
  const fake = () => jest.useFakeTimers({ now: 0, doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });

  test("attempts at once, then +5 s, +5 min, +30 min, +2 h, +5 h, +10 h, +10 h, and no more", async () => {
    fake();
    const times: number[] = [];
    const http = new HttpDeliveries({ deliverTo: "loopback", timeScale: 1, now: () => new Date().toISOString(), fetch: async () => { times.push(Date.now()); return new Response("no", { status: 503 }); } });
    const attempts: Array<Record<string, unknown>> = [];
    http.send(outgoing(attempts));
    await settle(() => attempts.length === 1);
    expect(times).toEqual([0]);
    let at = 0;
    for (const delay of REDELIVERY_MS.slice(1)) {
      await jest.advanceTimersByTimeAsync(delay - 1);
      await settle();
      expect(times.at(-1)).toBe(at); // not yet
      await jest.advanceTimersByTimeAsync(1);
      const n = attempts.length + 1;
      await settle(() => attempts.length === n); // recorded (and the next one scheduled) before the clock moves on
      at += delay;
      expect(times.at(-1)).toBe(at);
    }
    await jest.advanceTimersByTimeAsync(100 * 3_600_000);
    await settle();
    expect(times).toHaveLength(8);
    expect(attempts.map((a) => [a.status, a.responseStatusCode])).toEqual(Array(8).fill(["Failed", 503]));
  });

  test("deliveryTimeScale multiplies every delay; close() cancels what is pending", async () => {
    fake();
    const times: number[] = [];
    const http = new HttpDeliveries({ deliverTo: "any", timeScale: 0.001, now: () => new Date().toISOString(), fetch: async () => { times.push(Date.now()); throw new Error("ECONNREFUSED"); } });
    const attempts: Array<Record<string, unknown>> = [];
    http.send(outgoing(attempts, "https://hooks.example/x"));
    for (const [i, step] of [0, 5, 300].entries()) {
      await jest.advanceTimersByTimeAsync(step);
      await settle(() => attempts.length === i + 1);
    }
    expect(times).toEqual([0, 5, 305]); // 0, +5 s x 0.001, +5 min x 0.001
    expect(attempts[0]).toMatchObject({ status: "Failed", response: "ECONNREFUSED" });
    http.close();
    await jest.advanceTimersByTimeAsync(100 * 3_600_000);
    await settle();
    expect(times).toHaveLength(3);
  });

  test("a receiver that never answers fails the attempt at the delivery timeout, and is redelivered", async () => {
    fake();
    let calls = 0;
    const http = new HttpDeliveries({
      deliverTo: "loopback", timeScale: 1, now: () => new Date().toISOString(),
      fetch: (request) => { calls++; return new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))); },
    });
    const attempts: Array<Record<string, unknown>> = [];
    http.send(outgoing(attempts));
    await settle(() => calls === 1);
    await jest.advanceTimersByTimeAsync(15_000);
    await settle(() => attempts.length === 1);
    expect(attempts).toEqual([expect.objectContaining({ status: "Failed", response: "no answer within 15000 ms" })]);
    await jest.advanceTimersByTimeAsync(5_000);
    await settle(() => calls === 2);
    expect(calls).toBe(2);
    http.close();
  });
});
