import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { Basiq, BasiqError } from "basiq";
import { createSandbox } from "basiq/testing";
import { serveFetch } from "../scripts/lib/serve.mjs";
import { API_KEY, json } from "./helpers/fetch.js";

/** A sandbox with a consented user whose 2,400 transactions are ready (5 pages of 500). */
async function consented(options = {}) {
  const sandbox = createSandbox({ today: "2026-11-22", ...options });
  const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
  const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
  await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
  return { sandbox, basiq, userId, init: { params: { path: { userId } } } };
}

describe("basiq.pages / basiq.paginate", () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());

  test("walks five pages whose links.next are absolute production URLs, reaching only the test server", async () => {
    const { sandbox, userId } = await consented();
    const server = await serveFetch(sandbox.fetch);
    try {
      const basiq = new Basiq({ apiKey: API_KEY, baseUrl: server.url }); // real fetch, real socket
      const pages = [];
      for await (const page of basiq.pages("/users/{userId}/transactions", { params: { path: { userId } } })) pages.push(page);
      expect(pages.map((p) => p.data.length)).toEqual([500, 500, 500, 500, 400]);
      expect(pages.at(-1)!.next).toBeUndefined();
      const listed = sandbox.requests.filter((r) => r.path.endsWith("/transactions"));
      expect(listed).toHaveLength(5);
      expect(listed.every((r) => r.status === 200)).toBe(true);
    } finally {
      await server.close();
    }
  });

  test("yields every item once, typed from the path's response", async () => {
    const { basiq, init } = await consented();
    const ids: string[] = [];
    let cents = 0;
    for await (const transaction of basiq.paginate("/users/{userId}/transactions", init)) {
      ids.push(transaction.id);
      cents += Math.round(Number(transaction.amount) * 100);
    }
    expect(ids).toHaveLength(2400);
    expect(new Set(ids).size).toBe(2400);
    expect(Number.isInteger(cents)).toBe(true);
  });

  test("exposes each page's cursor, and init.cursor resumes from a saved one", async () => {
    const { basiq, init } = await consented();
    const all: string[] = [];
    const cursors: Array<string | undefined> = [];
    for await (const page of basiq.pages("/users/{userId}/transactions", init)) {
      all.push(...page.data.map((t) => t.id));
      cursors.push(page.next);
    }
    expect(cursors.slice(0, 4).every((c) => typeof c === "string" && c.length > 0)).toBe(true);
    const resumed: string[] = [];
    for await (const t of basiq.paginate("/users/{userId}/transactions", { ...init, cursor: cursors[1]! })) resumed.push(t.id);
    expect(resumed).toEqual(all.slice(1000));
  });

  test("keeps the caller's query (limit, filter) on every page", async () => {
    const { basiq, init } = await consented();
    const sizes: number[] = [];
    for await (const page of basiq.pages("/users/{userId}/transactions", { ...init, params: { ...init.params, query: { limit: 200, filter: "transaction.direction.eq('credit')" } } })) {
      sizes.push(page.data.length);
      expect(page.data.every((t) => t.direction === "credit")).toBe(true);
    }
    let credits = 0;
    for await (const t of basiq.paginate("/users/{userId}/transactions", init)) if (t.direction === "credit") credits++;
    expect(credits).toBeGreaterThan(0);
    expect(sizes).toEqual([credits]); // every credit of the 2400 transactions, in one page of 200
  });

  test("a page that fails twice with 503 is retried, losing and repeating nothing", async () => {
    const { sandbox, basiq, init } = await consented();
    const ids: string[] = [];
    for await (const page of basiq.pages("/users/{userId}/transactions", init)) {
      ids.push(...page.data.map((t) => t.id));
      if (ids.length === 500) sandbox.fault({ path: "/users/{userId}/transactions", status: 503, times: 2 });
    }
    expect(ids).toHaveLength(2400);
    expect(new Set(ids).size).toBe(2400);
    expect(sandbox.requests.filter((r) => r.status === 503)).toHaveLength(2);
  });

  test("an error after retries throws a BasiqError", async () => {
    const { sandbox, basiq, init } = await consented();
    sandbox.fault({ path: "/users/{userId}/transactions", status: 404, times: 1 });
    await expect((async () => {
      for await (const _ of basiq.paginate("/users/{userId}/transactions", init));
    })()).rejects.toMatchObject({ name: "BasiqError", status: 404 });
  });

  test("a repeated cursor ends with a BasiqError after two pages, not a loop", async () => {
    let calls = 0;
    const fetch = async (request: Request) => {
      if (request.url.endsWith("/token")) return json({ access_token: "t", expires_in: 3600 });
      calls++;
      return json({ type: "list", count: 1, size: 1, data: [{ id: `t${calls}` }], links: { self: "x", next: "https://au-api.basiq.io/users/u1/transactions?next=SAME" } });
    };
    const basiq = new Basiq({ apiKey: API_KEY, fetch });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const t of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId: "u1" } } })) seen.push(t.id);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect((error as Error).message).toMatch(/returned the cursor "SAME" twice/);
    expect(calls).toBe(2);
    expect(seen).toEqual(["t1", "t2"]);
  });

  test("a links.next for another path ends with a BasiqError and is never requested", async () => {
    const urls: string[] = [];
    const fetch = async (request: Request) => {
      if (request.url.endsWith("/token")) return json({ access_token: "t", expires_in: 3600 });
      urls.push(request.url);
      return json({ type: "list", data: [], links: { self: "x", next: "https://evil.example/users/u1/accounts?next=abc" } });
    };
    const basiq = new Basiq({ apiKey: API_KEY, fetch, baseUrl: "http://api.test" });
    await expect((async () => {
      for await (const _ of basiq.pages("/users/{userId}/transactions", { params: { path: { userId: "u1" } } }));
    })()).rejects.toThrow("links.next points at another path (/users/u1/accounts)");
    expect(urls).toEqual(["http://api.test/users/u1/transactions"]);
  });
});
