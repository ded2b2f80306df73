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

  test.each([
    ["a /token 401 whose detail echoes Basic <key>", (key: string) => json({ data: [{ code: "unauthorized-access", title: `Bad Basic ${key}`, detail: `Authorization header Basic ${key} is invalid` }] }, { status: 401 }), true],
    ["a /token 400 that echoes the bare key", (key: string) => json({ data: [{ code: "invalid", detail: `key ${key} unknown` }] }, { status: 400 }), true],
    ["a 403 that echoes Bearer <token>", () => json({ data: [{ code: "forbidden", detail: `Bearer ${TOKEN} may not read this` }] }, { status: 403 }), false],
    ["a 404 that echoes the bare token", () => json({ data: [{ code: "resource-not-found", detail: `no user for ${TOKEN}` }] }, { status: 404 }), false],
  ])("%s: the secret is redacted from message, stack, errors[] and inspect", async (_, respond, onToken) => {
    const fetch = async (request: Request) => {
      const isToken = new URL(request.url).pathname === "/token";
      if (isToken && !onToken) return json({ access_token: TOKEN, expires_in: 3600 });
      return isToken || !onToken ? respond(KEY) : json({});
    };
    const error = await new Basiq({ apiKey: KEY, fetch, maxRetries: 0 }).ops.getUser(userPath).catch((e: unknown) => e) as BasiqError;
    expect(error).toBeInstanceOf(BasiqError);
    expect(error.message).toContain("[redacted]");
    for (const text of [...renderings(error), JSON.stringify(error.errors)]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(TOKEN);
    }
  });

  test("anything after Basic or Bearer is redacted even when the client never saw it", () => {
    const error = new BasiqError("proxy said: Authorization: Bearer someone-elses-token, Basic c29tZTpvbmU=", { errors: [{ detail: "Bearer abc.def.ghi" }] });
    expect(error.message).toBe("proxy said: Authorization: Bearer [redacted], Basic [redacted]");
    expect(error.errors).toEqual([{ detail: "Bearer [redacted]" }]);
  });

  test("a network error whose cause quotes the token is kept as cause, redacted", async () => {
    const fetch = async (request: Request) => {
      if (new URL(request.url).pathname === "/token") return json({ access_token: TOKEN, expires_in: 3600 });
      throw new TypeError("fetch failed", { cause: new Error(`socket closed while sending Authorization: Bearer ${TOKEN}`) });
    };
    const error = await new Basiq({ apiKey: KEY, fetch, maxRetries: 0 }).ops.getUser(userPath).catch((e: unknown) => e) as BasiqError;
    expect(error.cause).toBeInstanceOf(Error);
    for (const text of [...renderings(error), ...renderings(error.cause), inspect(error, { depth: 10 })]) expect(text).not.toContain(TOKEN);
  });
});

describe("credentials that no HTTP header can carry", () => {
  test.each([
    ["apiKey", { apiKey: `${KEY}\nX-Evil: 1` }, "apiKey contains a control character at position 21 (U+000A)"],
    ["apiKey", { apiKey: `${KEY}\r` }, "apiKey contains a control character at position 21 (U+000D)"],
    ["apiKey", { apiKey: "   " }, "apiKey is empty or blank"],
    ["token", { token: `${TOKEN} é` }, "token contains a non-ASCII character at position 20 (U+00E9)"],
    ["token", { token: `${TOKEN} ` }, "token starts or ends with white space, which fetch would trim off"],
    ["token", { token: `${TOKEN}\u0000` }, "token contains a control character at position 19 (U+0000)"],
  ])("a bad %s is refused at construction with a BasiqError that never quotes it", (_, options, message) => {
    let error: unknown;
    try {
      new Basiq(options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BasiqError);
    expect((error as Error).message).toContain(message);
    for (const text of renderings(error)) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(TOKEN);
    }
  });

  test("a space inside a credential is no reason to refuse it (HTTP field values may carry one)", () => {
    expect(() => new Basiq({ token: "abc def\tghi" })).not.toThrow();
  });

  test("a token function that returns a bad token: a BasiqError, nothing sent", async () => {
    const sent: string[] = [];
    const fetch = async (request: Request) => {
      sent.push(request.url);
      return json({});
    };
    const error = await new Basiq({ token: () => `${TOKEN}\nInjected: yes`, fetch }).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "BasiqError", message: expect.stringContaining("the token your `token` function returned contains a control character") });
    for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
    expect(sent).toEqual([]);
  });

  test("an issued access_token with a control character, or blank, is refused with a BasiqError", async () => {
    for (const access_token of [`${TOKEN}\r\nSet-Cookie: x`, "   "]) {
      const fetch = async (request: Request) => (new URL(request.url).pathname === "/token" ? json({ access_token, expires_in: 3600 }) : json({}));
      const error = await new Basiq({ apiKey: KEY, fetch }).ops.getUser(userPath).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BasiqError);
      expect((error as Error).message).toMatch(/POST \/token/);
      for (const text of renderings(error)) expect(text).not.toContain(TOKEN);
    }
  });
});
