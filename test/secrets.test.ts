import { describe, expect, test } from "@jest/globals";
import { inspect } from "node:util";
import { Basiq, BasiqError } from "basiq";
import { json, userPath } from "./helpers/fetch.js";

const KEY = "CANARY-API-KEY-7f3a9c";
const TOKEN = "CANARY-TOKEN-b81e22";

/** Every way an error or the client can be printed. */
function renderings(value: unknown): string[] {
  return [
    String(value),
    (value as Error | undefined)?.message ?? "",
    (value as Error | undefined)?.stack ?? "",
    inspect(value, { depth: 10, showHidden: true }),
    JSON.stringify(value) ?? "",
    JSON.stringify(value, Object.getOwnPropertyNames(value ?? {})) ?? "",
  ];
}

/** Runs a call against a fake that answers with `respond`; resolves the error it threw. */
async function failure(respond: (request: Request) => Response | Promise<Response>, call: (b: Basiq) => Promise<unknown> = (b) => b.ops.getUser(userPath), options = {}) {
  const fetch = async (request: Request) => {
    if (new URL(request.url).pathname === "/token") return json({ access_token: TOKEN, expires_in: 3600 });
    return respond(request);
  };
  const basiq = new Basiq({ apiKey: KEY, fetch, maxRetries: 0, timeoutMs: 50, ...options });
  const error = await call(basiq).then(() => undefined, (e: unknown) => e);
  return { basiq, error };
}

describe("secrets", () => {
  test.each([
    ["a 401 twice", () => json({ data: [{ code: "unauthorized-access", detail: "Token expired" }] }, { status: 401 })],
    ["a 500 with JSON", () => json({ data: [{ code: "internal-server-error", detail: "boom" }] }, { status: 500 })],
    ["an HTML 502", () => new Response("<html>bad</html>", { status: 502 })],
    ["truncated JSON", () => new Response('{"a":', { status: 200 })],
    ["an empty 200", () => new Response("", { status: 200 })],
    ["a network error", () => Promise.reject(new TypeError("fetch failed"))],
    ["a timeout", (r: Request) => new Promise<Response>((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason)))],
  ])("the API key and token never appear in the error of %s, nor in the client", async (_, respond) => {
    const { basiq, error } = await failure(respond);
    expect(error).toBeInstanceOf(BasiqError);
    for (const text of [...renderings(error), ...renderings((error as Error).cause), ...renderings(basiq), inspect(basiq.api, { showHidden: true, depth: 10 })]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(TOKEN);
    }
  });

  test("a failed token request never shows the API key", async () => {
    const fetch = async () => json({ data: [{ code: "unauthorized-access", detail: "Invalid API key" }] }, { status: 400 });
    const basiq = new Basiq({ apiKey: KEY, fetch, maxRetries: 0 });
    const error = await basiq.ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, message: "POST /token -> 400 unauthorized-access: Invalid API key" });
    for (const text of renderings(error)) expect(text).not.toContain(KEY);
  });

  test("JSON.stringify and inspect of the client show its settings, not its credentials", () => {
    const basiq = new Basiq({ apiKey: KEY });
    expect(JSON.stringify(basiq)).toBe('{"baseUrl":"https://au-api.basiq.io","auth":"apiKey"}');
    expect(inspect(basiq)).toBe('Basiq {"baseUrl":"https://au-api.basiq.io","auth":"apiKey"}');
    expect(JSON.stringify(new Basiq({ token: TOKEN }))).not.toContain(TOKEN);
  });
});
