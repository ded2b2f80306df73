// Runs test/helpers/store-worker.mjs as separate processes, built from src/ (the package's own
// entry points, as users import them) by esbuild; the Redis clients load from node_modules.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT } from "./scripts.js";

export interface WorkerResult {
  name: string;
  ok: number;
  failed: number;
  errors: string[];
  warnings: string[];
  ms: number;
}

let bundled: Promise<string> | undefined;

/** The worker bundled against src/ (once per test file). */
function workerScript(): Promise<string> {
  return (bundled ??= (async () => {
    const dir = join(ROOT, "node_modules", ".cache", "basiq-test");
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `store-worker-${process.pid}.mjs`);
    await build({
      entryPoints: [join(ROOT, "test", "helpers", "store-worker.mjs")],
      bundle: true, format: "esm", platform: "node", outfile, logLevel: "silent", external: ["redis", "ioredis"],
      plugins: [{
        name: "basiq-from-src",
        setup(b) {
          b.onResolve({ filter: /^basiq$/ }, () => ({ path: join(ROOT, "src", "index.ts") }));
          b.onResolve({ filter: /^basiq\/redis$/ }, () => ({ path: join(ROOT, "src", "redis", "index.ts") }));
        },
      }],
    });
    return outfile;
  })());
}

/** Workers started and ready, each waiting for `release(i)`; `results` resolves once all exit. */
export interface Workers {
  release(index: number): void;
  results: Promise<WorkerResult[]>;
}

/** Starts one worker per env; resolves once all are ready (each then waits for its release). */
export async function startWorkers(envs: Array<Record<string, string>>, timeoutMs = 60_000): Promise<Workers> {
  const script = await workerScript();
  const children: ChildProcess[] = [];
  const timer = setTimeout(() => children.forEach((c) => c.kill("SIGKILL")), timeoutMs);
  const runs = envs.map((env, i) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, WORKER_NAME: `w${i}`, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    let err = "";
    let onReady: () => void;
    const ready = new Promise<void>((ok) => { onReady = ok; });
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk;
      if (out.startsWith("ready\n")) onReady();
    });
    child.stderr!.on("data", (chunk: Buffer) => { err += chunk; });
    const done = new Promise<WorkerResult>((resolve, reject) => child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code === 0 && line) resolve(JSON.parse(line) as WorkerResult);
      else reject(new Error(`worker ${i} exited ${code}: ${(err || out).slice(-800)}`));
    }));
    done.catch(() => undefined); // reported through `results`
    return { child, ready: Promise.race([ready, done.then(() => undefined)]), done };
  });
  const results = Promise.all(runs.map((r) => r.done)).finally(() => {
    clearTimeout(timer);
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  results.catch(() => undefined);
  try {
    await Promise.all(runs.map((r) => r.ready));
  } catch (error) {
    children.forEach((c) => c.kill("SIGKILL"));
    throw error;
  }
  return { release: (i) => runs[i]!.child.stdin!.end("go\n"), results };
}

/** Starts one worker per env, releases them together once all are ready, and resolves their results. */
export async function runWorkers(envs: Array<Record<string, string>>, timeoutMs = 60_000): Promise<WorkerResult[]> {
  const workers = await startWorkers(envs, timeoutMs);
  envs.forEach((_, i) => workers.release(i));
  return workers.results;
}
