import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { createSandbox } from "basiq/testing";
import { API_KEY, fakeBasiq, json } from "./helpers/fetch.js";

/** A fake that echoes what it was asked for. */
function echo(baseUrl?: string) {
  const fake = fakeBasiq((request) => {
    const url = new URL(request.url);
    return json({ type: "echo", path: url.pathname, query: url.search, status: "active" });
  });
  return { fake, basiq: new Basiq({ apiKey: API_KEY, fetch: fake.fetch, ...(baseUrl === undefined ? {} : { baseUrl }) }) };
}

describe("basiq.follow", () => {
  test("resolves a report job's links.source as retrieveReport with the report", async () => {
    const sandbox = createSandbox({ today: "2026-11-22" });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const started = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "t", filters: [{ name: "users", value: [userId] }] } });
    const job = await basiq.waitForJob(started.id!, { intervalMs: 1 });
    expect(job.links?.source).toMatch(/^https:\/\/au-api\.basiq\.io\/reports\//);
    const result = await basiq.follow(job.links!.source!);
    expect(result.operationId).toBe("retrieveReport");
    if (result.operationId !== "retrieveReport") throw new Error("unreachable");
    expect(result.data.id).toBe(job.links!.source!.split("/").pop());
    expect(result.data.title).toBe("t");
  });

  test("takes absolute links on baseUrl's origin and relative ones, and names the operation the path matches", async () => {
    const { fake, basiq } = echo();
    expect(await basiq.follow("https://au-api.basiq.io/users/u1/connections/c1")).toEqual({
      operationId: "getConnection", data: { type: "echo", path: "/users/u1/connections/c1", query: "", status: "active" },
    });
    expect((await basiq.follow("/users/u1/connections/c1")).operationId).toBe("getConnection");
    expect((await basiq.follow(new URL("https://au-api.basiq.io/jobs/j1"))).operationId).toBe("getJobs");
    expect(fake.apiCalls().map((call) => `${call.method} ${call.path}`)).toEqual([
      "GET /users/u1/connections/c1", "GET /users/u1/connections/c1", "GET /jobs/j1",
    ]);
  });

  test("keeps the link's query (a step's result.url filter)", async () => {
    const { basiq } = echo();
    const result = await basiq.follow("/users/u1/accounts?filter=connection.id.eq('c1')");
    expect(result.operationId).toBe("getAccounts");
    expect(result.data).toMatchObject({ path: "/users/u1/accounts", query: "?filter=connection.id.eq(%27c1%27)" });
  });

  test("prefers a literal segment to a parameter (/reports/types is listReportTypes, not retrieveReport)", async () => {
    const { basiq } = echo();
    expect((await basiq.follow("/reports/types")).operationId).toBe("listReportTypes");
    expect((await basiq.follow("/reports/r1")).operationId).toBe("retrieveReport");
    expect((await basiq.follow("/events/types/e1")).operationId).toBe("getEventTypeById");
    expect((await basiq.follow("/users/u1/auth_link")).operationId).toBe("getAuthLink");
  });

  test("refuses a link to another origin and sends nothing, not even a token request", async () => {
    const { fake, basiq } = echo();
    for (const link of ["https://evil.example/users/u1", "http://au-api.basiq.io/users/u1", "//evil.example/users/u1", "javascript:alert(1)"]) {
      const error = await basiq.follow(link).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BasiqError);
      expect((error as Error).message).toMatch(/^follow: refusing a link to .*; links are accepted from https:\/\/au-api\.basiq\.io \(baseUrl\) only, and sent to baseUrl$/);
    }
    expect(fake.seen).toHaveLength(0);
  });

  test("refuses a path no GET operation has, and a dot segment hidden by encoding, sending nothing", async () => {
    const { fake, basiq } = echo();
    await expect(basiq.follow("/users/u1/statements")).rejects.toThrow("follow: no GET operation of the Basiq API has the path /users/u1/statements");
    await expect(basiq.follow("/users/%2E%2E/accounts")).rejects.toThrow(BasiqError);
    await expect(basiq.follow(42 as never)).rejects.toThrow(/needs a link/);
    expect(fake.seen).toHaveLength(0);
  });

  test("encodes path parameters again when it sends them", async () => {
    const { fake, basiq } = echo();
    await basiq.follow("/users/u%201/accounts/a%2Fb");
    expect(fake.apiCalls()[0]!.path).toBe("/users/u%201/accounts/a%2Fb");
  });

  test("works under a baseUrl with a path prefix (a proxy's)", async () => {
    const paths: string[] = [];
    const basiq = new Basiq({
      apiKey: API_KEY,
      baseUrl: "https://proxy.example/basiq",
      fetch: async (request) => {
        const { pathname } = new URL(request.url);
        paths.push(pathname);
        return pathname.endsWith("/token") ? json({ access_token: "t", expires_in: 3600 }) : json({ id: "u1" });
      },
    });
    expect((await basiq.follow("https://proxy.example/basiq/users/u1")).operationId).toBe("getUser");
    expect(paths).toEqual(["/basiq/token", "/basiq/users/u1"]);
  });

  test("behind a proxy, sandbox or recorder, takes Basiq's own https://au-api.basiq.io links and sends them to baseUrl", async () => {
    const urls: string[] = [];
    const basiq = new Basiq({
      apiKey: API_KEY,
      baseUrl: "http://127.0.0.1:8080/basiq",
      fetch: async (request) => {
        urls.push(`${request.method} ${request.url} ${request.headers.get("authorization")?.split(" ")[0]}`);
        return new URL(request.url).pathname.endsWith("/token") ? json({ access_token: "tok-1", expires_in: 3600 }) : json({ id: "u1" });
      },
    });
    expect((await basiq.follow("https://au-api.basiq.io/users/u1/connections/c1?x=1")).operationId).toBe("getConnection");
    expect((await basiq.follow(new URL("https://au-api.basiq.io/jobs/j1"))).operationId).toBe("getJobs");
    expect((await basiq.follow("http://127.0.0.1:8080/basiq/users/u1")).operationId).toBe("getUser");
    expect(urls).toEqual([
      "POST http://127.0.0.1:8080/basiq/token Basic",
      "GET http://127.0.0.1:8080/basiq/users/u1/connections/c1?x=1 Bearer",
      "GET http://127.0.0.1:8080/basiq/jobs/j1 Bearer",
      "GET http://127.0.0.1:8080/basiq/users/u1 Bearer",
    ]);
    // Neither origin's look-alikes: another scheme, port, host or userinfo trick; nothing sent.
    for (const link of ["http://au-api.basiq.io/jobs/j1", "https://au-api.basiq.io:8443/jobs/j1", "https://au-api.basiq.io.evil.example/jobs/j1",
      "https://au-api.basiq.io@evil.example/jobs/j1", "https://127.0.0.1:8080/basiq/jobs/j1", "http://127.0.0.1:8081/basiq/jobs/j1"]) {
      await expect(basiq.follow(link)).rejects.toThrow(/^follow: refusing a link to .*; links are accepted from http:\/\/127\.0\.0\.1:8080 \(baseUrl\) and https:\/\/au-api\.basiq\.io only, and sent to baseUrl$/);
    }
    expect(urls).toHaveLength(4);
  });

  test("a non-2xx answer is a BasiqError naming the operation's path", async () => {
    const fake = fakeBasiq(() => json({ type: "list", data: [{ type: "error", code: "resource-not-found", detail: "gone" }] }, { status: 404 }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await expect(basiq.follow("/users/u1/connections/c1")).rejects.toMatchObject({
      status: 404, message: "GET /users/{userId}/connections/{connectionId} -> 404 resource-not-found: gone",
    });
  });
});
