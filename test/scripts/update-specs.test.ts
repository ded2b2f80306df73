import { afterAll, describe, expect, test } from "@jest/globals";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runScript, sha256, snapshot, tempProject } from "../helpers/scripts.js";

describe("make update-specs", () => {
  const projects: string[] = [];
  afterAll(() => projects.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test("moves only the changed spec's pin and rewrites only its generated file", async () => {
    const p = tempProject();
    projects.push(p.dir);
    await runScript("pull", p.flags.pull);
    await runScript("generate", p.flags.generate);
    const before = snapshot(p.generated);
    const betaMtime = statSync(join(p.generated, "beta.ts")).mtimeMs;
    const pinsBefore = JSON.parse(readFileSync(p.sourcesPath, "utf8"));

    const alphaPath = join(p.mirror, "alpha.yml");
    writeFileSync(alphaPath, readFileSync(alphaPath, "utf8").replace("        summary:\n          type: string\n", "        colour:\n          type: string\n"));
    expect((await runScript("pull", p.flags.pull)).code).toBe(1);

    const result = await runScript("update-specs", p.flags.update);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('moved pin of "alpha"');
    expect(result.stdout).toContain("generated files rewritten: alpha.ts");

    const pinsAfter = JSON.parse(readFileSync(p.sourcesPath, "utf8"));
    expect(pinsAfter.specs.alpha.sha256).toBe(sha256(readFileSync(alphaPath)));
    expect(pinsAfter.specs.beta).toEqual(pinsBefore.specs.beta);
    expect(pinsAfter.ref).toBe(pinsBefore.ref);

    const after = snapshot(p.generated);
    expect(after["alpha.ts"]).toContain("colour?: string;");
    expect(after["alpha.ts"]).not.toEqual(before["alpha.ts"]);
    for (const name of ["beta.ts", "index.ts", "operations.ts"]) expect(after[name]).toEqual(before[name]);
    expect(statSync(join(p.generated, "beta.ts")).mtimeMs).toBe(betaMtime);
    expect((await runScript("check-generated", p.flags.check)).code).toBe(0);
  });

  test("with nothing changed upstream, changes no file", async () => {
    const p = tempProject();
    projects.push(p.dir);
    await runScript("pull", p.flags.pull);
    await runScript("generate", p.flags.generate);
    const before = { gen: snapshot(p.generated), src: readFileSync(p.sourcesPath, "utf8") };
    const result = await runScript("update-specs", p.flags.update);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("0 of 2 specs changed; generated files rewritten: none");
    expect(snapshot(p.generated)).toEqual(before.gen);
    expect(readFileSync(p.sourcesPath, "utf8")).toBe(before.src);
  });

  test("an overlay action the new spec no longer matches: pins move, generated/ stays, exit 3 naming the action", async () => {
    const p = tempProject();
    projects.push(p.dir);
    mkdirSync(join(p.openapi, "overlays"));
    writeFileSync(join(p.openapi, "overlays", "alpha.overlay.yaml"), "overlay: 1.0.0\ninfo: { title: t, version: 1.0.0 }\nactions:\n  - target: $.components.schemas.Widget.properties.summary\n    description: the widgets example shows a summary\n    update: { maxLength: 80 }\n");
    await runScript("pull", p.flags.pull);
    expect((await runScript("generate", p.flags.generate)).code).toBe(0);
    const before = snapshot(p.generated);
    const alphaPath = join(p.mirror, "alpha.yml");
    writeFileSync(alphaPath, readFileSync(alphaPath, "utf8").replace("        summary:\n          type: string\n", "        colour:\n          type: string\n"));

    const result = await runScript("update-specs", p.flags.update);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('moved pin of "alpha"');
    expect(result.stderr).toContain("an overlay no longer applies, so generated/ was NOT regenerated (the pins moved)");
    expect(result.stderr).toContain(`${join("openapi", "overlays", "alpha.overlay.yaml")}: action 1 (target $.components.schemas.Widget.properties.summary; "the widgets example shows a summary") matches nothing`);
    expect(JSON.parse(readFileSync(p.sourcesPath, "utf8")).specs.alpha.sha256).toBe(sha256(readFileSync(alphaPath)));
    expect(snapshot(p.generated)).toEqual(before);
  });
});
