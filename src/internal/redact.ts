// Keeps secrets out of every error, even when the API echoes one back: the key and tokens this
// process used, and whatever follows `Basic `/`Bearer `. A leaf: errors.ts stands on it.
import { BoundedMap } from "./bounded.js";

/** Secrets shorter than this are not searched for in messages (they would match ordinary words). */
const MIN_SECRET_LENGTH = 8;
/** Secrets remembered at most (the API key, plus a token per user of clientToken); oldest dropped first. */
const MAX_SECRETS = 2_000;
/** `Basic <credentials>` / `Bearer <token>` anywhere in a text, whatever the credential. */
const AUTH_SCHEME = /\b(Basic|Bearer)\s+([^\s"',;)\]}]+)/gi;
const REDACTED = "[redacted]";

/** The key, tokens and tokens' issuers this process has used (see {@link redact}). */
const known = new BoundedMap<string, true>(MAX_SECRETS);

/** Adds `secret` to what {@link redact} removes. */
export function remember(secret: string): void {
  if (secret.length >= MIN_SECRET_LENGTH) known.set(secret, true);
}

/** `text` with every known secret, and whatever follows `Basic `/`Bearer `, replaced by [redacted]. */
export function redact(text: string): string {
  // A plain lowercase word after the scheme is prose ("a ready bearer token"), not a credential;
  // a credential that happens to be one is still caught below if this process used it.
  let out = text.replace(AUTH_SCHEME, (match, scheme: string, credential: string) => (/^[a-z]{1,12}$/.test(credential) ? match : `${scheme} ${REDACTED}`));
  for (const secret of known.keys()) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}
