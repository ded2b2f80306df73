// Path parameters, checked before anything is sent: encodeURIComponent leaves "." alone and the URL
// parser resolves dot segments, so `{ consentId: ".." }` would turn DELETE /users/u1/consents/..
// into DELETE /users/u1/, and an empty id GET /users/{userId} into GET /users/ (another resource).
// Used by basiq.api (so ops, pages, waitForJob and follow too) and by anything that fills a path.
import { BasiqError } from "../errors.js";

const PARAM = /\{([^}]+)\}/g;

/**
 * Throws a BasiqError naming the parameter when one of `template`'s path parameters is missing,
 * empty, "." or "..", or not a string or number; nothing has been sent then.
 */
export function checkPathParams(method: string, template: string, params: Record<string, unknown> | undefined): void {
  for (const [, name] of template.matchAll(PARAM)) {
    const value = params?.[name!];
    const problem = value === undefined || value === null ? "is missing"
      : typeof value !== "string" && typeof value !== "number" ? `is a ${typeof value}, not a string`
      : String(value) === "" ? "is empty"
      : String(value) === "." || String(value) === ".." ? `is "${String(value)}", which would name another resource`
      : undefined;
    if (problem !== undefined) {
      throw new BasiqError(`${method} ${template}: path parameter ${name} ${problem}; nothing was sent`, { method, path: template });
    }
  }
}

/** The path `template` names once its parameters are filled in (encoded as openapi-fetch does); checked first. */
export function fillPath(template: string, params: Record<string, unknown> | undefined, method = "GET"): string {
  checkPathParams(method, template, params);
  return template.replace(PARAM, (_, name: string) => encodeURIComponent(String(params![name])));
}
