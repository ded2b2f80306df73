// basiq.ops: one method per operationId of the seven specs, built from the generated operation
// table (never a handwritten method per endpoint) and typed from the generated `operations`.
import type { FetchOptions, FetchResponse } from "openapi-fetch";
import type { operations } from "../generated/index.js";
import { operationTable } from "../generated/operations.js";
import type { BasiqApi } from "./api.js";
import { BasiqError } from "./errors.js";
import { apiError } from "./internal/api-error.js";
import type { RetryOptions } from "./types.js";

/** Every operationId of the seven specs. */
export type OperationId = keyof typeof operationTable;

/** `init` of an operation: openapi-fetch's shape (`params`, `body`, `headers`, `signal`...) plus retry options. */
export type OperationInit<Id extends OperationId> = FetchOptions<operations[Id]> & RetryOptions;

type SuccessAs<Id extends OperationId, Media extends `${string}/${string}`> = Exclude<FetchResponse<operations[Id], {}, Media>["data"], undefined>;
/** The JSON success body where the operation has one (retrieveReport's other is a PDF), else whatever it declares. */
type Success<Id extends OperationId> = [SuccessAs<Id, "application/json">] extends [never] ? SuccessAs<Id, `${string}/${string}`> : SuccessAs<Id, "application/json">;
/** The parsed 2xx body of an operation (`undefined` for one that answers 204). */
export type OperationResult<Id extends OperationId> = [Success<Id>] extends [never] ? undefined : Success<Id>;

type SuccessContent<Id extends OperationId> = operations[Id] extends { responses: { 200: { content: infer C } } } ? C : never;
/** The operations that can answer a PDF (`application/pdf`): retrieveReport and affordability's. */
export type PdfOperationId = { [Id in OperationId]: "application/pdf" extends keyof SuccessContent<Id> ? Id : never }[OperationId];

/** `init` of an operation that can answer a PDF: `accept: "pdf"` asks for it. */
export type PdfOperationInit<Id extends OperationId> = OperationInit<Id> & {
  /** `"pdf"`: send `Accept: application/pdf` and resolve the body as a Blob. @default "json" */
  accept?: "json" | "pdf";
};

type Optional<Id extends OperationId, Init> = {} extends OperationInit<Id> ? [init?: Init] : [init: Init];

/** `init` is optional exactly when the operation has no required parameter or body; a PDF-capable one resolves a Blob given `accept: "pdf"`. */
export type OperationMethod<Id extends OperationId> = Id extends PdfOperationId
  ? {
    (init: PdfOperationInit<Id> & { accept: "pdf" }): Promise<Blob>;
    (...init: Optional<Id, PdfOperationInit<Id> & { accept?: "json" }>): Promise<OperationResult<Id>>;
  }
  : (...init: Optional<Id, OperationInit<Id>>) => Promise<OperationResult<Id>>;

/** `basiq.ops`: every operation by its operationId. */
export type Operations = { readonly [Id in OperationId]: OperationMethod<Id> };

/** One row of the operation table. */
export type OperationEntry = (typeof operationTable)[OperationId];

/** Builds `ops` from the table over `api`: each method performs its operation and resolves the parsed body, a BasiqError on non-2xx. */
export function createOps(api: BasiqApi): Operations {
  const ops: Record<string, (init?: Record<string, unknown>) => Promise<unknown>> = {};
  for (const [id, operation] of Object.entries(operationTable)) {
    ops[id] = (init) => callOperation(api, operation, init);
  }
  return Object.freeze(ops) as unknown as Operations;
}

/** One operation through basiq.api: its body encoding, `accept`, and a BasiqError for a non-2xx answer. */
async function callOperation(api: BasiqApi, operation: OperationEntry, init: Record<string, unknown> | undefined): Promise<unknown> {
  const body = "body" in operation ? operation.body : undefined;
  const { init: options, pdf } = acceptOptions(init);
  const { data, error, response } = await api.request(
    operation.method as "get",
    operation.path as "/users/{userId}",
    (body === undefined || body === "json" ? options : { ...options, ...bodyOptions(body, options?.headers) }) as never,
  );
  if (!response.ok) throw apiError(operation.method, operation.path, response.status, error, response.headers);
  if (pdf) checkPdf(operation.method, operation.path, response);
  return data;
}

/**
 * `init.accept` as openapi-fetch options: `"pdf"` sends `Accept: application/pdf` (replacing the
 * client's JSON default) and reads the body as a Blob; `"json"` or none changes nothing.
 */
function acceptOptions(init: Record<string, unknown> | undefined): { init: Record<string, unknown> | undefined; pdf: boolean } {
  if (init?.accept === undefined) return { init, pdf: false };
  const { accept, ...rest } = init;
  if (accept === "json") return { init: rest, pdf: false };
  if (accept !== "pdf") throw new BasiqError(`accept must be "json" or "pdf" (got ${JSON.stringify(String(accept)).slice(0, 40)})`);
  const headers = Object.fromEntries(new Headers(rest.headers as HeadersInit | undefined));
  headers.accept = "application/pdf";
  return { init: { ...rest, headers, parseAs: "blob" }, pdf: true };
}

/** A 2xx answered with something other than the PDF asked for (a JSON body would otherwise pass as a "PDF" Blob). */
function checkPdf(method: string, path: string, response: Response): void {
  const type = response.headers.get("content-type") ?? "";
  // The media type exactly, parameters aside: "application/pdf-evil" or "application/pdf+x" is not a PDF.
  if (type.split(";")[0]!.trim().toLowerCase() !== "application/pdf") {
    throw new BasiqError(`${method} ${path} -> ${response.status} answered ${type || "no content-type"} where application/pdf was asked for`, {
      status: response.status, method, path, correlationId: response.headers.get("x-correlation-id") ?? undefined,
    });
  }
}

/**
 * How each body encoding is sent: JSON by openapi-fetch's default; a form as `a=1&b=2` with its
 * content type (POST /token); multipart as FormData (createStatement), whose boundary the runtime's
 * fetch writes into Content-Type.
 */
function bodyOptions(kind: "json" | "form" | "multipart" | undefined, headers: unknown) {
  if (kind === "form") {
    // A plain record: openapi-fetch merges a Headers only when `instanceof Headers` holds in its realm.
    const merged = Object.fromEntries(new Headers(headers as HeadersInit | undefined));
    merged["content-type"] ??= "application/x-www-form-urlencoded";
    return { headers: merged, bodySerializer: toForm };
  }
  if (kind === "multipart") return { bodySerializer: toFormData };
  return {};
}

/** An object body as `a=1&b=2` (our own: openapi-fetch's form branch depends on realm-bound checks). */
function toForm(body: unknown): string {
  return new URLSearchParams(body as Record<string, string>).toString();
}

/** An object body as multipart form data: Blobs (files) as they are, other values as strings. */
function toFormData(body: unknown): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    form.append(key, value instanceof Blob ? value : String(value));
  }
  return form;
}
