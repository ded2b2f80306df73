// Where a client keeps the state it may share: tokens and rate-limit state. Memory by default;
// `basiq/redis` keeps the same state in Redis so every process on one API key shares it.
import { type AdmitRequest, type AdmitResult, type LimitState, type RefusalReport, type RefusalResult, admitStep, refuseStep, STATE_TTL_MS } from "./internal/limit-state.js";

export type { AdmitRequest, AdmitResult, RefusalReport, RefusalResult } from "./internal/limit-state.js";

/** Outcome of {@link BasiqStore.take}. */
export interface TakeResult {
  /** True when a send was reserved (the caller sends after `waitMs`); false when the wait exceeded `maxWaitMs` (nothing reserved). */
  granted: boolean;
  /** How long the caller must wait before sending, in ms (0: at once). */
  waitMs: number;
}

/** Settings of one token bucket for {@link BasiqStore.take}. */
export interface BucketRate {
  /** Sustained sends per second. */
  ratePerSec: number;
  /** Sends allowed at once after an idle spell. */
  burst: number;
  /** Refuse (reserve nothing) when the wait would exceed this. */
  maxWaitMs: number;
}

/**
 * The state a client shares with others on the same store. Every method is atomic on its key;
 * times are measured by the store's own clock (so processes with skewed clocks agree), and every
 * value expires: nothing a store holds outlives its TTL. Keys arrive namespaced by the client (per API
 * key); a store may prefix them further (`redisStore`: "basiq:").
 * The API key is never stored, only tokens, under TTLs equal to their remaining life.
 */
export interface BasiqStore {
  /** The value under `key`, or undefined when absent or expired. */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs` (> 0). */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Deletes `key` only while it still holds `value` (a newer value written meanwhile survives). */
  deleteIf(key: string, value: string): Promise<void>;
  /** Takes the lock `key` for `owner` for `ttlMs` when it is free; true when taken. A holder that dies frees it by TTL. */
  lock(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Frees the lock `key` only while `owner` still holds it. */
  unlock(key: string, owner: string): Promise<void>;
  /**
   * Raises the pause at `key` to end at least `ms` from now (0 only reads it); resolves the ms the
   * pause still has to run (0 when there is none).
   */
  pause(key: string, ms: number): Promise<number>;
  /** Reserves one send from the token bucket at `key` (GCRA): resolves how long to wait before it, or `granted: false`. */
  take(key: string, rate: BucketRate): Promise<TakeResult>;
  /**
   * Reserves one send from the rate limiter's bucket at `key`, in one atomic step on the store's
   * clock: the bucket's pause, then a send slot at its shared rate (see src/internal/limit-state.ts).
   * Counts the successes the request reports. The limiter's only store call per request. A store
   * without it (and `refuse`) shares tokens but leaves each client its own limiter.
   */
  admit?(key: string, request: AdmitRequest): Promise<AdmitResult>;
  /** Answers a refusal of a send admitted at `key`: pauses the bucket for every caller and (when fresh) lowers its rate, atomically. */
  refuse?(key: string, report: RefusalReport): Promise<RefusalResult>;
}

/** Entries a memory store keeps at most; past it expired entries go first, then the oldest written. */
const MAX_ENTRIES = 10_000;

interface Entry {
  value: string;
  /** A limiter bucket's state, kept as the object (`value` is then unused): no JSON round trip per send. */
  state?: LimitState;
  expiresAt: number;
}

/** An entry's value as `get` returns it. */
const textOf = (entry: Entry): string => (entry.state ? JSON.stringify(entry.state) : entry.value);

/**
 * The default store: this process only. Expired entries are dropped on access and when the store
 * is full, so memory stays bounded whatever the keys.
 */
export class MemoryStore implements BasiqStore {
  readonly #entries = new Map<string, Entry>();

  async get(key: string): Promise<string | undefined> {
    const entry = this.#live(key);
    return entry && textOf(entry);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#put(key, value, ttlMs);
  }

  async deleteIf(key: string, value: string): Promise<void> {
    const entry = this.#live(key);
    if (entry && textOf(entry) === value) this.#entries.delete(key);
  }

  async lock(key: string, owner: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    this.#put(key, owner, ttlMs);
    return true;
  }

  async unlock(key: string, owner: string): Promise<void> {
    await this.deleteIf(key, owner);
  }

  async pause(key: string, ms: number): Promise<number> {
    const now = Date.now();
    const until = Math.max(Number(this.#live(key)?.value ?? 0), ms > 0 ? now + ms : 0);
    if (until > now) this.#put(key, String(until), until - now);
    return Math.max(0, until - now);
  }

  async take(key: string, rate: BucketRate): Promise<TakeResult> {
    const now = Date.now();
    const interval = 1000 / rate.ratePerSec;
    const tolerance = interval * Math.max(0, rate.burst - 1);
    // GCRA: `tat` is when the bucket would be empty again; a send may go `tolerance` ahead of it.
    const tat = Math.max(Number(this.#live(key)?.value ?? 0), now);
    const waitMs = Math.max(0, Math.ceil(tat - tolerance - now));
    if (waitMs > rate.maxWaitMs) return { granted: false, waitMs };
    const next = tat + interval;
    this.#put(key, String(next), next - now + tolerance);
    return { granted: true, waitMs };
  }

  async admit(key: string, request: AdmitRequest): Promise<AdmitResult> {
    const { state, result } = admitStep(this.#state(key), Date.now(), request);
    this.#keep(key, state);
    return result;
  }

  async refuse(key: string, report: RefusalReport): Promise<RefusalResult> {
    const { state, result } = refuseStep(this.#state(key), Date.now(), report);
    this.#keep(key, state);
    return result;
  }

  /** The bucket's state: the object admitStep/refuseStep update in place (a string set by `set` is parsed once). */
  #state(key: string): LimitState | undefined {
    const entry = this.#live(key);
    if (entry === undefined) return undefined;
    return entry.state ?? (JSON.parse(entry.value) as LimitState);
  }

  #keep(key: string, state: LimitState): void {
    this.#put(key, "", Math.max(state.until, state.tat) - Date.now() + STATE_TTL_MS, state);
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  #put(key: string, value: string, ttlMs: number, state?: LimitState): void {
    this.#entries.delete(key);
    if (this.#entries.size >= MAX_ENTRIES) this.#evict();
    this.#entries.set(key, { value, state, expiresAt: Date.now() + Math.max(1, ttlMs) });
  }

  /** Drops expired entries; when none had expired, the oldest-inserted tenth. */
  #evict(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    if (this.#entries.size < MAX_ENTRIES) return;
    let drop = Math.ceil(MAX_ENTRIES / 10);
    for (const key of this.#entries.keys()) {
      if (drop-- <= 0) break;
      this.#entries.delete(key);
    }
  }
}
