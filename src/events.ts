// What `basiq.on(type, listener)` reports about each attempt, and the log lines made from it.
// Events carry the method, the path template, statuses, timings and Basiq's correlation id:
// never a header, a query, a body, a credential or a token.
import { describeThrown, type LevelLogger } from "./internal/log.js";

/** Fields every event carries. */
interface EventBase {
  /** HTTP method. */
  method: string;
  /** Path template (e.g. `/users/{userId}`), or the path where no template is known. */
  path: string;
  /** Attempt number of the call, 1 for the first. */
  attempt: number;
  /** Ms since the call's first attempt began (waits included). */
  elapsedMs: number;
  /** Ms waited: before this attempt in the limiter (`request`), before the next attempt (`retry`), or the bucket's pause (`rate-limited`); 0 otherwise. */
  waitMs: number;
}

/** An attempt is about to be sent. */
export interface RequestEvent extends EventBase {
  type: "request";
}

/** An attempt was answered (any status), its body read. */
export interface ResponseEvent extends EventBase {
  type: "response";
  status: number;
  /** Basiq's correlation id (`x-correlation-id`), when sent. */
  correlationId: string | undefined;
}

/** An attempt failed and the call will try again after `waitMs`. */
export interface RetryEvent extends EventBase {
  type: "retry";
  /** Status of the failed attempt, or undefined after a network error or timeout. */
  status: number | undefined;
  /** What failed, in a few words (`"503"`, `"timeout"`, `"network error"`). */
  reason: string;
}

/** The server refused an attempt for its rate (429, or /token's 403 "Invalid request"). */
export interface RateLimitedEvent extends EventBase {
  type: "rate-limited";
  status: 429 | 403;
  /** `Retry-After` in ms, when the server sent one. */
  retryAfterMs: number | undefined;
  /** The limiter bucket that was paused: "api", "token" or "quota". */
  bucket: string;
  correlationId: string | undefined;
}

/** Every event by its type. */
export interface BasiqEventMap {
  request: RequestEvent;
  response: ResponseEvent;
  retry: RetryEvent;
  "rate-limited": RateLimitedEvent;
}

/** The type names of `basiq.on`. */
export type BasiqEventType = keyof BasiqEventMap;

/** A listener of one event type. */
export type BasiqListener<T extends BasiqEventType> = (event: BasiqEventMap[T]) => void;

/** The log level each event is written at. */
const LEVEL: { [T in BasiqEventType]: "debug" | "info" | "warn" } = {
  request: "debug",
  response: "debug",
  retry: "info",
  "rate-limited": "warn",
};

/** One line per event: no header, query or body goes in. */
function describe(event: BasiqEventMap[BasiqEventType]): string {
  const call = `${event.method} ${event.path}`;
  switch (event.type) {
    case "request":
      return `basiq: ${call} attempt ${event.attempt}${event.waitMs ? ` after ${event.waitMs} ms in the rate limiter` : ""}`;
    case "response":
      return `basiq: ${call} -> ${event.status} (attempt ${event.attempt}, ${event.elapsedMs} ms${event.correlationId ? `, correlationId ${event.correlationId}` : ""})`;
    case "retry":
      return `basiq: ${call} attempt ${event.attempt} failed (${event.reason}); retrying in ${event.waitMs} ms`;
    case "rate-limited":
      return `basiq: ${call} -> ${event.status} rate limited; ${event.bucket} requests paused for ${event.waitMs} ms${event.retryAfterMs === undefined ? "" : ` (Retry-After ${event.retryAfterMs} ms)`}`;
  }
}

/** The listeners and the logger of one client. */
export class Events {
  readonly #listeners = new Map<BasiqEventType, Set<(event: never) => void>>();
  readonly #log: LevelLogger;

  constructor(log: LevelLogger) {
    this.#log = log;
  }

  on<T extends BasiqEventType>(type: T, listener: BasiqListener<T>): void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener as (event: never) => void);
  }

  off<T extends BasiqEventType>(type: T, listener: BasiqListener<T>): void {
    this.#listeners.get(type)?.delete(listener as (event: never) => void);
  }

  /** True when an event of `type` would reach a listener or the log (build it only then). */
  wants(type: BasiqEventType): boolean {
    return (this.#listeners.get(type)?.size ?? 0) > 0 || this.#log.enabled(LEVEL[type]);
  }

  /**
   * Hands `event` to the log and every listener registered when the emit began (one added by a
   * listener runs from the next event on). Whatever a listener throws (an Error, Object.create(null),
   * an object whose toString throws) is logged, never rethrown: it cannot change the call's outcome.
   */
  emit<T extends BasiqEventType>(event: BasiqEventMap[T] & { type: T }): void {
    const level = LEVEL[event.type];
    if (this.#log.enabled(level)) this.#log[level](describe(event));
    const listeners = this.#listeners.get(event.type);
    if (!listeners || listeners.size === 0) return;
    for (const listener of [...listeners]) {
      try {
        (listener as BasiqListener<T>)(event);
      } catch (error) {
        this.#log.error(`basiq: a "${event.type}" listener threw: ${describeThrown(error)}`);
      }
    }
  }
}
