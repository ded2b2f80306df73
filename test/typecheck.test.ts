import { describe, expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./helpers/scripts.js";

/** Runs tsc on a project file; resolves its exit code and output. */
function tsc(project: string): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", project], { cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

// The type-level tests (test/types/*.ts, `@ts-expect-error` on the exact wrong line) only prove
// something when a compiler reads them: an unused expect-error is itself a compile error.
describe("types", () => {
  test("the whole project, type tests included, compiles under strict", async () => {
    const { code, output } = await tsc("tsconfig.json");
    expect(output).toBe("");
    expect(code).toBe(0);
  }, 120_000);

  test("src/ compiles without Node's types (no Node built-in in the shipped code)", async () => {
    const { code, output } = await tsc("src/tsconfig.json");
    expect(output).toBe("");
    expect(code).toBe(0);
  }, 120_000);
});
