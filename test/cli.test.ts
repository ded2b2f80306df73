// The `basiq` command line, run as a process: src/cli/index.ts bundled by esbuild for Node (what
// tsup's cli entry builds), then spawned. `make test-package` runs the packed tarball's bin too.
import { afterAll, beforeAll, describe, expect, test } from "@jest/globals";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT } from "./helpers/scripts.js";

let dir: string;
let cli: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "basiq-cli-"));
  cli = join(dir, "cli.mjs");
  await build({ entryPoints: [join(ROOT, "src/cli/index.ts")], bundle: true, platform: "node", format: "esm", outfile: cli, logLevel: "silent" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI to its end (bounded by the test's timeout); resolves its exit code and output. */
function run(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => { out += c; });
    child.stderr.on("data", (c) => { err += c; });
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

/** Starts `basiq sandbox ...`; resolves once it printed its URL. */
function start(args: string[], env: Record<string, string | undefined> = {}) {
  const child: ChildProcess = spawn(process.execPath, [cli, "sandbox", ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (c) => {
      out += c;
      const url = /Basiq sandbox on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url && out.includes("Stop with Ctrl-C.")) resolve(url);
    });
    child.on("close", (code) => reject(new Error(`exited ${code} before it was ready: ${out}`)));
  });
  return { child, ready, exited, output: () => out };
}

const commandFiles = () => readdirSync(join(ROOT, "src/cli")).filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "command.ts").map((f) => f.replace(/\.ts$/, ""));

describe("basiq (the bin)", () => {
  test("--help lists every command (one per src/cli/<command>.ts) and exits 0", async () => {
    const { code, out } = await run(["--help"]);
    expect(code).toBe(0);
    const listed = out.split("\n").filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
    expect(listed.sort()).toEqual(commandFiles().sort());
    expect((await run(["sandbox", "--help"])).out).toMatch(/Usage: basiq sandbox \[--port N\] \[--seed N\] \[--api-key K\]/);
  });

  test("errors exit non-zero with one clear line on stderr", async () => {
    for (const [args, message] of [
      [["nope"], /^basiq: unknown command "nope" \(commands: .*sandbox.*; see basiq --help\)$/],
      [["sandbox", "--port", "70000"], /^basiq sandbox: --port must be a whole number from 0 to 65535 \(got "70000"\) \(see basiq sandbox --help\)$/],
      [["sandbox", "--seed", "-3"], /^basiq sandbox: .*seed/],
      [["sandbox", "--colour"], /^basiq sandbox: Unknown option '--colour'/],
    ] as const) {
      const { code, out, err } = await run([...args]);
      expect(code).not.toBe(0);
      expect(out).toBe("");
      expect(err.trim().split("\n")).toHaveLength(1);
      expect(err.trim()).toMatch(message);
    }
    expect((await run([])).code).toBe(2); // no command: the help, and a usage exit
  });

  test("basiq sandbox serves on 127.0.0.1, prints a curl line that works, and stops on SIGINT", async () => {
    const server = start(["--port", "0", "--seed", "4"]);
    try {
      const url = await server.ready;
      const key = /API key \(generated\): (\S+)/.exec(server.output())![1]!;
      expect(server.output()).toContain(`curl -s -X POST ${url}/token -H "Authorization: Basic ${key}" -H "basiq-version: 3.0" -d scope=SERVER_ACCESS`);
      const minted = await fetch(`${url}/token`, { method: "POST", headers: { authorization: `Basic ${key}`, "basiq-version": "3.0", "content-type": "application/x-www-form-urlencoded" }, body: "scope=SERVER_ACCESS" });
      const { access_token } = (await minted.json()) as { access_token: string };
      const types = await fetch(`${url}/events/types`, { headers: { authorization: `Bearer ${access_token}` } });
      expect(types.status).toBe(200);
      const wrong = await fetch(`${url}/token`, { method: "POST", headers: { authorization: "Basic wrong", "basiq-version": "3.0", "content-type": "application/x-www-form-urlencoded" }, body: "scope=SERVER_ACCESS" });
      expect(wrong.status).toBe(401);
      server.child.kill("SIGINT");
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain("stopped (SIGINT)");
      await expect(fetch(`${url}/events/types`)).rejects.toThrow();
    } finally {
      server.child.kill("SIGKILL");
    }
  });

  test("the key comes from --api-key, else BASIQ_API_KEY (named, never printed); SIGTERM stops it too", async () => {
    const server = start(["--port", "0"], { BASIQ_API_KEY: "real-looking-key-0001" });
    try {
      const url = await server.ready;
      expect(server.output()).not.toContain("real-looking-key-0001");
      expect(server.output()).toContain('-H "Authorization: Basic $BASIQ_API_KEY"');
      const minted = await fetch(`${url}/token`, { method: "POST", headers: { authorization: "Basic real-looking-key-0001", "basiq-version": "3.0", "content-type": "application/x-www-form-urlencoded" }, body: "scope=SERVER_ACCESS" });
      expect(minted.status).toBe(200);
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    } finally {
      server.child.kill("SIGKILL");
    }
    const flagged = start(["--port", "0", "--api-key", "from-the-flag"], { BASIQ_API_KEY: "not-this-one" });
    try {
      const url = await flagged.ready;
      const refused = await fetch(`${url}/token`, { method: "POST", headers: { authorization: "Basic not-this-one", "basiq-version": "3.0", "content-type": "application/x-www-form-urlencoded" }, body: "scope=SERVER_ACCESS" });
      expect(refused.status).toBe(401);
      flagged.child.kill("SIGINT");
      expect(await flagged.exited).toBe(0);
    } finally {
      flagged.child.kill("SIGKILL");
    }
  });
});
