// The cursor history behind basiq.pages (an internal module: its bound is not reachable over the
// wire in a test's time, so it is driven directly).
import { describe, expect, test } from "@jest/globals";
import { CursorHistory } from "../src/internal/cursors.js";

/** The number of cursors a cycle of `length` (after a lead-in of `lead`) runs before it is caught. */
function stepsToCatch(lead: number, length: number): number {
  const history = new CursorHistory();
  for (let step = 0; step < 10 * (lead + length); step++) {
    const cursor = step < lead ? `lead-${step}` : `cycle-${(step - lead) % length}`;
    if (history.repeated(cursor)) return step;
  }
  return Infinity;
}

describe("cursor history", () => {
  test("a short cycle is caught at its first repeat", () => {
    expect(stepsToCatch(0, 1)).toBe(1);
    expect(stepsToCatch(5, 3)).toBe(8);
    expect(stepsToCatch(0, 9_999)).toBe(9_999);
  });

  test("a cycle longer than the window of recent cursors is still caught, within about twice its length", () => {
    for (const [lead, length] of [[0, 12_000], [3_000, 15_000]] as const) {
      const steps = stepsToCatch(lead, length);
      expect(steps).toBeGreaterThanOrEqual(lead + length);
      expect(steps).toBeLessThanOrEqual(lead + 3 * length);
    }
  });

  test("20,000 distinct cursors are never taken for a repeat", () => {
    const history = new CursorHistory();
    let repeats = 0;
    for (let i = 0; i < 20_000; i++) if (history.repeated(`cursor-${i}-${"x".repeat(i % 50)}`)) repeats++;
    expect(repeats).toBe(0);
  });
});
