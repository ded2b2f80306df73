/**
 * basiq: a typed SDK for the Basiq open-banking API.
 * @packageDocumentation
 */

export { Basiq, type BasiqOptions } from "./client.js";
export type { RateLimitOptions } from "./limiter.js";
export type { Logger, LogLevel } from "./internal/log.js";
export type { BasiqEventMap, BasiqEventType, BasiqListener, RateLimitedEvent, RequestEvent, ResponseEvent, RetryEvent } from "./events.js";
export type { BasiqApi } from "./api.js";
export type { OperationId, OperationInit, OperationMethod, OperationResult, Operations, PdfOperationId, PdfOperationInit } from "./ops.js";
export type { RetryOptions } from "./types.js";
export { MemoryStore, type BasiqStore, type BucketRate, type TakeResult } from "./store.js";
export type { LinkPaginateInit, Page, PagedPath, PageItem, PaginateInit } from "./paginate.js";
export type { FollowInit, FollowResult, LinkOperationId } from "./follow.js";
export type { Job, JobProgress, JobStepStatus, JobStepTitle, MfaChallenge, WaitForJobOptions } from "./jobs.js";
export { jobResult, type JobLike, type JobLink, type JobResult } from "./job-result.js";
export { safeReturnPath } from "./return-path.js";
export { consentUrl, parseConsentRedirect, type ConsentAction, type ConsentRedirect, type ConsentUrlInput, type ConsentUrlOptions } from "./consent.js";
export { field, filter, type FieldConditions, type FilterCondition, type FilterField, type FilterValue } from "./filter.js";
export { signWebhook, verifyWebhook, type SignWebhookInput, type VerifyWebhookInput, type WebhookEvent, type WebhookEventType, type WebhookHeaders } from "./webhooks.js";
export {
  createWebhookHandler,
  DELIVERY_STATUS,
  type EventOf,
  type NodeRequestLike,
  type NodeResponseLike,
  type ReplayOptions,
  type ReplayResult,
  type WebhookContext,
  type WebhookErrorInfo,
  type WebhookEventHandler,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookHandlers,
  type WebhookOutcome,
} from "./webhook-handler/index.js";
export {
  BasiqError,
  RateLimitError,
  type BasiqErrorDetail,
  type BasiqErrorFields,
  JobFailedError,
  JobTimeoutError,
  WebhookVerificationError,
} from "./errors.js";

/**
 * Each spec's generated `paths`, `components` and `operations`, as openapi-typescript writes them.
 * @example `type Job = core.components["schemas"]["job"]`
 */
export type { affordability, core, data, enrich, identity, reporting, webhooks } from "../generated/index.js";
/** The `paths` and `operations` of all seven specs merged (they share no path). */
export type { operations, paths } from "../generated/index.js";
