import { expect, test } from "@jest/globals";
import { Basiq } from "basiq";
import { createSandbox } from "basiq/testing";
import { runDemo } from "../scripts/demo.mjs";

test("the demo ends by syncing the user into PGlite, 3 days on, a window sync with posted-from-pending rows, and a SQL answer", async () => {
  const sandbox = createSandbox({ today: "2026-11-22" });
  const basiq = new Basiq({ apiKey: "demo", fetch: sandbox.fetch });
  const lines: string[] = [];
  const result = await runDemo({ basiq, log: (line) => lines.push(line), sandbox });
  const text = lines.join("\n");
  expect(text).toMatch(/8\. Keep the data in sync[^\n]*\n {2}first sync: \d+ transactions, 2 accounts/);
  expect(text).toMatch(/next sync, a window only \(\d requests\): [1-9]\d* added \([1-9]\d* posted from pending\), \d+ modified, [1-9]\d* removed/);
  expect(text).toMatch(/spend by category \(SQL on basiq\.transactions\):\n {5}\S[^\n]* +\d+\.\d\d AUD/);
  expect(lines.at(-1)).toBe("Done.");
  expect(result.synced.next.requests).toBeLessThanOrEqual(4);
}, 60_000);
