import { afterAll, describe, expect, test } from "@jest/globals";
import { appendFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runScript, sha256, snapshot, tempProject } from "../helpers/scripts.js";

describe("make generate", () => {
  const projects: string[] = [];
  const pulled = async () => {
    const p = tempProject();
    projects.push(p.dir);
    expect((await runScript("pull", p.flags.pull)).code).toBe(0);
    return p;
  };
  afterAll(() => projects.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test("writes one file per spec plus the operation table and the merged index", async () => {
    const p = await pulled();
    const result = await runScript("generate", p.flags.generate);
    expect(result.code).toBe(0);
    expect(Object.keys(snapshot(p.generated))).toEqual(["alpha.ts", "beta.ts", "index.ts", "operations.ts", "request-schemas.ts"]);
  });

  test("heads each spec file with its source and hash", async () => {
    const p = await pulled();
    await runScript("generate", p.flags.generate);
    const hash = sha256(readFileSync(join(p.openapi, "alpha.yml")));
    expect(readFileSync(join(p.generated, "alpha.ts"), "utf8").split("\n")[0]).toBe(`// generated from alpha.yml sha256 ${hash}, do not edit`);
  });

  test("strips descriptions, summaries and examples but keeps properties named after them", async () => {
    const p = await pulled();
    await runScript("generate", p.flags.generate);
    const alpha = readFileSync(join(p.generated, "alpha.ts"), "utf8");
    expect(alpha).not.toMatch(/@description|@example|widgets\.|Fetch a widget|Path-level prose/);
    expect(alpha).toMatch(/\bdescription: string;/);
    expect(alpha).toMatch(/\bsummary\?: string;/);
  });

  test("links each operation to its reference page", async () => {
    const p = await pulled();
    await runScript("generate", p.flags.generate);
    expect(readFileSync(join(p.generated, "alpha.ts"), "utf8")).toContain("/** @see https://api.basiq.io/reference/getwidget */");
  });

  test("builds the operation table with method, path and body encoding", async () => {
    const p = await pulled();
    await runScript("generate", p.flags.generate);
    const table = readFileSync(join(p.generated, "operations.ts"), "utf8");
    expect(table).toContain('getWidget: { spec: "alpha", method: "GET", path: "/widgets/{widgetId}" },');
    expect(table).toContain('createGadget: { spec: "beta", method: "POST", path: "/gadgets", body: "form" },');
  });

  test("is deterministic: the same specs give the same bytes", async () => {
    const p = await pulled();
    await runScript("generate", p.flags.generate);
    const first = snapshot(p.generated);
    const mtime = statSync(join(p.generated, "alpha.ts")).mtimeMs;
    rmSync(join(p.generated, "beta.ts"));
    const again = await runScript("generate", p.flags.generate);
    expect(again.stdout).toContain("1 changed: beta.ts");
    expect(snapshot(p.generated)).toEqual(first);
    expect(statSync(join(p.generated, "alpha.ts")).mtimeMs).toBe(mtime);
  });

  test("refuses a pulled spec that no longer matches its pin, and writes nothing", async () => {
    const p = await pulled();
    await runScript("generate", p.flags.generate);
    const before = snapshot(p.generated);
    appendFileSync(join(p.openapi, "beta.yml"), "# edited by hand\n");
    const result = await runScript("generate", p.flags.generate);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/beta\.yml \(spec "beta"\) has sha256 [0-9a-f]{64}, not the pinned/);
    expect(snapshot(p.generated)).toEqual(before);
  });

  test("a spec that is not OpenAPI fails update-specs by name and leaves generated/ and the pins intact", async () => {
    const p = await pulled();
    await runScript("generate", p.flags.generate);
    const before = snapshot(p.generated);
    writeFileSync(join(p.mirror, "beta.yml"), "just: [a, list]\n");
    const result = await runScript("update-specs", p.flags.update);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('spec "beta" (beta.yml) is not an OpenAPI 3 document');
    expect(snapshot(p.generated)).toEqual(before);
    expect(readFileSync(p.sourcesPath, "utf8")).toContain(sha256(readFileSync(join(p.openapi, "beta.yml"))));
  });

  const overlay = (p: { openapi: string }, actions: string) => {
    mkdirSync(join(p.openapi, "overlays"), { recursive: true });
    writeFileSync(join(p.openapi, "overlays", "alpha.overlay.yaml"), `overlay: 1.0.0\ninfo: { title: alpha fixes, version: 1.0.0 }\nactions:\n${actions}`);
  };

  test("applies openapi/overlays/<spec>.overlay.yaml before generating: names, types and the operations doc", async () => {
    const p = await pulled();
    overlay(p, `  - target: $.paths['/widgets/{widgetId}'].get\n    description: camelCase name\n    update: { operationId: fetchWidget }\n  - target: $.components.schemas.Widget.properties\n    description: the example shows a colour\n    update:\n      colour: { type: string, enum: [blue] }\n`);
    const result = await runScript("generate", p.flags.generate);
    expect(result.code).toBe(0);
    const table = readFileSync(join(p.generated, "operations.ts"), "utf8");
    expect(table).toContain('fetchWidget: { spec: "alpha", method: "GET", path: "/widgets/{widgetId}" },');
    expect(table).not.toContain("getWidget");
    // The reference page stays the raw id's: readme.io slugs follow the spec, not our names.
    expect(readFileSync(join(p.generated, "alpha.ts"), "utf8")).toContain("/** @see https://api.basiq.io/reference/getwidget */");
    expect(readFileSync(join(p.generated, "alpha.ts"), "utf8")).toContain('colour?: "blue";');
    const doc = readFileSync(join(p.dir, "docs", "operations.md"), "utf8");
    expect(doc).toContain("| [`fetchWidget`](https://api.basiq.io/reference/getwidget) | GET | `/widgets/{widgetId}` | alpha | Fetch a widget |");
  });

  test("an overlay action that no longer matches fails make generate, naming the file and the action, and writes nothing", async () => {
    const p = await pulled();
    await runScript("generate", p.flags.generate);
    const before = snapshot(p.generated);
    overlay(p, `  - target: $.paths['/widgets/{widgetId}'].get\n    description: first\n    update: { x-a: 1 }\n  - target: $.paths['/gone'].get\n    description: rename the gone operation\n    update: { operationId: goneAway }\n`);
    const result = await runScript("generate", p.flags.generate);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${join("openapi", "overlays", "alpha.overlay.yaml")}: action 2 (target $.paths['/gone'].get; "rename the gone operation") matches nothing in the spec`);
    expect(snapshot(p.generated)).toEqual(before);
  });
});
