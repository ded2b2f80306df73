// basiq.waitForJob: poll GET /jobs/{jobId} on a growing, capped interval until the job is done.
import type { core } from "../generated/index.js";
import type { BasiqApi } from "./api.js";
import { BasiqError, JobFailedError, JobTimeoutError } from "./errors.js";
import { apiError } from "./internal/api-error.js";
import { abortedOr, withDeadline } from "./internal/abort.js";
import { delay } from "./internal/delay.js";
import { numericOption } from "./internal/numeric-options.js";
import type { Job, JobStepTitle } from "./types.js";

export type { Job, JobStepStatus, JobStepTitle } from "./types.js";

/** Options of {@link Basiq.waitForJob}. */
export interface WaitForJobOptions {
  /** Resolve once this step and every step before it succeeded. @default undefined (every step) */
  until?: JobStepTitle;
  /** Give up (JobTimeoutError) after this many ms: 1 to 2_147_483_647 (about 24.8 days); anything else is a BasiqError. @default 600_000 */
  timeoutMs?: number;
  /** The first wait between polls in ms (0 to 2_147_483_647; below 100 it is 100); each wait is 1.3x the last, up to 2.5 s (or this value, if larger). @default 1_000 */
  intervalMs?: number;
  /** Stops waiting at once: rejects with a BasiqError named "AbortError" whose `cause` is the signal's reason. @default undefined */
  signal?: AbortSignal;
  /**
   * Called with the job after each poll, and what it waits on (an MFA challenge to answer). A
   * promise it returns is awaited before the next poll (the deadline still counts); its rejection
   * rejects waitForJob. @default undefined
   */
  onProgress?: (job: Job, progress: JobProgress) => unknown;
}

/** A connection job step's result, as the core overlay types it (a link, an error, or an MFA challenge). */
type StepResultSchema = NonNullable<NonNullable<core.components["schemas"]["job"]["steps"]>[number]["result"]>;

/**
 * What an `mfa-challenge` step asks the user (the step result, typed by the core overlay from the
 * spec's Mygov-success example; `method` and `input` are always there once waitForJob reports it):
 * `method` (`token`, `security-questions`, ...), `description`, `input` (one prompt per answer, in
 * order), `expiryMs`, `links.response`. Answer it, in time, with `postJobMfa` called with a
 * CLIENT_ACCESS token bound to the user (Basiq refuses a SERVER_ACCESS one):
 * @example
 * const asUser = new Basiq({ token: () => basiq.clientToken(userId) });
 * await asUser.ops.postJobMfa({ params: { path: { jobId } }, body: { "mfa-response": ["1234"] } });
 */
export type MfaChallenge = Omit<StepResultSchema, "type" | "method" | "input"> & { type: "mfa"; method: string; input: string[] };

/** What a job is waiting on, passed to `onProgress` with each poll. */
export interface JobProgress {
  /** The first step not yet done (undefined when every step is). */
  step: string | undefined;
  /** The open MFA challenge, while an `mfa-challenge` step waits for the user's answer. */
  mfa: MfaChallenge | undefined;
}

/** Shortest wait between polls: `intervalMs: 0` polled ~200 times a second. */
const MIN_INTERVAL_MS = 100;
/** Growth of the wait between polls: 1 s, 1.3 s, 1.69 s, 2.2 s, then the cap. */
const INTERVAL_FACTOR = 1.3;
/**
 * Longest wait between polls. With the defaults a job is seen done about 1.25 s (half the cap)
 * after it finishes, and a 30 s job takes 15 polls (make bench); a longer cap saves polls but
 * adds lag.
 */
const INTERVAL_CAP_MS = 2_500;

interface StepResult {
  type?: string;
  code?: string;
  title?: string;
  detail?: string;
  details?: string;
}

interface Step {
  title?: string;
  status?: string;
  /** An object, or (in Basiq's MFA examples) a list of them. */
  result?: StepResult | StepResult[] | null;
}

const stepsOf = (job: Job): Step[] => ((job as { steps?: Step[] }).steps ?? []) as Step[];
const resultsOf = (step: Step): StepResult[] => (Array.isArray(step.result) ? step.result : step.result ? [step.result] : []);

/** The open MFA challenge of a job, if an `mfa-challenge` step is waiting for an answer. */
function mfaChallenge(job: Job): MfaChallenge | undefined {
  const step = stepsOf(job).find((s) => s.title === "mfa-challenge" && s.status === "in-progress");
  const found = step && resultsOf(step).find((r) => r.type === "mfa" && typeof (r as MfaChallenge).method === "string" && Array.isArray((r as MfaChallenge).input));
  return found as MfaChallenge | undefined;
}

function progressOf(job: Job): JobProgress {
  return { step: stepsOf(job).find((s) => s.status !== "success")?.title, mfa: mfaChallenge(job) };
}

function idOf(jobOrId: string | { id?: string }): string {
  const id = typeof jobOrId === "string" ? jobOrId : jobOrId?.id;
  if (typeof id !== "string" || id === "") {
    throw new BasiqError("waitForJob needs a job id or a job object with an `id` (as returned by refresh, report and statement calls)");
  }
  return id;
}

/**
 * Throws JobFailedError for a failed step that counts; true when every step (or, with `until`,
 * that step and every step before it) succeeded. A step that failed after `until` does not count
 * once `until` succeeded. A job without the `until` step is a BasiqError naming the steps it has.
 */
function check(jobId: string, job: Job, until: string | undefined): boolean {
  const steps = stepsOf(job);
  const last = until === undefined ? steps.length - 1 : steps.findIndex((step) => step.title === until);
  if (last === -1 && until !== undefined && steps.length > 0) {
    throw new BasiqError(`waitForJob: job ${jobId} has no step "${until}" (its steps: ${steps.map((s) => s.title).join(", ")})`);
  }
  const done = last >= 0 && steps.slice(0, last + 1).every((step) => step.status === "success");
  const failed = steps.find((step) => step.status === "failed");
  // A failure after `until` only matters while `until` has not succeeded: then it never will.
  if (failed && !done) {
    const result = resultsOf(failed)[0] ?? {};
    const detail = result.detail ?? result.details;
    throw new JobFailedError(
      `job ${jobId} failed at step "${failed.title}": ${[result.code, detail ?? result.title].filter(Boolean).join(": ")}`,
      { job, step: failed.title, code: result.code, title: result.title, detail },
    );
  }
  return done;
}

/**
 * Polls a job until it is done (or `until` its step), resolving the final job. A failed step
 * rejects with JobFailedError; the deadline with JobTimeoutError carrying the last job seen.
 * A job object with steps is checked before the first poll; a bare id is polled at once.
 */
export async function waitForJob(api: BasiqApi, jobOrId: string | { id?: string; steps?: unknown }, options: WaitForJobOptions = {}): Promise<Job> {
  const jobId = idOf(jobOrId);
  try {
    return await waitFor(api, jobId, jobOrId, options);
  } catch (error) {
    throw abortedOr(error, options.signal, `waitForJob(${jobId})`);
  }
}

async function waitFor(api: BasiqApi, jobId: string, jobOrId: string | { id?: string; steps?: unknown }, options: WaitForJobOptions): Promise<Job> {
  const { until, signal, onProgress } = options;
  const timeoutMs = numericOption("waitForJob timeoutMs", options.timeoutMs, "waitForJob: timeoutMs") ?? 600_000;
  const intervalMs = Math.max(MIN_INTERVAL_MS, numericOption("waitForJob intervalMs", options.intervalMs, "waitForJob: intervalMs") ?? 1_000);
  const deadline = Date.now() + timeoutMs;
  const cap = Math.max(INTERVAL_CAP_MS, intervalMs);
  let job: Job | undefined = typeof jobOrId === "object" && Array.isArray(jobOrId.steps) ? (jobOrId as Job) : undefined;
  const timedOut = () => new JobTimeoutError(`job ${jobId} was not done after ${timeoutMs} ms`, job);
  const poll = async (): Promise<Job> => {
    const polled = await pollWithin(api, jobId, deadline - Date.now(), signal);
    if (polled === undefined) throw timedOut();
    job = polled;
    await onProgress?.(polled, progressOf(polled));
    return polled;
  };

  let current = job ?? (await poll());
  // Bounded by the deadline: each turn returns, throws, or sleeps toward it before polling again.
  for (let wait = intervalMs; ; wait = Math.min(cap, wait * INTERVAL_FACTOR)) {
    if (check(jobId, current, until)) return current;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw timedOut();
    await delay(Math.min(wait, remaining), signal);
    current = await poll();
  }
}

/**
 * One GET /jobs/{jobId} under what is left of the wait (`remainingMs`) and the wait's signal:
 * undefined when the deadline came first (a stalled poll ends the wait on time).
 */
async function pollWithin(api: BasiqApi, jobId: string, remainingMs: number, signal: AbortSignal | undefined): Promise<Job | undefined> {
  if (remainingMs <= 0) return undefined;
  const within = withDeadline(remainingMs, signal);
  try {
    const { data, error, response } = await api.GET("/jobs/{jobId}", { params: { path: { jobId } }, signal: within.signal });
    if (!response.ok) throw apiError("GET", "/jobs/{jobId}", response.status, error, response.headers);
    return data as Job;
  } catch (error) {
    if (within.passed() && !signal?.aborted) return undefined;
    throw error;
  } finally {
    within.dispose();
  }
}
