import { afterAll, describe, expect, test } from "@jest/globals";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runScript, tempProject } from "../helpers/scripts.js";

describe("make check-generated", () => {
  const projects: string[] = [];
  const generated = async () => {
    const p = tempProject();
    projects.push(p.dir);
    await runScript("pull", p.flags.pull);
    expect((await runScript("generate", p.flags.generate)).code).toBe(0);
    return p;
  };
  afterAll(() => projects.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test("passes when generated/ matches the pinned specs", async () => {
    const p = await generated();
    const result = await runScript("check-generated", p.flags.check);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("generated/ matches the 2 pinned specs");
  });

  test("covers docs/operations.md: a hand edit or a missing table fails by name", async () => {
    const p = await generated();
    const doc = join(p.dir, "docs", "operations.md");
    writeFileSync(doc, readFileSync(doc, "utf8").replace("getWidget", "fetchWidget"));
    const edited = await runScript("check-generated", p.flags.check);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("changed  docs/operations.md");
    rmSync(doc);
    const missing = await runScript("check-generated", p.flags.check);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("missing  docs/operations.md");
  });

  test("fails with a readable summary of a hand edit, a missing file and an extra file", async () => {
    const p = await generated();
    const alpha = join(p.generated, "alpha.ts");
    writeFileSync(alpha, readFileSync(alpha, "utf8").replace("id: string;", "id: number;"));
    rmSync(join(p.generated, "beta.ts"));
    writeFileSync(join(p.generated, "stray.ts"), "export {};\n");
    const result = await runScript("check-generated", p.flags.check);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("generated/ is out of date with the pinned specs (3 files)");
    expect(result.stderr).toMatch(/changed {2}alpha\.ts: first difference at line \d+/);
    expect(result.stderr).toContain("-             id: number;");
    expect(result.stderr).toContain("+             id: string;");
    expect(result.stderr).toContain("missing  beta.ts");
    expect(result.stderr).toContain("extra    stray.ts");
    expect(result.stderr).toContain("make pull generate");
  });

  test("fails when the spec source moved away from the pin", async () => {
    const p = await generated();
    appendFileSync(join(p.mirror, "alpha.yml"), "# moved\n");
    const result = await runScript("check-generated", p.flags.check);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("sha256 mismatch");
  });
});
