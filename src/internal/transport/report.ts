// The events of one call (`basiq.on`): built only when a listener or the log wants them.
import type { Events } from "../../events.js";

/** The events of one call, timed from its start. */
export class Report {
  readonly #events: Events | undefined;
  readonly #call: { method: string; path: string };
  readonly #started = Date.now();

  constructor(events: Events | undefined, call: { method: string; path: string }) {
    this.#events = events;
    this.#call = call;
  }

  /** Attempt `attempt` is about to be sent, after `waitMs` in the limiter. */
  request(attempt: number, waitMs: number): void {
    if (this.#events?.wants("request")) this.#events.emit({ type: "request", ...this.#call, attempt, elapsedMs: this.#elapsed(), waitMs });
  }

  /** Attempt `attempt` was answered, its body read. */
  response(attempt: number, response: Response): void {
    if (this.#events?.wants("response")) {
      this.#events.emit({ type: "response", ...this.#call, attempt, status: response.status, elapsedMs: this.#elapsed(), waitMs: 0, correlationId: correlationIdOf(response) });
    }
  }

  /** Attempt `attempt` failed (`status`, or undefined after a network error or timeout); the next follows in `waitMs`. */
  retry(attempt: number, status: number | undefined, reason: string, waitMs: number): void {
    if (this.#events?.wants("retry")) this.#events.emit({ type: "retry", ...this.#call, attempt, status, reason, elapsedMs: this.#elapsed(), waitMs });
  }

  /** Attempt `attempt` was refused for its rate; `bucket` is paused for `pauseMs`. */
  rateLimited(attempt: number, status: 429 | 403, pauseMs: number, retryAfterMs: number | undefined, bucket: string, correlationId: string | undefined): void {
    if (this.#events?.wants("rate-limited")) {
      this.#events.emit({ type: "rate-limited", ...this.#call, attempt, status, elapsedMs: this.#elapsed(), waitMs: Math.round(pauseMs), retryAfterMs, bucket, correlationId });
    }
  }

  #elapsed(): number {
    return Date.now() - this.#started;
  }
}

/** Basiq's correlation id (`x-correlation-id`), when the response carries one. */
export function correlationIdOf(response: Response): string | undefined {
  return response.headers.get("x-correlation-id") ?? undefined;
}
