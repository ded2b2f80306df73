// The events of one call (`basiq.on`): built only when a listener or the log wants them; and what
// instrumentations (basiq/otel) are told about the call and each attempt.
import type { Events } from "../../events.js";
import { redact } from "../redact.js";
import type { AttemptObserver, CallObserver, Outcome } from "../telemetry.js";

/** The events of one call, timed from its start. */
export class Report {
  readonly #events: Events | undefined;
  readonly #call: { method: string; path: string };
  readonly #started = Date.now();
  readonly #observer: CallObserver | undefined;
  #attempt: AttemptObserver | undefined;
  #attempts = 0;
  #waitedMs = 0;

  constructor(events: Events | undefined, call: { method: string; path: string }, observer?: CallObserver) {
    this.#events = events;
    this.#call = call;
    this.#observer = observer;
  }

  /** Attempt `attempt` is about to be sent, after `waitMs` in the limiter. */
  request(attempt: number, waitMs: number): void {
    if (this.#observer) {
      this.#attempts = attempt;
      this.#waitedMs += waitMs;
      this.#attempt = this.#observer.attempt({ attempt, rateLimitWaitMs: waitMs });
    }
    if (this.#events?.wants("request")) this.#events.emit({ type: "request", ...this.#call, attempt, elapsedMs: this.#elapsed(), waitMs });
  }

  /** Attempt `attempt` was answered, its body read. */
  response(attempt: number, response: Response): void {
    if (this.#attempt) this.#endAttempt(outcomeOf(response));
    if (this.#events?.wants("response")) {
      this.#events.emit({ type: "response", ...this.#call, attempt, status: response.status, elapsedMs: this.#elapsed(), waitMs: 0, correlationId: correlationIdOf(response) });
    }
  }

  /** Attempt `attempt` failed (`status`, or undefined after a network error or timeout); the next follows in `waitMs`. */
  retry(attempt: number, status: number | undefined, reason: string, waitMs: number, correlationId?: string): void {
    this.#endAttempt({ status, errorType: reason, ...(correlationId ? { correlationId: redact(correlationId) } : {}) });
    if (this.#events?.wants("retry")) this.#events.emit({ type: "retry", ...this.#call, attempt, status, reason, elapsedMs: this.#elapsed(), waitMs });
  }

  /** Attempt `attempt` was refused for its rate; `bucket` is paused for `pauseMs`. */
  rateLimited(attempt: number, status: 429 | 403, pauseMs: number, retryAfterMs: number | undefined, bucket: string, correlationId: string | undefined): void {
    if (this.#events?.wants("rate-limited")) {
      this.#events.emit({ type: "rate-limited", ...this.#call, attempt, status, elapsedMs: this.#elapsed(), waitMs: Math.round(pauseMs), retryAfterMs, bucket, correlationId });
    }
  }

  /** The call's answer (any status): ends its attempt (if still open) and the call, for instrumentations. */
  answered(response: Response): void {
    if (!this.#observer) return;
    const outcome = outcomeOf(response);
    this.#endAttempt(outcome);
    this.#observer.end({ ...outcome, attempts: this.#attempts, rateLimitWaitMs: this.#waitedMs });
  }

  /** The call failed with `error` (thrown to the caller): ends its attempt and the call, for instrumentations. */
  failed(error: unknown): void {
    if (!this.#observer) return;
    const errorType = errorTypeOf(error);
    this.#endAttempt({ errorType });
    this.#observer.end({ errorType, attempts: this.#attempts, rateLimitWaitMs: this.#waitedMs });
  }

  #endAttempt(outcome: Outcome): void {
    this.#attempt?.end(outcome);
    this.#attempt = undefined;
  }

  #elapsed(): number {
    return Date.now() - this.#started;
  }
}

/** Basiq's correlation id (`x-correlation-id`), when the response carries one. */
export function correlationIdOf(response: Response): string | undefined {
  const id = response.headers.get("x-correlation-id");
  // The server's text: redacted (an API may echo the Authorization header into it) and capped.
  return id === null ? undefined : redact(id.slice(0, 200));
}

/** A response's outcome for instrumentations: its status, its redacted correlation id, and the status as the error type from 400 on. */
function outcomeOf(response: Response): Outcome {
  const correlationId = correlationIdOf(response);
  return {
    status: response.status,
    ...(correlationId ? { correlationId: redact(correlationId) } : {}),
    ...(response.status >= 400 ? { errorType: String(response.status) } : {}),
  };
}

/** A failure's type for instrumentations: the error's name, or "timeout" (never its message, which may quote a server). */
function errorTypeOf(error: unknown): string {
  if (error instanceof Error && error.name === "BasiqError" && / timed out after /.test(error.message)) return "timeout";
  return error instanceof Error ? error.name : "Error";
}
