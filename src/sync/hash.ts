// A content hash of a row as the API returned it, to tell a changed row from an unchanged one.
// Synchronous and without a Node built-in (sync runs on edge runtimes); not a security hash: a
// collision would only hide one row's change until its next change or full read.

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

/** cyrb53 (a 53-bit string hash: two 32-bit lanes mixed), as base-36 text. */
function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** The hash of a row's content (without a `pendingTransactionId` sync added). */
export function rowHash(row: object): string {
  const { pendingTransactionId: _, ...content } = row as { pendingTransactionId?: unknown };
  return cyrb53(canonical(content));
}
