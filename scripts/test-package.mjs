#!/usr/bin/env node
// make test-package: what users install works. publint and attw on the package; the tarball holds
// LICENSE, README.md, package.json and dist/ and nothing else (no tests, specs or sources); then
// `npm pack` into a fresh temp project where `import`, `require` and a strict TypeScript consumer
// all work, and the `basiq` bin serves the sandbox (started, one GET, stopped by SIGINT).
// Needs dist/ (make build). Writes only to a temp folder.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const bin = (name) => join(ROOT, "node_modules", ".bin", name);
let failed = 0;

function step(name, run) {
  try {
    const out = run();
    console.log(`PASS  ${name}${out ? `: ${out}` : ""}`);
  } catch (error) {
    failed++;
    const text = `${error.stdout ?? ""}${error.stderr ?? ""}` || error.message;
    console.log(`FAIL  ${name}\n${String(text).trim().split("\n").map((l) => `      ${l}`).join("\n")}`);
  }
}

async function asyncStep(name, run) {
  try {
    const out = await run();
    console.log(`PASS  ${name}${out ? `: ${out}` : ""}`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name}\n      ${String(error.message).trim().split("\n").join("\n      ")}`);
  }
}

/** The installed bin, as `npx basiq sandbox` runs it: started on a free loopback port, one GET, SIGINT, exit 0. Bounded by BIN_TIMEOUT_MS. */
async function binSandbox(consumer) {
  const BIN_TIMEOUT_MS = 30_000;
  const child = spawn(join(consumer, "node_modules", ".bin", "basiq"), ["sandbox", "--port", "0"], { cwd: consumer, env: { PATH: process.env.PATH }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (c) => { out += c; });
  child.stderr.on("data", (c) => { out += c; });
  const exited = new Promise((resolve) => child.on("close", (code) => resolve(code)));
  const timer = setTimeout(() => child.kill("SIGKILL"), BIN_TIMEOUT_MS);
  try {
    const deadline = Date.now() + BIN_TIMEOUT_MS;
    while (!/Stop with Ctrl-C/.test(out)) { // bounded by the deadline and by the process exiting
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`not ready: ${out.trim() || "no output"}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = /Basiq sandbox on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)[1];
    const key = /API key \(generated\): (\S+)/.exec(out)[1];
    const form = { method: "POST", headers: { authorization: `Basic ${key}`, "basiq-version": "3.0", "content-type": "application/x-www-form-urlencoded" }, body: "scope=SERVER_ACCESS" };
    const { access_token } = await (await fetch(`${url}/token`, form)).json();
    const types = await fetch(`${url}/events/types`, { headers: { authorization: `Bearer ${access_token}` } });
    if (types.status !== 200) throw new Error(`GET /events/types answered ${types.status}`);
    child.kill("SIGINT");
    const code = await exited;
    if (code !== 0 || !out.includes("stopped (SIGINT)")) throw new Error(`exit ${code} after SIGINT: ${out.trim()}`);
    return `${url}: GET /events/types 200, SIGINT exit 0`;
  } finally {
    clearTimeout(timer);
    child.kill("SIGKILL");
  }
}

const sh = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 300_000 });

const dir = mkdtempSync(join(tmpdir(), "basiq-package-"));
try {
  step("publint", () => sh(bin("publint"), [], ROOT).trim().split("\n").pop());
  step("attw --pack", () => sh(bin("attw"), ["--pack", ".", "--format", "ascii"], ROOT).includes("No problems found") ? "no problems found" : (() => { throw new Error("attw reported problems"); })());

  step("npm pack holds LICENSE, README.md, package.json and dist/ only", () => {
    const [{ files }] = JSON.parse(sh("npm", ["pack", "--dry-run", "--json", "--silent"], ROOT));
    const paths = files.map((f) => f.path);
    const required = ["LICENSE", "README.md", "package.json", "dist/cli.js", ...["index", "testing"].flatMap((e) => [`dist/${e}.js`, `dist/${e}.cjs`, `dist/${e}.d.ts`, `dist/${e}.d.cts`])];
    const missing = required.filter((p) => !paths.includes(p));
    const extra = paths.filter((p) => !required.includes(p) && !p.startsWith("dist/"));
    if (missing.length || extra.length) throw new Error(`missing: ${missing.join(", ") || "none"}; not expected: ${extra.join(", ") || "none"}`);
    return `${paths.length} files`;
  });

  sh("npm", ["pack", "--pack-destination", dir, "--silent"], ROOT);
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  const consumer = join(dir, "consumer");
  mkdirSync(consumer);
  writeFileSync(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  step(`npm install ${tarball}`, () => (sh("npm", ["install", "--no-audit", "--no-fund", "--silent", join(dir, tarball)], consumer), "installed"));

  const script = (mod) => `
    const basiq = new Basiq({ apiKey: "k", fetch: createSandbox().fetch });
    const user = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    if (typeof user.id !== "string" || !(new BasiqError("x") instanceof Error)) throw new Error("${mod} import is broken");
    if (typeof redisStore({ eval: async () => null, evalsha: async () => null }).get !== "function") throw new Error("${mod} of basiq/redis is broken");
    console.log("${mod} ok: created " + user.id);`;
  writeFileSync(join(consumer, "esm.mjs"), `import { Basiq, BasiqError } from "basiq";\nimport { createSandbox } from "basiq/testing";\nimport { redisStore } from "basiq/redis";\n${script("import")}`);
  writeFileSync(join(consumer, "cjs.cjs"), `const { Basiq, BasiqError } = require("basiq");\nconst { createSandbox } = require("basiq/testing");\nconst { redisStore } = require("basiq/redis");\n(async () => {${script("require")}})().catch((e) => { console.error(e); process.exit(1); });`);
  step("import { Basiq } from \"basiq\"", () => sh(process.execPath, ["esm.mjs"], consumer).trim());
  step("require(\"basiq\")", () => sh(process.execPath, ["cjs.cjs"], consumer).trim());

  writeFileSync(join(consumer, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022", "DOM"], types: [], skipLibCheck: false },
    include: ["consumer.ts"],
  }));
  writeFileSync(join(consumer, "consumer.ts"), `import { Basiq, BasiqError, field, filter, verifyWebhook, type core } from "basiq";
import { createSandbox } from "basiq/testing";
import { redisStore, type RedisClientLike } from "basiq/redis";
export const shared = (redis: RedisClientLike) => new Basiq({ apiKey: "k", store: redisStore(redis, { prefix: "app:" }) });
const basiq = new Basiq({ apiKey: "k", fetch: createSandbox().fetch });
export async function typed(userId: string): Promise<core.components["schemas"]["UserGetResponse"]> {
  for await (const t of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId }, query: { filter: filter(field("account.id").eq("a")) } } })) t.amount.toUpperCase();
  // @ts-expect-error userID is not a path parameter of getUser
  await basiq.ops.getUser({ params: { path: { userID: userId } } });
  await verifyWebhook({ body: "{}", headers: {}, secret: "whsec_x" }).catch((e: BasiqError) => e.message);
  return basiq.ops.getUser({ params: { path: { userId } } });
}
`);
  step("TypeScript consumer type-checks (strict, NodeNext)", () => (sh(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."], consumer), "tsc clean"));
  await asyncStep("npx basiq sandbox: prints its URL, a GET works, SIGINT stops it", () => binSandbox(consumer));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(failed === 0 ? "package: all checks passed" : `package: ${failed} checks failed`);
process.exitCode = failed === 0 ? 0 : 1;
