// What an HTTP credential may hold, as one predicate: credentials.ts checks the key and tokens the
// caller or POST /token gave with it, token-cache.ts the tokens another process left in a store.

/**
 * Visible ASCII, with spaces and tabs only inside (RFC 9110 field values allow them there; fetch
 * would silently trim them at either end, changing the credential). Real Basiq keys and tokens are
 * base64 and JWTs; Prism's generated tokens carry inner spaces.
 */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?$/;

/** True when `value` can be sent as a credential in a header as it is. */
export function isHeaderSafe(value: string): boolean {
  return HEADER_SAFE.test(value);
}
