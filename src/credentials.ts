// Credentials checked before they reach a header (a raw TypeError from Headers quotes the value),
// and remembered so that errors redact them.
import { BasiqError } from "./errors.js";
import { isHeaderSafe } from "./internal/header-safe.js";
import { remember } from "./internal/redact.js";

/** A character a credential may hold somewhere (see isHeaderSafe for where). */
const HEADER_CHAR = /[\x20-\x7e\t]/;

/**
 * Returns `value` when it can be sent as a credential; otherwise a BasiqError that says what is
 * wrong with `what` (e.g. "apiKey") without quoting it. Remembers it for redaction.
 */
export function checkCredential(what: string, value: unknown): string {
  if (typeof value !== "string") throw new BasiqError(`${what} must be a string (got ${value === null ? "null" : typeof value})`);
  if (value.trim() === "") throw new BasiqError(`${what} is empty or blank`);
  if (!isHeaderSafe(value)) {
    const chars = [...value];
    const inner = chars.findIndex((c) => !HEADER_CHAR.test(c));
    if (inner === -1) throw new BasiqError(`${what} starts or ends with white space, which fetch would trim off; check for a stray space or newline`);
    const code = value.codePointAt(inner)!;
    const kind = code < 0x20 || code === 0x7f ? "a control character" : "a non-ASCII character";
    throw new BasiqError(`${what} contains ${kind} at position ${inner} (U+${code.toString(16).toUpperCase().padStart(4, "0")}), which an HTTP credential must not carry; check for a stray newline or quote`);
  }
  remember(value);
  return value;
}
