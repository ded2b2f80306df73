// The RateLimitErrors of waits in the limiter that would end past a call's deadline.
import { RateLimitError } from "../errors.js";
import type { AdmitResult } from "./limit-state.js";

/** What a call is, for the messages of the errors the limiter raises. */
export interface CallLabel {
  method: string;
  path: string;
}

/** The RateLimitError of a reservation that would end past the call's deadline: the server's pause, or the shared send rate. */
export function waitTooLong(call: CallLabel, result: AdmitResult, maxWaitMs: number): RateLimitError {
  if (result.pausedMs > 0) return pausedTooLong(call, result.waitMs, maxWaitMs, 429);
  return new RateLimitError(
    `${call.method} ${call.path}: the shared send rate has no slot for ${Math.ceil(result.waitMs / 1000)} s, past the call's rate-limit wait (maxRateLimitWaitMs ${maxWaitMs} ms)`,
    { status: 429, retryAfterMs: Math.round(result.waitMs), method: call.method, path: call.path },
  );
}

/** The RateLimitError of a server pause longer than the call may still wait. */
export function pausedTooLong(call: CallLabel, waitMs: number, maxWaitMs: number, status: 429 | 403, retryAfterMs?: number): RateLimitError {
  return new RateLimitError(
    `${call.method} ${call.path}: rate limited for ${Math.ceil(waitMs / 1000)} s more, longer than this call may still wait (maxRateLimitWaitMs ${maxWaitMs} ms across its attempts)`,
    { status, retryAfterMs: Math.round(retryAfterMs ?? waitMs), method: call.method, path: call.path },
  );
}
