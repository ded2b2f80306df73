// Starts test/helpers/webhook-receiver.mjs as separate processes (bundled from src/ by esbuild, as
// test/helpers/workers.ts does), each a webhook receiver on a shared Redis store.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT } from "./scripts.js";

export interface Receiver {
  url: string;
  /** The event ids its handler ran, in order. */
  ran: string[];
  stop(): Promise<void>;
}

let bundled: Promise<string> | undefined;

function script(): Promise<string> {
  return (bundled ??= (async () => {
    const dir = join(ROOT, "node_modules", ".cache", "basiq-test");
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `webhook-receiver-${process.pid}.mjs`);
    await build({
      entryPoints: [join(ROOT, "test", "helpers", "webhook-receiver.mjs")],
      bundle: true, format: "esm", platform: "node", outfile, logLevel: "silent", external: ["redis"],
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

/** Starts a receiver; resolves once it listens (rejects after 20 s or when it exits first). */
export async function startReceiver(env: Record<string, string>): Promise<Receiver> {
  const child: ChildProcess = spawn(process.execPath, [await script()], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const ran: string[] = [];
  let out = "";
  let err = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`receiver did not start in 20 s: ${err.slice(-500)}`)); }, 20_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk;
      let newline;
      while ((newline = out.indexOf("\n")) >= 0) {
        const line = out.slice(0, newline);
        out = out.slice(newline + 1);
        if (line.startsWith("{")) { clearTimeout(timer); resolve((JSON.parse(line) as { port: number }).port); }
        else if (line.startsWith("ran ")) ran.push(line.slice(4));
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => { err += chunk; });
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`receiver exited (${code}): ${err.slice(-500)}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    ran,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((ok) => child.once("exit", ok));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
