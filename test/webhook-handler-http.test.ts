// createWebhookHandler over real HTTP on loopback, mounted as users mount it: an Express app and a
// node:http server with hooks.node, a Hono app (served by @hono/node-server) with hooks.fetch.
// Every delivery is signed by the standardwebhooks reference library and sent with fetch.
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import express from "express";
import { Hono } from "hono";
import { Webhook } from "standardwebhooks";
import { createWebhookHandler, type WebhookHandler } from "basiq";

const SECRET = `whsec_${Buffer.from("the http suite's webhook key....").toString("base64")}`;
const signer = new Webhook(SECRET);
const TEN_MB = 10 * 1024 * 1024;

/** A receiver: its handler's run counts by event id, and how to make an event fail once. */
function receiver() {
  const runs = new Map<string, number>();
  const failOnce = new Set<string>();
  const hooks = createWebhookHandler({
    secret: SECRET,
    on: {
      "transactions.updated": async (event) => {
        runs.set(event.eventId, (runs.get(event.eventId) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 30)); // long enough for concurrent duplicates to overlap
        if (failOnce.delete(event.eventId)) throw new Error("the database is down");
      },
    },
  });
  return { hooks, runs, failOnce };
}

let seq = 0;
function signed(body: string | Buffer, { id = `msg_${++seq}`, at = new Date(), secret = SECRET } = {}) {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": (secret === SECRET ? signer : new Webhook(secret)).sign(id, at, body.toString()),
  };
}
const event = (eventId: string) => JSON.stringify({ eventTypeId: "transactions.updated", eventId, links: { eventEntity: "https://au-api.basiq.io/users/u1/transactions" } });
const post = (url: string, body: BodyInit, headers: Record<string, string>) => fetch(url, { method: "POST", body, headers }).then(async (r) => ({ status: r.status, body: await r.text() }));

/** The same proof for each receiver. */
function deliveries(name: string, url: () => string, state: () => ReturnType<typeof receiver>) {
  describe(`${name}: deliveries over HTTP`, () => {
    test("valid once runs once; the same id again answers 200 and does not run", async () => {
      const body = event(`${name}-once`);
      const headers = signed(body, { id: `${name}-msg-once` });
      expect((await post(url(), body, headers)).status).toBe(200);
      expect((await post(url(), body, signed(body, { id: `${name}-msg-once` }))).status).toBe(200);
      expect(state().runs.get(`${name}-once`)).toBe(1);
    });

    test("10 concurrent duplicates run once, all answered 2xx", async () => {
      const body = event(`${name}-burst`);
      const answers = await Promise.all(Array.from({ length: 10 }, () => post(url(), body, signed(body, { id: `${name}-msg-burst` }))));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(state().runs.get(`${name}-burst`)).toBe(1);
    });

    test("forged, stale and missing headers answer 4xx and run nothing", async () => {
      const body = event(`${name}-forged`);
      const other = `whsec_${Buffer.from("somebody else's key, not ours..").toString("base64")}`;
      expect((await post(url(), body, signed(body, { secret: other }))).status).toBe(401);
      expect((await post(url(), body, signed(body, { at: new Date(Date.now() - 600_000) }))).status).toBe(401);
      const { "webhook-signature": _, ...unsigned } = signed(body);
      expect((await post(url(), body, unsigned)).status).toBe(400);
      expect((await post(url(), body, { "content-type": "application/json" })).status).toBe(400);
      expect(state().runs.has(`${name}-forged`)).toBe(false);
    });

    test("a throwing handler answers 5xx; the redelivery runs it and succeeds", async () => {
      const body = event(`${name}-flaky`);
      state().failOnce.add(`${name}-flaky`);
      expect((await post(url(), body, signed(body, { id: `${name}-msg-flaky` }))).status).toBe(500);
      expect((await post(url(), body, signed(body, { id: `${name}-msg-flaky` }))).status).toBe(200);
      expect((await post(url(), body, signed(body, { id: `${name}-msg-flaky` }))).status).toBe(200);
      expect(state().runs.get(`${name}-flaky`)).toBe(2);
    });

    test("a 10 MB body answers 413 (declared length), and so does a chunked one (counted)", async () => {
      const big = Buffer.alloc(TEN_MB, 0x20);
      const declared = await post(url(), big, signed(big));
      expect(declared.status).toBe(413);
      const chunks = (function* () { for (let sent = 0; sent < TEN_MB; sent += 65_536) yield new Uint8Array(65_536).fill(0x20); })();
      const stream = new ReadableStream<Uint8Array>({ pull(c) { const next = chunks.next(); if (next.done) c.close(); else c.enqueue(next.value); } });
      const chunked = await fetch(url(), { method: "POST", body: stream, headers: signed("x"), duplex: "half" } as RequestInit).then((r) => r.status, (error: Error) => `rejected: ${error.message}`);
      expect(chunked).toBe(413);
    });
  });
}

const listen = async (server: Server) => {
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server: Server) => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); });

describe("Express", () => {
  let server: Server;
  let base = "";
  const state = receiver();
  const parsed = receiver();
  beforeAll(async () => {
    const app = express();
    app.post("/webhooks/basiq", state.hooks.node); // the raw stream
    app.post("/webhooks/raw", express.raw({ type: "application/json" }), state.hooks.node); // the Buffer express.raw() read
    app.post("/webhooks/parsed", express.json(), parsed.hooks.node); // the mistake: a JSON parser first
    server = createServer(app);
    base = await listen(server);
  });
  afterAll(() => close(server));

  deliveries("express", () => `${base}/webhooks/basiq`, () => state);
  deliveries("express.raw", () => `${base}/webhooks/raw`, () => state);

  test("a body express.json() already parsed is refused with how to mount the handler, and nothing runs", async () => {
    const body = event("parsed");
    const answer = await post(`${base}/webhooks/parsed`, body, signed(body));
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body).message).toContain('express.raw({ type: "application/json" })');
    expect(parsed.runs.size).toBe(0);
  });
});

describe("node:http", () => {
  let server: Server;
  let base = "";
  const state = receiver();
  beforeAll(async () => {
    server = createServer((req, res) => void state.hooks.node(req, res));
    base = await listen(server);
  });
  afterAll(() => close(server));
  deliveries("node:http", () => base, () => state);
});

describe("Hono (hooks.fetch)", () => {
  let server: Server;
  let base = "";
  const state = receiver();
  beforeAll(async () => {
    const app = new Hono();
    const hooks: WebhookHandler = state.hooks;
    app.post("/webhooks/basiq", (c) => hooks.fetch(c.req.raw));
    server = await new Promise<Server>((ok) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => ok(s as Server));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => close(server));
  deliveries("hono", () => `${base}/webhooks/basiq`, () => state);
});
