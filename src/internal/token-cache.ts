// One cached token: minted at most once at a time in this process, shared by every caller, and
// (with a store) shared by processes through the store and its mint lock.
import { raceSignal } from "./abort.js";
import { delay } from "./delay.js";
import { remember } from "./redact.js";
import type { BasiqStore } from "../store.js";

/** Refresh this long before `expires_in` runs out, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;
/** A token is kept at least this long, whatever `expires_in` says (0.001 minted one per call). */
const MIN_REFRESH_MS = 10_000;
/** How long one process may hold the mint lock: a holder that dies frees it by then. A mint normally takes well under a second. */
const MINT_LOCK_TTL_MS = 15_000;
/** Longest a process waits for another's mint (past the lock's TTL, so a dead holder's lock frees first); then it mints itself. */
const MINT_WAIT_MS = 20_000;
/** Polls of the store while another process mints: 20 ms, doubling, at most 250 ms apart. */
const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 250;

/** A token with the time it should be replaced. */
export interface Minted {
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
    const minting = (this.#inflight ??= this.#refresh());
    return signal ? raceSignal(minting, signal) : minting;
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

