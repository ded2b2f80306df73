import { afterEach, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, type BasiqEventMap, type BasiqEventType } from "basiq";
import { json } from "./helpers/fetch.js";

const API_KEY = "canary-api-key-5f1d";
const TOKEN = "canary-token-9c2e";
const BODY_CANARY = "canary-body-7a3b";

/** /token mints TOKEN; GET /users/{id} answers 429 once (echoing the canary body), then 200. */
function server() {
  let calls = 0;
  return async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname === "/token") return json({ access_token: TOKEN, token_type: "Bearer", expires_in: 3600 });
    if (calls++ === 0) return json({ data: [{ code: "rate-limit", detail: BODY_CANARY }] }, { status: 429, headers: { "retry-after": "0", "x-correlation-id": "corr-1" } });
    return json({ type: "user", id: "u1", email: BODY_CANARY }, { headers: { "x-correlation-id": "corr-2" } });
  };
}

/** A console-like logger that keeps every line and argument. */
function recorder() {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  return { lines, logger: { error: keep, warn: keep, info: keep, debug: keep } };
}

const TYPES: BasiqEventType[] = ["request", "response", "retry", "rate-limited"];

describe("events and logging", () => {
  beforeEach(() => {
    jest.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.BASIQ_LOG;
  });

  test("fire in order for a call refused once, and carry no credential, token or body (canary)", async () => {
    const { lines, logger } = recorder();
    const basiq = new Basiq({ apiKey: API_KEY, fetch: server(), logger, logLevel: "debug" });
    const events: Array<BasiqEventMap[BasiqEventType]> = [];
    for (const type of TYPES) basiq.on(type, (e) => events.push(e));
    await basiq.ops.getUser({ params: { path: { userId: "u1" } } });
    const forUser = events.filter((e) => e.path === "/users/{userId}");
    expect(forUser.map((e) => e.type)).toEqual(["request", "rate-limited", "retry", "request", "response"]);
    expect(forUser[1]).toMatchObject({ method: "GET", status: 429, attempt: 1, retryAfterMs: 0, bucket: "api", correlationId: "corr-1" });
    expect(forUser[2]).toMatchObject({ attempt: 1, status: 429, reason: "429" });
    expect(forUser[4]).toMatchObject({ status: 200, attempt: 2, correlationId: "corr-2" });
    expect(events.filter((e) => e.path === "/token").map((e) => e.type)).toEqual(["request", "response"]);
    for (const event of events) expect(event.elapsedMs).toBeGreaterThanOrEqual(0);
    const everything = JSON.stringify(events) + lines.join("\n");
    expect(lines.length).toBe(events.length);
    for (const secret of [API_KEY, TOKEN, BODY_CANARY, btoa(API_KEY)]) expect(everything).not.toContain(secret);
  });

  test("off() stops a listener; a listener that throws is logged and does not fail the call", async () => {
    const { lines, logger } = recorder();
    const basiq = new Basiq({ apiKey: API_KEY, fetch: server(), logger, logLevel: "error" });
    const seen: string[] = [];
    const listener = (e: BasiqEventMap["request"]) => seen.push(e.path);
    basiq.on("request", listener);
    basiq.off("request", listener);
    basiq.on("response", () => {
      throw new Error("listener bug");
    });
    await expect(basiq.ops.getUser({ params: { path: { userId: "u1" } } })).resolves.toMatchObject({ id: "u1" });
    expect(seen).toEqual([]);
    expect(lines.some((l) => l.includes("listener bug"))).toBe(true);
  });

  test("logs nothing by default, and BASIQ_LOG sets the level where an environment exists", async () => {
    const quiet = recorder();
    await new Basiq({ apiKey: API_KEY, fetch: server(), logger: quiet.logger }).ops.getUser({ params: { path: { userId: "u1" } } });
    expect(quiet.lines).toEqual([]);
    process.env.BASIQ_LOG = "warn";
    const warned = recorder();
    await new Basiq({ apiKey: API_KEY, fetch: server(), logger: warned.logger }).ops.getUser({ params: { path: { userId: "u1" } } });
    expect(warned.lines).toEqual([expect.stringContaining("GET /users/{userId} -> 429 rate limited")]);
  });

  test("BASIQ_LOG is read in any case (DEBUG, Warn)", async () => {
    process.env.BASIQ_LOG = " DEBUG ";
    const debug = recorder();
    await new Basiq({ apiKey: API_KEY, fetch: server(), logger: debug.logger }).ops.getUser({ params: { path: { userId: "u1" } } });
    expect(debug.lines).toContainEqual(expect.stringMatching(/GET \/users\/\{userId\} attempt 1/));
    process.env.BASIQ_LOG = "Warn";
    const warned = recorder();
    await new Basiq({ apiKey: API_KEY, fetch: server(), logger: warned.logger }).ops.getUser({ params: { path: { userId: "u1" } } });
    expect(warned.lines).toEqual([expect.stringContaining("GET /users/{userId} -> 429 rate limited")]);
  });

  test("an unknown BASIQ_LOG is reported once and logging stays off", () => {
    process.env.BASIQ_LOG = "verbose";
    const { lines, logger } = recorder();
    new Basiq({ apiKey: API_KEY, fetch: server(), logger });
    expect(lines).toEqual([expect.stringContaining('BASIQ_LOG is "verbose"')]);
  });
});
