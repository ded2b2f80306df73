// Bearer tokens: minted from the API key via POST /token (cached, shared by concurrent callers,
// refreshed shortly before expiry), or supplied ready-made by the caller.
import { BasiqError } from "./errors.js";
import { checkCredential } from "./credentials.js";
import { apiError } from "./internal/api-error.js";
import { raceSignal } from "./internal/abort.js";
import { BoundedMap } from "./internal/bounded.js";
import { describeThrown } from "./internal/log.js";
import { TOKEN_ENDPOINT } from "./internal/operations.js";
import type { Minted, TokenCache } from "./internal/token-cache.js";
import type { Transport } from "./internal/transport/call.js";
import { refusesToken } from "./internal/transport/classify.js";

/** Used when a token response has no usable `expires_in` (Basiq issues 60-minute tokens). */
const DEFAULT_EXPIRES_IN_S = 3600;
/** Largest token response read: Basiq's is about 1 KB; anything near this is not a token. */
const TOKEN_MAX_BYTES = 64 * 1024;
/** Client tokens kept at most (one per user); the oldest is dropped first, so memory stays bounded. */
const MAX_CLIENT_TOKENS = 1000;

/** The token endpoint as the transport sees it: its own byte cap. */
const TOKEN_CALL = { operation: TOKEN_ENDPOINT, path: TOKEN_ENDPOINT.path, options: { maxResponseBytes: TOKEN_MAX_BYTES } };

/** Mints a token: `POST /token` with the API key, the form scope and (for CLIENT_ACCESS) the user. */
export function tokenMinter(baseUrl: string, apiKey: string, transport: Transport, form: Record<string, string>) {
  const { method, path } = TOKEN_ENDPOINT;
  return async (signal: AbortSignal): Promise<Minted> => {
    const request = new Request(`${baseUrl}${path}`, {
      method,
      signal,
      headers: {
        Authorization: `Basic ${apiKey}`,
        "basiq-version": "3.0",
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: new URLSearchParams(form).toString(),
    });
    const response = await transport(request, TOKEN_CALL);
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: handled below without echoing the text.
    }
    if (!response.ok) throw apiError(method, path, response.status, body, response.headers);
    const record = (body ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (typeof record.access_token !== "string" || record.access_token.trim() === "") {
      throw new BasiqError(`${method} ${path} -> ${response.status} without an access_token in the body`, { status: response.status, method, path });
    }
    const token = checkCredential(`the access_token ${method} ${path} issued (-> ${response.status})`, record.access_token);
    return { token, expiresInS: expiresInOf(record.expires_in) };
  };
}

/** `expires_in` in seconds: a positive number or numeric string; anything else is the default. */
function expiresInOf(value: unknown): number {
  const seconds = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_EXPIRES_IN_S;
}

/** Where bearer tokens come from: the API key (minted and cached) or the caller's own token. */
export interface TokenSource {
  /** A bearer token for the next call (`signal` ends the wait for a mint). */
  bearer(signal?: AbortSignal): Promise<string>;
  /** After a 401 with `used`: a different token to replay with, or undefined when there is none. */
  refresh(used: string, signal?: AbortSignal): Promise<string | undefined>;
  /** The API key, for the `Authorization: Basic` of POST /token (undefined with a ready token). */
  readonly apiKey: string | undefined;
}

/** Tokens minted from the API key, cached in `cache`. */
export function keyTokens(apiKey: string, cache: TokenCache): TokenSource {
  return {
    apiKey,
    bearer: (signal) => cache.get(signal),
    refresh: async (used, signal) => {
      await cache.invalidate(used);
      const fresh = await cache.get(signal);
      return fresh === used ? undefined : fresh;
    },
  };
}

/** A ready token from the caller: a string, or a function asked again after a 401. */
export function readyTokens(token: string | (() => string | Promise<string>)): TokenSource {
  const get = async () => {
    if (typeof token !== "function") return token;
    let value: unknown;
    try {
      value = await token();
    } catch (error) {
      // The caller's own failure, still as the SDK's one error type (the README: everything thrown is a BasiqError).
      throw new BasiqError(`your \`token\` function failed (${describeThrown(error)}); nothing was sent`, { cause: error });
    }
    return checkCredential("the token your `token` function returned", value);
  };
  return {
    apiKey: undefined,
    // A function that never settles still ends the call: the wait is raced against its deadline.
    bearer: (signal) => (signal ? raceSignal(get(), signal) : get()),
    refresh: async (used, signal) => {
      if (typeof token !== "function") return undefined;
      const fresh = await (signal ? raceSignal(get(), signal) : get());
      return fresh === used ? undefined : fresh;
    },
  };
}

/** Per-user CLIENT_ACCESS token caches, bounded to MAX_CLIENT_TOKENS users. */
export class ClientTokens {
  readonly #caches = new BoundedMap<string, TokenCache>(MAX_CLIENT_TOKENS);
  readonly #forUser: (userId: string) => TokenCache;

  constructor(forUser: (userId: string) => TokenCache) {
    this.#forUser = forUser;
  }

  get(userId: string, signal?: AbortSignal): Promise<string> {
    let cache = this.#caches.get(userId);
    if (!cache) {
      cache = this.#forUser(userId);
      this.#caches.set(userId, cache);
    }
    return cache.get(signal);
  }
}

/**
 * The transport of basiq.api's calls, authorised: Basic with the API key on POST /token, and on a
 * 401 (or a 403 `Token has expired`) of a call the SDK authorised, one refresh and one replay. The
 * `Bearer <token>` of every other call is set by the transport once the limiter lets each attempt go
 * (TransportHooks.bearer), so a call queued behind a refresh sends the fresh token. A request that
 * carries its own Authorization is sent as it is; the replay carries its fresh token, so a second
 * refusal is returned as it is. (Not an openapi-fetch middleware: one costs every call a request id,
 * a frozen options object and two awaited hooks.)
 */
export function authorized(transport: Transport, tokens: TokenSource): Transport {
  return async (request, call) => {
    if (request.headers.has("Authorization")) return transport(request, call);
    if (call.operation?.tokenEndpoint) {
      if (tokens.apiKey !== undefined) request.headers.set("Authorization", `Basic ${tokens.apiKey}`);
      return transport(request, call);
    }
    const response = await transport(request, call);
    if (response.status !== 401 && response.status !== 403) return response;
    const sent = request.headers.get("Authorization");
    if (!sent?.startsWith("Bearer ")) return response;
    const token = sent.slice("Bearer ".length);
    if (!(await refusesToken(response.status, () => response.clone().text()))) return response;
    // A prepared Request's signal carries its attempts' deadlines, not a caller's (it had none).
    const fresh = await tokens.refresh(token, call.prepared ? undefined : request.signal);
    if (fresh === undefined) return response;
    request.headers.set("Authorization", `Bearer ${fresh}`);
    // A prepared Request (see Call.prepared) may have been sent as it is, and a deadline may have
    // aborted its signal: the replay is a copy with no signal (its caller gave none).
    return call.prepared ? transport(new Request(request, { signal: null }), { ...call, prepared: undefined }) : transport(request, call);
  };
}
