// The per-request state of the transport, in one typed object: what basiq.api (or the token
// minter) says about a call, and what the transport derives from it once per call.
import type { Limiter } from "../../limiter.js";
import type { Bucket } from "../buckets.js";
import type { RetryOptions } from "../../types.js";
import type { Operation } from "../operations.js";
import type { CallRetries } from "./budget.js";
import type { CallFacts } from "./classify.js";
import type { Report } from "./report.js";

/** What the caller tells the transport about one call, beside its Request. */
export interface Call {
  /** The operation of the table (undefined for a path no spec declares): its policy flags. */
  readonly operation: Operation | undefined;
  /** The path template, for events (they never name ids from the URL). */
  readonly path: string;
  /** This call's own settings; each one set wins over the client's. */
  readonly options: RetryOptions;
  /**
   * The controller behind the Request's signal when basiq.api made the Request for the transport
   * to send as it is (bodyless, redirect "manual", no signal of the caller's): the first attempt
   * runs its deadline on it rather than on a copy of the Request. Undefined otherwise.
   */
  readonly prepared?: AbortController;
  /**
   * True when nobody can abort the call: its caller gave no signal, so the Request's signal is the
   * platform's own, which never aborts (no listener is put on it). @default false
   */
  readonly unabortable?: boolean;
}

/**
 * The fetch an attempt sends with: a user's `fetch` (a FetchLike: handed one Request that carries
 * the attempt's signal), or the platform's, which also takes the signal and redirect mode as
 * standard fetch `init` (then no copy of the Request is made to carry them: see
 * {@link CallState.platform}).
 */
export type SendFetch = (request: Request, init?: { signal: AbortSignal; redirect: "manual" }) => Promise<Response>;

/** Sends `request` as `call` through every stage; resolves the response with its body read. */
export type Transport = (request: Request, call: Call) => Promise<Response>;

/** Everything an attempt of one call needs, derived once per call. */
export interface CallState {
  readonly fetchFn: SendFetch;
  /**
   * True when `fetchFn` is the platform's fetch (no `fetch` option): an attempt hands it the
   * Request with its signal and redirect mode as `init`. A Request built with a signal costs a
   * listener, a WeakRef and a finalizer on the platform (undici): 169K-322K instructions per call
   * in two runs, openapi-fetch with and without a signal on its Request, over loopback (`node
   * scripts/bench/instructions.mjs --loopback openapi-fetch openapi-fetch-signal`). Those counts
   * included V8's optimizing compiler, the part that moves between runs; the script now gives the
   * count outside it too.
   */
  readonly platform: boolean;
  /** The Request the transport was handed. */
  readonly given: Request;
  /** The Request every attempt is made from: `given`, or its signal-free copy once a deadline aborted the prepared signal. */
  request: Request;
  /** The caller's signal (undefined when nobody can abort the call): its abort ends the call. */
  readonly caller: AbortSignal | undefined;
  /** See {@link Call.prepared}; dropped once its signal aborted. */
  prepared: AbortController | undefined;
  /** Method and path template, for events and the limiter's errors. */
  readonly label: { readonly method: string; readonly path: string };
  /** The request's origin (the only one redirects may lead to) and pathname (for the transport's own errors). */
  readonly origin: string;
  readonly pathname: string;
  readonly settings: Required<RetryOptions>;
  readonly facts: CallFacts;
  readonly tokenEndpoint: boolean;
  /** Asked for the bearer token of each attempt once the limiter let it go; undefined when the request carries its own Authorization. */
  readonly bearer: ((signal: AbortSignal) => Promise<string>) | undefined;
  readonly limiter: Limiter | undefined;
  readonly bucket: Bucket;
  /** When the call's waits in the limiter must end, across all its attempts (ms since the epoch). */
  readonly limitDeadline: number;
  readonly retries: CallRetries;
  readonly report: Report;
}

/** Far above any Basiq page or report; a body this large is a fault, not data. */
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** The client's settings when it sets none. */
export const RETRY_DEFAULTS: Required<RetryOptions> = {
  maxRetries: 3,
  timeoutMs: 60_000,
  retryNonIdempotent: false,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};

/**
 * The settings of `call`: its own, else the client's (`defaults`). A POST the overlays mark
 * idempotent (x-basiq-idempotent: refreshConnections, refreshConnection) defaults to
 * `retryNonIdempotent: true`; a caller's own `retryNonIdempotent` still wins.
 */
export function settingsOf(call: Call, defaults: Required<RetryOptions>): Required<RetryOptions> {
  const own = call.options;
  return {
    maxRetries: own.maxRetries ?? defaults.maxRetries,
    timeoutMs: own.timeoutMs ?? defaults.timeoutMs,
    retryNonIdempotent: own.retryNonIdempotent ?? (call.operation?.idempotent === true || defaults.retryNonIdempotent),
    maxResponseBytes: own.maxResponseBytes ?? defaults.maxResponseBytes,
  };
}
