// A real Postgres for the sync tests: Debian's postgresql (initdb + postgres) as a temporary cluster
// on a free loopback port, in a temp dir, stopped by pid after. Run as the `postgres` user when the
// tests run as root (initdb refuses root). Where it is not installed, suites that need it say so:
// skipped with a message locally, a failure under CI (CI=true), never a silent pass.
import { describe, test } from "@jest/globals";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { freePort } from "./scripts.js";

/** The directory holding initdb and postgres: Debian's newest /usr/lib/postgresql/N/bin, else PATH. */
const POSTGRES_BIN: string | undefined = (() => {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(debian, v, "bin", "postgres"))) return join(debian, v, "bin");
  }
  return (process.env.PATH ?? "").split(delimiter).find((dir) => existsSync(join(dir, "postgres")) && existsSync(join(dir, "initdb")));
})();

const MISSING = "postgresql is not installed (apt-get install -y postgresql): the Postgres sync tests need a real server";

/** `describe` for suites that need Postgres: skipped with a visible message when absent, failing under CI. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (POSTGRES_BIN) {
    describe(name, body);
  } else if (process.env.CI === "true") {
    describe(name, () => test("has postgresql", () => {
      throw new Error(MISSING);
    }));
  } else {
    console.warn(`SKIPPED "${name}": ${MISSING}`);
    describe.skip(name, body);
  }
}

export interface PostgresServer {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth on loopback only). */
  url: string;
  /** Stops the server by its pid (SIGINT: fast shutdown; SIGKILL after 10 s); resolves once it exited and its dir is gone. */
  stop(): Promise<void>;
}

/** The uid/gid to run as: the `postgres` user when we are root, else ourselves. */
function identity(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

/** Starts a fresh cluster on a free loopback port; resolves once it accepts connections. */
export async function startPostgres(): Promise<PostgresServer> {
  if (!POSTGRES_BIN) throw new Error(MISSING);
  const who = identity();
  const dir = mkdtempSync(join(tmpdir(), "basiq-pg-"));
  if (who.uid !== undefined) chownSync(dir, who.uid, who.gid!);
  const data = join(dir, "data");
  execFileSync(join(POSTGRES_BIN, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"], { ...who, stdio: "pipe" });
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // fsync off: the tests kill workers, never this server; listen on loopback only, socket in our dir.
    const child = spawn(join(POSTGRES_BIN, "postgres"), ["-D", data, "-h", "127.0.0.1", "-p", String(port), "-k", dir, "-c", "fsync=off", "-c", "max_connections=60"], {
      ...who, stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      await ready(child);
    } catch (error) {
      child.kill("SIGKILL");
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      continue; // the port was taken between freePort and the bind
    }
    return {
      port,
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async stop() {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((ok) => child.once("exit", ok));
          child.kill("SIGINT");
          const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}

/** Resolves when the server logs that it accepts connections; rejects when it exits first or after 20 s. */
function ready(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`postgres did not start within 20 s: ${log.slice(-500)}`)), 20_000);
    const onData = (chunk: Buffer) => {
      log += chunk;
      if (log.includes("ready to accept connections")) {
        clearTimeout(timer);
        child.stderr?.off("data", onData);
        child.stderr?.resume();
        child.stdout?.resume();
        resolve();
      }
    };
    child.stderr?.on("data", onData);
    child.stdout?.on("data", (chunk: Buffer) => { log += chunk; });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`postgres exited (${code}) before it was ready: ${log.slice(-500)}`));
    });
  });
}
