// The generated operation table by method and path template: where the transport, the errors and
// auth read the policy the overlays set (openapi/overlays/: x-basiq-idempotent, x-basiq-token-endpoint,
// x-basiq-daily-quota), so no path string decides policy in src/.
import { operationTable } from "../../generated/operations.js";

/** What src/ reads of an operation table row. */
export interface Operation {
  readonly method: string;
  /** The path template, e.g. "/users/{userId}/accounts". */
  readonly path: string;
  /** The success response declares no body. */
  readonly empty?: boolean;
  /** A POST safe to repeat: retried after a 5xx, a network error or a timeout like a GET. */
  readonly idempotent?: boolean;
  /** POST /token: API-key auth, its own rate-limit bucket, its 403 "Invalid request" refusal. */
  readonly tokenEndpoint?: boolean;
  /** Counted against a daily quota: a 429 fails the call at once. */
  readonly dailyQuota?: boolean;
}

const BY_ROUTE = new Map<string, Operation>(Object.values(operationTable).map((op: Operation) => [`${op.method} ${op.path}`, op]));

/** The operation at `method` (upper case) and path template `path`; undefined for a path no spec declares. */
export function operationAt(method: string, path: string): Operation | undefined {
  return BY_ROUTE.get(`${method} ${path}`);
}

/** The token endpoint (the one row the core overlay flags x-basiq-token-endpoint). */
export const TOKEN_ENDPOINT: Operation = Object.values(operationTable).find((op: Operation) => op.tokenEndpoint === true)!;
