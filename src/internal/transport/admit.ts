// The limiter's side of an attempt: its gate before the send, and what a refusal tells it.
import type { Limiter, Permit } from "../../limiter.js";
import { discard } from "./body.js";
import type { CallState } from "./call.js";
import { correlationIdOf } from "./report.js";
import { parseRetryAfter } from "./retry-after.js";

/** Waits for the limiter's gate; its refusal (RateLimitError) or the caller's abort (as an Error) ends the call. */
export async function admit(limiter: Limiter, state: CallState): Promise<Permit> {
  // The caller's signal: a prepared Request's (or an unabortable call's) is never aborted while it waits here.
  const signal = state.caller;
  try {
    return await limiter.acquire(state.bucket, signal, state.limitDeadline, state.label);
  } catch (error) {
    throw asError(signal?.aborted ? signal.reason : error);
  }
}

/**
 * A refusal of the attempt that held `permit`: the limiter pauses the bucket for every caller (the
 * retry then waits in the limiter, not here), and it is reported. Throws the limiter's
 * RateLimitError when the call should fail now (a daily quota, or a wait longer than allowed).
 */
export async function refuse(state: CallState, permit: Permit, response: Response, attempt: number): Promise<void> {
  const limiter = state.limiter!;
  const status = response.status as 429 | 403;
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
  const correlationId = correlationIdOf(response);
  const { pauseMs, error } = await limiter.refused(permit, status, retryAfterMs, state.limitDeadline, { ...state.label, correlationId });
  state.report.rateLimited(attempt, status, pauseMs, retryAfterMs, permit.bucket, correlationId);
  if (error) {
    discard(response);
    throw error;
  }
}

/** `reason` as an Error (an abort reason may be any value). */
export function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
