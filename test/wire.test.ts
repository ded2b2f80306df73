// Wire-level: the real native fetch, intercepted by nock (>= 14), no network.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "@jest/globals";
import nock from "nock";
import { Basiq } from "basiq";

const BASE = "https://au-api.basiq.io";

describe("on the wire (native fetch + nock)", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  test("mints a token with the documented headers and form body, then calls with the bearer", async () => {
    const token = nock(BASE, { reqheaders: { authorization: "Basic wire-key", "basiq-version": "3.0", "content-type": "application/x-www-form-urlencoded" } })
      .post("/token", "scope=SERVER_ACCESS")
      .reply(200, { access_token: "wire-token", token_type: "Bearer", expires_in: 3600 });
    const accounts = nock(BASE, { reqheaders: { authorization: "Bearer wire-token" } })
      .get("/users/u1/accounts")
      .reply(200, { type: "list", data: [{ type: "account", id: "a1" }] });
    const basiq = new Basiq({ apiKey: "wire-key" });
    const { data } = await basiq.api.GET("/users/{userId}/accounts", { params: { path: { userId: "u1" } } });
    expect(data?.data).toHaveLength(1);
    expect(token.isDone() && accounts.isDone()).toBe(true);
  });

  test("retries a 503 from a real socket and returns the next answer", async () => {
    nock(BASE).post("/token").reply(200, { access_token: "t", expires_in: 3600 });
    nock(BASE).get("/users/u1").reply(503, { data: [{ code: "service-unavailable" }] });
    nock(BASE).get("/users/u1").reply(200, { type: "user", id: "u1" });
    const basiq = new Basiq({ apiKey: "k" });
    await expect(basiq.ops.getUser({ params: { path: { userId: "u1" } } })).resolves.toEqual({ type: "user", id: "u1" });
    expect(nock.isDone()).toBe(true);
  });
});
