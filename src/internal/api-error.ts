// Turns a non-2xx response into a BasiqError, whatever its body looks like.
import { BasiqError, type BasiqErrorDetail, RateLimitError } from "../errors.js";
import { operationAt } from "./operations.js";
import { isRateLimitRefusal } from "./transport/classify.js";
import { parseRetryAfter } from "./transport/retry-after.js";

/** Keeps error messages short even when a server sends a long `detail`. */
const MAX_DETAIL = 300;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function details(body: unknown): BasiqErrorDetail[] {
  if (!isRecord(body) || !Array.isArray(body.data)) return [];
  return body.data.filter(isRecord).map((entry) => {
    const out: BasiqErrorDetail = {};
    if (typeof entry.code === "string") out.code = entry.code;
    if (typeof entry.title === "string") out.title = entry.title;
    if (typeof entry.detail === "string") out.detail = entry.detail;
    if (isRecord(entry.source)) out.source = entry.source as BasiqErrorDetail["source"];
    return out;
  });
}

/**
 * A BasiqError for a response with `status` whose body parsed to `body` (a JSON value, or the raw
 * text when it was not JSON: that text is never put in the message, as it may echo a credential).
 */
export function apiError(method: string, path: string, status: number, body: unknown, headers?: Headers): BasiqError {
  const errors = details(body);
  const first = errors[0];
  const correlationId =
    (isRecord(body) && typeof body.correlationId === "string" ? body.correlationId : undefined) ??
    headers?.get("x-correlation-id") ?? undefined;
  let summary: string;
  if (first) {
    const text = first.detail ?? first.title ?? "";
    summary = [first.code, text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text].filter(Boolean).join(": ");
  } else if (typeof body === "string" && body.length > 0) {
    summary = `non-JSON error body (${headers?.get("content-type") ?? "no content-type"}, ${body.length} chars)`;
  } else {
    summary = "empty error body";
  }
  const retryAfterMs = parseRetryAfter(headers?.get("retry-after") ?? null);
  const fields = { status, correlationId, errors, method, path, retryAfterMs };
  // A refusal that outlived the call's retries (the transport's rule: a 429, or /token's 403 "Invalid request").
  if (isRateLimitRefusal(status, operationAt(method, path)?.tokenEndpoint === true, typeof body === "string" ? body : JSON.stringify(body ?? ""))) {
    return new RateLimitError(`${method} ${path} -> ${status} ${summary}`, { ...fields, status });
  }
  return new BasiqError(`${method} ${path} -> ${status} ${summary}`, fields);
}

/** The fields of an error about a response's body. */
const bodyFields = (method: string, path: string, response: Response) =>
  ({ status: response.status, method, path, correlationId: response.headers.get("x-correlation-id") ?? undefined });

/**
 * A 2xx whose body is not valid JSON (HTML from a proxy, or cut off mid-way). The SyntaxError is
 * not kept as `cause`: V8 quotes the input in its message, and the input may hold a token.
 */
export function invalidBodyError(method: string, path: string, response: Response): BasiqError {
  return new BasiqError(
    `${method} ${path} -> ${response.status} with a body that is not valid JSON (${response.headers.get("content-type") ?? "no content-type"})`,
    bodyFields(method, path, response),
  );
}

/** A 2xx other than 204/205 whose body is empty, though the operation declares one. */
export function emptyBodyError(method: string, path: string, response: Response): BasiqError {
  return new BasiqError(`${method} ${path} -> ${response.status} with an empty body`, bodyFields(method, path, response));
}
