// What every route answers with: JSON, an empty status, or a failure in Basiq's error shape.
import * as body from "./fixtures.js";

/** A failure the sandbox answers with, in Basiq's error shape. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly payload: unknown, readonly headers: Record<string, string> = {}) {
    super(String(status));
  }
}

/** A JSON response. */
export const json = (payload: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(payload), { status, headers: { "content-type": "application/json", ...headers } });

/** A response without a body (204 for deletes, 201 for a test message). */
export const empty = (status = 204) => new Response(null, { status });

/** 404 in Basiq's shape. */
export const notFound = (detail: string, correlationId: string) => new HttpError(404, body.notFoundBody(detail, correlationId));

/** 400 in Basiq's shape, naming the parameter. */
export const badRequest = (detail: string, parameter: string, correlationId: string) =>
  new HttpError(400, body.badRequestBody(detail, parameter, correlationId));

/** The JSON body of a request, or `fallback` when it has none or it is not JSON. */
export async function readJson<T>(request: Request, fallback: T): Promise<T> {
  try {
    const parsed: unknown = await request.json();
    return parsed !== null && typeof parsed === "object" ? (parsed as T) : fallback;
  } catch {
    return fallback;
  }
}

/** True when the request asks for a PDF (`Accept: application/pdf`) rather than JSON. */
export const wantsPdf = (request: Request) => /\bapplication\/pdf\b/i.test(request.headers.get("accept") ?? "");

/** True when the request asks for CSV (`Accept: text/csv` or `application/csv`) rather than JSON. */
export const wantsCsv = (request: Request) => /\b(text|application)\/csv\b/i.test(request.headers.get("accept") ?? "");
