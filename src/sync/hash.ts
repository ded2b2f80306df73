// A content hash of a row as the API returned it, to tell a changed row from an unchanged one.
// Synchronous and without a Node built-in (sync runs on edge runtimes); not a security hash: a
// collision would only hide one row's change until its next change or full read.
import { hash53 } from "../internal/hash53.js";

/** The value as JSON with object keys sorted, so a reordered but equal body hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(",")}}`;
}

/** The hash of a row's content (without a `pendingTransactionId` sync added). */
export function rowHash(row: object): string {
  const { pendingTransactionId: _, ...content } = row as { pendingTransactionId?: unknown };
  return hash53(canonical(content)).toString(36);
}
