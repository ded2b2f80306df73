// Bearer tokens: minted from the API key via POST /token (cached, shared by concurrent callers,
// refreshed shortly before expiry), or supplied ready-made by the caller.
import type { Middleware } from "openapi-fetch";
import { BasiqError } from "./errors.js";
import { apiError } from "./internal/api-error.js";
import type { FetchLike } from "./retry.js";

/** Refresh this long before `expires_in` runs out, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;
/** Used when a token response has no usable `expires_in` (Basiq issues 60-minute tokens). */
const DEFAULT_EXPIRES_IN_S = 3600;
/** Largest token response read: Basiq's is about 1 KB; anything near this is not a token. */
const TOKEN_MAX_BYTES = 64 * 1024;
/** Client tokens kept at most (one per user); the oldest is dropped first, so memory stays bounded. */
const MAX_CLIENT_TOKENS = 1000;

/** A token with the time it should be replaced. */
interface Minted {
  token: string;
  expiresInS: number;
}

/**
 * One cached token: at most one mint in flight, shared by every caller (so no mint can finish
 * late and replace a newer token: there is never a second one); a failed mint is never cached.
 */
export class TokenCache {
  #current: { token: string; refreshAt: number } | undefined;
  #inflight: Promise<string> | undefined;
  readonly #mint: () => Promise<Minted>;

  constructor(mint: () => Promise<Minted>) {
    this.#mint = mint;
  }

  /** The cached token while it is fresh, else the shared in-flight mint. */
  get(): Promise<string> {
    if (this.#current && Date.now() < this.#current.refreshAt) return Promise.resolve(this.#current.token);
    return (this.#inflight ??= this.#refresh());
  }

  /** Forgets `token` after the API refused it (a newer token that replaced it is kept). */
  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  #refresh(): Promise<string> {
    const promise = this.#mint()
      .then(({ token, expiresInS }) => {
        const lifetimeMs = expiresInS * 1000;
        this.#current = { token, refreshAt: Date.now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 10) };
        return token;
      })
      .finally(() => {
        if (this.#inflight === promise) this.#inflight = undefined;
      });
    return promise;
  }
}

/** Mints a token: `POST /token` with the API key, the form scope and (for CLIENT_ACCESS) the user. */
export function tokenMinter(baseUrl: string, apiKey: string, fetchFn: FetchLike, form: Record<string, string>) {
  return async (): Promise<Minted> => {
    const request = new Request(`${baseUrl}/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${apiKey}`,
        "basiq-version": "3.0",
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: new URLSearchParams(form).toString(),
    });
    const response = await fetchFn(Object.assign(request, { maxResponseBytes: TOKEN_MAX_BYTES }));
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: handled below without echoing the text.
    }
    if (!response.ok) throw apiError("POST", "/token", response.status, body, response.headers);
    const record = (body ?? {}) as { access_token?: unknown; expires_in?: unknown };
    if (typeof record.access_token !== "string" || record.access_token === "") {
      throw new BasiqError(`POST /token -> ${response.status} without an access_token in the body`, { status: response.status, method: "POST", path: "/token" });
    }
    const expiresInS = typeof record.expires_in === "number" && record.expires_in > 0 ? record.expires_in : DEFAULT_EXPIRES_IN_S;
    return { token: record.access_token, expiresInS };
  };
}

/** Where bearer tokens come from: the API key (minted and cached) or the caller's own token. */
export interface TokenSource {
  /** A bearer token for the next call. */
  bearer(): Promise<string>;
  /** After a 401 with `used`: a different token to replay with, or undefined when there is none. */
  refresh(used: string): Promise<string | undefined>;
  /** The API key, for the `Authorization: Basic` of POST /token (undefined with a ready token). */
  readonly apiKey: string | undefined;
}

/** Tokens minted from the API key, cached in `cache`. */
export function keyTokens(apiKey: string, cache: TokenCache): TokenSource {
  return {
    apiKey,
    bearer: () => cache.get(),
    refresh: async (used) => {
      cache.invalidate(used);
      const fresh = await cache.get();
      return fresh === used ? undefined : fresh;
    },
  };
}

/** A ready token from the caller: a string, or a function asked again after a 401. */
export function readyTokens(token: string | (() => string | Promise<string>)): TokenSource {
  const get = async () => (typeof token === "function" ? await token() : token);
  return {
    apiKey: undefined,
    bearer: get,
    refresh: async (used) => {
      if (typeof token !== "function") return undefined;
      const fresh = await get();
      return fresh === used ? undefined : fresh;
    },
  };
}

/** Per-user CLIENT_ACCESS token caches, bounded to MAX_CLIENT_TOKENS users. */
export class ClientTokens {
  readonly #caches = new Map<string, TokenCache>();
  readonly #forUser: (userId: string) => TokenCache;

  constructor(forUser: (userId: string) => TokenCache) {
    this.#forUser = forUser;
  }

  get(userId: string): Promise<string> {
    let cache = this.#caches.get(userId);
    if (!cache) {
      if (this.#caches.size >= MAX_CLIENT_TOKENS) this.#caches.delete(this.#caches.keys().next().value!);
      cache = this.#forUser(userId);
      this.#caches.set(userId, cache);
    }
    return cache.get();
  }
}

/** The path whose security is the API key rather than a bearer token (core spec: `api_key`). */
const TOKEN_PATH = "/token";

/**
 * openapi-fetch middleware: `Authorization: Bearer <token>` on every call (Basic with the API key on
 * POST /token), and on a 401 one refresh and one replay. The replay goes straight to the client's
 * fetch, so a second 401 is returned as it is.
 */
export function authMiddleware(tokens: TokenSource): Middleware {
  const used = new WeakMap<Request, string>();
  return {
    async onRequest({ request, schemaPath }) {
      if (request.headers.has("Authorization")) return undefined;
      if (schemaPath === TOKEN_PATH) {
        if (tokens.apiKey !== undefined) request.headers.set("Authorization", `Basic ${tokens.apiKey}`);
        return undefined;
      }
      const token = await tokens.bearer();
      used.set(request, token);
      request.headers.set("Authorization", `Bearer ${token}`);
      return undefined;
    },
    async onResponse({ request, response, options }) {
      const token = used.get(request);
      if (response.status !== 401 || token === undefined) return undefined;
      const fresh = await tokens.refresh(token);
      if (fresh === undefined) return undefined;
      request.headers.set("Authorization", `Bearer ${fresh}`);
      return options.fetch(request);
    },
  };
}
