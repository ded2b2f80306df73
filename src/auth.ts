// Bearer tokens: minted from the API key via POST /token (cached, shared by concurrent callers,
// refreshed shortly before expiry), or supplied ready-made by the caller.
import type { Middleware } from "openapi-fetch";
import { BasiqError } from "./errors.js";
import { apiError } from "./internal/api-error.js";
import { delay } from "./internal/delay.js";
import { checkCredential, remember } from "./internal/secrets.js";
import type { FetchLike } from "./retry.js";
import type { BasiqStore } from "./store.js";

/** Refresh this long before `expires_in` runs out, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;
/** Used when a token response has no usable `expires_in` (Basiq issues 60-minute tokens). */
const DEFAULT_EXPIRES_IN_S = 3600;
/** A token is kept at least this long, whatever `expires_in` says (0.001 minted one per call). */
const MIN_REFRESH_MS = 10_000;
/** Largest token response read: Basiq's is about 1 KB; anything near this is not a token. */
const TOKEN_MAX_BYTES = 64 * 1024;
/** Client tokens kept at most (one per user); the oldest is dropped first, so memory stays bounded. */
const MAX_CLIENT_TOKENS = 1000;
/** How long one process may hold the mint lock: a holder that dies frees it by then. A mint normally takes well under a second. */
const MINT_LOCK_TTL_MS = 15_000;
/** Longest a process waits for another's mint (past the lock's TTL, so a dead holder's lock frees first); then it mints itself. */
const MINT_WAIT_MS = 20_000;
/** Polls of the store while another process mints: 20 ms, doubling, at most 250 ms apart. */
const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 250;

/** A token with the time it should be replaced. */
interface Minted {
  token: string;
  expiresInS: number;
}

/** Where a token cache shares its token with other processes: its store and key (the mint lock is `lock:<key>`). */
export interface SharedToken {
  store: BasiqStore;
  key: string;
}

/** A token held by this process, with when to replace it and its form in the store. */
interface Held {
  token: string;
  refreshAt: number;
  /** The store's value (`<refreshAt> <token>`): the exact value to delete when the API refuses the token. */
  stored: string;
}

function hold(token: string, refreshAt: number): Held {
  return { token, refreshAt, stored: `${refreshAt} ${token}` };
}

/** A stored value still fresh, or undefined (absent, unreadable, or past its refresh point). */
function fresh(stored: string | undefined): Held | undefined {
  const space = stored?.indexOf(" ") ?? -1;
  if (stored === undefined || space < 1) return undefined;
  const refreshAt = Number(stored.slice(0, space));
  const token = stored.slice(space + 1);
  remember(token); // another process minted it: kept out of errors here too
  return Number.isFinite(refreshAt) && Date.now() < refreshAt && token !== "" ? { token, refreshAt, stored } : undefined;
}

/** Resolves `promise`, or rejects with the signal's reason as soon as `signal` aborts (the promise runs on for others). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * One cached token: at most one mint in flight in this process, shared by every caller (so no mint
 * can finish late and replace a newer token: there is never a second one); a failed mint is never
 * cached. With a store, processes share the token too: the first to take the store's mint lock
 * mints and stores it (TTL: its remaining life), the others wait for it in the store.
 */
export class TokenCache {
  #current: Held | undefined;
  #inflight: Promise<string> | undefined;
  readonly #mint: () => Promise<Minted>;
  readonly #shared: SharedToken | undefined;

  constructor(mint: () => Promise<Minted>, shared?: SharedToken) {
    this.#mint = mint;
    this.#shared = shared;
  }

  /** The cached token while it is fresh, else the shared in-flight mint (a caller's abort ends only its own wait). */
  get(signal?: AbortSignal): Promise<string> {
    if (this.#current && Date.now() < this.#current.refreshAt) return Promise.resolve(this.#current.token);
    return untilAborted((this.#inflight ??= this.#refresh()), signal);
  }

  /** Forgets `token` after the API refused it, here and in the store (a newer token that replaced it is kept). */
  async invalidate(token: string): Promise<void> {
    const current = this.#current;
    if (current?.token !== token) return;
    this.#current = undefined;
    if (this.#shared) await this.#shared.store.deleteIf(this.#shared.key, current.stored);
  }

  #refresh(): Promise<string> {
    const promise = this.#obtain()
      .then((held) => {
        this.#current = held;
        return held.token;
      })
      .finally(() => {
        if (this.#inflight === promise) this.#inflight = undefined;
      });
    return promise;
  }

  /** A new token, and how long it lives (the TTL it is stored under). */
  async #mintHeld(): Promise<{ held: Held; lifetimeMs: number }> {
    const { token, expiresInS } = await this.#mint();
    // Kept at least MIN_REFRESH_MS (in the store too), whatever expires_in says.
    const lifetimeMs = Math.max(MIN_REFRESH_MS, expiresInS * 1000);
    return { held: hold(token, Date.now() + Math.max(MIN_REFRESH_MS, lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 10))), lifetimeMs };
  }

  /** The store's token when fresh; else it is minted here under the lock, or the holder's is awaited. */
  async #obtain(): Promise<Held> {
    if (!this.#shared) return (await this.#mintHeld()).held;
    const { store, key } = this.#shared;
    const lockKey = `lock:${key}`;
    const owner = crypto.randomUUID();
    const deadline = Date.now() + MINT_WAIT_MS;
    for (let waitMs = POLL_FIRST_MS; Date.now() < deadline; waitMs = Math.min(POLL_MAX_MS, waitMs * 2)) {
      const found = fresh(await store.get(key));
      if (found) return found;
      if (await store.lock(lockKey, owner, MINT_LOCK_TTL_MS)) {
        try {
          // The holder before us may have stored its token between our read and our lock.
          const stored = fresh(await store.get(key));
          if (stored) return stored;
          const { held, lifetimeMs } = await this.#mintHeld();
          await store.set(key, held.stored, lifetimeMs);
          return held;
        } finally {
          await store.unlock(lockKey, owner);
        }
      }
      await delay(waitMs);
    }
    // The holder is stuck past every bound: one more mint beats a failed call.
    return (await this.#mintHeld()).held;
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
    if (typeof record.access_token !== "string" || record.access_token.trim() === "") {
      throw new BasiqError(`POST /token -> ${response.status} without an access_token in the body`, { status: response.status, method: "POST", path: "/token" });
    }
    const token = checkCredential(`the access_token POST /token issued (-> ${response.status})`, record.access_token);
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
  const get = async () => (typeof token === "function" ? checkCredential("the token your `token` function returned", await token()) : token);
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
 * Basiq answers an expired token with 403 `Token has expired` on most endpoints (its docs' HTTP
 * error tables), not 401: that 403 means the same and is handled the same. Any other 403 (e.g.
 * `Access to this resource is forbidden.`) is an answer, returned as it is.
 */
async function saysTokenExpired(response: Response): Promise<boolean> {
  try {
    const body = JSON.parse(await response.clone().text()) as { data?: Array<{ detail?: unknown; title?: unknown }> };
    return Array.isArray(body?.data) && body.data.some((entry) => /^token has expired\.?$/i.test(String(entry?.detail ?? "").trim()));
  } catch {
    return false;
  }
}

/**
 * openapi-fetch middleware: `Authorization: Bearer <token>` on every call (Basic with the API key on
 * POST /token), and on a 401 (or a 403 `Token has expired`) one refresh and one replay. The replay
 * goes straight to the client's fetch, so a second refusal is returned as it is.
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
      const token = await tokens.bearer(request.signal);
      used.set(request, token);
      request.headers.set("Authorization", `Bearer ${token}`);
      return undefined;
    },
    async onResponse({ request, response, options }) {
      const token = used.get(request);
      if (token === undefined) return undefined;
      if (response.status !== 401 && !(response.status === 403 && (await saysTokenExpired(response)))) return undefined;
      const fresh = await tokens.refresh(token, request.signal);
      if (fresh === undefined) return undefined;
      request.headers.set("Authorization", `Bearer ${fresh}`);
      return options.fetch(request);
    },
  };
}
