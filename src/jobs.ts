// basiq.waitForJob: poll GET /jobs/{jobId} on a growing, capped interval until the job is done.
import type { core } from "../generated/index.js";
import type { BasiqApi } from "./api.js";
import { BasiqError, JobFailedError, JobTimeoutError } from "./errors.js";
import { apiError } from "./internal/api-error.js";
import { delay } from "./internal/delay.js";

/** A job as GET /jobs/{jobId} returns it (connection, statement or report job). */
export type Job = core.operations["getJobs"]["responses"][200]["content"]["application/json"];
/** A job step's title, from the generated job schema. */
export type JobStepTitle = NonNullable<core.components["schemas"]["JobsStep"]["title"]>;
/** A job step's status, from the generated job schema. */
export type JobStepStatus = core.components["schemas"]["JobsStep"]["status"];

/** Options of {@link Basiq.waitForJob}. */
export interface WaitForJobOptions {
  /** Resolve once this step and every step before it succeeded. @default undefined (every step) */
  until?: JobStepTitle;
  /** Give up (JobTimeoutError) after this many ms. @default 600_000 */
  timeoutMs?: number;
  /** The first wait between polls in ms; each wait is 1.3x the last, up to 2.5 s (or this value, if larger). @default 1_000 */
  intervalMs?: number;
  /** Stops waiting at once (rejects with the signal's reason). @default undefined */
  signal?: AbortSignal;
  /** Called with the job after each poll. @default undefined */
  onProgress?: (job: Job) => void;
}

/** Growth of the wait between polls: 1 s, 1.3 s, 1.69 s, 2.2 s, then the cap. */
const INTERVAL_FACTOR = 1.3;
/**
 * Longest wait between polls. With the defaults a job is seen done about 1.25 s (half the cap)
 * after it finishes, and a 30 s job takes 15 polls (make bench); a longer cap saves polls but
 * adds lag.
 */
const INTERVAL_CAP_MS = 2_500;

interface Step {
  title?: string;
  status?: string;
  result?: { code?: string; title?: string; detail?: string; details?: string } | null;
}

function idOf(jobOrId: string | { id?: string }): string {
  const id = typeof jobOrId === "string" ? jobOrId : jobOrId?.id;
  if (typeof id !== "string" || id === "") {
    throw new BasiqError("waitForJob needs a job id or a job object with an `id` (as returned by refresh, report and statement calls)");
  }
  return id;
}

/**
 * Throws JobFailedError for a failed step; true when every step (or every step up to `until`)
 * succeeded. A job without the `until` step is a BasiqError naming the steps it has.
 */
function check(jobId: string, job: Job, until: string | undefined): boolean {
  const steps = ((job as { steps?: Step[] }).steps ?? []) as Step[];
  const failed = steps.find((step) => step.status === "failed");
  if (failed) {
    const result = failed.result ?? {};
    const detail = result.detail ?? result.details;
    throw new JobFailedError(
      `job ${jobId} failed at step "${failed.title}": ${[result.code, detail ?? result.title].filter(Boolean).join(": ")}`,
      { job, step: failed.title, code: result.code, title: result.title, detail },
    );
  }
  const last = until === undefined ? steps.length - 1 : steps.findIndex((step) => step.title === until);
  if (last === -1 && until !== undefined && steps.length > 0) {
    throw new BasiqError(`waitForJob: job ${jobId} has no step "${until}" (its steps: ${steps.map((s) => s.title).join(", ")})`);
  }
  return last >= 0 && steps.slice(0, last + 1).every((step) => step.status === "success");
}

/**
 * Polls a job until it is done (or `until` its step), resolving the final job. A failed step
 * rejects with JobFailedError; the deadline with JobTimeoutError carrying the last job seen.
 * A job object with steps is checked before the first poll; a bare id is polled at once.
 */
export async function waitForJob(api: BasiqApi, jobOrId: string | { id?: string; steps?: unknown }, options: WaitForJobOptions = {}): Promise<Job> {
  const jobId = idOf(jobOrId);
  const { until, timeoutMs = 600_000, intervalMs = 1_000, signal, onProgress } = options;
  const deadline = Date.now() + timeoutMs;
  const cap = Math.max(INTERVAL_CAP_MS, intervalMs);
  const poll = async (): Promise<Job> => {
    const { data, error, response } = await api.GET("/jobs/{jobId}", { params: { path: { jobId } }, signal });
    if (!response.ok) throw apiError("GET", "/jobs/{jobId}", response.status, error, response.headers);
    onProgress?.(data as Job);
    return data as Job;
  };

  let job = typeof jobOrId === "object" && Array.isArray(jobOrId.steps) ? (jobOrId as Job) : await poll();
  // Bounded by the deadline: each turn returns, throws, or sleeps toward it before polling again.
  for (let wait = intervalMs; ; wait = Math.min(cap, wait * INTERVAL_FACTOR)) {
    if (check(jobId, job, until)) return job;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new JobTimeoutError(`job ${jobId} was not done after ${timeoutMs} ms`, job);
    await delay(Math.min(wait, remaining), signal);
    job = await poll();
  }
}
