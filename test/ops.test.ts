import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { operationTable } from "../generated/operations.js";
import { API_KEY, fakeBasiq, json, userPath } from "./helpers/fetch.js";

describe("basiq.ops", () => {
  test("has a method for every operation of the seven specs", () => {
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(() => json({})).fetch });
    const ids = Object.keys(operationTable);
    expect(ids).toHaveLength(56);
    for (const id of ids) expect(typeof (basiq.ops as Record<string, unknown>)[id]).toBe("function");
  });

  test("sends method, path parameters, query and JSON body, and resolves the parsed body", async () => {
    const fake = fakeBasiq((request) => json({ method: request.method, url: request.url, type: request.headers.get("content-type") }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, baseUrl: "http://api.test" });
    expect(await basiq.ops.getTransactions({ params: { path: { userId: "u 1" }, query: { limit: 5, filter: "transaction.status.eq('posted')" } } }))
      .toEqual({ method: "GET", url: "http://api.test/users/u%201/transactions?limit=5&filter=transaction.status.eq(%27posted%27)", type: null });
    await basiq.ops.createUser({ body: { email: "gavin@hooli.com", mobile: "+61410888999" } });
    expect(fake.apiCalls()[1]).toMatchObject({ method: "POST", path: "/users", body: '{"email":"gavin@hooli.com","mobile":"+61410888999"}' });
    expect(fake.apiCalls()[1]!.headers.get("content-type")).toBe("application/json");
  });

  test("throws a BasiqError naming method, path, status, code and detail on a non-2xx", async () => {
    const fake = fakeBasiq(() => json({
      type: "list", correlationId: "corr-9",
      data: [{ type: "error", code: "resource-not-found", title: "Resource not found", detail: "User with id u1 not found", source: { parameter: "userId" } }],
    }, { status: 404 }));
    const error = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({
      name: "BasiqError",
      message: "GET /users/{userId} -> 404 resource-not-found: User with id u1 not found",
      status: 404, correlationId: "corr-9", code: "resource-not-found", method: "GET", path: "/users/{userId}",
      errors: [{ code: "resource-not-found", title: "Resource not found", detail: "User with id u1 not found", source: { parameter: "userId" } }],
    });
  });

  test("encodes postToken's body as a form and sends the API key as Basic", async () => {
    const fake = fakeBasiq(() => json({}));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const token = await basiq.ops.postToken({ params: { header: { "basiq-version": "3.0" } }, body: { scope: "SERVER_ACCESS" } });
    expect(token).toMatchObject({ access_token: "tok-1" });
    const call = fake.tokenCalls()[0]!;
    expect(call.body).toBe("scope=SERVER_ACCESS");
    expect(call.authorization).toBe(`Basic ${API_KEY}`);
    expect(call.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(call.headers.get("basiq-version")).toBe("3.0");
  });

  test("encodes createStatement's body as multipart form data", async () => {
    const fake = fakeBasiq(() => json({ type: "job", id: "j1" }, { status: 202 }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await basiq.ops.createStatement({
      params: { path: { userId: "u1" } },
      body: { institutionId: "AU00000", statement: new Blob(["%PDF-1.4"], { type: "application/pdf" }) },
    });
    const call = fake.apiCalls()[0]!;
    expect(call.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(call.body).toContain('name="institutionId"');
    expect(call.body).toContain("%PDF-1.4");
  });

  test("resolves undefined for a 204", async () => {
    const fake = fakeBasiq(() => new Response(null, { status: 204 }));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.deleteUser(userPath)).resolves.toBeUndefined();
  });
});
