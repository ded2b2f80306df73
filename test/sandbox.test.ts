import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq } from "basiq";
import { createSandbox } from "basiq/testing";
import { API_KEY } from "./helpers/fetch.js";

afterEach(() => {
  jest.useRealTimers();
});

describe("basiq/testing sandbox", () => {
  test("refuses calls without a token it issued", async () => {
    const sandbox = createSandbox();
    const response = await sandbox.fetch(new Request("https://au-api.basiq.io/users/u1", { headers: { authorization: "Bearer forged" } }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ data: [{ code: "unauthorized-access" }] });
  });

  test("POST /token needs Basic auth and basiq-version 3.0", async () => {
    const sandbox = createSandbox();
    const token = (headers: Record<string, string>) => sandbox.fetch(new Request("https://au-api.basiq.io/token", { method: "POST", headers, body: "scope=SERVER_ACCESS" }));
    expect((await token({ "basiq-version": "3.0" })).status).toBe(401);
    expect((await token({ authorization: "Basic k" })).status).toBe(400);
    expect((await token({ authorization: "Basic k", "basiq-version": "3.0" })).status).toBe(200);
  });

  test("a CLIENT_ACCESS token checks its own user's jobs (GET /jobs/{jobId}) and nothing else, as Basiq scopes it", async () => {
    const sandbox = createSandbox({ transactions: 10 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const a = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    const b = await basiq.ops.createUser({ body: { email: "c@d.co" } });
    const jobA = sandbox.consent(a.id).jobId;
    const jobB = sandbox.consent(b.id).jobId;
    const asA = new Basiq({ token: await basiq.clientToken(a.id), fetch: sandbox.fetch });
    // Before the fix: 403 on the user's own job (browser-side polling of Basiq's docs broke).
    await expect(asA.waitForJob(jobA, { intervalMs: 1 })).resolves.toMatchObject({ id: jobA });
    await expect(asA.ops.getJobs({ params: { path: { jobId: jobB } } })).rejects.toMatchObject({ status: 403 });
    // "CLIENT_ACCESS token only grants access to" the Consent UI and job status (Basiq's Authentication page).
    await expect(asA.ops.getUser({ params: { path: { userId: a.id } } })).rejects.toMatchObject({ status: 403, code: "forbidden-access" });
    await expect(asA.ops.getAccounts({ params: { path: { userId: a.id } } })).rejects.toMatchObject({ status: 403 });
    await expect(asA.ops.createUser({ body: { email: "e@f.co" } })).rejects.toMatchObject({ status: 403 });
  });

  test("with apiKey, POST /token refuses any other key with Basiq's 401 body", async () => {
    const sandbox = createSandbox({ apiKey: API_KEY });
    const response = await sandbox.fetch(new Request("https://au-api.basiq.io/token", { method: "POST", headers: { authorization: "Basic definitely-wrong", "basiq-version": "3.0" }, body: "scope=SERVER_ACCESS" }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ type: "list", correlationId: expect.any(String), data: [{ type: "error", code: "unauthorized-access", title: "Unauthorized Access", detail: "Invalid API key" }] });
    await expect(new Basiq({ apiKey: "definitely-wrong", fetch: sandbox.fetch }).ops.getEvents()).rejects.toMatchObject({ status: 401 });
    await expect(new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch }).ops.getEvents()).resolves.toMatchObject({ type: "list" });
  });

  test("an expired token gets Basiq's 403 Token has expired, which the client answers with a new token", async () => {
    jest.useFakeTimers({ now: Date.parse("2026-11-20T09:00:00Z"), doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    const sandbox = createSandbox({ tokenExpiresIn: 60 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { access_token: token } = await basiq.ops.postToken({ params: { header: { "basiq-version": "3.0" } }, body: { scope: "SERVER_ACCESS" } });
    jest.advanceTimersByTime(60_000);
    const response = await sandbox.fetch(new Request("https://au-api.basiq.io/events", { headers: { authorization: `Bearer ${token}` } }));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ data: [{ code: "forbidden-access", detail: "Token has expired" }] });
    await expect(new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch }).ops.getEvents()).resolves.toMatchObject({ type: "list" });
  });

  test("a scripted fault answers the error body of its status (401 unauthorized-access, 404 resource-not-found)", async () => {
    const sandbox = createSandbox();
    sandbox.fault({ path: "/token", status: 401 });
    sandbox.fault({ path: "/events", status: 404 });
    const token = await sandbox.fetch(new Request("https://au-api.basiq.io/token", { method: "POST", headers: { authorization: "Basic k", "basiq-version": "3.0" } }));
    expect(token.status).toBe(401);
    expect(await token.json()).toMatchObject({ data: [{ code: "unauthorized-access" }] });
    const events = await sandbox.fetch(new Request("https://au-api.basiq.io/events"));
    expect(await events.json()).toMatchObject({ data: [{ code: "resource-not-found" }] });
  });

  test("ids are version-4 UUIDs (users, connections, accounts, transactions, jobs, reports, identities, snapshots), the same for the same seed", async () => {
    const ids = async (seed: number) => {
      const sandbox = createSandbox({ transactions: 20, seed });
      const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
      const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
      const { jobId, connectionId } = sandbox.consent(userId);
      await basiq.waitForJob(jobId, { intervalMs: 1 });
      const accounts = (await basiq.ops.getAccounts({ params: { path: { userId } } })).data.map((a) => a.id);
      const transactions = (await basiq.ops.getTransactions({ params: { path: { userId } } })).data.map((t) => t.id);
      const report = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "t", filters: [{ name: "users", value: [userId] }] } });
      const reportId = String((await basiq.waitForJob(report.id!, { intervalMs: 1 })).links?.source).split("/").pop()!;
      const identity = (await basiq.ops.getUserIdentities({ params: { path: { userId } } })).data[0]!.id;
      const snapshot = (await basiq.ops.postAffordability({ params: { path: { userId } }, body: {} })).id;
      return [userId, jobId, connectionId, ...accounts, ...transactions, report.id!, reportId, identity, snapshot];
    };
    const first = await ids(1);
    expect(first.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toEqual([]);
    expect(new Set(first).size).toBe(first.length);
    expect(await ids(1)).toEqual(first);
    expect((await ids(2))[0]).not.toBe(first[0]);
  });

  test("request bodies and query values are validated against the specs: 400 in Basiq's shape, naming the field", async () => {
    const sandbox = createSandbox({ transactions: 50 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const token = (await basiq.ops.postToken({ params: { header: { "basiq-version": "3.0" } }, body: { scope: "SERVER_ACCESS" } })).access_token;
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await sandbox.fetch(new Request(`https://au-api.basiq.io${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } }));
      return { status: response.status, body: (await response.json()) as { data: Array<{ code: string; source?: { parameter?: string } }> } };
    };
    const createUser = (user: unknown) => call("/users", { method: "POST", body: JSON.stringify(user) });
    // Before the fix both answered 201 and echoed the wrong values.
    expect(await createUser({ email: 123 })).toMatchObject({ status: 400, body: { type: "list", correlationId: expect.any(String), data: [{ type: "error", code: "parameter-not-valid", detail: "email must be a string, not 123", source: { parameter: "email" } }] } });
    expect(await createUser({ email: "a@b.co", mobile: ["x"] })).toMatchObject({ status: 400, body: { data: [{ source: { parameter: "mobile" } }] } });
    expect(await createUser({ email: "a@b.co", businessAddress: { postcode: 2000 } })).toMatchObject({ status: 400, body: { data: [{ source: { parameter: "businessAddress.postcode" } }] } });
    expect((await call("/users", { method: "POST", body: "{not json" })).body.data[0]).toMatchObject({ code: "invalid-content" });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    // Before the fix: 200 for each (with -5 the walk yielded 45 of 50, then the sandbox refused its own cursor).
    for (const limit of ["-5", "0", "1.5", "abc"]) {
      expect(await call(`/users/${userId}/transactions?limit=${limit}`)).toMatchObject({ status: 400, body: { data: [{ code: "parameter-not-valid", source: { parameter: "limit" } }] } });
    }
    expect((await call(`/users/${userId}/transactions?limit=7`)).status).toBe(200);
    expect(await call("/enrich?q=WOOLWORTHS&country=AU")).toMatchObject({ status: 400, body: { data: [{ code: "parameter-not-supplied", source: { parameter: "institution" } }] } });
    expect(await call("/reports", { method: "POST", body: JSON.stringify({ reportType: "CON_AFFOR_01", title: "t", filters: [{ name: "users" }] }) })).toMatchObject({ status: 400, body: { data: [{ code: "parameter-not-supplied", source: { parameter: "filters[0].value" } }] } });
    await expect(basiq.ops.createUser({ body: { email: 123 as unknown as string } })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("email must be a string") });
  });

  test("consent creates a connection whose job makes accounts and transactions appear", async () => {
    const sandbox = createSandbox({ transactions: 30, pageSize: 10 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    const { jobId, connectionId } = sandbox.consent(userId);
    expect((await basiq.ops.getAccounts({ params: { path: { userId } } })).data).toHaveLength(0);
    await basiq.waitForJob(jobId, { intervalMs: 1 });
    const accounts = await basiq.ops.getAccounts({ params: { path: { userId } } });
    expect(accounts.data.map((a) => a.connection)).toEqual([connectionId, connectionId]);
    const pages = [];
    for await (const page of basiq.pages("/users/{userId}/transactions", { params: { path: { userId } } })) pages.push(page.data.length);
    expect(pages).toEqual([10, 10, 10]);
  });

  test("a scripted 429 with Retry-After is retried by the client after the wait", async () => {
    const sandbox = createSandbox();
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    sandbox.fault({ method: "POST", path: "/users", status: 429, retryAfter: 0 });
    await expect(basiq.ops.createUser({ body: { email: "a@b.co" } })).resolves.toMatchObject({ type: "user" });
    expect(sandbox.requests.filter((r) => r.path === "/users").map((r) => r.status)).toEqual([429, 201]);
  });

  test("a report is created through a job and fetched from the job's source link", async () => {
    const sandbox = createSandbox({ transactions: 50 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const started = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "t", filters: [{ name: "users", value: [userId] }] } });
    const job = await basiq.waitForJob(started.id!, { intervalMs: 1 });
    const reportId = String(job.links?.source).split("/").pop()!;
    const report = await basiq.ops.retrieveReport({ params: { path: { id: reportId } } });
    expect(report).toMatchObject({ id: reportId, type: "report", reportType: "CON_AFFOR_01" });
  });

  test("an unknown route is a 404 in Basiq's error shape", async () => {
    const response = await createSandbox().fetch(new Request("https://au-api.basiq.io/nothing"));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ data: [{ code: "resource-not-found" }] });
  });
});
