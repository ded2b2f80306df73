// The abort helpers every wait uses: racing a promise against a signal (for awaits the runtime
// may not end on abort, or that others share), a deadline merged with the caller's signal, and the
// one BasiqError every entry point rejects with when its caller's signal aborts.
import { BasiqError } from "../errors.js";
import { describeThrown } from "./log.js";

/**
 * Settles as `promise` does, or rejects with `signal.reason` as soon as `signal` aborts, whichever
 * comes first (the promise runs on, for whoever else awaits it). A Response that arrives after the
 * abort has its body cancelled (frees its connection).
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      reject(signal.reason);
    };
    promise.then(
      (value) => {
        if (settled) return cancelBody(value);
        settled = true;
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
}

function cancelBody(value: unknown): void {
  if (value instanceof Response) value.body?.cancel().catch(() => {});
}

/** The reason a {@link Deadline}'s signal carries when its time ran out (vs the caller's abort). */
const DEADLINE_PASSED = new Error("deadline passed");

/** A signal that aborts at a deadline or with the caller's signal, whichever comes first. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True when the deadline (not the caller) aborted the signal. */
  passed(): boolean;
  /** Clears the timer and the listener on the caller's signal: call once the work is done. */
  dispose(): void;
}

/** A {@link Deadline} `ms` from now, also aborted (with its reason) by `parent`. */
export function withDeadline(ms: number, parent?: AbortSignal | null): Deadline {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent!.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(DEADLINE_PASSED), ms);
  return {
    signal: controller.signal,
    passed: () => controller.signal.aborted && controller.signal.reason === DEADLINE_PASSED,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * A {@link Deadline} `ms` from now on `controller` itself (a Request's signal already follows it):
 * no controller or listener of its own. Once it passed, `controller` stays aborted.
 */
export function deadlineOn(controller: AbortController, ms: number): Deadline {
  const timer = setTimeout(() => controller.abort(DEADLINE_PASSED), ms);
  return {
    signal: controller.signal,
    passed: () => controller.signal.aborted && controller.signal.reason === DEADLINE_PASSED,
    dispose: () => clearTimeout(timer),
  };
}

/** True when `error` is the {@link abortError} of `signal`'s abort (already in the contract's form). */
function isAbortOf(error: unknown, signal: AbortSignal): error is BasiqError {
  return error instanceof BasiqError && error.name === "AbortError" && error.cause === signal.reason;
}

/**
 * What a call rejects with once its caller's `signal` aborted: a BasiqError named "AbortError"
 * whose `cause` is the signal's reason (a DOMException, the caller's Error, any value), as the
 * README promises ("everything the SDK throws is a BasiqError"). `what` names the call
 * ("GET /users/{userId}", "waitForJob(j1)"); `note` adds what the abort left behind.
 */
export function abortError(signal: AbortSignal, what: string, note = ""): BasiqError {
  const error = new BasiqError(`${what} aborted (${describeThrown(signal.reason)})${note}`, { cause: signal.reason });
  error.name = "AbortError";
  return error;
}

/**
 * The error to rethrow from an entry point: when the caller's `signal` has aborted, the
 * {@link abortError} (the one already made deeper down, when there is one; so the innermost call
 * names itself); otherwise `error` as it is. Every entry point ends its `catch` with this.
 */
export function abortedOr(error: unknown, signal: AbortSignal | null | undefined, what: string): unknown {
  if (!signal?.aborted) return error;
  return isAbortOf(error, signal) ? error : abortError(signal, what);
}
