// The sandbox's core response bodies (tokens, users, jobs, errors), each checked against the
// generated schemas with `satisfies`, so a spec change that breaks the sandbox's shape fails the
// type check loudly. Data, reporting, summaries and webhooks bodies live in their own files.
import type { core, reporting } from "../../generated/index.js";

type CoreSchemas = core.components["schemas"];

/** Links in responses point at production, as Basiq's do; the client never follows their origin. */
export const PRODUCTION = "https://au-api.basiq.io";

/** A small deterministic PRNG (mulberry32), so a seed always yields the same data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


export interface SandboxUser {
  id: string;
  email: string;
  mobile: string;
  firstName: string;
  middleName: string;
  lastName: string;
}

export const tokenBody = (token: string, expiresIn: number) =>
  ({ access_token: token, token_type: "Bearer", expires_in: expiresIn }) satisfies CoreSchemas["TokenPostResponse"];

export const createdUser = (user: SandboxUser) =>
  ({
    type: "user", id: user.id, email: user.email, mobile: user.mobile, firstName: user.firstName, middleName: user.middleName, lastName: user.lastName,
    links: { self: `${PRODUCTION}/users/${user.id}` },
  }) satisfies CoreSchemas["UserPostResponse"];

export const userBody = (user: SandboxUser, connectionIds: string[], accountIds: string[]) => {
  // The spec requires links.auth_link without declaring it, so the links are built outside the check.
  const links = {
    self: `${PRODUCTION}/users/${user.id}`, accounts: `${PRODUCTION}/users/${user.id}/accounts`, auth_link: `${PRODUCTION}/users/${user.id}/auth_link`,
    connections: `${PRODUCTION}/users/${user.id}/connections`, transactions: `${PRODUCTION}/users/${user.id}/transactions`,
  };
  return {
    type: "user", id: user.id, email: user.email, mobile: user.mobile,
    name: [user.firstName, user.middleName, user.lastName].filter(Boolean).join(" "), firstName: user.firstName, middleName: user.middleName, lastName: user.lastName,
    connections: { type: "list", count: connectionIds.length, data: connectionIds.map((id) => ({ type: "connection", id, links: { self: `${PRODUCTION}/users/${user.id}/connections/${id}` } })) },
    accounts: { type: "list", count: accountIds.length, data: accountIds.map((id) => ({ type: "account", id, links: { self: `${PRODUCTION}/users/${user.id}/accounts/${id}` } })) },
    links,
  } satisfies CoreSchemas["UserGetResponse"];
};

export interface SandboxStep {
  title: "verify-credentials" | "mfa-challenge" | "retrieve-accounts" | "retrieve-transactions" | "retrieve-statements" | "create-report";
  status: "pending" | "in-progress" | "success" | "failed";
  result: { code: string; title: string; detail: string } | null;
  /** What the step made, once it succeeded (its result link). */
  url?: string;
  /** What an in-progress `mfa-challenge` step asks (its result while it waits for the answer). */
  challenge?: MfaChallengeBody;
}

/** The result of an `mfa-challenge` step waiting for the user's answer (Basiq docs: MFA support for DDC connectors). */
export interface MfaChallengeBody {
  type: "mfa";
  method: string;
  description: string;
  input: string[];
  expiryMs: number;
  links: { response: string };
}

export interface SandboxJob {
  id: string;
  userId: string;
  /** A consent or refresh ("connection"), an uploaded statement ("statement"), or a report. */
  kind: "connection" | "statement" | "report";
  created: string;
  updated: string;
  institutionId: string;
  steps: SandboxStep[];
  /** What the job points at when done (`links.source`). */
  source?: string;
}

/**
 * A failed step's result. The spec's JobsResult names `details` and an enum of codes; the code is
 * whatever `failNextJob` was given (Basiq's own, such as invalid-credentials, are not all in that enum).
 */
const failure = (r: { code: string; title: string; detail: string }): CoreSchemas["JobsResult"] =>
  ({ type: "error", code: r.code as CoreSchemas["JobsResult"]["code"], title: r.title, details: r.detail });

/** An MFA challenge as a JobsData step result (GET /users/{userId}/jobs): JobsResult has no challenge fields, so it is passed as a value, not a literal. */
const mfaResult = (challenge: MfaChallengeBody): { type: string } => challenge;

/** A connection or statement job as Basiq lists it (`JobsData`: the shape with an institution). */
export const connectionJobBody = (job: SandboxJob) =>
  ({
    type: "job", id: job.id, created: job.created, updated: job.updated,
    institution: { id: job.institutionId, type: "institution", links: { self: `${PRODUCTION}/institutions/${job.institutionId}` } },
    steps: job.steps.map((s) => ({
      title: s.title as CoreSchemas["JobsStep"]["title"], status: s.status,
      result: s.result ? failure(s.result) : s.status === "in-progress" && s.challenge ? mfaResult(s.challenge) : s.status === "success" && s.url ? { type: "link", url: s.url } : {},
    })),
    links: { self: `${PRODUCTION}/jobs/${job.id}`, source: job.source },
  }) satisfies CoreSchemas["JobsData"];

/** A job's overall status from its steps: failed once one failed, success once all succeeded, else in-progress. */
const jobStatus = (job: SandboxJob) =>
  job.steps.some((s) => s.status === "failed") ? "failed" : job.steps.every((s) => s.status === "success") ? "success" : "in-progress";

/** The partner and application every job of a sandbox belongs to (the real API fills both with the caller's ids). */
export interface JobOwner {
  partnerId: string;
  applicationId: string;
}

/** A job as GET /jobs/{jobId} returns it: a connection or statement job (jobType "connection"), or a report job. */
export function jobBody(job: SandboxJob, owner: JobOwner) {
  const status = jobStatus(job);
  if (job.kind === "report") {
    return {
      type: "job", id: job.id, ...owner, status, created: job.created, updated: job.updated, jobType: "report",
      // As the spec's Report-* examples: a report step's result is null until it succeeds.
      steps: job.steps.map((s) => ({ title: s.title, status: s.status, result: s.status === "success" ? { type: "link", url: s.url ?? job.source } : null })),
      links: { self: `${PRODUCTION}/jobs/${job.id}`, source: job.source },
    } satisfies CoreSchemas["ReportsJob"];
  }
  return {
    type: "job", id: job.id, ...owner, status, created: job.created, updated: job.updated, jobType: "connection",
    steps: job.steps.map((s) => ({
      title: s.title, status: s.status,
      result: s.result ? { type: "error", ...s.result } : s.status === "in-progress" && s.challenge ? { ...s.challenge } : s.status === "success" && s.url ? { type: "link", url: s.url } : null,
    })),
    links: { self: `${PRODUCTION}/jobs/${job.id}`, source: job.source },
  } satisfies CoreSchemas["job"];
}

/** The 202 body of a call that starts a job (refresh, report, statement, MFA answer). */
export const jobStarted = (jobId: string) =>
  ({ type: "job", id: jobId, links: { self: `${PRODUCTION}/jobs/${jobId}` } }) satisfies reporting.components["schemas"]["job"] & CoreSchemas["ConnectionResponseResource"];

/** Error bodies, in Basiq's shape. */
export const errorBody = (code: string, title: string, detail: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code, title, detail }] }) satisfies CoreSchemas["Error"];
export const notFoundBody = (detail: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code: "resource-not-found", title: "Resource not found", detail }] }) satisfies CoreSchemas["NotFoundError"];
export const unauthorizedBody = (detail: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code: "unauthorized-access", title: "Unauthorized Access", detail }] }) satisfies CoreSchemas["UnauthorizedError"];
/** 403 as Basiq answers a token that may not make the call (or has expired: detail "Token has expired"). */
export const forbiddenBody = (detail: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code: "forbidden-access", title: "Forbidden Access", detail, source: {} }] }) satisfies CoreSchemas["ForbiddenAccessError"];

/**
 * The body of a scripted fault: the error Basiq answers with that status (the code its specs
 * declare for it), so a client's handling of a 401 or a 404 meets the body it would meet.
 */
export function faultBody(status: number, correlationId: string) {
  const detail = `The sandbox answered ${status} as scripted`;
  if (status === 400) return badRequestBody(detail, "scripted", correlationId);
  if (status === 401) return unauthorizedBody(detail, correlationId);
  if (status === 403) return forbiddenBody(detail, correlationId);
  if (status === 404) return notFoundBody(detail, correlationId);
  if (status === 429) return errorBody("rate-limited", "Too many requests", detail, correlationId);
  if (status === 500) return errorBody("internal-server-error", "Internal Server Error", detail, correlationId);
  return errorBody("service-unavailable", "Service Unavailable", detail, correlationId);
}
export const badRequestBody = (detail: string, parameter: string, correlationId: string) =>
  ({ type: "list", correlationId, data: [{ type: "error", code: "parameter-not-valid", title: "Parameter not valid", detail, source: { parameter } }] }) satisfies CoreSchemas["BadRequestError"];
