// Where to send a user back after the Consent UI. `state` round-trips through the browser, so it is
// untrusted input, and the WHATWG URL parser is generous with it: it strips TAB, CR and LF anywhere,
// reads "\" as "/" in http(s) URLs and resolves dot segments, so "/\evil.example",
// "/<TAB>/evil.example" and "/.//evil.example" all leave the site. Only a path on the base's origin
// ever comes out of this.
import { BasiqError } from "./errors.js";

/** Longest `state` taken as a path; a longer one is not a return path your site wrote. */
const MAX_RETURN_PATH = 2048;

/** C0 controls (TAB, CR, LF among them: the URL parser drops them), DEL, C1 controls, and "\" (a slash to the parser). */
const UNSAFE_CHAR = /[\u0000-\u001f\u007f-\u009f\\]/;

/** A path that, written into a Location header, names another host: "//host", "/\host" (any mix). */
const NETWORK_PATH = /^[/\\]{2}/;

/** The checks on `state` before it is parsed: a path-absolute reference with nothing the parser would rewrite. */
function looksSafe(state: string): boolean {
  if (state.length > MAX_RETURN_PATH || !state.startsWith("/") || NETWORK_PATH.test(state) || UNSAFE_CHAR.test(state)) return false;
  // Decoded once too, for an application that decodes state itself ("/%2F%2Fevil.example", "/%5Cevil.example", "/%09/...").
  let decoded: string;
  try {
    decoded = decodeURIComponent(state);
  } catch {
    return false;
  }
  return !NETWORK_PATH.test(decoded) && !UNSAFE_CHAR.test(decoded.replace(/\\/g, "/"));
}

/** `base` as an http(s) URL, or a BasiqError (a programming error, not untrusted input). */
function baseOf(base: unknown): URL {
  let url: URL | undefined;
  try {
    url = typeof base === "string" || base instanceof URL ? new URL(base) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new BasiqError("safeReturnPath(state, base): base must be an absolute http(s) URL of your own site (e.g. request.url)");
  }
  return url;
}

/**
 * The path to send the user back to after the Consent UI: `state` when it is a path on `base`'s
 * origin, normalised (path, query and fragment, percent-encoded ASCII); `fallback` otherwise (a
 * missing state, another origin, a network-path reference such as "//evil.example" or
 * "/\evil.example", control characters, white space the URL parser would strip, a dot segment
 * that would climb to "//", or more than MAX_RETURN_PATH characters). What it returns always
 * resolves to `base`'s origin, whatever base it is resolved against.
 * @param state the `state` parseConsentRedirect returned (untrusted: it came back through the browser)
 * @param base your site's URL, e.g. the callback's `request.url`
 * @param fallback where to go when `state` is not a safe path. @default "/"
 * @example return Response.redirect(new URL(safeReturnPath(state, request.url), request.url), 303);
 */
export function safeReturnPath(state: string | null | undefined, base: string | URL, fallback = "/"): string {
  const origin = baseOf(base);
  if (typeof fallback !== "string" || !looksSafe(fallback)) {
    throw new BasiqError('safeReturnPath: fallback must be a path of your own site, starting with a single "/" (e.g. "/")');
  }
  if (typeof state !== "string" || !looksSafe(state)) return fallback;
  let url: URL;
  try {
    url = new URL(state, origin);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments resolve after the checks above: "/.//evil.example" parses to the path "//evil.example".
  if (url.origin !== origin.origin || NETWORK_PATH.test(path)) return fallback;
  return path;
}
