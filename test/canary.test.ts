// The canary: a loopback server echoes the Authorization header it was sent (the API key on POST
// /token, the bearer token everywhere else) into every field of its error bodies and every response
// header. Nothing the SDK hands back or writes (errors, through util.inspect, JSON.stringify and
// each field; events; log lines at debug) may carry the key or a token (issue 18 row 1).
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { inspect } from "node:util";

const KEY = `canary-key-${randomBytes(12).toString("hex")}`;
const TOKEN = `canary-token-${randomBytes(12).toString("hex")}`;
const CLIENT_TOKEN = `canary-client-${randomBytes(12).toString("hex")}`;
const SECRETS = [KEY, TOKEN, CLIENT_TOKEN];

/** What the server answers next on every path but /token (status, and whether the body is JSON). */
let answer: { status: number; json: boolean } = { status: 400, json: true };
/** Whether /token itself fails (echoing the API key). */
let tokenFails = false;
let server: Server;
let baseUrl: string;

/** Every field and header an echo can reach, filled with the credential with and without its scheme. */
function echo(auth: string) {
  const bare = auth.replace(/^\S+\s+/, "");
  const detail = { code: auth, title: bare, detail: `refused ${auth} (${bare})`, source: { parameter: bare, pointer: `/${auth}`, nested: { deep: bare } }, extra: bare };
  return {
    body: { type: "list", correlationId: bare, data: [detail, { ...detail, code: bare }], links: { next: `/users/u1?next=${bare}` } },
    headers: {
      "x-correlation-id": bare,
      "x-request-id": auth,
      "www-authenticate": auth,
      "set-cookie": `session=${bare}`,
      link: `</${bare}>; rel="next"`,
      "retry-after": "0",
    },
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const auth = req.headers.authorization ?? "none";
    const { body, headers } = echo(auth);
    if (req.url === "/token") {
      if (tokenFails) {
        res.writeHead(400, { ...headers, "content-type": "application/json" });
        res.end(JSON.stringify(body));
        return;
      }
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const client = Buffer.concat(chunks).toString().includes("CLIENT_ACCESS");
        res.writeHead(200, { ...headers, "content-type": "application/json" });
        res.end(JSON.stringify({ access_token: client ? CLIENT_TOKEN : TOKEN, token_type: "Bearer", expires_in: 3600, echo: auth }));
      });
      return;
    }
    if (answer.status === 200) {
      res.writeHead(200, { ...headers, "content-type": "application/json" });
      res.end(JSON.stringify({ type: "job", id: "j1", steps: [{ title: "verify-credentials", status: "failed", result: { code: auth, title: auth, detail: auth } }], links: { self: auth } }));
      return;
    }
    res.writeHead(answer.status, { ...headers, "content-type": answer.json ? "application/json" : `text/plain; echo=${auth.replace(/\s/g, "_")}` });
    res.end(answer.json ? JSON.stringify(body) : `<html>${auth}</html>`);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

/** Every way an error can be looked at. */
function views(error: unknown): string[] {
  const e = error as Error & Record<string, unknown>;
  const out = [inspect(e, { depth: 20, showHidden: true }), JSON.stringify(e), String(e), String(e.stack), JSON.stringify(e.errors), inspect(e.cause, { depth: 20, showHidden: true })];
  for (const key of Object.getOwnPropertyNames(e)) out.push(inspect(e[key], { depth: 20, showHidden: true }));
  return out;
}

/** Every hit of a secret in `texts`, as "<secret kind> in <where>". */
function hits(texts: Array<[string, string]>): string[] {
  const found: string[] = [];
  for (const [where, text] of texts) {
    for (const secret of SECRETS) if (text.includes(secret)) found.push(`${secret.split("-").slice(0, 2).join("-")} in ${where}: ${text.slice(0, 300)}`);
  }
  return found;
}

/** A client at debug, recording every log line and every event. */
function observed() {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 10 }))).join(" "));
  const basiq = new Basiq({ apiKey: KEY, baseUrl, maxRetries: 1, logger: { error: keep, warn: keep, info: keep, debug: keep }, logLevel: "debug" });
  const events: string[] = [];
  for (const type of ["request", "response", "retry", "rate-limited"] as const) basiq.on(type, (event) => events.push(JSON.stringify(event)));
  return { basiq, lines, events };
}

/** Runs `call`, returning what it threw (or undefined). */
async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  return call().then(() => undefined, (error: unknown) => error);
}

describe("canary: an API that echoes the Authorization header into every field and header", () => {
  test("0 hits of the key or a token in errors, events and debug log lines, across statuses, bodies and entry points", async () => {
    const texts: Array<[string, string]> = [];
    const { basiq, lines, events } = observed();
    let errors = 0;
    for (const status of [400, 401, 403, 404, 409, 429, 500, 503]) {
      for (const json of [true, false]) {
        answer = { status, json };
        const calls: Array<[string, () => Promise<unknown>]> = [
          ["ops.getUser", () => basiq.ops.getUser({ params: { path: { userId: "u1" } } })],
          ["ops.createUser", () => basiq.ops.createUser({ body: { email: "a@b.co" } })],
          ["paginate", async () => { for await (const _ of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId: "u1" } } })); }],
          ["follow", () => basiq.follow("/users/u1/connections/c1")],
          ["waitForJob", () => basiq.waitForJob("j1", { timeoutMs: 5_000 })],
          ["clientToken+getUser", async () => new Basiq({ token: await basiq.clientToken("u1"), baseUrl, maxRetries: 0 }).ops.getUser({ params: { path: { userId: "u1" } } })],
        ];
        for (const [name, call] of calls) {
          const error = await thrown(call);
          expect(error).toBeDefined();
          errors++;
          for (const view of views(error)) texts.push([`${name} ${status}${json ? "" : " (non-JSON)"} error`, view]);
        }
      }
    }
    // A 2xx carrying the echo: a job whose failed step quotes it, and its response event.
    answer = { status: 200, json: true };
    const failedJob = await thrown(() => basiq.waitForJob("j1", { timeoutMs: 5_000 }));
    for (const view of views(failedJob)) texts.push(["JobFailedError", view]);
    // /token itself refused, echoing the API key in every field.
    tokenFails = true;
    const { basiq: fresh, lines: freshLines, events: freshEvents } = observed();
    for (const view of views(await thrown(() => fresh.ops.getUser({ params: { path: { userId: "u1" } } })))) texts.push(["POST /token 400 error", view]);
    for (const view of views(await thrown(() => fresh.clientToken("u1")))) texts.push(["clientToken 400 error", view]);
    tokenFails = false;
    texts.push(...[...lines, ...freshLines].map((line): [string, string] => ["log line", line]));
    texts.push(...[...events, ...freshEvents].map((event): [string, string] => ["event", event]));
    texts.push(["client inspect", inspect(basiq, { depth: 20, showHidden: true })], ["client JSON", JSON.stringify(basiq)]);

    // The scan saw what it was meant to: many errors, debug lines of every request, events of each type.
    expect(errors).toBe(8 * 2 * 6);
    expect(lines.filter((line) => line.includes("-> "))).not.toHaveLength(0);
    expect(new Set(events.map((event) => JSON.parse(event).type))).toEqual(new Set(["request", "response", "retry", "rate-limited"]));
    // And the control: the server did echo the secrets (the raw text a user could read with basiq.api holds them).
    answer = { status: 400, json: true };
    const { error: raw } = await basiq.api.GET("/users/{userId}", { params: { path: { userId: "u1" } } });
    expect(JSON.stringify(raw)).toContain(TOKEN);

    expect(hits(texts)).toEqual([]);
  }, 60_000);
});

describe("redaction leaves the SDK's own words alone, and errors[] is bounded", () => {
  test("the missing-credentials message reads as written (\"a ready bearer token\", not \"bearer [redacted]\")", () => {
    const saved = process.env.BASIQ_API_KEY;
    delete process.env.BASIQ_API_KEY;
    try {
      expect(() => new Basiq()).toThrow("or pass `token` (a ready bearer token, or a function returning one).");
    } finally {
      if (saved !== undefined) process.env.BASIQ_API_KEY = saved;
    }
    expect(new BasiqError("send Bearer abc123.def-456 here").message).toBe("send Bearer [redacted] here");
  });

  test("errors[] keeps at most 20 entries, each field at most 1,000 chars, and only the documented fields", () => {
    const entry = { code: "c", title: "t", detail: "x".repeat(30_000_000), source: { parameter: "p", pointer: "/q", nested: { deep: 1 } }, extra: "e" };
    const error = new BasiqError("GET /x -> 400", { errors: Array.from({ length: 100_000 }, () => entry) });
    expect(error.errors).toHaveLength(20);
    expect(error.errors[0]!.detail).toHaveLength(1_001);
    expect(error.errors[0]).toEqual({ code: "c", title: "t", detail: `${"x".repeat(1_000)}…`, source: { parameter: "p", pointer: "/q" } });
  });
});
