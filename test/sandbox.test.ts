import { describe, expect, test } from "@jest/globals";
import { Basiq } from "basiq";
import { createSandbox } from "basiq/testing";
import { API_KEY } from "./helpers/fetch.js";

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

  test("a CLIENT_ACCESS token reaches its own user only", async () => {
    const sandbox = createSandbox();
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const a = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    const b = await basiq.ops.createUser({ body: { email: "c@d.co" } });
    const asA = new Basiq({ token: await basiq.clientToken(a.id), fetch: sandbox.fetch });
    await expect(asA.ops.getUser({ params: { path: { userId: a.id } } })).resolves.toMatchObject({ id: a.id });
    await expect(asA.ops.getUser({ params: { path: { userId: b.id } } })).rejects.toMatchObject({ status: 403 });
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
