// A bodyless basiq.api call nobody can abort sends, on its first attempt, the Request basiq.api
// built (its signal already follows the attempt's deadline: one Request fewer per call). These
// tests hold the paths around it: the deadline still aborts what fetch was handed, a retry after
// a timeout gets a Request of its own (not the aborted one), and so does a 401 replay after it.
import { describe, expect, test } from "@jest/globals";
import { Basiq } from "basiq";
import { API_KEY, fakeBasiq, json, userPath } from "./helpers/fetch.js";

const accounts = () => json({ type: "list", data: [{ type: "account", id: "a1" }] });

/** A fetch answer that never comes: rejects with the signal's reason once the Request's signal aborts. */
function stall(request: Request): Promise<Response> {
  return new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true }));
}

describe("a prepared request (bodyless, no caller signal)", () => {
  test("its first attempt's deadline aborts the Request fetch was handed; the retry gets another Request, not aborted, and answers", async () => {
    const handed: Request[] = [];
    const fake = fakeBasiq((request) => {
      handed.push(request);
      return handed.length === 1 ? stall(request) : accounts();
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, timeoutMs: 50 });
    const { data, response } = await basiq.api.GET("/users/{userId}/accounts", userPath);
    expect(response.status).toBe(200);
    expect(data?.data[0]?.id).toBe("a1");
    expect(handed).toHaveLength(2);
    expect(handed[0]!.signal.aborted).toBe(true);
    expect(handed[1]).not.toBe(handed[0]);
    expect(handed[1]!.signal.aborted).toBe(false);
    expect(fake.apiCalls().map((c) => c.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1"]);
  });

  test("a timed-out attempt, then a 401 on the retry: the token is refreshed and the call replayed with it", async () => {
    let calls = 0;
    const fake = fakeBasiq((request) => {
      calls++;
      if (calls === 1) return stall(request);
      if (calls === 2) return json({ type: "list", data: [{ type: "error", code: "unauthorized-access" }] }, { status: 401 });
      return accounts();
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, timeoutMs: 50 });
    const { response } = await basiq.api.GET("/users/{userId}/accounts", userPath);
    expect(response.status).toBe(200);
    expect(fake.apiCalls().map((c) => c.authorization)).toEqual(["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]);
    expect(fake.tokenCalls()).toHaveLength(2);
  });

  test("a timeout with no retry left is the timeout's BasiqError, not the deadline's internal reason", async () => {
    const fake = fakeBasiq((request) => stall(request));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, timeoutMs: 50, maxRetries: 0 });
    await expect(basiq.api.GET("/users/{userId}/accounts", userPath)).rejects.toMatchObject({ name: "BasiqError", message: "GET /users/u1/accounts timed out after 50 ms" });
  });

  test("each attempt after a 503 hands fetch a Request of its own", async () => {
    const handed: Request[] = [];
    const fake = fakeBasiq((request) => {
      handed.push(request);
      return handed.length === 1 ? json({}, { status: 503 }) : accounts();
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, rateLimit: false });
    const { response } = await basiq.api.GET("/users/{userId}/accounts", { ...userPath, maxRetries: 1 });
    expect(response.status).toBe(200);
    expect(handed).toHaveLength(2);
    expect(handed[1]).not.toBe(handed[0]);
    expect(handed.map((r) => r.redirect)).toEqual(["manual", "manual"]);
  });
});
