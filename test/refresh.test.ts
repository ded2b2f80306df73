import { describe, expect, test } from "@jest/globals";
import { Basiq } from "basiq";
import { operationTable } from "../generated/operations.js";
import { API_KEY, fakeBasiq, json } from "./helpers/fetch.js";

const refreshed = () => json({ type: "list", data: [{ type: "job", id: "j1", links: { self: "https://au-api.basiq.io/jobs/j1" } }] }, { status: 202 });
const unavailable = () => json({ type: "list", data: [{ type: "error", code: "service-unavailable", title: "Service unavailable" }] }, { status: 503 });

/** A fake answering 503 to the first `failures` API calls, then `then()`. */
function flaky(failures: number, then: () => Response) {
  let calls = 0;
  return fakeBasiq(() => (++calls <= failures ? unavailable() : then()));
}

describe("refreshing connections is retried like an idempotent call", () => {
  test("only refreshConnections and refreshConnection are marked safe to repeat (openapi/overlays/data.overlay.yaml)", () => {
    const marked = Object.entries(operationTable).filter(([, op]) => "idempotent" in op).map(([id]) => id);
    expect(marked).toEqual(["refreshConnections", "refreshConnection"]);
  });

  test("refreshConnections is sent again after a 503 (Basiq answers a repeated refresh with the running job)", async () => {
    const fake = flaky(1, refreshed);
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const { data } = await basiq.ops.refreshConnections({ params: { path: { userId: "u1" } } });
    expect(data[0]!.id).toBe("j1");
    expect(fake.apiCalls().map((c) => `${c.method} ${c.path}`)).toEqual(["POST /users/u1/connections/refresh", "POST /users/u1/connections/refresh"]);
  });

  test("refreshConnection too, and the raw path through basiq.api", async () => {
    const one = flaky(1, () => json({ type: "job", id: "j2", links: { self: "https://au-api.basiq.io/jobs/j2" } }, { status: 202 }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: one.fetch });
    expect((await basiq.ops.refreshConnection({ params: { path: { userId: "u1", connectionId: "c1" } } })).id).toBe("j2");
    expect(one.apiCalls()).toHaveLength(2);

    const raw = flaky(1, refreshed);
    const { response } = await new Basiq({ apiKey: API_KEY, fetch: raw.fetch }).api.POST("/users/{userId}/connections/refresh", { params: { path: { userId: "u1" } } });
    expect(response.status).toBe(202);
    expect(raw.apiCalls()).toHaveLength(2);
  });

  test("a caller's own retryNonIdempotent: false still sends a refresh once", async () => {
    const fake = flaky(1, refreshed);
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await expect(basiq.ops.refreshConnections({ params: { path: { userId: "u1" } }, retryNonIdempotent: false })).rejects.toMatchObject({ status: 503 });
    expect(fake.apiCalls()).toHaveLength(1);
  });

  test("other POSTs still are not repeated after a 503 (createUser, postJobMfa)", async () => {
    const users = flaky(1, () => json({ type: "user", id: "u1" }, { status: 201 }));
    await expect(new Basiq({ apiKey: API_KEY, fetch: users.fetch }).ops.createUser({ body: { email: "a@b.co" } })).rejects.toMatchObject({ status: 503 });
    expect(users.apiCalls()).toHaveLength(1);
    const mfa = flaky(1, () => json({ type: "connection", id: "c1", links: { self: "" } }, { status: 202 }));
    const answer = new Basiq({ apiKey: API_KEY, fetch: mfa.fetch }).ops.postJobMfa({ params: { path: { jobId: "j1" } }, body: { "mfa-response": ["1234"] } });
    await expect(answer).rejects.toMatchObject({ status: 503 });
    expect(mfa.apiCalls()).toHaveLength(1);
  });
});
