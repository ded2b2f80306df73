// The SDK's error tree: one base class with the API error fields, subclasses where callers branch.

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

  constructor(message: string, fields: BasiqErrorFields = {}) {
    super(message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.status = fields.status;
    this.correlationId = fields.correlationId;
    this.errors = fields.errors ?? [];
    this.code = this.errors[0]?.code;
    this.method = fields.method;
    this.path = fields.path;
  }
}

/** A job step ended with status `failed` (see `basiq.waitForJob`). */
export class JobFailedError extends BasiqError {
  override name = "JobFailedError";
}

/** `basiq.waitForJob` ran past its deadline. */
export class JobTimeoutError extends BasiqError {
  override name = "JobTimeoutError";
}

/** A webhook failed verification (see `verifyWebhook`). */
export class WebhookVerificationError extends BasiqError {
  override name = "WebhookVerificationError";
}
