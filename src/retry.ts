// The fetch layer under basiq.api: each call runs attempts (src/internal/transport/attempt.ts:
// the limiter's gate, a deadline over headers and body, same-origin redirects, a byte cap) until
// one gives the answer, waiting between them as the retry policy says. A POST that may have been
// processed is never silently repeated (src/internal/transport/classify.ts).
import type { Events } from "./events.js";
import { abortedOr } from "./internal/abort.js";
import { bucketOf } from "./internal/buckets.js";
import { delay } from "./internal/delay.js";
import { attempt } from "./internal/transport/attempt.js";
import { waitBeforeRetry } from "./internal/transport/backoff.js";
import { CallRetries } from "./internal/transport/budget.js";
import { type CallState, type SendFetch, type Transport, settingsOf } from "./internal/transport/call.js";
import { isReplayable } from "./internal/transport/classify.js";
import { Report } from "./internal/transport/report.js";
import type { Observers } from "./internal/telemetry.js";
import type { Limiter } from "./limiter.js";
import type { RetryOptions } from "./types.js";

/** What the transport reports to and asks of the client: its limiter (none with `rateLimit: false`), events and instrumentations. */
export interface TransportHooks {
  limiter?: Limiter;
  events?: Events;
  /** Instrumentations (basiq/otel), told about every call and attempt. */
  observers?: Observers;
  /** True when the fetch is the platform's (no `fetch` option), which takes `init` (see CallState.platform). @default false */
  platform?: boolean;
  /** The bearer token for an attempt, asked once the limiter let it go (so a call queued behind a refresh sends the fresh token). */
  bearer?: (signal: AbortSignal) => Promise<string>;
}

/**
 * The transport over `fetchFn`. Each attempt sends a copy of the Request (a clone when there is a
 * body), so the caller's Request stays intact for the next attempt and for a 401 replay.
 * Resolves a Response whose body is already read in full; a retryable status that outlives its
 * retries is returned as a Response, network errors and timeouts reject with a BasiqError.
 */
export function createTransport(fetchFn: SendFetch, defaults: Required<RetryOptions>, hooks: TransportHooks = {}): Transport {
  const { observers } = hooks;
  const send = async (state: CallState): Promise<Response> => {
    const signal = state.caller;
    // Bounded: a retry step takes one of the call's retries (at most maxRetries, see CallRetries).
    for (let n = 1; ; n++) {
      const step = await attempt(state, n);
      if ("response" in step) return step.response;
      const { retry } = step;
      if (signal?.aborted) throw retry.error ?? signal.reason;
      const waitMs = retry.paced ? 0 : waitBeforeRetry(n - 1, retry.retryAfterMs);
      state.report.retry(n, retry.status, retry.reason, waitMs, retry.correlationId);
      await delay(waitMs, signal);
    }
  };
  return async (request, call) => {
    const state = callState(fetchFn, request, call, defaults, hooks);
    if (!observers) return send(state);
    try {
      const response = await send(state);
      state.report.answered(response);
      return response;
    } catch (error) {
      // An abort is told to instrumentations as the caller will see it (error.type "AbortError", whatever the reason).
      const final = abortedOr(error, state.caller, `${request.method} ${call.path}`);
      state.report.failed(final);
      throw final;
    }
  };
}

/** The per-call state every attempt of `request` reads. */
function callState(fetchFn: SendFetch, request: Request, call: Parameters<Transport>[1], defaults: Required<RetryOptions>, { limiter, events, observers, bearer, platform = false }: TransportHooks): CallState {
  const settings = settingsOf(call, defaults);
  const tokenEndpoint = call.operation?.tokenEndpoint === true;
  const label = { method: request.method, path: call.path };
  const url = new URL(request.url);
  // A prepared Request's signal is the attempts' own (see Call.prepared): the caller gave none.
  const prepared = call.prepared && request.body === null && request.redirect === "manual" ? call.prepared : undefined;
  return {
    fetchFn,
    platform,
    given: request,
    request,
    caller: prepared || call.unabortable ? undefined : request.signal,
    prepared,
    label,
    origin: url.origin,
    pathname: url.pathname,
    settings,
    facts: { limited: limiter !== undefined, replayable: isReplayable(request.method, settings.retryNonIdempotent, tokenEndpoint) },
    tokenEndpoint,
    // A request that carries its own Authorization (POST /token's Basic, a 401 replay's fresh bearer) keeps it.
    bearer: bearer && !tokenEndpoint && !request.headers.has("Authorization") ? bearer : undefined,
    limiter,
    bucket: bucketOf(call.operation),
    limitDeadline: Date.now() + (limiter?.maxWaitMs ?? Infinity),
    retries: new CallRetries(settings.maxRetries, limiter?.budget),
    report: new Report(events, label, observers?.call(() => callStart(request.method, url, call.path))),
  };
}

/** Where a call goes, for instrumentations: the method, path template and the origin's host and port. */
function callStart(method: string, url: URL, path: string) {
  const port = url.port ? Number(url.port) : url.protocol === "http:" ? 80 : 443;
  return { method, path, host: url.hostname, port };
}
