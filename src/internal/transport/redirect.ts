// Sends one attempt with `redirect: "manual"` and follows only same-origin redirects, itself: a
// redirect to another origin would carry the request body (a user's email, the /token form) there
// and trust its answer. Node (undici), Deno, Bun and edge-runtime hand a manual redirect back as
// the 3xx response with its Location (probed on each), as workerd does (its docs); browsers hide
// it (an "opaqueredirect" with status 0), which is refused too, as its target cannot be checked.
// Basiq does not redirect API calls.
import { BasiqError } from "../../errors.js";
import { discard } from "./body.js";
import type { SendFetch } from "./call.js";

/** Redirect statuses with a Location to follow (RFC 9110 §15.4); 300, 304 and 305 are answers. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Same-origin redirects followed per attempt at most (the Fetch standard allows 20). */
const MAX_REDIRECTS = 5;

/**
 * The response to `request` (at `origin` and `pathname`, its URL's) sent on `signal`, after any same-origin redirects; a redirect to
 * another origin (or one the runtime hides) is a BasiqError naming the status and the origin.
 */
export async function sendFollowingSameOrigin(fetchFn: SendFetch, request: Request, signal: AbortSignal, { origin, pathname, platform }: { origin: string; pathname: string; platform: boolean }, asIs = false): Promise<Response> {
  const fail = (message: string, status: number) => new BasiqError(message, { status, method: request.method, path: pathname });
  // `sent` is kept referenced until its response arrives: on undici, a Request made with a
  // signal follows that signal through a weak reference, and once the Request is collected
  // (GC while waiting for headers) the abort no longer reaches the fetch.
  // `asIs`: `request` is bodyless, redirect "manual" and its signal follows `signal` already (one Request fewer).
  // `platform`: the platform's fetch takes `signal` and the redirect mode as init (the Request it
  // makes of them follows `signal` itself).
  let sent = asIs || request.body === null ? request : request.clone();
  if (!asIs && !platform) sent = new Request(sent, { signal, redirect: "manual" });
  let response = await (platform ? fetchFn(sent, { signal, redirect: "manual" }) : fetchFn(sent));
  for (let hops = 0; ; hops++) {
    if (response.type === "opaqueredirect") {
      throw fail(`${request.method} ${pathname} was redirected to a location this runtime hides; refusing to follow it`, response.status);
    }
    const location = REDIRECTS.has(response.status) ? response.headers.get("location") : null;
    if (location === null) return response;
    discard(response);
    let target: URL;
    try {
      target = new URL(location, sent.url);
    } catch {
      throw fail(`${request.method} ${pathname} -> ${response.status} redirect to a malformed location; refusing to follow it`, response.status);
    }
    if (target.origin !== origin) {
      throw fail(`${request.method} ${pathname} -> ${response.status} redirect to another origin (${target.origin}); refusing to follow it`, response.status);
    }
    if (hops === MAX_REDIRECTS) throw fail(`${request.method} ${pathname} -> ${response.status}: more than ${MAX_REDIRECTS} redirects`, response.status);
    sent = await redirected(request, sent, response.status, target, signal);
    response = await fetchFn(sent);
  }
}

/** The request a redirect asks for (Fetch standard, HTTP-redirect fetch: 301/302 after POST, and 303, become a bodyless GET). */
async function redirected(original: Request, previous: Request, status: number, target: URL, signal: AbortSignal): Promise<Request> {
  const toGet = ((status === 301 || status === 302) && previous.method === "POST") || (status === 303 && previous.method !== "GET" && previous.method !== "HEAD");
  const headers = new Headers(original.headers);
  if (toGet) for (const name of ["content-type", "content-length", "content-encoding", "content-language", "content-location"]) headers.delete(name);
  const method = toGet ? "GET" : previous.method;
  const body = toGet || original.body === null ? null : await original.clone().arrayBuffer();
  return new Request(target, { method, headers, body, signal, redirect: "manual" });
}
