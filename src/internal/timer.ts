// A cancellable timer for waits of any length: setTimeout takes at most 2^31 - 1 ms (about 24.8
// days) and fires after 1 ms past that, so a longer wait sleeps in chunks.

import { MAX_TIMER_MS } from "./numeric-options.js";

/** A running timer. */
export interface Timer {
  cancel(): void;
}

/** Calls `fn` once `ms` have passed (in chunks of at most {@link MAX_TIMER_MS}), unless cancelled first. */
export function startTimer(ms: number, fn: () => void): Timer {
  const due = Date.now() + Math.max(0, ms);
  let handle: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const left = due - Date.now();
    if (left <= 0) {
      handle = undefined;
      fn();
      return;
    }
    handle = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
  };
  if (!Number.isFinite(due)) return { cancel: () => {} }; // a wait of Infinity never fires (callers bound it)
  arm();
  return {
    cancel: () => {
      if (handle !== undefined) clearTimeout(handle);
      handle = undefined;
    },
  };
}
