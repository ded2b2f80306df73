// basiq.ops: one method per operationId of the seven specs, built from the generated operation
// table (never a handwritten method per endpoint) and typed from the generated `operations`.
import type { FetchOptions, FetchResponse } from "openapi-fetch";
import type { operations } from "../generated/index.js";
import { operationTable } from "../generated/operations.js";
import type { RetryOptions } from "./retry.js";

/** Every operationId of the seven specs. */
export type OperationId = keyof typeof operationTable;

/** `init` of an operation: openapi-fetch's shape (`params`, `body`, `headers`, `signal`...) plus retry options. */
export type OperationInit<Id extends OperationId> = FetchOptions<operations[Id]> & RetryOptions;

type Success<Id extends OperationId> = Exclude<FetchResponse<operations[Id], {}, `${string}/${string}`>["data"], undefined>;
/** The parsed 2xx body of an operation (`undefined` for one that answers 204). */
export type OperationResult<Id extends OperationId> = [Success<Id>] extends [never] ? undefined : Success<Id>;

/** `init` is optional exactly when the operation has no required parameter or body. */
export type OperationMethod<Id extends OperationId> = {} extends OperationInit<Id>
  ? (init?: OperationInit<Id>) => Promise<OperationResult<Id>>
  : (init: OperationInit<Id>) => Promise<OperationResult<Id>>;

/** `basiq.ops`: every operation by its operationId. */
export type Operations = { readonly [Id in OperationId]: OperationMethod<Id> };

/** One row of the operation table. */
export type OperationEntry = (typeof operationTable)[OperationId];

/** Builds `ops` from the table; `call` performs one operation and resolves its parsed body. */
export function createOps(call: (operation: OperationEntry, init: Record<string, unknown> | undefined) => Promise<unknown>): Operations {
  const ops: Record<string, (init?: Record<string, unknown>) => Promise<unknown>> = {};
  for (const [id, operation] of Object.entries(operationTable)) {
    ops[id] = (init) => call(operation, init);
  }
  return Object.freeze(ops) as unknown as Operations;
}

/**
 * How each body encoding is sent: JSON by openapi-fetch's default; a form as `a=1&b=2` with its
 * content type (POST /token); multipart as FormData (createStatement), whose boundary the runtime's
 * fetch writes into Content-Type.
 */
export function bodyOptions(kind: "json" | "form" | "multipart" | undefined, headers: unknown) {
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
