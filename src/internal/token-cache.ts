// One cached token: minted at most once at a time in this process, shared by every caller, and
// (with a store) shared by processes through the store and its mint lock.
import { raceSignal } from "./abort.js";
import { delay } from "./delay.js";
import { isHeaderSafe } from "./header-safe.js";
import { remember } from "./redact.js";
import type { BasiqStore } from "../store.js";

/** Refresh this long before `expires_in` runs out, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;
/** A token is kept at least this long, whatever `expires_in` says (0.001 minted one per call). */
const MIN_REFRESH_MS = 10_000;
/** How long one process may hold the mint lock: a holder that dies frees it by then. A mint normally takes well under a second. */
const MINT_LOCK_TTL_MS = 15_000;
/**
 * Longest a process waits for another's mint (past the lock's TTL, so a dead holder's lock frees
 * first); then it mints itself. Never longer than half the client's `timeoutMs` (SharedToken.maxWaitMs),
 * so the mint here still fits in a call's deadline: a lock left without a TTL must not cost every
 * call 20 s when its attempts may take 2. (Each caller's own wait also ends at its call's timeoutMs.)
 */
const MINT_WAIT_MS = 20_000;
/**
 * Longest stored value read as a token (`<refreshAt> <token>`): Basiq's tokens are JWTs of about
 * 1 KB, and the token response itself is capped at 64 KiB. A larger value (20 MB, written by
 * anything) is ignored, never sent: every call would fail with 431 until its refreshAt.
 */
const MAX_STORED_CHARS = 16 * 1024;
/** A stored refresh time: ms since the epoch, digits only. */
const REFRESH_AT = /^\d{1,16}$/;
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
  /** Longest wait for another process's mint before minting here (half the client's `timeoutMs`); at most MINT_WAIT_MS. */
  maxWaitMs?: number;
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

/**
 * A stored value still fresh, or undefined: absent, past its refresh point, or not what this SDK
 * writes (too long, no refresh time, a token no header may carry: CR LF, non-ASCII, empty). Such a
 * value is discarded unread by anything else (a fresh token is minted and stored over it) and never
 * quoted: it could be anything, a secret included.
 */
function fresh(stored: unknown): Held | undefined {
  if (typeof stored !== "string" || stored.length > MAX_STORED_CHARS) return undefined;
  const space = stored.indexOf(" ");
  if (space < 1 || !REFRESH_AT.test(stored.slice(0, space))) return undefined;
  const refreshAt = Number(stored.slice(0, space));
  const token = stored.slice(space + 1);
  if (!(Date.now() < refreshAt) || !isHeaderSafe(token)) return undefined;
  remember(token); // another process minted it: kept out of errors here too
  return { token, refreshAt, stored };
}

/**
 * One cached token: at most one mint in flight in this process, shared by every caller (so no mint
 * can finish late and replace a newer token: there is never a second one); a failed mint is never
 * cached. With a store, processes share the token too: the first to take the store's mint lock
 * mints and stores it (TTL: its remaining life), the others wait for it in the store.
 */
export class TokenCache {
  #current: Held | undefined;
  #inflight: Inflight | undefined;
  readonly #mint: (signal: AbortSignal) => Promise<Minted>;
  readonly #shared: SharedToken | undefined;

  constructor(mint: (signal: AbortSignal) => Promise<Minted>, shared?: SharedToken) {
    this.#mint = mint;
    this.#shared = shared;
  }

  /**
   * The cached token while it is fresh, else the shared in-flight mint. A caller's abort ends only
   * its own wait; once every caller has left that way, the mint is aborted too (no request or timer
   * outlives its callers, and the next caller mints anew). A caller without a signal keeps it going.
   */
  get(signal?: AbortSignal): Promise<string> {
    if (this.#current && Date.now() < this.#current.refreshAt) return Promise.resolve(this.#current.token);
    const minting = (this.#inflight ??= this.#refresh());
    if (!signal) {
      minting.waiters = Number.POSITIVE_INFINITY;
      return minting.promise;
    }
    minting.waiters++;
    return raceSignal(minting.promise, signal).finally(() => {
      minting.waiters--;
      if (signal.aborted && minting.waiters === 0) minting.controller.abort(signal.reason);
    });
  }

  /** Forgets `token` after the API refused it, here and in the store (a newer token that replaced it is kept). */
  async invalidate(token: string): Promise<void> {
    const current = this.#current;
    if (current?.token !== token) return;
    this.#current = undefined;
    if (this.#shared) await this.#shared.store.deleteIf(this.#shared.key, current.stored);
  }

  #refresh(): Inflight {
    const controller = new AbortController();
    const inflight: Inflight = { controller, waiters: 0, promise: Promise.resolve("") };
    inflight.promise = this.#obtain(controller.signal)
      .then((held) => {
        this.#current = held;
        return held.token;
      })
      .finally(() => {
        if (this.#inflight === inflight) this.#inflight = undefined;
      });
    return inflight;
  }

  /** A new token, and how long it lives (the TTL it is stored under). */
  async #mintHeld(signal: AbortSignal): Promise<{ held: Held; lifetimeMs: number }> {
    const { token, expiresInS } = await this.#mint(signal);
    // Kept at least MIN_REFRESH_MS (in the store too), whatever expires_in says.
    const lifetimeMs = Math.max(MIN_REFRESH_MS, expiresInS * 1000);
    return { held: hold(token, Date.now() + Math.max(MIN_REFRESH_MS, lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 10))), lifetimeMs };
  }

  /** The store's token when fresh; else it is minted here under the lock, or the holder's is awaited. */
  async #obtain(signal: AbortSignal): Promise<Held> {
    if (!this.#shared) return (await this.#mintHeld(signal)).held;
    const { store, key } = this.#shared;
    const lockKey = `lock:${key}`;
    const owner = crypto.randomUUID();
    const deadline = Date.now() + Math.min(MINT_WAIT_MS, this.#shared.maxWaitMs ?? MINT_WAIT_MS);
    for (let waitMs = POLL_FIRST_MS; Date.now() < deadline; waitMs = Math.min(POLL_MAX_MS, waitMs * 2)) {
      const found = fresh(await store.get(key));
      if (found) return found;
      if (await store.lock(lockKey, owner, MINT_LOCK_TTL_MS)) {
        try {
          // The holder before us may have stored its token between our read and our lock.
          const stored = fresh(await store.get(key));
          if (stored) return stored;
          const { held, lifetimeMs } = await this.#mintHeld(signal);
          await store.set(key, held.stored, lifetimeMs);
          return held;
        } finally {
          await store.unlock(lockKey, owner);
        }
      }
      await delay(Math.max(0, Math.min(waitMs, deadline - Date.now())), signal);
    }
    // The holder is stuck past every bound (or the lock has no TTL and never frees): one more mint
    // beats a failed call, and it is stored, so the next process finds it instead of waiting too.
    const { held, lifetimeMs } = await this.#mintHeld(signal);
    await store.set(key, held.stored, lifetimeMs);
    return held;
  }
}

/** The mint in flight, shared by its callers: aborted once the last of them has left. */
interface Inflight {
  promise: Promise<string>;
  controller: AbortController;
  /** Callers waiting with a signal; Infinity once one waits without (it keeps the mint going). */
  waiters: number;
}

