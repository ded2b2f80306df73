// Types shared by many modules, in a leaf that imports only generated/ types: a module that needs
// one of them (errors.ts needs Job) then never depends on the module that uses it.
import type { core } from "../generated/index.js";

/**
 * A job as GET /jobs/{jobId} returns it: a connection job (statement uploads included) or a report
 * job, told apart by `jobType` ("connection" | "report"; openapi/overlays/core.overlay.yaml).
 */
export type Job = core.operations["getJobs"]["responses"][200]["content"]["application/json"];
/** A job step's title: `verify-credentials`, `mfa-challenge`, `retrieve-accounts`, ... (the specs' enum and examples). */
export type JobStepTitle = core.components["schemas"]["JobStepTitle"];
/** A job step's status: `pending`, `in-progress`, `success` or `failed`. */
export type JobStepStatus = core.components["schemas"]["JobStepStatus"];

/** The fetch signature openapi-fetch calls. */
export type FetchLike = (request: Request) => Promise<Response>;

/** Retry, timeout and size settings; per client, and per request on `init` (which wins). */
export interface RetryOptions {
  /** Retries after the first attempt: a whole number from 0 (no retrying) to 10; anything else is a BasiqError. @default 3 */
  maxRetries?: number;
  /**
   * Deadline of each attempt in ms, covering the response headers and the whole body: 1 to
   * 2_147_483_647 (about 24.8 days, the longest timer); anything else (Infinity, NaN, 0) is a
   * BasiqError. There is no "no timeout" value: pass 2_147_483_647. @default 60_000
   */
  timeoutMs?: number;
  /**
   * Also retry non-idempotent requests (POST) after a 5xx, a network error or a timeout. Only
   * for calls you know are safe to repeat: the first attempt may have been processed. @default false
   */
  retryNonIdempotent?: boolean;
  /** Largest response body accepted, in bytes (a whole number from 0 to Number.MAX_SAFE_INTEGER); a larger body fails with a BasiqError, unretried. @default 67_108_864 (64 MiB) */
  maxResponseBytes?: number;
}
