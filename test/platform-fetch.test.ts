// Without a `fetch` option, each attempt calls the platform's fetch with the attempt's signal and
// redirect "manual" as standard `init` (no copy of the Request made to carry them). These tests
// hold what that path must still do: the deadline and the caller's abort reach what fetch was
// given, each attempt has a signal of its own, a middleware's Request keeps its signal's say.
import { afterEach, beforeEach, describe, expect, test } from "@jest/globals";
import { Basiq } from "basiq";
import { API_KEY, json, userPath } from "./helpers/fetch.js";

interface Handed {
  request: Request;
  init: RequestInit | undefined;
}

const original = globalThis.fetch;
let handed: Handed[];
let answer: (request: Request, init: RequestInit | undefined) => Promise<Response>;

/** A fetch answer that never comes: rejects with the signal's reason once `signal` aborts. */
function stall(signal: AbortSignal): Promise<Response> {
  return new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true }));
}

/** Resolves once fetch was handed a Request (bounded: 2,000 turns of 1 ms). */
async function sent(): Promise<void> {
  for (let i = 0; i < 2000 && handed.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

const accounts = () => json({ type: "list", data: [{ type: "account", id: "a1" }] });

beforeEach(() => {
  handed = [];
  answer = async () => accounts();
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input as Request;
    if (new URL(request.url).pathname === "/token") return json({ access_token: "tok-1", expires_in: 3600 });
    handed.push({ request, init });
    return answer(request, init);
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = original;
});

describe("the platform's fetch (no fetch option)", () => {
  test("is handed the Request with the attempt's signal and redirect 'manual' as init, and answers", async () => {
    const basiq = new Basiq({ apiKey: API_KEY });
    const { data } = await basiq.api.GET("/users/{userId}/accounts", userPath);
    expect(data?.data[0]?.id).toBe("a1");
    expect(handed).toHaveLength(1);
    expect(handed[0]!.init?.redirect).toBe("manual");
    expect(handed[0]!.init?.signal).toBeInstanceOf(AbortSignal);
    expect(handed[0]!.init?.signal).not.toBe(handed[0]!.request.signal);
    expect(handed[0]!.request.headers.get("authorization")).toBe("Bearer tok-1");
  });

  test("the deadline aborts the init signal of the attempt that stalled; the retry gets a signal of its own and answers", async () => {
    answer = async (_request, init) => (handed.length === 1 ? stall(init!.signal!) : accounts());
    const basiq = new Basiq({ apiKey: API_KEY, timeoutMs: 50 });
    const { response } = await basiq.api.GET("/users/{userId}/accounts", userPath);
    expect(response.status).toBe(200);
    expect(handed).toHaveLength(2);
    expect(handed[0]!.init?.signal?.aborted).toBe(true);
    expect(handed[1]!.init?.signal).not.toBe(handed[0]!.init?.signal);
    expect(handed[1]!.init?.signal?.aborted).toBe(false);
  });

  test("the caller's abort reaches the init signal fetch was given, and the call rejects with the AbortError", async () => {
    answer = async (_request, init) => stall(init!.signal!);
    const basiq = new Basiq({ apiKey: API_KEY });
    const controller = new AbortController();
    const call = basiq.api.GET("/users/{userId}/accounts", { ...userPath, signal: controller.signal });
    await sent();
    controller.abort(new Error("user left"));
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(handed[0]!.init?.signal?.aborted).toBe(true);
  });

  test("a body is sent from a copy on each attempt: a retried POST sends its body twice", async () => {
    const bodies: string[] = [];
    answer = async (request) => {
      bodies.push(await request.text());
      return bodies.length === 1 ? json({}, { status: 503 }) : json({ type: "user", id: "u1" }, { status: 201 });
    };
    const basiq = new Basiq({ apiKey: API_KEY, rateLimit: false });
    const { response } = await basiq.api.POST("/users", { body: { email: "gavin@hooli.com" }, retryNonIdempotent: true });
    expect(response.status).toBe(201);
    expect(bodies).toEqual([JSON.stringify({ email: "gavin@hooli.com" }), JSON.stringify({ email: "gavin@hooli.com" })]);
  });

  test("a middleware's Request with a signal of its own: that signal's abort still ends the call", async () => {
    answer = async (_request, init) => stall(init!.signal!);
    const basiq = new Basiq({ apiKey: API_KEY });
    const controller = new AbortController();
    basiq.api.use({ onRequest: ({ request }) => new Request(request, { signal: controller.signal }) });
    const call = basiq.api.GET("/users/{userId}/accounts", userPath);
    await sent();
    controller.abort(new Error("middleware's signal"));
    await expect(call).rejects.toThrow(/middleware's signal/);
    expect(handed[0]!.init?.signal?.aborted).toBe(true);
  });
});
