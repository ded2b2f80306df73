import { afterEach, describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { API_KEY, fakeBasiq, json, scripted, userPath } from "./helpers/fetch.js";

describe("new Basiq()", () => {
  const saved = process.env.BASIQ_API_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.BASIQ_API_KEY;
    else process.env.BASIQ_API_KEY = saved;
  });

  test("without apiKey, token or BASIQ_API_KEY throws a BasiqError saying how to provide one", () => {
    delete process.env.BASIQ_API_KEY;
    expect(() => new Basiq()).toThrow(BasiqError);
    expect(() => new Basiq()).toThrow(/pass `new Basiq\(\{ apiKey \}\)`, set BASIQ_API_KEY .* or pass `token`/);
  });

  test("reads the API key from BASIQ_API_KEY by default", async () => {
    process.env.BASIQ_API_KEY = "from-env";
    const fake = fakeBasiq(() => json({ id: "u1" }));
    await new Basiq({ fetch: fake.fetch }).ops.getUser(userPath);
    expect(fake.tokenCalls()[0]!.authorization).toBe("Basic from-env");
  });

  test("sends requests to baseUrl, trailing slash or not", async () => {
    const urls: string[] = [];
    const fake = fakeBasiq((request) => {
      urls.push(request.url);
      return json({ id: "u1" });
    });
    await new Basiq({ apiKey: API_KEY, fetch: fake.fetch, baseUrl: "http://127.0.0.1:9/" }).ops.getUser(userPath);
    expect(urls).toEqual(["http://127.0.0.1:9/users/u1"]);
  });
});

describe("basiq.api", () => {
  test("resolves { data, error, response } as openapi-fetch does", async () => {
    const fake = fakeBasiq(scripted(
      () => json({ type: "user", id: "u1" }),
      () => json({ type: "list", correlationId: "c1", data: [{ code: "resource-not-found", title: "Not found", detail: "no user" }] }, { status: 404 }),
    ));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const ok = await basiq.api.GET("/users/{userId}", userPath);
    expect(ok.data).toEqual({ type: "user", id: "u1" });
    expect(ok.error).toBeUndefined();
    expect(ok.response.status).toBe(200);
    const missing = await basiq.api.GET("/users/{userId}", userPath);
    expect(missing.data).toBeUndefined();
    expect(missing.error).toMatchObject({ data: [{ code: "resource-not-found" }] });
    expect(missing.response.status).toBe(404);
  });

  test("a 2xx with a body that is not JSON rejects with a BasiqError carrying the status", async () => {
    const fake = fakeBasiq(() => new Response("<html>gateway</html>", { status: 200, headers: { "content-type": "text/html" } }));
    const error = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).api.GET("/users/{userId}", userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({ status: 200, message: "GET /users/{userId} -> 200 with a body that is not valid JSON (text/html)" });
  });

  test("asks for JSON by default, and a call can ask for something else", async () => {
    const accepts: Array<string | null> = [];
    const fake = fakeBasiq((request) => {
      accepts.push(request.headers.get("accept"));
      return request.headers.get("accept") === "application/pdf" ? new Response("%PDF", { headers: { "content-type": "application/pdf" } }) : json({ id: "r1" });
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await basiq.api.GET("/reports/{id}", { params: { path: { id: "r1" } } });
    const pdf = await basiq.api.GET("/reports/{id}", { params: { path: { id: "r1" } }, headers: { Accept: "application/pdf" }, parseAs: "blob" });
    expect(accepts).toEqual(["application/json", "application/pdf"]);
    expect(await (pdf.data as Blob).text()).toBe("%PDF");
  });

  test("an empty success is fine where the spec declares no body (testMessage's 201)", async () => {
    const fake = fakeBasiq(() => new Response(null, { status: 201 }));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).ops.testMessage({ body: { eventTypeId: "connection.created" } })).resolves.toBeUndefined();
  });

  test("an empty 204 resolves data undefined", async () => {
    const fake = fakeBasiq(() => new Response(null, { status: 204 }));
    const { data, response } = await new Basiq({ apiKey: API_KEY, fetch: fake.fetch }).api.DELETE("/users/{userId}", userPath);
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
  });
});
