// basiq/otel against the OpenTelemetry SDK's own in-memory span exporter and metric reader: the
// spans of three calls (one retried after a 503), their semantic-convention attributes, the
// duration histogram, no credential anywhere, and nothing recorded once the remover has run.
// (Math.random is left alone: the SDK draws span ids from it; the 503's backoff is at most 0.5 s.)
import { describe, expect, test } from "@jest/globals";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { Basiq } from "basiq";
import { instrument } from "basiq/otel";
import { json } from "./helpers/fetch.js";

const API_KEY = "canary-otel-key-3b8f1c";
const TOKEN = "canary-otel-token-77d2ae";
const QUERY_CANARY = "canary-query-value-91c4";

/** /token mints TOKEN; /users/u2 answers 503 once; /users/gone 404; other users 200, each with a correlation id. */
function server() {
  let u2 = 0;
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === "/token") return json({ access_token: TOKEN, token_type: "Bearer", expires_in: 3600 });
    if (pathname === "/users/u2" && u2++ === 0) return json({ data: [{ code: "service-unavailable" }] }, { status: 503, headers: { "x-correlation-id": "corr-503" } });
    if (pathname.startsWith("/users/gone")) return json({ data: [{ code: "resource-not-found" }] }, { status: 404, headers: { "x-correlation-id": "corr-404" } });
    return json({ type: "user", id: pathname.split("/")[2] }, { headers: { "x-correlation-id": `corr-${pathname.split("/")[2]}` } });
  };
}

function setup() {
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return { spans, tracerProvider, meterProvider, metricExporter, reader };
}

const byName = (spans: ReadableSpan[], name: string) => spans.filter((s) => s.name === name);

describe("basiq/otel", () => {
  test("a span per call with a child per attempt, HTTP semantic-convention attributes, the resend count, and no credential", async () => {
    const { spans, tracerProvider, meterProvider, metricExporter, reader } = setup();
    const basiq = new Basiq({ apiKey: API_KEY, fetch: server() });
    const stop = instrument(basiq, { tracerProvider, meterProvider });

    await basiq.ops.getUser({ params: { path: { userId: "u1" } } });
    await basiq.ops.getUser({ params: { path: { userId: "u2" } } }); // 503, then 200
    await expect(basiq.ops.getAccounts({ params: { path: { userId: "gone" }, query: { filter: QUERY_CANARY } } } as never)).rejects.toMatchObject({ status: 404 });

    const finished = spans.getFinishedSpans();
    const users = byName(finished, "GET /users/{userId}");
    const calls = users.filter((s) => s.kind === SpanKind.INTERNAL);
    const attempts = users.filter((s) => s.kind === SpanKind.CLIENT);
    expect(calls).toHaveLength(2);
    expect(attempts).toHaveLength(3); // u1 once, u2 twice

    // Every attempt is a child of its call's span, in the same trace.
    for (const attempt of attempts) {
      const parent = finished.find((s) => s.spanContext().spanId === attempt.parentSpanContext?.spanId);
      expect(parent?.kind).toBe(SpanKind.INTERNAL);
      expect(parent?.spanContext().traceId).toBe(attempt.spanContext().traceId);
    }

    const [u1, u2] = calls;
    expect(u1!.attributes).toMatchObject({
      "http.request.method": "GET",
      "url.template": "/users/{userId}",
      "server.address": "au-api.basiq.io",
      "server.port": 443,
      "http.response.status_code": 200,
      "basiq.correlation_id": "corr-u1",
      "basiq.rate_limit.wait_ms": expect.any(Number),
    });
    expect(u1!.attributes["http.request.resend_count"]).toBeUndefined();
    expect(u2!.attributes).toMatchObject({ "http.response.status_code": 200, "http.request.resend_count": 1, "basiq.correlation_id": "corr-u2" });

    const u2Attempts = attempts.filter((s) => s.parentSpanContext?.spanId === u2!.spanContext().spanId).sort((a, b) => (a.startTime[1] - b.startTime[1]) + 1e9 * (a.startTime[0] - b.startTime[0]));
    expect(u2Attempts.map((s) => s.attributes["http.response.status_code"])).toEqual([503, 200]);
    expect(u2Attempts[0]!.attributes).toMatchObject({ "error.type": "503", "basiq.correlation_id": "corr-503" });
    expect(u2Attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
    expect(u2Attempts[0]!.attributes["http.request.resend_count"]).toBeUndefined();
    expect(u2Attempts[1]!.attributes).toMatchObject({ "http.request.resend_count": 1, "http.response.status_code": 200 });
    expect(u2Attempts[1]!.status.code).not.toBe(SpanStatusCode.ERROR);

    const gone = byName(finished, "GET /users/{userId}/accounts").find((s) => s.kind === SpanKind.INTERNAL)!;
    expect(gone.attributes).toMatchObject({ "http.response.status_code": 404, "error.type": "404", "basiq.correlation_id": "corr-404" });
    expect(gone.status.code).toBe(SpanStatusCode.ERROR);

    // The token mint is a call of its own (POST /token), recorded like any other.
    expect(byName(finished, "POST /token").map((s) => s.kind).sort()).toEqual([SpanKind.INTERNAL, SpanKind.CLIENT].sort());

    // The duration histogram: one point per attempt, by status.
    await reader.forceFlush();
    const metric = metricExporter.getMetrics().flatMap((m) => m.scopeMetrics).flatMap((s) => s.metrics).find((m) => m.descriptor.name === "http.client.request.duration")!;
    expect(metric.descriptor.unit).toBe("s");
    const points = metric.dataPoints as Array<{ attributes: Record<string, unknown>; value: { count: number } }>;
    const count = (status: number) => points.filter((p) => p.attributes["http.response.status_code"] === status && p.attributes["url.template"] === "/users/{userId}").reduce((n, p) => n + p.value.count, 0);
    expect(count(200)).toBe(2);
    expect(count(503)).toBe(1);
    expect(points.find((p) => p.attributes["http.response.status_code"] === 503)!.attributes["error.type"]).toBe("503");

    // No credential, token or query value in any span attribute, event or metric attribute.
    const recorded = JSON.stringify([finished.map((s) => [s.name, s.attributes, s.events]), points.map((p) => p.attributes)]);
    for (const canary of [API_KEY, TOKEN, QUERY_CANARY, "Bearer", "Basic"]) expect(recorded).not.toContain(canary);

    // Removing the instrumentation stops the spans and the metric points.
    stop();
    spans.reset();
    await basiq.ops.getUser({ params: { path: { userId: "u3" } } });
    expect(spans.getFinishedSpans()).toHaveLength(0);
    await reader.forceFlush();
    const after = metricExporter.getMetrics().at(-1)!.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === "http.client.request.duration")!;
    expect((after.dataPoints as Array<{ value: { count: number } }>).reduce((n, p) => n + p.value.count, 0)).toBe(points.reduce((n, p) => n + p.value.count, 0));
    await meterProvider.shutdown();
  });

  test("an aborted call ends its span with error.type AbortError, whatever the signal's reason", async () => {
    const { spans, tracerProvider, meterProvider } = setup();
    const stalled = async (request: Request): Promise<Response> => (new URL(request.url).pathname === "/token" ? server()(request) : new Promise<Response>(() => {}));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: stalled });
    instrument(basiq, { tracerProvider, meterProvider });
    for (const reason of [undefined, new Error("the user left")]) {
      const controller = new AbortController();
      const call = basiq.ops.getUser({ params: { path: { userId: "u1" } }, signal: controller.signal }).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort(reason);
      expect(await call).toMatchObject({ name: "AbortError" });
    }
    const calls = byName(spans.getFinishedSpans(), "GET /users/{userId}").filter((s) => s.kind === SpanKind.INTERNAL);
    expect(calls.map((s) => s.attributes["error.type"])).toEqual(["AbortError", "AbortError"]);
  });

  test("an observer that throws never changes a call's outcome", async () => {
    const basiq = new Basiq({ apiKey: API_KEY, fetch: server() });
    const broken = { getTracer: () => ({ startSpan: () => { throw new Error("tracer exploded"); } }) };
    instrument(basiq, { tracerProvider: broken as never });
    await expect(basiq.ops.getUser({ params: { path: { userId: "u1" } } })).resolves.toMatchObject({ id: "u1" });
  });

  test("refuses what is not a Basiq client", () => {
    expect(() => instrument({})).toThrow(/needs a Basiq client/);
  });
});
