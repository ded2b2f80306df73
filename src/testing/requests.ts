// Every request checked against what its operation accepts (generated/request-schemas.ts, made from
// the overlaid specs): query and header parameters, and the body. A request that does not fit gets
// Basiq's 400, naming the field in `source.parameter`, before its route runs.
import { requestSchemas } from "../../generated/request-schemas.js";
import type { OperationRequest } from "./request-schema.js";
import type { core } from "../../generated/index.js";
import { HttpError } from "./http.js";
import { fromText, problem, type Problem } from "./validate.js";

const refuse = (found: Problem, correlationId: string) =>
  new HttpError(400, {
    type: "list", correlationId,
    data: [{ type: "error", code: found.code, title: found.code === "parameter-not-supplied" ? "Required parameter not supplied" : "Parameter not valid", detail: found.detail, source: { parameter: found.parameter } }],
  } satisfies core.components["schemas"]["BadRequestError"]);

/**
 * `limit` is a page size, which the specs type as an integer only: a page of -5 or 0 items is no
 * page (Basiq refuses it; the sandbox once answered -5 and then refused its own cursor).
 */
const pageSize = (name: string, value: unknown): Problem | undefined =>
  name === "limit" && typeof value === "number" && value < 1 ? { parameter: name, detail: `limit must be at least 1, not ${value}`, code: "parameter-not-valid" } : undefined;

/** The body as the schema sees it: parsed JSON, form fields as text, multipart parts as text or files. */
async function readBody(request: Request, type: string): Promise<{ value: unknown } | { error: string } | undefined> {
  const copy = request.clone();
  if (type === "multipart/form-data") {
    const form = await copy.formData().catch(() => undefined);
    if (!form) return { error: "The request body is not multipart/form-data" };
    return { value: Object.fromEntries(form.entries()) };
  }
  const text = await copy.text();
  if (text.trim() === "") return undefined;
  if (type === "application/x-www-form-urlencoded") return { value: Object.fromEntries(new URLSearchParams(text)) };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { error: "The request body is not valid JSON" };
  }
}

/** Throws Basiq's 400 when the request does not fit its operation (`"METHOD /path/template"`); nothing for an unknown key. */
export async function checkRequest(key: string, request: Request, url: URL, correlationId: () => string): Promise<void> {
  const accepts: OperationRequest | undefined = requestSchemas[key];
  if (!accepts) return;
  for (const parameter of accepts.parameters) {
    const text = parameter.in === "query" ? url.searchParams.get(parameter.name) : request.headers.get(parameter.name);
    if (text === null) {
      if (parameter.required) throw refuse({ parameter: parameter.name, detail: `${parameter.name} is required (${parameter.in} parameter)`, code: "parameter-not-supplied" }, correlationId());
      continue;
    }
    const value = fromText(parameter.schema, text);
    const found = problem(parameter.schema, value, parameter.name) ?? pageSize(parameter.name, value);
    if (found) throw refuse(found, correlationId());
  }
  if (!accepts.body) return;
  const read = await readBody(request, accepts.body.type);
  if (read === undefined) {
    if (accepts.body.required) throw refuse({ parameter: "body", detail: `The request needs a ${accepts.body.type} body`, code: "parameter-not-supplied" }, correlationId());
    return;
  }
  if ("error" in read) throw new HttpError(400, { type: "list", correlationId: correlationId(), data: [{ type: "error", code: "invalid-content", title: "Invalid content", detail: read.error, source: { parameter: "body" } }] });
  const found = problem(accepts.body.schema, read.value, "");
  if (found) throw refuse(found, correlationId());
}
