// The seam between the transport and an instrumentation (basiq/otel): what a client tells its
// observers about each call and each attempt. A leaf (imports nothing). Every value handed over is
// already safe to record: the method, the path template, the origin's host and port, statuses,
// Basiq's correlation id (redacted), waits and an error's type; never a header, a query, a body, a
// credential or a token. An observer that throws never changes a call's outcome.

/**
 * The method a client has for attaching observers (`client[TELEMETRY](observer)` returns the
 * remover). A registered symbol: basiq/otel is bundled apart from the main entry, and both must
 * name the same key.
 */
export const TELEMETRY: unique symbol = Symbol.for("basiq.telemetry") as never;

/** A call as it starts (before any wait in the rate limiter). */
export interface CallStart {
  method: string;
  /** Path template, e.g. `/users/{userId}` (never the ids). */
  path: string;
  /** Host of the client's baseUrl. */
  host: string;
  /** Port of the client's baseUrl (443 or 80 when the URL names none). */
  port: number;
}

/** An attempt as it is sent (after the rate limiter let it through). */
export interface AttemptStart {
  /** 1 for the first attempt. */
  attempt: number;
  /** Ms this attempt waited in the rate limiter (pause, pacing, concurrency). */
  rateLimitWaitMs: number;
}

/** How an attempt, or a whole call, ended. */
export interface Outcome {
  /** The response's status, when there was a response. */
  status?: number;
  /** Basiq's correlation id (`x-correlation-id`), redacted, when the response carried one. */
  correlationId?: string;
  /** Why it failed, when it did: the status as text (`"503"`), `"timeout"`, `"network error"`, or an error's name. */
  errorType?: string;
}

/** The end of a call: its outcome and totals across attempts. */
export interface CallEnd extends Outcome {
  /** Attempts sent (0 when none was: a rate limit or an abort ended the call first). */
  attempts: number;
  /** Ms the call waited in the rate limiter across its attempts. */
  rateLimitWaitMs: number;
}

/** Watches one attempt. */
export interface AttemptObserver {
  end(outcome: Outcome): void;
}

/** Watches one call: each attempt, then its end. */
export interface CallObserver {
  attempt(start: AttemptStart): AttemptObserver;
  end(end: CallEnd): void;
}

/** An instrumentation: asked about every call as it starts (synchronously, in the caller's async context). */
export interface Telemetry {
  call(start: CallStart): CallObserver;
}

/** The observers of one client; `call` is undefined-cheap when there are none. */
export class Observers {
  readonly #all = new Set<Telemetry>();

  /** Adds `telemetry`; returns the function that removes it. */
  add(telemetry: Telemetry): () => void {
    this.#all.add(telemetry);
    return () => {
      this.#all.delete(telemetry);
    };
  }

  /** One observer for the call `describe` gives over every instrumentation, or undefined when there is none (then `describe` is not run). */
  call(describe: () => CallStart): CallObserver | undefined {
    if (this.#all.size === 0) return undefined;
    const start = describe();
    const calls: CallObserver[] = [];
    for (const telemetry of this.#all) {
      const call = quietly(() => telemetry.call(start));
      if (call) calls.push(call);
    }
    return {
      attempt(attemptStart) {
        const attempts = calls.map((call) => quietly(() => call.attempt(attemptStart)));
        return { end: (outcome) => attempts.forEach((a) => quietly(() => a?.end(outcome))) };
      },
      end: (callEnd) => calls.forEach((call) => quietly(() => call.end(callEnd))),
    };
  }
}

/** Runs `fn`; an observer's failure is dropped (it must never change the call). */
function quietly<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
