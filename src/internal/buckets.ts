// The limiter's buckets: which one a call's limit lives in (from the operation table's flags).
import type { Operation } from "./operations.js";

/**
 * Where a request's limit lives. Basiq documents /token apart (1,500 calls per 5 minutes per IP)
 * and daily quotas on generating reports and affordability/income/expense summaries.
 */
export type Bucket = "token" | "quota" | "api";

/** The bucket of an operation, by the overlays' flags (x-basiq-token-endpoint, x-basiq-daily-quota). */
export function bucketOf(operation: Operation | undefined): Bucket {
  if (operation?.tokenEndpoint) return "token";
  if (operation?.dailyQuota) return "quota";
  return "api";
}
