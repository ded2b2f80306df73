// createWebhookHandler through hooks.fetch, no sockets: deliveries signed by the standardwebhooks
// reference library, handlers counted. (Real HTTP, Express, Hono, Redis: webhook-handler-http and
// webhook-handler-redis tests.)
import { describe, expect, jest, test } from "@jest/globals";
import { Webhook } from "standardwebhooks";
import { BasiqError, createWebhookHandler, MemoryStore, type BasiqStore, type WebhookEvent } from "basiq";

const SECRET = `whsec_${Buffer.from("basiq-webhook-handler-test-key!!").toString("base64")}`;
const signer = new Webhook(SECRET);
const USER = "5f0a3b9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

let counter = 0;
/** A Basiq payload of `type` with a fresh event id. */
function payload(type: WebhookEvent["eventTypeId"] = "transactions.updated", eventId = `evt-${++counter}`) {
  return JSON.stringify({ eventTypeId: type, eventId, links: { event: `https://au-api.basiq.io/events/${eventId}`, eventEntity: `https://au-api.basiq.io/users/${USER}/transactions` } });
}

/** A POST as Basiq sends it: signed now by the reference library. */
function delivery(body: string, { id = `msg_${++counter}`, at = new Date(), secret = SECRET, headers = {} as Record<string, string> } = {}) {
  const signature = (secret === SECRET ? signer : new Webhook(secret)).sign(id, at, body);
  return new Request("http://receiver.test/webhooks", {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature, ...headers },
  });
}

const json = async (response: Response) => ({ status: response.status, ...(await response.json() as { outcome: string; message: string }) });

describe("createWebhookHandler: creation", () => {
  test("a malformed secret is refused at creation, by position in a rotation list, never quoted", () => {
    const on = {};
    expect(() => createWebhookHandler({ secret: "whsec_not base64!", on })).toThrow(BasiqError);
    expect(() => createWebhookHandler({ secret: "whsec_not base64!", on })).toThrow(/secret is not a whsec_<base64>/);
    let message = "";
    try {
      createWebhookHandler({ secret: [SECRET, "whsec_leaky%%secret"], on });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/secret\[1\] is not a whsec_<base64>/);
    expect(message).not.toContain("leaky");
    expect(() => createWebhookHandler({ secret: [], on })).toThrow(/empty list/);
  });

  test("an unknown event type, a non-function handler and out-of-range numbers are refused, naming the option", () => {
    expect(() => createWebhookHandler({ secret: SECRET, on: { "transaction.updated": async () => {} } as never })).toThrow(/on\["transaction.updated"\] is not an event type/);
    expect(() => createWebhookHandler({ secret: SECRET, on: { "user.created": "run" } as never })).toThrow(/must be a function/);
    expect(() => createWebhookHandler({ secret: SECRET, on: {}, timeoutMs: Number.NaN })).toThrow(/timeoutMs must be a finite number/);
    expect(() => createWebhookHandler({ secret: SECRET, on: {}, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createWebhookHandler({ secret: SECRET, on: {}, doneTtlMs: 3_600_000 })).toThrow(/doneTtlMs must be a finite number from 100800000/);
    expect(() => createWebhookHandler({ secret: SECRET, on: {}, timeoutMs: 5_000, leaseMs: 5_000 })).toThrow(/leaseMs \(5000\) must exceed timeoutMs/);
    expect(() => createWebhookHandler({ secret: SECRET, on: {}, store: {} as BasiqStore })).toThrow(/store must be a BasiqStore/);
  });
});

describe("createWebhookHandler: deliveries", () => {
  test("a valid delivery runs its handler once with the typed event and context; the same id again answers 200 without running", async () => {
    const seen: unknown[] = [];
    const hooks = createWebhookHandler({
      secret: SECRET,
      on: {
        "transactions.updated": async (event, context) => {
          seen.push({ type: event.eventTypeId, eventId: event.eventId, userId: context.userId, source: context.source, messageId: context.messageId, aborted: context.signal.aborted });
        },
      },
    });
    const body = payload("transactions.updated", "evt-once");
    expect(await json(await hooks.fetch(delivery(body, { id: "msg_once" })))).toMatchObject({ status: 200, outcome: "processed" });
    expect(seen).toEqual([{ type: "transactions.updated", eventId: "evt-once", userId: USER, source: "delivery", messageId: "msg_once", aborted: false }]);
    // A redelivery of the message (new timestamp and signature, same id) is acknowledged, not run.
    expect(await json(await hooks.fetch(delivery(body, { id: "msg_once" })))).toMatchObject({ status: 200, outcome: "duplicate" });
    // Another message of the same event (its eventId) is the same work: not run either.
    expect(await json(await hooks.fetch(delivery(body, { id: "msg_other" })))).toMatchObject({ status: 200, outcome: "duplicate" });
    expect(seen).toHaveLength(1);
  });

  test("10 concurrent duplicates run the handler once; the others wait for it and answer 200", async () => {
    let runs = 0;
    const hooks = createWebhookHandler({ secret: SECRET, on: { "consent.revoked": async () => { runs++; await new Promise((r) => setTimeout(r, 50)); } } });
    const body = payload("consent.revoked");
    const answers = await Promise.all(Array.from({ length: 10 }, () => hooks.fetch(delivery(body, { id: "msg_concurrent" })).then(json)));
    expect(runs).toBe(1);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.outcome === "processed")).toHaveLength(1);
    expect(answers.filter((a) => a.outcome === "duplicate")).toHaveLength(9);
  });

  test("a throwing handler answers 500 and leaves the id unmarked: the redelivery runs it again", async () => {
    let runs = 0;
    const errors: unknown[] = [];
    const hooks = createWebhookHandler({
      secret: SECRET,
      on: { "user.created": async () => { if (++runs === 1) throw new Error("database down"); } },
      onError: (error, info) => errors.push({ message: (error as Error).message, stage: info.stage, messageId: info.messageId }),
    });
    const body = payload("user.created");
    const first = await json(await hooks.fetch(delivery(body, { id: "msg_retry" })));
    expect(first).toMatchObject({ status: 500, outcome: "failed" });
    expect(first.message).not.toContain("database down"); // the handler's error stays in onError, not in Basiq's attempt log
    expect(errors).toEqual([{ message: "database down", stage: "handler", messageId: "msg_retry" }]);
    expect(await json(await hooks.fetch(delivery(body, { id: "msg_retry" })))).toMatchObject({ status: 200, outcome: "processed" });
    expect(await json(await hooks.fetch(delivery(body, { id: "msg_retry" })))).toMatchObject({ status: 200, outcome: "duplicate" });
    expect(runs).toBe(2);
  });

  test("forged, stale, future, missing-header and non-JSON deliveries answer 400/401 and run nothing", async () => {
    const handler = jest.fn(async () => {});
    const hooks = createWebhookHandler({ secret: SECRET, on: { "transactions.updated": handler } });
    const body = payload();
    const other = `whsec_${Buffer.from("an attacker's own key, not ours").toString("base64")}`;
    const forged = await json(await hooks.fetch(delivery(body, { secret: other })));
    expect(forged).toMatchObject({ status: 401, outcome: "unauthorized" });
    expect(forged.message).toMatch(/no signature matches/);
    const tampered = delivery(body);
    const altered = new Request(tampered.url, { method: "POST", headers: tampered.headers, body: body.replace("transactions", "transactionz") });
    expect((await hooks.fetch(altered)).status).toBe(401);
    expect(await json(await hooks.fetch(delivery(body, { at: new Date(Date.now() - 301_000) })))).toMatchObject({ status: 401, message: expect.stringMatching(/old/) });
    expect((await hooks.fetch(delivery(body, { at: new Date(Date.now() + 301_000) }))).status).toBe(401);
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const request = delivery(body);
      const headers = new Headers(request.headers);
      headers.delete(name);
      expect(await json(await hooks.fetch(new Request(request.url, { method: "POST", headers, body })))).toMatchObject({ status: 400, message: `the ${name} header is missing` });
    }
    expect(await json(await hooks.fetch(delivery("not json")))).toMatchObject({ status: 400, outcome: "invalid" });
    expect(await json(await hooks.fetch(delivery('{"hello":"world"}')))).toMatchObject({ status: 400, outcome: "invalid" });
    expect((await hooks.fetch(delivery(body, { id: "x".repeat(300) }))).status).toBe(400);
    expect(handler).not.toHaveBeenCalled();
  });

  test("an event type without a handler (or one Basiq adds later) answers 200 and runs nothing", async () => {
    const handler = jest.fn(async () => {});
    const hooks = createWebhookHandler({ secret: SECRET, on: { "transactions.updated": handler } });
    expect(await json(await hooks.fetch(delivery(payload("user.deleted"))))).toMatchObject({ status: 200, outcome: "ignored" });
    expect(await json(await hooks.fetch(delivery(JSON.stringify({ eventTypeId: "payment.created", eventId: "e", links: {} }))))).toMatchObject({ status: 200, outcome: "ignored" });
    expect(handler).not.toHaveBeenCalled();
  });

  test("a body over maxBodyBytes answers 413 by its Content-Length without being read, and when counted while streaming", async () => {
    const handler = jest.fn(async () => {});
    const hooks = createWebhookHandler({ secret: SECRET, on: { "transactions.updated": handler }, maxBodyBytes: 1_000 });
    let pulled = 0;
    const declared = new Request("http://receiver.test/webhooks", {
      method: "POST",
      headers: { "content-length": "10485760", "webhook-id": "m", "webhook-timestamp": "1", "webhook-signature": "v1,x" },
      body: new ReadableStream({ pull(c) { pulled++; c.enqueue(new Uint8Array(65_536)); } }),
      duplex: "half",
    } as RequestInit);
    expect(await json(await hooks.fetch(declared))).toMatchObject({ status: 413, outcome: "too-large" });
    expect(pulled).toBeLessThanOrEqual(1); // at most the stream's own first pull, never read
    let chunks = 0;
    const endless = new Request("http://receiver.test/webhooks", {
      method: "POST",
      headers: { "webhook-id": "m", "webhook-timestamp": "1", "webhook-signature": "v1,x" },
      body: new ReadableStream({ pull(c) { chunks++; c.enqueue(new Uint8Array(300)); } }),
      duplex: "half",
    } as RequestInit);
    expect((await hooks.fetch(endless)).status).toBe(413);
    expect(chunks).toBeLessThan(10); // stopped at the cap (4 chunks of 300 > 1,000), not read to the end
    expect(handler).not.toHaveBeenCalled();
  });

  test("a GET answers 405 with Allow: POST", async () => {
    const hooks = createWebhookHandler({ secret: SECRET, on: {} });
    const response = await hooks.fetch(new Request("http://receiver.test/webhooks"));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  test("fetch works unbound (export const POST = hooks.fetch)", async () => {
    const { fetch: POST } = createWebhookHandler({ secret: SECRET, on: {} });
    expect((await POST(delivery(payload()))).status).toBe(200);
  });
});

describe("createWebhookHandler: deadlines and the store", () => {
  test("a handler past timeoutMs answers 503 with its signal aborted; a late success still marks the id done", async () => {
    jest.useFakeTimers({ doNotFake: ["queueMicrotask", "nextTick", "setImmediate"] });
    try {
      let finish!: () => void;
      let signal!: AbortSignal;
      let started!: () => void;
      const running = new Promise<void>((resolve) => { started = resolve; });
      const errors: string[] = [];
      const hooks = createWebhookHandler({
        secret: SECRET,
        timeoutMs: 1_000,
        on: { "account.updated": (_event, context) => { signal = context.signal; started(); return new Promise<void>((resolve) => { finish = resolve; }); } },
        onError: (_error, info) => errors.push(info.stage),
      });
      const body = payload("account.updated");
      const pending = hooks.fetch(delivery(body, { id: "msg_slow" }));
      await running; // verification (Web Crypto) runs outside the fake clock: advance once the handler runs
      await jest.advanceTimersByTimeAsync(1_001);
      const slow = await pending;
      expect(slow.status).toBe(503);
      expect(slow.headers.get("retry-after")).toBe("5");
      expect(signal.aborted).toBe(true);
      expect((signal.reason as Error).name).toBe("TimeoutError");
      expect(errors).toEqual(["timeout"]);
      finish();
      await jest.advanceTimersByTimeAsync(0);
      expect((await json(await hooks.fetch(delivery(body, { id: "msg_slow" })))).outcome).toBe("duplicate");
    } finally {
      jest.useRealTimers();
    }
  });

  test("a body that stalls past timeoutMs answers 408 slow-body, its stream cancelled, and nothing runs", async () => {
    jest.useFakeTimers({ doNotFake: ["queueMicrotask", "nextTick", "setImmediate"] });
    try {
      let runs = 0;
      let cancelled = false;
      let pulled!: () => void;
      const firstPull = new Promise<void>((resolve) => { pulled = resolve; });
      const hooks = createWebhookHandler({ secret: SECRET, timeoutMs: 1_000, on: { "account.updated": () => { runs++; } } });
      const signedRequest = delivery(payload("account.updated"));
      // The first bytes arrive, then nothing: the rest of the body never comes.
      const body = new ReadableStream<Uint8Array>({
        start(c) { c.enqueue(new TextEncoder().encode('{"eventTypeId":')); },
        pull() { pulled(); return new Promise<void>(() => {}); },
        cancel() { cancelled = true; },
      });
      const headers = new Headers(signedRequest.headers);
      headers.delete("content-length");
      const pending = hooks.fetch(new Request(signedRequest.url, { method: "POST", body, headers, duplex: "half" } as RequestInit));
      await firstPull;
      await jest.advanceTimersByTimeAsync(999);
      let settled = false;
      void pending.then(() => { settled = true; });
      await jest.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false); // still waiting for the body inside its deadline
      await jest.advanceTimersByTimeAsync(2);
      const answer = await json(await pending);
      expect({ status: answer.status, outcome: answer.outcome }).toEqual({ status: 408, outcome: "slow-body" });
      expect(cancelled).toBe(true);
      expect(runs).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  test("a duplicate that waits while the first delivery fails answers 409 (retry later) and does not run", async () => {
    let runs = 0;
    let fail!: (error: Error) => void;
    const hooks = createWebhookHandler({ secret: SECRET, on: { "connection.created": () => { runs++; return new Promise<void>((_, reject) => { fail = reject; }); } } });
    const body = payload("connection.created");
    const first = hooks.fetch(delivery(body, { id: "msg_busy" }));
    await new Promise((r) => setTimeout(r, 20));
    const second = hooks.fetch(delivery(body, { id: "msg_busy" }));
    await new Promise((r) => setTimeout(r, 60));
    fail(new Error("boom"));
    expect((await first).status).toBe(500);
    const waited = await second;
    expect(waited.status).toBe(409);
    expect(waited.headers.get("retry-after")).toBe("5");
    expect(runs).toBe(1);
  });

  test("a store that fails answers 503 and runs nothing; onError gets the store's error", async () => {
    const broken: BasiqStore = Object.assign(new MemoryStore(), { get: async () => { throw new Error("ECONNREFUSED"); } });
    const handler = jest.fn(async () => {});
    const stages: string[] = [];
    const hooks = createWebhookHandler({ secret: SECRET, store: broken, on: { "transactions.updated": handler }, onError: (_e, info) => stages.push(info.stage) });
    expect(await json(await hooks.fetch(delivery(payload())))).toMatchObject({ status: 503, outcome: "unavailable" });
    expect(handler).not.toHaveBeenCalled();
    expect(stages).toEqual(["store"]);
  });

  test("ids are kept in the store under the namespace for doneTtlMs (8 days by default)", async () => {
    const writes: Array<[string, number]> = [];
    const store = new MemoryStore();
    const spy: BasiqStore = {
      get: (key) => store.get(key), deleteIf: (key, value) => store.deleteIf(key, value), lock: (key, owner, ttl) => store.lock(key, owner, ttl),
      unlock: (key, owner) => store.unlock(key, owner), pause: (key, ms) => store.pause(key, ms), take: (key, rate) => store.take(key, rate),
      set: async (key, value, ttl) => { writes.push([key, ttl]); return store.set(key, value, ttl); },
    };
    const hooks = createWebhookHandler({ secret: SECRET, store: spy, namespace: "app1", on: { "transactions.updated": async () => {} } });
    await hooks.fetch(delivery(payload("transactions.updated", "evt-ttl"), { id: "msg_ttl" }));
    expect(writes).toEqual([["app1:done:event:evt-ttl", 8 * 86_400_000], ["app1:done:msg:msg_ttl", 8 * 86_400_000]]);
  });

  test("a listener that throws changes nothing", async () => {
    const hooks = createWebhookHandler({ secret: SECRET, on: { "user.updated": async () => { throw new Error("x"); } }, onError: () => { throw new Error("listener"); } });
    expect((await hooks.fetch(delivery(payload("user.updated")))).status).toBe(500);
  });
});

describe("hooks.node by duck typing (no sockets)", () => {
  /** A response that records what the handler wrote. */
  function response() {
    const res = { statusCode: 0, headers: {} as Record<string, string>, body: "", setHeader(name: string, value: string) { res.headers[name] = value; }, end(body?: string) { res.body = body ?? ""; } };
    return res;
  }
  const headersOf = (request: Request) => Object.fromEntries(request.headers);

  test("takes the Buffer express.raw() read, and text express.text() read", async () => {
    const handler = jest.fn(async () => {});
    const hooks = createWebhookHandler({ secret: SECRET, on: { "transactions.updated": handler } });
    const res = response();
    const text = payload();
    await hooks.node({ method: "POST", headers: headersOf(delivery(text)), body: text }, res);
    expect(res.statusCode).toBe(200);
    const bytes = response();
    const raw = payload();
    await hooks.node({ method: "POST", headers: headersOf(delivery(raw)), body: Buffer.from(raw) }, bytes);
    expect(bytes.statusCode).toBe(200);
    expect(handler).toHaveBeenCalledTimes(2);
  });

  test("refuses a body a JSON parser already parsed, saying how to mount it", async () => {
    const handler = jest.fn(async () => {});
    const hooks = createWebhookHandler({ secret: SECRET, on: { "transactions.updated": handler } });
    const body = payload();
    const res = response();
    await hooks.node({ method: "POST", headers: headersOf(delivery(body)), body: JSON.parse(body) }, res);
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body).message).toContain('express.raw({ type: "application/json" })');
    expect(handler).not.toHaveBeenCalled();
  });

  test("a stream that errors (a client that hung up) answers 500 instead of rejecting", async () => {
    const hooks = createWebhookHandler({ secret: SECRET, on: {} });
    const res = response();
    const req = { method: "POST", headers: headersOf(delivery(payload())), [Symbol.asyncIterator]: () => ({ next: async () => { throw new Error("aborted"); } }) };
    await expect(hooks.node(req, res)).resolves.toBeUndefined();
    expect(res.statusCode).toBe(500);
  });

  test("a body over the cap by Content-Length is refused before the stream is touched, and closes the connection", async () => {
    const hooks = createWebhookHandler({ secret: SECRET, on: {}, maxBodyBytes: 100 });
    const res = response();
    let touched = false;
    const req = { method: "POST", headers: { ...headersOf(delivery(payload())), "content-length": "10485760" }, [Symbol.asyncIterator]: () => { touched = true; return { next: async () => ({ done: true, value: undefined }) }; } };
    await hooks.node(req, res);
    expect(res.statusCode).toBe(413);
    expect(res.headers.connection).toBe("close");
    expect(touched).toBe(false);
  });
});
