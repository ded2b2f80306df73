// How the sandbox's jobs move: started with their steps, each step finished by time (`stepMs` of
// the sandbox clock) or by polls (`pollsPerStep`), a poll never seeing more than one step finish
// since the one before; an mfa-challenge step waits for its answer. What a step makes exist as it
// succeeds is in steps.ts.
import type { SandboxJob, SandboxStep } from "./fixtures.js";
import type { JobState, StepWorld } from "./state-types.js";
import { challengeFor, onStepSuccess } from "./steps.js";

/** The steps of a connection job (consent, refresh or statement upload). */
export const CONNECTION_STEPS: SandboxStep["title"][] = ["verify-credentials", "retrieve-accounts", "retrieve-transactions"];

export function startJob(s: StepWorld, userId: string, kind: SandboxJob["kind"], institutionId: string, titles: SandboxStep["title"][], extra: { connectionId?: string; reportId?: string; mfaAnswers?: string[] } = {}): JobState {
  const created = s.now();
  const job: JobState = {
    id: s.uuid(), userId, kind, created, updated: created, institutionId, polls: 0, stepStarted: s.clock.ms(), ...extra,
    steps: titles.map((title, i) => ({ title, status: i === 0 ? "in-progress" : "pending", result: null })),
  };
  if (s.nextFailure) job.failAt = s.nextFailure;
  s.nextFailure = undefined;
  s.jobs.set(job.id, job);
  return job;
}

/**
 * Completes every step whose `stepMs` has run out, for every job (called on each request). A job
 * that is being polled finishes at most one step by time between two polls, so each poll sees
 * every step (with the default 1 s poll interval and 1 s steps, time and the poll itself would
 * otherwise both finish one, and `retrieve-accounts` would never be seen in progress).
 */
export async function settleJobs(s: StepWorld): Promise<void> {
  const now = s.clock.ms();
  for (const job of s.jobs.values()) {
    // Bounded by the job's steps: each turn finishes one step or stops.
    for (let step = running(job); step && now - job.stepStarted >= s.options.stepMs && !(job.seen !== undefined && done(job) > job.seen); step = running(job)) {
      job.stepStarted += s.options.stepMs;
      await finish(s, job, step);
    }
  }
}

/** Runs every job to its end (days passed: `sandbox.advance`); an MFA challenge still waits for its answer. */
export async function finishJobs(s: StepWorld): Promise<void> {
  for (const job of s.jobs.values()) {
    for (let step = running(job); step; step = running(job)) await finish(s, job, step); // bounded by the job's steps
    job.stepStarted = s.clock.ms();
  }
}

/**
 * Answers a job's open MFA challenge: the right answers finish the step (the job goes on), wrong
 * ones leave it open; "none" when the job has no open challenge.
 */
export async function answerMfa(s: StepWorld, job: JobState, answers: string[]): Promise<"accepted" | "refused" | "none"> {
  const step = current(job);
  if (step?.title !== "mfa-challenge" || !job.mfaAnswers) return "none";
  if (answers.length !== job.mfaAnswers.length || answers.some((a, i) => a !== job.mfaAnswers![i])) return "refused";
  job.stepStarted = s.clock.ms();
  await finish(s, job, step);
  return "accepted";
}

/** Advances a job by one poll (after its state was answered): each step takes `pollsPerStep` polls, then the next starts. */
export async function pollJob(s: StepWorld, job: JobState): Promise<void> {
  job.seen = done(job);
  const step = running(job);
  if (!step || ++job.polls < s.options.pollsPerStep) return;
  job.stepStarted = s.clock.ms();
  await finish(s, job, step);
}

async function finish(s: StepWorld, job: JobState, step: SandboxStep): Promise<void> {
  job.polls = 0;
  job.updated = s.now();
  if (job.failAt?.step === step.title) {
    step.status = "failed";
    step.result = job.failAt.result;
    return;
  }
  step.status = "success";
  await onStepSuccess(s, job, step);
  const next = job.steps.find((s) => s.status === "pending");
  if (!next) return;
  next.status = "in-progress";
  if (next.title === "mfa-challenge") next.challenge = challengeFor(job);
}

/** The step a job is working on, if any (none once it is done or failed). */
function current(job: JobState): SandboxStep | undefined {
  return job.steps.some((s) => s.status === "failed") ? undefined : job.steps.find((s) => s.status === "in-progress");
}

/** How many of a job's steps succeeded. */
const done = (job: JobState) => job.steps.filter((s) => s.status === "success").length;

/** The step time and polls may finish: not an MFA challenge, which waits for its answer. */
function running(job: JobState): SandboxStep | undefined {
  const step = current(job);
  return step?.title === "mfa-challenge" ? undefined : step;
}
