// How each outcome of a delivery is answered. Basiq (Svix's schedule) redelivers on any non-2xx, so
// 2xx means "never send this again" and is given only when the message is handled or needs no handler.
import type { Outcome } from "./types.js";

/** The HTTP status of each outcome. */
export const DELIVERY_STATUS: Record<Outcome, number> = {
  processed: 200, // handled: done
  duplicate: 200, // handled before: done, not run again
  ignored: 200, // no handler for the type: acknowledged, so Basiq does not retry it for 28 h
  invalid: 400, // malformed headers or payload: nothing run
  unauthorized: 401, // forged or stale: nothing run
  method: 405, // only POST carries a delivery
  "slow-body": 408, // the body did not arrive in time
  "too-large": 413, // over maxBodyBytes, not read
  failed: 500, // the handler threw: redelivered later, runs again
  misconfigured: 500, // a JSON parser ran first (the raw body is gone): fix the route, then redeliveries verify
  busy: 409, // another delivery of this id is running or failed: redelivered later
  timeout: 503, // the handler ran past its deadline: redelivered later (a late success still marks it done)
  unavailable: 503, // the store did not answer: nothing run, redelivered later
};

/** Seconds a retryable answer suggests waiting (Retry-After); Basiq's own schedule decides in the end. */
const RETRY_AFTER_SEC: Partial<Record<Outcome, number>> = { busy: 5, timeout: 5, unavailable: 5 };

/** What a response says for an outcome: a short, secret-free reason (never a handler's error message). */
const REASON: Record<Outcome, string> = {
  processed: "processed",
  duplicate: "already processed: not run again",
  ignored: "no handler for this event type",
  invalid: "not a valid webhook delivery",
  unauthorized: "webhook verification failed",
  method: "webhooks are delivered by POST",
  "slow-body": "the body did not arrive in time",
  "too-large": "the body is over the size limit",
  failed: "the handler failed; it runs again on redelivery",
  misconfigured: "the request body was parsed before the webhook handler saw it",
  busy: "another delivery of this message is being handled; retry later",
  timeout: "the handler ran past its deadline; retry later",
  unavailable: "the store of processed messages did not answer; retry later",
};

/** The status, headers and JSON body of an outcome (`detail` replaces the reason where it helps the sender, e.g. which header is missing). */
export function answer(outcome: Outcome, detail?: string): { status: number; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const retryAfter = RETRY_AFTER_SEC[outcome];
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  return { status: DELIVERY_STATUS[outcome], headers, body: JSON.stringify({ outcome, message: detail ?? REASON[outcome] }) };
}
