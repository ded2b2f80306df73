// A real redis-server for the store tests: Debian's binary, on a free loopback port, with no
// persistence, stopped after. Where it is not installed, the suites that need it say so: skipped
// with a message locally, a failure under CI (CI=true), never a silent pass.
import { describe, test } from "@jest/globals";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { freePort } from "./scripts.js";

/** Where redis-server is on PATH, or undefined. */
const REDIS_SERVER = (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "redis-server")).find((path) => existsSync(path));

const MISSING = "redis-server is not installed (apt-get install -y redis-server): the Redis store tests need a real one";

/** `describe` for suites that need redis-server: skipped with a visible message when it is absent, failing under CI. */
export function describeWithRedis(name: string, body: () => void): void {
  if (REDIS_SERVER) {
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => test("has redis-server", () => {
      throw new Error(MISSING);
    }));
  } else {
    console.warn(`SKIPPED "${name}": ${MISSING}`);
    describe.skip(name, body);
  }
}

export interface RedisServer {
  port: number;
  url: string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s); resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts redis-server on a free loopback port; resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error(MISSING);
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "basiq-redis-"));
    const child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await ready(child);
    } catch (error) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      if (attempt >= 3) throw error; // the port was taken between freePort and the bind: try another
      continue;
    }
    return {
      port,
      url: `redis://127.0.0.1:${port}`,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((ok) => child.once("exit", ok));
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

/** Resolves when the server logs that it is ready; rejects when it exits first or after 10 s. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s: ${log.slice(-500)}`)), 10_000);
    const onData = (chunk: Buffer) => {
      log += chunk;
      if (log.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => { log += chunk; });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before it was ready: ${log.slice(-500)}`));
    });
  });
}
