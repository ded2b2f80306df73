// The default SyncState: this process only, gone when it exits (a restart syncs every user in full).
import { BasiqError } from "../errors.js";
import { knownRow } from "./diff.js";
import type { KnownRow, SyncCheckpoint, SyncCommit, SyncState } from "./types.js";
import { knownFilter } from "./window.js";

interface UserEntry {
  checkpoint?: SyncCheckpoint;
  rows: Map<string, KnownRow>;
}

/** A commit refused because another sync committed the user since this one read its checkpoint. */
export function staleCommit(userId: string, expected: number, found: number): BasiqError {
  return new BasiqError(`sync: user ${userId} was committed by another sync meanwhile (checkpoint version ${found}, expected ${expected}); nothing of this sync was written`);
}

/** Checkpoints, known rows and leases in this process's memory. */
export class MemorySyncState implements SyncState {
  readonly #users = new Map<string, UserEntry>();
  readonly #leases = new Map<string, { owner: string; until: number }>();

  async checkpoint(userId: string): Promise<SyncCheckpoint | undefined> {
    const checkpoint = this.#users.get(userId)?.checkpoint;
    return checkpoint && structuredClone(checkpoint);
  }

  async known(userId: string, fromDay: string | undefined, accounts: readonly string[]): Promise<KnownRow[]> {
    const rows = this.#users.get(userId)?.rows;
    return rows ? [...rows.values()].filter(knownFilter(fromDay, accounts)) : [];
  }

  async commit(commit: SyncCommit): Promise<void> {
    const entry = this.#users.get(commit.userId) ?? { rows: new Map<string, KnownRow>() };
    const version = entry.checkpoint?.version ?? 0;
    if (version !== commit.expectedVersion) throw staleCommit(commit.userId, commit.expectedVersion, version);
    const lease = this.#leases.get(commit.userId);
    if (lease && lease.until > Date.now() && lease.owner !== commit.owner) {
      throw new BasiqError(`sync: user ${commit.userId} is leased by another worker; this sync lost its lease and wrote nothing`);
    }
    for (const id of commit.removed) entry.rows.delete(id);
    for (const row of [...commit.added, ...commit.modified]) entry.rows.set(row.id, knownRow(row));
    entry.checkpoint = structuredClone(commit.checkpoint);
    this.#users.set(commit.userId, entry);
  }

  async lease(userId: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    const held = this.#leases.get(userId);
    if (held && held.until > now && held.owner !== owner) return false;
    this.#leases.set(userId, { owner, until: now + ttlMs });
    return true;
  }

  async release(userId: string, owner: string): Promise<void> {
    if (this.#leases.get(userId)?.owner === owner) this.#leases.delete(userId);
  }

  async forget(userId: string): Promise<void> {
    this.#users.delete(userId);
    this.#leases.delete(userId);
  }
}
