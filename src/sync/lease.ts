// Runs one user's sync under its lease: taken first (another owner's lease: busy), renewed every
// third of its life while the sync runs, freed after. A lost renewal aborts the sync before its commit.
import { BasiqError } from "../errors.js";
import { abortError } from "../internal/abort.js";
import type { SyncState } from "./types.js";

/** The BasiqError an aborted sync rejects with (the SDK's one abort error: name "AbortError", the signal's reason as `cause`). */
export function syncAborted(signal: AbortSignal, userId: string): BasiqError {
  return abortError(signal, `sync: user ${userId}`, " before its commit; its previous checkpoint stays");
}

/** `signal` and `other` in one: aborts when either does. */
function either(signal: AbortSignal | undefined, other: AbortSignal): AbortSignal {
  return signal ? AbortSignal.any([signal, other]) : other;
}

/** Runs `fn` while holding the user's lease; rejects with `busy()` when another owner holds it. */
export async function holdLease<T>(
  state: SyncState, userId: string, owner: string, leaseMs: number, signal: AbortSignal | undefined,
  busy: () => BasiqError, fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (!(await state.lease(userId, owner, leaseMs))) throw busy();
  const lost = new AbortController();
  const timer = setInterval(() => {
    state.lease(userId, owner, leaseMs).then(
      (held) => { if (!held) lost.abort(new BasiqError(`sync: the lease on user ${userId} was lost (another worker took it)`)); },
      (error: unknown) => lost.abort(new BasiqError(`sync: renewing the lease on user ${userId} failed`, { cause: error })),
    );
  }, Math.max(100, Math.floor(leaseMs / 3)));
  (timer as { unref?: () => void }).unref?.();
  const combined = either(signal, lost.signal);
  try {
    return await fn(combined);
  } catch (error) {
    if (lost.signal.aborted) throw lost.signal.reason;
    if (combined.aborted && !(error instanceof BasiqError && error.name === "AbortError")) throw syncAborted(combined, userId);
    throw error;
  } finally {
    clearInterval(timer);
    await state.release(userId, owner).catch(() => undefined); // an unreleased lease frees itself by its TTL
  }
}
