// Runs test/helpers/sync-worker.mjs as child processes, bundled from src/ by esbuild (the package's
// entry points as users import them); pg and redis load from node_modules.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT } from "./scripts.js";

let bundled: Promise<string> | undefined;

/** The worker bundled against src/ (once per test file). */
function syncWorkerScript(): Promise<string> {
  return (bundled ??= (async () => {
    const dir = join(ROOT, "node_modules", ".cache", "basiq-test");
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `sync-worker-${process.pid}.mjs`);
    const entries: Record<string, string> = { basiq: "index.ts", "basiq/redis": "redis/index.ts", "basiq/sync": "sync/index.ts", "basiq/postgres": "postgres/index.ts" };
    await build({
      entryPoints: [join(ROOT, "test", "helpers", "sync-worker.mjs")],
      bundle: true, format: "esm", platform: "node", outfile, logLevel: "silent", external: ["pg", "redis"],
      plugins: [{
        name: "basiq-from-src",
        setup(b) {
          b.onResolve({ filter: /^basiq(\/[a-z]+)?$/ }, (args) => ({ path: join(ROOT, "src", entries[args.path]!) }));
        },
      }],
    });
    return outfile;
  })());
}

/** A started worker: its process and its result (the JSON line it printed, or the signal that killed it). */
export interface SyncWorker {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; result?: unknown; stderr: string }>;
}

/** Starts a worker with `env`; it is SIGKILLed after `timeoutMs` whatever happens. */
export async function startSyncWorker(env: Record<string, string>, timeoutMs = 60_000): Promise<SyncWorker> {
  const script = await syncWorkerScript();
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => { out += chunk; });
  child.stderr!.on("data", (chunk: Buffer) => { err += chunk; });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; result?: unknown; stderr: string }>((resolve) => child.on("close", (code, signal) => {
    clearTimeout(timer);
    const line = out.split("\n").find((l) => l.startsWith("{"));
    resolve({ code, signal, result: line ? JSON.parse(line) : undefined, stderr: err.slice(-2000) });
  }));
  return { child, done };
}
