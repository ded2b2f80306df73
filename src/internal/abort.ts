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
  return raceWith(promise, (onAbort) => {
    const listener = () => onAbort(signal.reason);
    if (signal.aborted) listener();
    else signal.addEventListener("abort", listener, { once: true });
    return () => signal.removeEventListener("abort", listener);
  });
}

/**
 * Settles as `promise` does, or rejects with the reason `listen`'s callback is given, whichever
 * comes first; a Response that arrives after that has its body cancelled. `listen` subscribes that
 * callback to the abort and returns what unsubscribes it (called once `promise` settles first).
 */
function raceWith<T>(promise: Promise<T>, listen: (onAbort: (reason: unknown) => void) => () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const stop = listen((reason) => {
      if (settled) return;
      settled = true;
      reject(reason);
    });
    promise.then(
      (value) => {
        if (settled) return cancelBody(value);
        settled = true;
        stop();
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        stop();
        reject(error);
      },
    );
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
  /**
   * {@link raceSignal} against this deadline's signal, settled by the abort itself (the timer, the
   * caller's listener) rather than by a listener of its own on the signal: the transport races
   * its send and its body read on every attempt.
   */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Clears the timer and the listener on the caller's signal: call once the work is done. */
  dispose(): void;
}

/** A {@link Deadline} on `controller`, which only its timer and `parent`'s abort abort. */
class Timed implements Deadline {
  readonly signal: AbortSignal;
  readonly #controller: AbortController;
  readonly #parent: AbortSignal | null | undefined;
  readonly #onAbort: (() => void) | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  /** The race waiting now, if any (its reject); a second race at once falls back to a listener. */
  #racing: ((reason: unknown) => void) | undefined;

  constructor(controller: AbortController, ms: number, parent?: AbortSignal | null) {
    this.#controller = controller;
    this.signal = controller.signal;
    this.#parent = parent;
    if (parent) {
      this.#onAbort = () => this.#abort(parent.reason);
      if (parent.aborted) this.#onAbort();
      else parent.addEventListener("abort", this.#onAbort, { once: true });
    }
    this.#timer = setTimeout(() => this.#abort(DEADLINE_PASSED), ms);
  }

  #abort(reason: unknown): void {
    if (this.signal.aborted) return;
    this.#controller.abort(reason);
    const racing = this.#racing;
    this.#racing = undefined;
    racing?.(reason);
  }

  passed(): boolean {
    return this.signal.aborted && this.signal.reason === DEADLINE_PASSED;
  }

  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted || this.#racing) return raceSignal(promise, this.signal);
    return raceWith(promise, (onAbort) => {
      this.#racing = onAbort;
      return () => {
        if (this.#racing === onAbort) this.#racing = undefined;
      };
    });
  }

  dispose(): void {
    clearTimeout(this.#timer);
    if (this.#onAbort) this.#parent!.removeEventListener("abort", this.#onAbort);
  }
}

/** A {@link Deadline} `ms` from now, also aborted (with its reason) by `parent`. */
export function withDeadline(ms: number, parent?: AbortSignal | null): Deadline {
  return new Timed(new AbortController(), ms, parent);
}

/**
 * A {@link Deadline} `ms` from now on `controller` itself (a Request's signal already follows it):
 * no controller or listener of its own. Once it passed, `controller` stays aborted. Only this
 * deadline aborts `controller` (see Call.prepared).
 */
export function deadlineOn(controller: AbortController, ms: number): Deadline {
  return new Timed(controller, ms);
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
