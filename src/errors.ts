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
    this.correlationId = typeof fields.correlationId === "string" ? redactedText(fields.correlationId, MAX_CORRELATION_ID) : undefined;
    this.errors = (Array.isArray(fields.errors) ? fields.errors.slice(0, MAX_ERRORS) : []).map(redactDetail);
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
    this.job = redactedJob(fields.job);
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
    this.job = job === undefined ? undefined : redactedJob(job);
  }
}

/** A webhook failed verification (see `verifyWebhook`). */
export class WebhookVerificationError extends BasiqError {
  override name = "WebhookVerificationError";
}

/** Entries of a body's `data[]` kept in `errors` (Basiq sends one or a few; 100,000 cost seconds of redaction). */
const MAX_ERRORS = 20;
/** Longest text kept in an `errors[]` field (a 30 MB `detail` is not an explanation). */
const MAX_ERROR_FIELD = 1_000;
/** Longest correlation id kept (Basiq's are UUIDs). */
const MAX_CORRELATION_ID = 200;
/** Slack read past a cap before redacting, so a secret that straddles the cap is still found whole. */
const SECRET_SLACK = 8_192;

/** `text` redacted, then cut to `max` (redacted first: a cut secret would no longer match). */
function redactedText(text: string, max: number): string {
  const out = redact(text.length > max + SECRET_SLACK ? text.slice(0, max + SECRET_SLACK) : text);
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** A text field of a detail: a string, redacted and capped; anything else dropped. */
const field = (value: unknown) => (typeof value === "string" ? redactedText(value, MAX_ERROR_FIELD) : undefined);

/** An error detail with only its documented fields, each redacted and capped (an API may echo a credential into any). */
function redactDetail(detail: BasiqErrorDetail): BasiqErrorDetail {
  const out: BasiqErrorDetail = {};
  if (typeof detail !== "object" || detail === null) return out;
  const code = field(detail.code);
  const title = field(detail.title);
  const text = field(detail.detail);
  if (code !== undefined) out.code = code;
  if (title !== undefined) out.title = title;
  if (text !== undefined) out.detail = text;
  const source = detail.source as Record<string, unknown> | undefined;
  if (typeof source === "object" && source !== null) {
    const parameter = field(source.parameter);
    const pointer = field(source.pointer);
    out.source = {};
    if (parameter !== undefined) out.source.parameter = parameter;
    if (pointer !== undefined) out.source.pointer = pointer;
  }
  return out;
}

/** The job as the API sent it, or (when a string in it holds a secret the API echoed) a copy with those redacted. */
function redactedJob<T>(job: T): T {
  let text: string | undefined;
  try {
    text = JSON.stringify(job);
  } catch {
    return job;
  }
  if (text === undefined) return job;
  const clean = redact(text);
  return clean === text ? job : (JSON.parse(clean) as T);
}

/** The cause as it is, or (when its message holds a secret) a copy with the message redacted. */
function redactedCause(cause: unknown): unknown {
  if (typeof cause === "string") return redact(cause);
  if (!(cause instanceof Error) || cause instanceof BasiqError) return cause;
  const message = redact(cause.message);
  const inner = cause.cause === undefined ? undefined : redactedCause(cause.cause);
  if (message === cause.message && inner === cause.cause) return cause;
  const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
  copy.name = cause.name;
  return copy;
}
