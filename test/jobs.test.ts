import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, BasiqError, JobFailedError, JobTimeoutError, type Job } from "basiq";
import { createSandbox } from "basiq/testing";
import { API_KEY, fakeBasiq, json } from "./helpers/fetch.js";

async function consentJob(options: Parameters<typeof createSandbox>[0] = {}) {
  const sandbox = createSandbox(options);
  const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
  const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
  return { sandbox, basiq, userId };
}

describe("basiq.waitForJob", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test("resolves the finished job once every step succeeded, reporting each poll", async () => {
    const { sandbox, basiq, userId } = await consentJob();
    const { jobId } = sandbox.consent(userId);
    const seen: string[] = [];
    const job = await basiq.waitForJob(jobId, { intervalMs: 1, onProgress: (j) => seen.push((j.steps ?? []).map((s) => s.status).join(",")) });
    expect((job.steps ?? []).map((s) => s.status)).toEqual(["success", "success", "success"]);
    expect(seen).toEqual(["in-progress,pending,pending", "success,in-progress,pending", "success,success,in-progress", "success,success,success"]);
  });

  test("accepts a job object, as refresh returns it", async () => {
    const { sandbox, basiq, userId } = await consentJob();
    sandbox.consent(userId);
    const refreshed = await basiq.ops.refreshConnections({ params: { path: { userId } } });
    const job = await basiq.waitForJob(refreshed.data[0]!, { intervalMs: 1 });
    expect(job.id).toBe(refreshed.data[0]!.id);
  });

  test("with until, resolves as soon as that step and all before it succeeded", async () => {
    const { sandbox, basiq, userId } = await consentJob();
    const job = await basiq.waitForJob(sandbox.consent(userId).jobId, { until: "retrieve-accounts", intervalMs: 1 });
    expect((job.steps ?? []).map((s) => s.status)).toEqual(["success", "success", "in-progress"]);
  });

  test("a failed step rejects with JobFailedError carrying the job, step, code, title and detail", async () => {
    const { sandbox, basiq, userId } = await consentJob();
    sandbox.failNextJob("verify-credentials", { code: "invalid-credentials", title: "Cannot login to target institution", detail: "Wrong password." });
    const error = await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({
      step: "verify-credentials", code: "invalid-credentials", title: "Cannot login to target institution", detail: "Wrong password.",
      message: expect.stringContaining('failed at step "verify-credentials": invalid-credentials: Wrong password.'),
    });
    expect((error as JobFailedError).job.steps?.[0]?.status).toBe("failed");
  });

  test("the deadline rejects with JobTimeoutError carrying the last job seen", async () => {
    jest.useFakeTimers({ now: 0 });
    const { sandbox, basiq, userId } = await consentJob({ pollsPerStep: 1000, stepMs: Infinity });
    const call = basiq.waitForJob(sandbox.consent(userId).jobId, { timeoutMs: 10_000 }).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(10_000);
    const error = await call;
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as JobTimeoutError).message).toMatch(/was not done after 10000 ms/);
    expect((error as JobTimeoutError).job?.steps?.[0]?.status).toBe("in-progress");
  });

  test("polls on a growing interval: 1 s, then x1.3 each time, capped at 2.5 s", async () => {
    jest.useFakeTimers({ now: 0 });
    const times: number[] = [];
    const fake = fakeBasiq(() => {
      times.push(Date.now());
      return json({ id: "j1", steps: [{ title: "verify-credentials", status: "in-progress" }] });
    });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const call = basiq.waitForJob("j1", { timeoutMs: 15_000 }).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(15_000);
    await call;
    const waits = times.slice(1).map((t, i) => t - times[i]!);
    const expected = [1000, 1300, 1690, 2197, 2500, 2500, 2500];
    expect(waits.length).toBeGreaterThanOrEqual(expected.length);
    expected.forEach((ms, i) => expect(Math.abs(waits[i]! - ms)).toBeLessThanOrEqual(1)); // timers round to whole ms
    expect(Math.max(...waits)).toBe(2500);
  });

  test("an abort during a long interval rejects at once, without waiting the interval out", async () => {
    const { sandbox, basiq, userId } = await consentJob({ pollsPerStep: 1000 });
    jest.useFakeTimers();
    const controller = new AbortController();
    const call = basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 60_000, signal: controller.signal });
    await jest.advanceTimersByTimeAsync(10); // the first poll is done; now in the 60 s wait
    controller.abort(new Error("stop waiting"));
    // No timer moves from here on: only the abort itself can end the wait (else this hangs and fails).
    await expect(call).rejects.toThrow("stop waiting");
  });

  test("a bad job id or object is a BasiqError that says what to pass", async () => {
    const { basiq } = await consentJob();
    await expect(basiq.waitForJob("")).rejects.toThrow(/needs a job id or a job object/);
    await expect(basiq.waitForJob({} as Job)).rejects.toThrow(/needs a job id or a job object/);
  });

  test("an until step the job does not have is a BasiqError naming its steps", async () => {
    const { sandbox, basiq, userId } = await consentJob();
    await expect(basiq.waitForJob(sandbox.consent(userId).jobId, { until: "retrieve-statements", intervalMs: 1 }))
      .rejects.toThrow('has no step "retrieve-statements" (its steps: verify-credentials, retrieve-accounts, retrieve-transactions)');
  });
});
