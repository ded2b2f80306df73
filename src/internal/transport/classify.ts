// What the outcome of one attempt means for the next: a pure function over the status (or the kind
// of failure) and two facts about the call, with its policy in tables a reader can check.

/** What to do after an attempt. */
export type Decision =
  | "accept" // the response is the answer (whatever its status)
  | "retry" // transient: wait (backoff or Retry-After) and send again, if a retry is left
  | "pause" // refused for its rate: the limiter pauses the bucket for every caller; the retry waits there
  | "fail"; // the error is the answer

/** Which calls a status is retried for. */
type RetryRule = "always" | "replayable";

/** Statuses after which the same request may succeed. */
const RETRY_STATUSES = new Map<number, RetryRule>([
  [429, "always"], // rate limited: refused, not processed, so safe to replay for every method
  [500, "replayable"], // server error: the request may have been processed
  [502, "replayable"], // bad gateway
  [503, "replayable"], // unavailable
  [504, "replayable"], // gateway timeout
]);

/** Methods whose repetition has no further effect (RFC 9110 §9.2.2), safe to retry after any failure. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/**
 * Answers that mean "refused for its rate, not processed": the one rule, used by the transport
 * (pause and retry) and by the errors (RateLimitError).
 */
const REFUSALS: ReadonlyArray<{ status: number; tokenEndpointOnly?: true; body?: RegExp }> = [
  { status: 429 }, // Too Many Requests, on every endpoint
  // Basiq's answer to too many token calls from one IP ("Rate limits" in its docs); any other 403 is an answer.
  { status: 403, tokenEndpointOnly: true, body: /invalid request/i },
];

/** The refusal rule for `status` at this endpoint: `body` set when only the body can tell. */
export function refusalRule(status: number, tokenEndpoint: boolean): { body?: RegExp } | undefined {
  for (const rule of REFUSALS) if (rule.status === status && (!rule.tokenEndpointOnly || tokenEndpoint)) return rule;
  return undefined;
}

/** True when a response with `status` (and, where the rule needs it, `body`) is a rate-limit refusal. */
export function isRateLimitRefusal(status: number, tokenEndpoint: boolean, body = ""): status is 429 | 403 {
  const rule = refusalRule(status, tokenEndpoint);
  return rule !== undefined && (rule.body === undefined || rule.body.test(body));
}

/** May the call be sent again after a failure that might have been processed (a 5xx, a timeout)? */
export function isReplayable(method: string, retryNonIdempotent: boolean, tokenEndpoint: boolean): boolean {
  // POST /token only mints a token: repeating it has no effect beyond a fresh token.
  return IDEMPOTENT_METHODS.has(method) || retryNonIdempotent || tokenEndpoint;
}

/** What an attempt ended with: a response (`refusal` by {@link isRateLimitRefusal}), or a failure. */
export type Outcome = { status: number; refusal: boolean } | { failure: "timeout" | "network" };

/** The facts about a call its outcome is judged by. */
export interface CallFacts {
  /** A limiter gates the call (not `rateLimit: false`): refusals go to it. */
  limited: boolean;
  /** See {@link isReplayable}. */
  replayable: boolean;
}

/** The decision for `outcome`. A "retry" still needs a retry left (see CallRetries). */
export function classify(outcome: Outcome, facts: CallFacts): Decision {
  // A timeout or a network error: the request may have been processed.
  if ("failure" in outcome) return facts.replayable ? "retry" : "fail";
  if (outcome.refusal && facts.limited) return "pause";
  const rule = RETRY_STATUSES.get(outcome.status);
  return rule === "always" || (rule === "replayable" && facts.replayable) ? "retry" : "accept";
}

/**
 * A response that refused the bearer token: 401, or the 403 `Token has expired` Basiq sends on most
 * endpoints (its docs' HTTP error tables) and means the same; refresh the token and replay once.
 * Any other 403 (`Access to this resource is forbidden.`) is an answer. `body` is read only for a 403.
 */
export async function refusesToken(status: number, body: () => Promise<string>): Promise<boolean> {
  if (status === 401) return true;
  if (status !== 403) return false;
  try {
    const parsed = JSON.parse(await body()) as { data?: Array<{ detail?: unknown }> };
    return Array.isArray(parsed?.data) && parsed.data.some((entry) => /^token has expired\.?$/i.test(String(entry?.detail ?? "").trim()));
  } catch {
    return false;
  }
}
