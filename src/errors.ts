// The SDK's error tree: one base class with the API error fields, subclasses where callers branch.
import { redact } from "./internal/redact.js";
import type { Job } from "./types.js";

/** One entry of a Basiq error body's `data[]`. */
export interface BasiqErrorDetail {
  code?: string;
  title?: string;
  detail?: string;
  source?: { parameter?: string; pointer?: string };
}

/** Fields a {@link BasiqError} may carry. */
export interface BasiqErrorFields {
  /** HTTP status of the response, when there was one. */
  status?: number;
  /** Basiq's `correlationId` (body or header): quote it to Basiq support. */
  correlationId?: string;
  /** The error body's `data[]` entries. */
  errors?: BasiqErrorDetail[];
  /** HTTP method of the failed call. */
  method?: string;
  /** Path (template where known) of the failed call. */
  path?: string;
  /** The underlying error (network failure, timeout, abort). */
  cause?: unknown;
  /** The wait the server asked for (`Retry-After`), in ms, when it gave one. */
  retryAfterMs?: number;
}

/**
 * Base class of every error the SDK throws. An API error carries `status`, `correlationId`,
 * `errors` and `code`; its message names the method, path, status and first code/detail.
 */
export class BasiqError extends Error {
  override name = "BasiqError";
  /** HTTP status, when the failure was a response. */
  readonly status: number | undefined;
  /** Basiq's correlation id, when the response carried one. */
  readonly correlationId: string | undefined;
  /** The body's `data[]` (empty when the body had none or was not JSON). */
  readonly errors: BasiqErrorDetail[];
  /** The first error's `code`, e.g. `"resource-not-found"`. */
  readonly code: string | undefined;
  /** HTTP method of the failed call, when there was one. */
  readonly method: string | undefined;
  /** Path of the failed call, when there was one. */
  readonly path: string | undefined;
  /** The wait the server asked for (`Retry-After`) in ms, when it gave one. */
  readonly retryAfterMs: number | undefined;

  // Message, errors[] and cause are redacted (the client's key and tokens, anything after
  // `Basic `/`Bearer `): an API that echoes a credential must not put it in a log.
  constructor(message: string, fields: BasiqErrorFields = {}) {
    super(redact(message), fields.cause === undefined ? undefined : { cause: redactedCause(fields.cause) });
    this.status = fields.status;
    this.correlationId = fields.correlationId;
    this.errors = (fields.errors ?? []).map(redactDetail);
    this.code = this.errors[0]?.code;
    this.method = fields.method;
    this.path = fields.path;
    this.retryAfterMs = fields.retryAfterMs;
  }
}

/**
 * A rate limit the call cannot wait out: a 429 (or `/token`'s 403 `Invalid request`) whose wait
 * exceeds `maxRateLimitWaitMs` or the call's own, or a daily quota that answered 429, or a 429
 * that outlived the call's retries. `retryAfterMs` says how long the wait would have been, when known.
 */
export class RateLimitError extends BasiqError {
  override name = "RateLimitError";
  declare readonly status: 429 | 403;

  constructor(message: string, fields: BasiqErrorFields & { status: 429 | 403 }) {
    super(message, fields);
  }
}

/** A job step ended with status `failed` (see `basiq.waitForJob`); `code` is the step's result code. */
export class JobFailedError extends BasiqError {
  override name = "JobFailedError";
  /** The job as last polled. */
  readonly job: Job;
  /** Title of the failed step, e.g. `"verify-credentials"`. */
  readonly step: string | undefined;
  /** The step result's title. */
  readonly title: string | undefined;
  /** The step result's detail. */
  readonly detail: string | undefined;

  constructor(message: string, fields: { job: Job; step?: string; code?: string; title?: string; detail?: string }) {
    super(message, { errors: [{ code: fields.code, title: fields.title, detail: fields.detail }] });
    this.job = fields.job;
    this.step = fields.step;
    this.title = this.errors[0]!.title;
    this.detail = this.errors[0]!.detail;
  }
}

/** `basiq.waitForJob` ran past its deadline. */
export class JobTimeoutError extends BasiqError {
  override name = "JobTimeoutError";
  /** The last job seen (undefined when no poll answered before the deadline). */
  readonly job: Job | undefined;

  constructor(message: string, job: Job | undefined) {
    super(message);
    this.job = job;
  }
}

/** A webhook failed verification (see `verifyWebhook`). */
export class WebhookVerificationError extends BasiqError {
  override name = "WebhookVerificationError";
}

/** An error detail with its text fields redacted. */
function redactDetail(detail: BasiqErrorDetail): BasiqErrorDetail {
  const out = { ...detail };
  if (typeof out.title === "string") out.title = redact(out.title);
  if (typeof out.detail === "string") out.detail = redact(out.detail);
  return out;
}

/** The cause as it is, or (when its message holds a secret) a copy with the message redacted. */
function redactedCause(cause: unknown): unknown {
  if (!(cause instanceof Error) || cause instanceof BasiqError) return cause;
  const message = redact(cause.message);
  const inner = cause.cause === undefined ? undefined : redactedCause(cause.cause);
  if (message === cause.message && inner === cause.cause) return cause;
  const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
  copy.name = cause.name;
  return copy;
}
