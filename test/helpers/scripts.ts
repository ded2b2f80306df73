// Runs the project's scripts the way make does, in a temp project laid out like the real one.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");
const FIXTURE_SPECS = join(ROOT, "test", "fixtures", "specs");

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node scripts/<name>.mjs ...args` with cwd = `cwd`; resolves its exit code and output. */
export function runScript(name: string, args: string[], { cwd = ROOT, env = {} as Record<string, string> } = {}): Promise<ScriptResult> {
  return new Promise((done) => {
    const child = execFile(process.execPath, [join(ROOT, "scripts", `${name}.mjs`), ...args], {
      cwd,
      env: { ...process.env, SPECS_FROM: "", ...env },
      timeout: 60_000,
    }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

export const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

/**
 * A temp project: `openapi/sources.json` pinning the fixture specs (alpha, beta), and a `mirror/`
 * folder holding them. Returns its paths and the CLI flags that point the scripts at it.
 */
export function tempProject() {
  const dir = mkdtempSync(join(tmpdir(), "basiq-pipeline-"));
  const mirror = join(dir, "mirror");
  cpSync(FIXTURE_SPECS, mirror, { recursive: true });
  mkdirSync(join(dir, "openapi"));
  const sources = {
    upstream: "http://127.0.0.1:9/never",
    ref: "0000000000000000000000000000000000000000",
    specs: {
      alpha: { file: "alpha.yml", sha256: sha256(readFileSync(join(mirror, "alpha.yml"))) },
      beta: { file: "beta.yml", sha256: sha256(readFileSync(join(mirror, "beta.yml"))) },
    },
  };
  const sourcesPath = join(dir, "openapi", "sources.json");
  writeFileSync(sourcesPath, `${JSON.stringify(sources, null, 2)}\n`);
  const flags = {
    pull: ["--sources", sourcesPath, "--from", mirror],
    generate: ["--sources", sourcesPath, "--out", join(dir, "generated")],
    check: ["--sources", sourcesPath, "--out", join(dir, "generated"), "--from", mirror],
    update: ["--sources", sourcesPath, "--out", join(dir, "generated"), "--from", mirror],
  };
  return { dir, mirror, sourcesPath, openapi: join(dir, "openapi"), generated: join(dir, "generated"), flags };
}

/** Every file of a folder as `{ name: bytes-as-string }` (a snapshot to compare before/after). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name), "latin1");
  return out;
}

/** Serves a folder's files over loopback HTTP; resolves the base URL and a close function. */
export async function serveFolder(folder: string): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer((req, res) => {
    try {
      res.end(readFileSync(join(folder, decodeURIComponent(req.url ?? "").replace(/^\/+/, ""))));
    } catch {
      res.statusCode = 404;
      res.end("not found");
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** A loopback port that was free a moment ago (nothing listens on it once this resolves). */
export async function freePort(): Promise<number> {
  const { createServer: createNetServer } = await import("node:net");
  const server = createNetServer();
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}
