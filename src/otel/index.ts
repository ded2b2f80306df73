/**
 * basiq/otel: OpenTelemetry spans and metrics for a Basiq client. A span per call (named
 * `<METHOD> <path template>`) with a child span per attempt, carrying the HTTP client
 * semantic-convention attributes, and the `http.client.request.duration` histogram. Needs
 * `@opentelemetry/api` (an optional peer dependency: install it with your SDK). Records no
 * credential, token, header, body or query value: only the method, the path template, the API's
 * host and port, statuses, Basiq's correlation id, rate-limit waits and an error's type.
 * @example
 * import { instrument } from "basiq/otel";
 * const stop = instrument(basiq); // the global tracer and meter providers
 * // ... later, to stop recording:
 * stop();
 * @packageDocumentation
 */
import { type Attributes, type Histogram, type MeterProvider, type Span, SpanKind, SpanStatusCode, type TracerProvider, context, metrics, trace } from "@opentelemetry/api";
import { type CallEnd, type CallObserver, type CallStart, type Outcome, TELEMETRY, type Telemetry } from "../internal/telemetry.js";

/** Options of {@link instrument}. */
export interface InstrumentOptions {
  /** Where spans go. @default the global tracer provider (`trace.getTracerProvider()`) */
  tracerProvider?: TracerProvider;
  /** Where the request-duration histogram goes. @default the global meter provider (`metrics.getMeterProvider()`) */
  meterProvider?: MeterProvider;
}

/** The instrumentation scope spans and metrics are recorded under. */
export const INSTRUMENTATION_NAME = "basiq";

/** The semantic conventions' advice for HTTP durations (seconds). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** Anything with the client's instrumentation seam (a {@link Basiq} client). */
interface Instrumentable {
  [TELEMETRY](telemetry: Telemetry): () => void;
}

/**
 * Records spans and metrics for every call `basiq` makes from now on; returns the function that
 * stops it (calls already under way finish their spans).
 * @example const stop = instrument(basiq, { tracerProvider, meterProvider });
 */
export function instrument(basiq: object, options: InstrumentOptions = {}): () => void {
  const client = basiq as Partial<Instrumentable> | null;
  if (typeof client?.[TELEMETRY] !== "function") throw new TypeError("instrument(basiq) needs a Basiq client (new Basiq({ ... }) from the basiq package)");
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_NAME);
  const duration = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_NAME).createHistogram("http.client.request.duration", {
    unit: "s",
    description: "Duration of HTTP client requests (each attempt).",
    advice: { explicitBucketBoundaries: DURATION_BUCKETS },
  });
  return (client as Instrumentable)[TELEMETRY]({ call: (start) => observeCall(tracer, duration, start) });
}

/** The spans of one call: the call's own, under the caller's active span, and one per attempt under it. */
function observeCall(tracer: ReturnType<TracerProvider["getTracer"]>, duration: Histogram, start: CallStart): CallObserver {
  const name = `${start.method} ${start.path}`;
  const common: Attributes = {
    "http.request.method": start.method,
    "url.template": start.path,
    "server.address": start.host,
    "server.port": start.port,
  };
  const parent = context.active();
  const callSpan = tracer.startSpan(name, { kind: SpanKind.INTERNAL, attributes: common }, parent);
  const callContext = trace.setSpan(parent, callSpan);
  return {
    attempt({ attempt, rateLimitWaitMs }) {
      const attributes: Attributes = { ...common, "basiq.rate_limit.wait_ms": Math.round(rateLimitWaitMs) };
      if (attempt > 1) attributes["http.request.resend_count"] = attempt - 1;
      const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, callContext);
      const sentAt = performance.now();
      return {
        end(outcome) {
          finish(span, outcome);
          const metric: Attributes = { ...common };
          if (outcome.status !== undefined) metric["http.response.status_code"] = outcome.status;
          if (outcome.errorType !== undefined) metric["error.type"] = outcome.errorType;
          duration.record((performance.now() - sentAt) / 1000, metric);
        },
      };
    },
    end(end: CallEnd) {
      callSpan.setAttribute("basiq.rate_limit.wait_ms", Math.round(end.rateLimitWaitMs));
      if (end.attempts > 1) callSpan.setAttribute("http.request.resend_count", end.attempts - 1);
      finish(callSpan, end);
    },
  };
}

/** Sets a span's outcome attributes and status, and ends it. */
function finish(span: Span, outcome: Outcome): void {
  if (outcome.status !== undefined) span.setAttribute("http.response.status_code", outcome.status);
  if (outcome.correlationId !== undefined) span.setAttribute("basiq.correlation_id", outcome.correlationId);
  if (outcome.errorType !== undefined) {
    span.setAttribute("error.type", outcome.errorType);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}
