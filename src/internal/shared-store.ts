// How a client reaches its store: every key under a namespace that tells API keys apart without
// holding one, and (for a store the user supplied) every call under a deadline, with this process's
// memory standing in while the store fails, so a call never fails because of the store.
import { type AdmitRequest, type AdmitResult, type BasiqStore, type BucketRate, MemoryStore, type RefusalReport, type RefusalResult, type TakeResult } from "../store.js";

/** Longest a store call may take before this process's memory answers it instead. */
const STORE_DEADLINE_MS = 500;
/** After a store failure, memory answers for this long before the store is tried again (no 500 ms per call during an outage). */
const STORE_RETRY_AFTER_MS = 5_000;

/**
 * The namespace of an API key's state: the first 16 hex digits of its SHA-256 (Web Crypto, on every
 * runtime), so keys of clients on different API keys never meet and the API key itself is never stored.
 */
export async function keyNamespace(apiKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(apiKey)));
  return Array.from(digest.subarray(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The namespace of a ready-token client (issue 18 row 11: tenants on one store must not share a
 * limiter): `t` and the first 16 hex digits of the token's SHA-256, so two tenants' tokens never
 * meet, nor a token and an API key. A `token` function is asked once more, for the first token it
 * gives (a rotating function keeps that namespace); when it fails, the client keeps a namespace of
 * its own (nothing shared, nothing failed).
 */
export async function tokenNamespace(token: string | (() => string | Promise<string>)): Promise<string> {
  try {
    const value = typeof token === "function" ? await token() : token;
    if (typeof value === "string" && value !== "") return `t${await keyNamespace(value)}`;
  } catch {
    // Below: its own namespace; the call itself asks the function again and reports its failure.
  }
  return `t-${crypto.randomUUID()}`;
}

/** `store` with every key prefixed by `${namespace}:` (computed at the first call). */
export function namespacedStore(store: BasiqStore, namespace: () => Promise<string>): BasiqStore {
  let ns: Promise<string> | undefined;
  const key = async (name: string) => `${await (ns ??= namespace())}:${name}`;
  return {
    get: async (name) => store.get(await key(name)),
    set: async (name, value, ttlMs) => store.set(await key(name), value, ttlMs),
    deleteIf: async (name, value) => store.deleteIf(await key(name), value),
    lock: async (name, owner, ttlMs) => store.lock(await key(name), owner, ttlMs),
    unlock: async (name, owner) => store.unlock(await key(name), owner),
    pause: async (name, ms) => store.pause(await key(name), ms),
    take: async (name, rate) => store.take(await key(name), rate),
    ...(store.admit && store.refuse ? {
      admit: async (name: string, request: AdmitRequest) => store.admit!(await key(name), request),
      refuse: async (name: string, report: RefusalReport) => store.refuse!(await key(name), report),
    } : {}),
  };
}

/** Told once per outage: when a store call first fails after the store last worked. */
export type StoreFailureListener = (error: unknown) => void;

/**
 * `store` under a deadline: a call that throws or runs past {@link STORE_DEADLINE_MS} is answered
 * by process-local memory instead, and so is every call for the next few seconds (the store is
 * then tried again). Locks and values a failed store held expire there by their TTL.
 */
export class GuardedStore implements BasiqStore {
  readonly #store: BasiqStore;
  readonly #local = new MemoryStore();
  readonly #onFailure: StoreFailureListener;
  readonly #deadlineMs: number;
  #downUntil = 0;
  #healthy = true;

  constructor(store: BasiqStore, onFailure: StoreFailureListener, deadlineMs = STORE_DEADLINE_MS) {
    this.#store = store;
    this.#onFailure = onFailure;
    this.#deadlineMs = deadlineMs;
  }

  get(key: string): Promise<string | undefined> {
    return this.#run((s) => s.get(key));
  }

  set(key: string, value: string, ttlMs: number): Promise<void> {
    return this.#run((s) => s.set(key, value, ttlMs));
  }

  deleteIf(key: string, value: string): Promise<void> {
    return this.#run((s) => s.deleteIf(key, value));
  }

  lock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.#run((s) => s.lock(key, owner, ttlMs));
  }

  unlock(key: string, owner: string): Promise<void> {
    return this.#run((s) => s.unlock(key, owner));
  }

  pause(key: string, ms: number): Promise<number> {
    return this.#run((s) => s.pause(key, ms));
  }

  take(key: string, rate: BucketRate): Promise<TakeResult> {
    return this.#run((s) => s.take(key, rate));
  }

  // A store without the limiter's steps (a custom one) leaves the limiter to this process's memory.
  admit(key: string, request: AdmitRequest): Promise<AdmitResult> {
    return typeof this.#store.admit === "function" ? this.#run((s) => (s.admit ?? this.#local.admit).call(s, key, request)) : this.#local.admit(key, request);
  }

  refuse(key: string, report: RefusalReport): Promise<RefusalResult> {
    return typeof this.#store.refuse === "function" ? this.#run((s) => (s.refuse ?? this.#local.refuse).call(s, key, report)) : this.#local.refuse(key, report);
  }

  async #run<T>(call: (store: BasiqStore) => Promise<T>): Promise<T> {
    if (Date.now() < this.#downUntil) return call(this.#local);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const attempt = Promise.resolve().then(() => call(this.#store));
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the store did not answer within ${this.#deadlineMs} ms`)), this.#deadlineMs);
      });
      attempt.catch(() => undefined); // a call that answers after the deadline must not go unhandled
      const result = await Promise.race([attempt, late]);
      this.#healthy = true;
      return result;
    } catch (error) {
      this.#downUntil = Date.now() + STORE_RETRY_AFTER_MS;
      if (this.#healthy) {
        this.#healthy = false;
        try {
          this.#onFailure(error);
        } catch {
          // A listener's own failure must not fail the call either.
        }
      }
      return call(this.#local);
    } finally {
      clearTimeout(timer);
    }
  }
}
