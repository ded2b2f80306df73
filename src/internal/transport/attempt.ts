// One attempt of a call: the limiter's gate, the send under a deadline (headers and body alike)
// with only same-origin redirects followed, the body read under a byte cap, and the outcome
// classified into the answer or a retry.
import { BasiqError } from "../../errors.js";
import type { Permit } from "../../limiter.js";
import { deadlineOn, type Deadline, withDeadline } from "../abort.js";
import { admit, asError, refuse } from "./admit.js";
import { BodyTooLarge, bufferResponse, discard } from "./body.js";
import { RETRY_COST, TIMEOUT_RETRY_COST } from "./budget.js";
import type { CallState } from "./call.js";
import { classify, isRateLimitRefusal, refusalRule } from "./classify.js";
import { sendFollowingSameOrigin } from "./redirect.js";
import { correlationIdOf } from "./report.js";
import { parseRetryAfter } from "./retry-after.js";

/** A retry an attempt asks for (its cost already taken from the call's retries). */
export interface Retry {
  /** The failed attempt's status; undefined after a network error or a timeout. */
  status: number | undefined;
  /** What failed, for the `retry` event: the status, "timeout" or "network error". */
  reason: string;
  /** The server's Retry-After, in ms. */
  retryAfterMs?: number;
  /** The limiter holds the next attempt (its pause, its rate): no wait of the call's own. */
  paced: boolean;
  /** The error to throw if the call ends before the retry (network error, timeout). */
  error?: BasiqError;
  /** Basiq's correlation id of the failed response, when it carried one. */
  correlationId?: string;
}

/** What an attempt ends with: the answer, or a retry. Anything final is thrown. */
export type Step = { response: Response } | { retry: Retry };

/** Attempt number `attempt` of the call `state` describes. */
export async function attempt(state: CallState, attempt: number): Promise<Step> {
  if (state.prepared?.signal.aborted) {
    // A deadline aborted the prepared signal (an earlier attempt's, or an earlier run's before a
    // 401 replay): from now on the attempts are made from a copy with no signal (the caller gave none).
    state.request = new Request(state.request, { signal: null });
    state.prepared = undefined;
  }
  const { request, settings, limiter } = state;
  const permit = limiter ? await admit(limiter, state) : undefined;
  // The bearer is asked for after the limiter's wait, not before: calls queued behind a refresh
  // (a revoked token, 500 calls waiting) send the fresh token, not the one current when they started.
  // The wait for it (a mint here, or another process's behind the store's mint lock) runs under
  // the attempt's own deadline, as the send does: the mint goes on for the other callers.
  // The first attempt of a prepared Request sends it as it is, its deadline on the signal it
  // already follows; any other attempt sends a copy on a signal of its own.
  const asIs = attempt === 1 && state.prepared !== undefined;
  const within = asIs ? deadlineOn(state.prepared!, settings.timeoutMs) : withDeadline(settings.timeoutMs, state.caller);
  try {
    if (state.bearer) {
      try {
        const authorization = `Bearer ${await state.bearer(within.signal)}`;
        request.headers.set("Authorization", authorization);
        // The auth wrapper reads the token sent from the Request it handed over.
        if (request !== state.given) state.given.headers.set("Authorization", authorization);
      } catch (error) {
        if (state.caller?.aborted || !within.passed()) throw error;
        throw new BasiqError(`${request.method} ${state.pathname} timed out after ${settings.timeoutMs} ms waiting for a token`, { method: request.method, path: state.pathname });
      }
    }
    state.report.request(attempt, permit?.waitedMs ?? 0);
    // Raced against the signal: undici has lost the abort while waiting for headers (see
    // sendFollowingSameOrigin for the other half of that fix).
    const response = await within.race(sendFollowingSameOrigin(state.fetchFn, request, within.signal, state, asIs));
    const { status } = response;
    const rule = refusalRule(status, state.tokenEndpoint);
    const decision = classify({ status, refusal: rule !== undefined && rule.body === undefined }, state.facts);
    const read = () => bufferResponse(response, within, settings.maxResponseBytes);
    if (decision === "pause") return await paused(state, permit!, response, attempt, read);
    if (decision === "retry" && state.retries.take(RETRY_COST)) {
      discard(response);
      return { retry: { status, reason: String(status), retryAfterMs: parseRetryAfter(response.headers.get("retry-after")), paced: false, correlationId: correlationIdOf(response) } };
    }
    const buffered = await read();
    // A refusal only its body tells apart (/token's 403 "Invalid request").
    if (permit && rule?.body && classify({ status, refusal: isRateLimitRefusal(status, state.tokenEndpoint, await textOf(buffered)) }, state.facts) === "pause") {
      return await paused(state, permit, buffered, attempt, async () => buffered);
    }
    if (permit) {
      limiter!.succeeded(permit);
      state.retries.answered(status);
    }
    state.report.response(attempt, buffered);
    return { response: buffered };
  } catch (error) {
    return failed(state, error, within);
  } finally {
    within.dispose();
    permit?.release();
  }
}

/** A refusal: told to the limiter; then a retry it paces, or (out of retries) the refusal as the answer. */
async function paused(state: CallState, permit: Permit, response: Response, attempt: number, read: () => Promise<Response>): Promise<Step> {
  await refuse(state, permit, response, attempt);
  if (state.retries.take(RETRY_COST)) {
    discard(response);
    return { retry: { status: response.status, reason: String(response.status), paced: true, correlationId: correlationIdOf(response) } };
  }
  // Out of retries: the refusal is the answer (ops turns it into a RateLimitError).
  return { response: await read() };
}

/** A thrown send or read: the caller's abort, a final error, or (when replayable) a retry. */
function failed(state: CallState, error: unknown, within: Deadline): Step {
  const { request, pathname, settings } = state;
  // The caller's abort is final and surfaces as the caller's reason, as fetch does.
  if (state.caller?.aborted) throw asError(state.caller.reason);
  const fields = { method: request.method, path: pathname };
  const label = `${request.method} ${pathname}`;
  // Not retried: the same request would get the same body.
  if (error instanceof BodyTooLarge) throw tooLarge(label, error, fields);
  // Our own refusals (a redirect to another origin, the limiter's RateLimitError) are final too.
  if (error instanceof BasiqError) throw error;
  const timedOut = within.passed();
  const failure = timedOut
    ? new BasiqError(`${label} timed out after ${settings.timeoutMs} ms`, fields)
    : new BasiqError(`${label} failed: ${describe(error)}`, { ...fields, cause: error });
  if (classify({ failure: timedOut ? "timeout" : "network" }, state.facts) !== "retry" || !state.retries.take(TIMEOUT_RETRY_COST)) throw failure;
  return { retry: { status: undefined, reason: timedOut ? "timeout" : "network error", paced: false, error: failure } };
}

/** The body's text, or "" when it cannot be read. */
async function textOf(response: Response): Promise<string> {
  try {
    return await response.clone().text();
  } catch {
    return "";
  }
}

/** The error for a body over maxResponseBytes. */
function tooLarge(label: string, error: BodyTooLarge, fields: { method: string; path: string }): BasiqError {
  const size = error.declared === undefined ? "" : ` (content-length ${error.declared})`;
  return new BasiqError(`${label} -> ${error.status} with a body over maxResponseBytes (${error.limit} bytes)${size}; refused`, { status: error.status, ...fields });
}

/** A short, secret-free description of a network failure (undici hides the reason in `cause`). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
