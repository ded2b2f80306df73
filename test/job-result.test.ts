import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, JobFailedError, jobResult, type core, type Job, type JobProgress } from "basiq";
import { createSandbox } from "basiq/testing";
import { API_KEY, fakeBasiq, json } from "./helpers/fetch.js";

const USER = "bfa52043-e154-4adf-94d1-7f0544affc45";
const CONNECTION = "67b38670-4aca-4e1d-a66e-3af4c56a35bc";

/** A job with these step statuses (verify-credentials, retrieve-accounts, retrieve-transactions). */
function job(...statuses: Array<"pending" | "in-progress" | "success" | "failed">) {
  const titles = ["verify-credentials", "retrieve-accounts", "retrieve-transactions"] as const;
  return {
    type: "job", id: "j1", jobType: "connection",
    steps: statuses.map((status, i) => ({
      title: titles[i]!,
      status,
      result: status === "failed" ? { code: "system-unavailable" as const, title: "Down", details: "The institution is down." } : {},
    })),
    links: { self: "/jobs/j1" },
  } satisfies core.components["schemas"]["job"];
}

/** A fake answering GET /jobs/j1 with each job in turn (the last repeats). */
function polled(...jobs: unknown[]) {
  let i = 0;
  const fake = fakeBasiq(() => json(jobs[Math.min(i++, jobs.length - 1)]));
  return new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
}

describe("waitForJob until", () => {
  test("resolves once that step and every step before it succeeded, though a later step failed", async () => {
    const basiq = polled(job("success", "in-progress", "pending"), job("success", "success", "failed"));
    const done = await basiq.waitForJob("j1", { until: "retrieve-accounts", intervalMs: 1 });
    expect(done.steps?.map((s) => s.status)).toEqual(["success", "success", "failed"]);
  });

  test("still rejects a failure after the until step while that step has not succeeded (it never will)", async () => {
    const basiq = polled(job("success", "in-progress", "failed"));
    await expect(basiq.waitForJob("j1", { until: "retrieve-accounts", intervalMs: 1 })).rejects.toMatchObject({
      name: "JobFailedError", step: "retrieve-transactions", code: "system-unavailable", detail: "The institution is down.",
    });
  });

  test("rejects a failure at or before the until step", async () => {
    const basiq = polled(job("success", "failed", "pending"));
    await expect(basiq.waitForJob("j1", { until: "retrieve-accounts", intervalMs: 1 })).rejects.toBeInstanceOf(JobFailedError);
  });

  test("without until, any failed step rejects", async () => {
    const basiq = polled(job("success", "success", "failed"));
    await expect(basiq.waitForJob("j1", { intervalMs: 1 })).rejects.toMatchObject({ step: "retrieve-transactions" });
  });
});

// Basiq's MFA example (docs: upgrading to v3.0, "MFA support for DDC connectors"): the spec's job
// schema has no mfa-challenge result, so the fixture is cast rather than `satisfies Job`.
function mfaJob(status: "in-progress" | "success", asList: boolean) {
  const challenge = {
    type: "mfa", method: "security-questions", description: "security-questions",
    input: ["What's your favourite company?", "What's the ID of this institution?"], expiryMs: 120000,
    links: { response: "https://au-api.basiq.io/jobs/61723/mfa" },
  };
  return {
    type: "job", id: "61723", created: "2021-06-08T09:10:32.000Z", updated: "2021-06-08T09:14:28.000Z",
    steps: [
      { title: "verify-credentials", status: "success", result: [{ type: "link", url: "/users/ea3a81/connections/8fce3b" }] },
      { title: "mfa-challenge", status, result: asList ? [challenge] : challenge },
      { title: "retrieve-accounts", status: status === "success" ? "success" : "pending", result: null },
    ],
    links: { self: "/jobs/61723", source: "/users/ea3a81/connections/8fce3b" },
  } as unknown as Job;
}

describe("waitForJob onProgress", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test("reports an open mfa-challenge step's challenge, typed, and the step it waits at", async () => {
    const basiq = polled(mfaJob("in-progress", false), mfaJob("in-progress", true), mfaJob("success", false));
    const seen: JobProgress[] = [];
    await basiq.waitForJob("61723", { intervalMs: 1, onProgress: (_job, progress) => seen.push(progress) });
    expect(seen.map((p) => p.step)).toEqual(["mfa-challenge", "mfa-challenge", undefined]);
    expect(seen[0]!.mfa).toMatchObject({ method: "security-questions", input: ["What's your favourite company?", "What's the ID of this institution?"], expiryMs: 120000 });
    expect(seen[1]!.mfa?.links?.response).toBe("https://au-api.basiq.io/jobs/61723/mfa"); // a list of results, as in the OTP example
    expect(seen[2]!.mfa).toBeUndefined();
  });

  test("awaits an async onProgress (e.g. answering the challenge) before polling again, and rejects with its error", async () => {
    const order: string[] = [];
    let polls = 0;
    const fake = fakeBasiq(() => {
      order.push(`poll ${++polls}`);
      return json(polls < 3 ? mfaJob("in-progress", false) : mfaJob("success", false));
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await basiq.waitForJob("61723", {
      intervalMs: 1,
      onProgress: async (_job, { mfa }) => {
        if (!mfa) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(`answered after poll ${polls}`);
      },
    });
    expect(order).toEqual(["poll 1", "answered after poll 1", "poll 2", "answered after poll 2", "poll 3"]);
    await expect(basiq.waitForJob("61723", { intervalMs: 1, onProgress: async () => Promise.reject(new Error("no answer")) })).rejects.toThrow("no answer");
  });

  test("reports no challenge for a job without one", async () => {
    const basiq = polled(job("in-progress", "pending", "pending"), job("success", "success", "success"));
    const seen: JobProgress[] = [];
    await basiq.waitForJob("j1", { intervalMs: 1, onProgress: (_job, progress) => seen.push(progress) });
    expect(seen).toEqual([{ step: "verify-credentials", mfa: undefined }, { step: undefined, mfa: undefined }]);
  });
});

describe("jobResult", () => {
  // GET /jobs/{jobId} example "Mygov-success" of core.yml (mfa-challenge result dropped).
  const mygov = {
    type: "job", id: "cd6b8aac-53b3-408d-806e-34b9ef59459e", jobType: "connection", created: "2024-09-25T04:44:38Z", updated: "2024-09-25T04:46:00Z",
    steps: [
      { title: "verify-credentials", status: "success", result: { type: "link", url: `/users/${USER}/connections/${CONNECTION}` } },
      { title: "retrieve-accounts", status: "success", result: { type: "link", url: `/users/${USER}/accounts?filter=institution.id.eq('AU20700')` } },
      { title: "retrieve-transactions", status: "success", result: { type: "link", url: `/users/${USER}/transactions?filter=institution.id.eq('AU20700')` } },
      { title: "retrieve-statements", status: "success", result: { type: "link", url: `/users/${USER}/statements` } },
    ],
    links: { self: "https://au-api.basiq.io/jobs/cd6b8aac-53b3-408d-806e-34b9ef59459e", source: `https://au-api.basiq.io/users/${USER}/connections/${CONNECTION}` },
  } satisfies core.components["schemas"]["job"];

  test("names the user, connection and institution of a connection job, and its links' operations", () => {
    expect(jobResult(mygov)).toEqual({
      userId: USER, connectionId: CONNECTION, institutionId: "AU20700",
      links: [
        { from: "source", url: mygov.links.source, operationId: "getConnection" },
        { from: "verify-credentials", url: mygov.steps[0]!.result.url, operationId: "getConnection" },
        { from: "retrieve-accounts", url: mygov.steps[1]!.result.url, operationId: "getAccounts" },
        { from: "retrieve-transactions", url: mygov.steps[2]!.result.url, operationId: "getTransactions" },
      ], // retrieve-statements' /users/{userId}/statements has no GET operation: left out
    });
  });

  test("names the report of a report job, and reads a connection id from a filter", () => {
    expect(jobResult({ links: { source: "https://au-api.basiq.io/reports/r-42" }, steps: [] })).toEqual({
      reportId: "r-42", links: [{ from: "source", url: "https://au-api.basiq.io/reports/r-42", operationId: "retrieveReport" }],
    });
    expect(jobResult({ steps: [{ title: "retrieve-accounts", result: [{ type: "link", url: "/users/u1/accounts?filter=connection.id.eq('c9')" }] }] }))
      .toMatchObject({ userId: "u1", connectionId: "c9" });
  });

  test("gives only the links for a job that has none yet", () => {
    expect(jobResult({ links: { source: null }, steps: [{ title: "verify-credentials", result: null }] })).toEqual({ links: [] });
    expect(jobResult({ links: null })).toEqual({ links: [] });
  });

  test("round trip on the sandbox: the ids are the connection the consent made and the report the job made", async () => {
    const sandbox = createSandbox({ today: "2026-11-22" });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    const consent = sandbox.consent(userId);
    const connectionJob = await basiq.waitForJob(consent.jobId, { intervalMs: 1 });
    expect(jobResult(connectionJob)).toMatchObject({ userId, connectionId: consent.connectionId });
    const started = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "t", filters: [{ name: "users", value: [userId] }] } });
    const { reportId } = jobResult(await basiq.waitForJob(started.id!, { intervalMs: 1 }));
    expect((await basiq.ops.retrieveReport({ params: { path: { id: reportId! } } })).id).toBe(reportId);
  });
});
