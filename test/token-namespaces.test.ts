// Clients on ready tokens share a store per token, as clients on API keys do per key (issue 18 row
// 11): two tenants' limiters never meet, while two processes of one tenant still share theirs.
import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError, MemoryStore, RateLimitError } from "basiq";
import { figure } from "./helpers/figures.js";
import { json, userPath } from "./helpers/fetch.js";

/** A server that answers 429 (Retry-After 30 s) to `refused`'s bearer and 200 to every other, counting requests per token. */
function tenantsServer(refused: string) {
  const requests = new Map<string, number>();
  const fetch = async (request: Request) => {
    const token = (request.headers.get("authorization") ?? "").replace(/^Bearer /, "");
    requests.set(token, (requests.get(token) ?? 0) + 1);
    if (token === refused) return json({ data: [{ code: "rate-limit-exceeded" }] }, { status: 429, headers: { "retry-after": "30" } });
    return json({ type: "user", id: "u1" });
  };
  return { fetch, requests: (token: string) => requests.get(token) ?? 0 };
}

const rateLimit = { maxRateLimitWaitMs: 1_000 };

describe("ready-token clients on one store", () => {
  test("tenant A's 429 does not fail tenant B's call: each token has its own namespace", async () => {
    const store = new MemoryStore();
    const server = tenantsServer("tenant-a-token");
    const a = new Basiq({ token: "tenant-a-token", store, fetch: server.fetch, rateLimit });
    const b = new Basiq({ token: () => "tenant-b-token", store, fetch: server.fetch, rateLimit });
    await expect(a.ops.getUser(userPath)).rejects.toBeInstanceOf(RateLimitError);
    const outcome = await b.ops.getUser(userPath).catch((e: unknown) => e);
    figure(`row 11: after tenant A's 429 (Retry-After 30 s), tenant B's call ${outcome instanceof Error ? `failed (${outcome.name})` : "succeeded"} with ${server.requests("tenant-b-token")} request(s) sent`);
    expect(outcome).toEqual({ type: "user", id: "u1" });
    expect(server.requests("tenant-b-token")).toBe(1);
  });

  test("two clients on one tenant's token still share its pause (one 429 holds both)", async () => {
    const store = new MemoryStore();
    const server = tenantsServer("tenant-a-token");
    const first = new Basiq({ token: "tenant-a-token", store, fetch: server.fetch, rateLimit });
    const second = new Basiq({ token: async () => "tenant-a-token", store, fetch: server.fetch, rateLimit });
    await expect(first.ops.getUser(userPath)).rejects.toBeInstanceOf(RateLimitError);
    await expect(second.ops.getUser(userPath)).rejects.toBeInstanceOf(RateLimitError);
    expect(server.requests("tenant-a-token")).toBe(1); // the second waited on the shared pause, sent nothing
  });

  test("a token function that throws leaves the client a namespace of its own, and its call rejects with a BasiqError carrying the throw", async () => {
    const store = new MemoryStore();
    const server = tenantsServer("none");
    const failing = new Basiq({ token: () => { throw new Error("vault down"); }, store, fetch: server.fetch });
    const error = await failing.ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({ message: expect.stringContaining("vault down"), cause: expect.objectContaining({ message: "vault down" }) });
    const other = new Basiq({ token: "tenant-c-token", store, fetch: server.fetch });
    await expect(other.ops.getUser(userPath)).resolves.toEqual({ type: "user", id: "u1" });
  });
});
