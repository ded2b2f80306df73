import { afterAll, describe, expect, test } from "@jest/globals";
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort as closedPort, runScript, serveFolder, sha256, snapshot, tempProject } from "../helpers/scripts.js";

describe("make pull", () => {
  const projects: string[] = [];
  const project = () => {
    const p = tempProject();
    projects.push(p.dir);
    return p;
  };
  afterAll(() => projects.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  test("copies every pinned spec from a folder, byte for byte", async () => {
    const p = project();
    const result = await runScript("pull", p.flags.pull);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("pulled 2 specs");
    for (const file of ["alpha.yml", "beta.yml"]) {
      expect(readFileSync(join(p.openapi, file))).toEqual(readFileSync(join(p.mirror, file)));
    }
  });

  test("downloads every pinned spec from a base URL", async () => {
    const p = project();
    const server = await serveFolder(p.mirror);
    try {
      const result = await runScript("pull", ["--sources", p.sourcesPath], { env: { SPECS_FROM: server.url } });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(sha256(readFileSync(join(p.openapi, "beta.yml")))).toBe(sha256(readFileSync(join(p.mirror, "beta.yml"))));
    } finally {
      await server.close();
    }
  });

  test("a hash mismatch exits non-zero naming the spec, both hashes and make update-specs, and writes nothing", async () => {
    const p = project();
    expect((await runScript("pull", p.flags.pull)).code).toBe(0);
    const before = snapshot(p.openapi);
    const expected = sha256(readFileSync(join(p.mirror, "alpha.yml")));
    appendFileSync(join(p.mirror, "alpha.yml"), "# upstream moved\n");
    appendFileSync(join(p.mirror, "beta.yml"), "# so did this\n");
    const actual = sha256(readFileSync(join(p.mirror, "alpha.yml")));

    const result = await runScript("pull", p.flags.pull);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('spec "alpha" (alpha.yml)');
    expect(result.stderr).toContain(`expected ${expected}`);
    expect(result.stderr).toContain(`actual   ${actual}`);
    expect(result.stderr).toContain('spec "beta" (beta.yml)');
    expect(result.stderr).toContain("make update-specs");
    expect(snapshot(p.openapi)).toEqual(before);
  });

  test("one missing spec fails the pull and leaves the previous files intact", async () => {
    const p = project();
    expect((await runScript("pull", p.flags.pull)).code).toBe(0);
    const before = snapshot(p.openapi);
    rmSync(join(p.mirror, "beta.yml"));
    const result = await runScript("pull", p.flags.pull);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/spec "beta" \(beta\.yml\): .*beta\.yml does not exist/);
    expect(snapshot(p.openapi)).toEqual(before);
    expect(readdirSync(p.openapi).filter((n) => n.startsWith(".staging"))).toEqual([]);
  });

  test("an unreachable URL exits non-zero and says so", async () => {
    const p = project();
    const result = await runScript("pull", ["--sources", p.sourcesPath, "--from", `http://127.0.0.1:${await closedPort()}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/unreachable \(ECONNREFUSED/);
    expect(readdirSync(p.openapi)).toEqual(["sources.json"]);
  });

  test("a URL answering 404 names the spec and the status", async () => {
    const p = project();
    const server = await serveFolder(join(p.dir, "nowhere"));
    try {
      const result = await runScript("pull", ["--sources", p.sourcesPath, "--from", server.url]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/spec "alpha" \(alpha\.yml\): .*answered HTTP 404/);
    } finally {
      await server.close();
    }
  });

  test("a malformed sources.json is named with what is wrong", async () => {
    const p = project();
    writeFileSync(p.sourcesPath, JSON.stringify({ upstream: "http://x", ref: "r", specs: { alpha: { file: "alpha.yml", sha256: "abc" } } }));
    const result = await runScript("pull", p.flags.pull);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('spec "alpha": "sha256" must be 64 lower-case hex digits');
  });
});
