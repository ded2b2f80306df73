// Cycle detection over a list's cursors in bounded memory: a hostile or broken API can hand out a
// fresh 14 KB cursor per page forever, and keeping every cursor grew the heap by ~290 MB over
// 10,000 pages. Kept instead: hashes of the last RECENT_CURSORS cursors (a short cycle is caught
// at its first repeat), plus Brent's checkpoint (one hash), which catches a cycle of any length
// within about twice its length. Two cursors sharing a hash53 has odds under 1e-8 for a full window,
// so a false "repeat" is not a concern.
import { hash53 } from "./hash53.js";

/** Cursor hashes remembered (about 0.5 MB at most). */
const RECENT_CURSORS = 10_000;

/** Remembers the cursors of one walk through a list, in bounded memory. */
export class CursorHistory {
  readonly #recent = new Set<number>();
  /** The same hashes in arrival order, as a ring: the slot to overwrite next is the oldest. */
  readonly #ring: number[] = [];
  #oldest = 0;
  #checkpoint: number | undefined;
  #sinceCheckpoint = 0;
  #span = 1;

  /** True when `cursor` came before in this walk (then it would loop); records it otherwise. */
  repeated(cursor: string): boolean {
    const h = hash53(cursor);
    if (this.#recent.has(h) || h === this.#checkpoint) return true;
    this.#recent.add(h);
    if (this.#ring.length < RECENT_CURSORS) this.#ring.push(h);
    else {
      this.#recent.delete(this.#ring[this.#oldest]!);
      this.#ring[this.#oldest] = h;
      this.#oldest = (this.#oldest + 1) % RECENT_CURSORS;
    }
    // Brent: move the checkpoint to the current cursor after 1, 2, 4, 8... steps; once the span
    // reaches the cycle's length with the checkpoint on the cycle, the cycle comes back to it.
    if (++this.#sinceCheckpoint === this.#span) {
      this.#checkpoint = h;
      this.#sinceCheckpoint = 0;
      this.#span *= 2;
    }
    return false;
  }
}
