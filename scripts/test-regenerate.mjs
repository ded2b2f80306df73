#!/usr/bin/env node
// make test-regenerate: .github/workflows/regenerate-specs.yml, end to end, on this machine. The
// workflow's own `run:` steps (read from the YAML, in order, with GitHub's shell, $GITHUB_ENV and
// continue-on-error semantics) run in a scratch clone against a stand-in upstream:
//   - a local git repository answers the workflow's `git ls-remote https://github.com/<owner>/<repo>`
//     (git's url.<base>.insteadOf, set through GIT_CONFIG_* for the steps only), and
//   - a loopback HTTP server serves that repository's files as raw.githubusercontent.com does
//     (/<commit>/<file>); the clone's openapi/sources.json points its `upstream` there (a fixture
//     commit, so the diff the steps leave is exactly what the pull request would carry).
// Scenario "changed": upstream gains a commit that adds one property to one spec. The pins must move
// to that commit and that spec's hash, generated/ must gain the property in that spec's file only,
// and every changed file must be inside the pull request's add-paths; the tests step passes or fails
// only in the sandbox's coverage test, naming the new property (the pull request's body lists it).
// Scenario "unchanged": upstream main is the pinned commit; the steps must leave no change at all
// (no pull request) and the tests step must pass.
// Skipped by rule: steps with `uses:` (checkout, setup-node, create-pull-request) are GitHub-hosted
// actions; the scratch clone and this Node stand in for the first two, and the third's inputs
// (add-paths, title, body) are read and checked here. A step this harness cannot evaluate (an
// `if:`, or a `${{ }}` expression in `run:`/`env:`) fails the run instead of being guessed at.
// Both scenarios run every step (npm ci and the test suite included): minutes, so this is a make
// target for CI, not part of npm test.
//   node scripts/test-regenerate.mjs [--workflow <yml>] [--specs <folder with the pinned specs>]
//                                    [--only changed|unchanged] [--keep]
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import YAML from "yaml";

const ROOT = resolve(import.meta.dirname, "..");
const { values: opts } = parseArgs({
  options: { workflow: { type: "string" }, specs: { type: "string" }, only: { type: "string" }, keep: { type: "boolean" } },
});
const WORKFLOW = resolve(opts.workflow ?? join(ROOT, ".github", "workflows", "regenerate-specs.yml"));
const SPECS = resolve(opts.specs ?? process.env.SPECS_FROM ?? join(ROOT, "..", "shared", "openapi"));
const PROBE = "regenerateProbe"; // the property upstream "adds"
const STEP_TIMEOUT_MS = 20 * 60_000; // the workflow's own timeout-minutes applies when smaller
const GIT_ID = { GIT_AUTHOR_NAME: "upstream", GIT_AUTHOR_EMAIL: "upstream@example.invalid", GIT_COMMITTER_NAME: "upstream", GIT_COMMITTER_EMAIL: "upstream@example.invalid" };

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const git = (cwd, ...args) => execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...GIT_ID }, stdio: ["ignore", "pipe", "pipe"] }).trim();
let failures = 0;
function check(ok, what, detail = "") {
  if (!ok) failures++;
  console.log(`${ok ? "PASS" : "FAIL"}  ${what}${!ok && detail ? `\n      ${detail}` : ""}`);
}

/** GitHub's `${{ env.X }}` / `${{ steps.X.outcome }}` in the action inputs we only read (never run). */
const expand = (text, env, steps) => String(text).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (all, expr) => {
  const m = /^(env)\.(\w+)$|^steps\.([\w-]+)\.outcome$/.exec(expr);
  if (!m) return all;
  return m[1] ? env[m[2]] ?? "" : steps[m[3]]?.outcome ?? "";
});

function refuseExpression(where, text) {
  if (/\$\{\{/.test(String(text))) throw new Error(`${where} uses a \${{ }} expression this harness cannot evaluate; extend scripts/test-regenerate.mjs`);
}

/** KEY=value and KEY<<DELIM ... DELIM lines of a $GITHUB_ENV file. */
function readGithubEnv(file) {
  const env = {};
  const lines = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
  for (let i = 0; i < lines.length; i++) { // bounded by the file's line count
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      env[heredoc[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i].includes("=")) {
      env[lines[i].slice(0, lines[i].indexOf("="))] = lines[i].slice(lines[i].indexOf("=") + 1);
    }
  }
  return env;
}

/** One `run:` step as GitHub runs it on ubuntu: `bash --noprofile --norc -eo pipefail <file>`. */
function runStep(script, { cwd, env, timeoutMs, log }) {
  writeFileSync(`${log}.sh`, script);
  return new Promise((done) => {
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", `${log}.sh`], { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let out = "";
    child.stdout.on("data", (c) => { out += c; appendFileSync(log, c); });
    child.stderr.on("data", (c) => { out += c; appendFileSync(log, c); });
    const timer = setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }, timeoutMs);
    child.on("close", (code) => { clearTimeout(timer); done({ code: code ?? -1, out }); });
  });
}

/** Runs the job's steps in order; resolves the step outcomes, the final env and what the PR step was given. */
async function runJob(job, { clone, baseEnv, scratch, label }) {
  const githubEnv = join(scratch, `${label}.github-env`);
  writeFileSync(githubEnv, "");
  const steps = {};
  let pullRequest = null;
  let env = {};
  const jobTimeout = (job["timeout-minutes"] ?? Infinity) * 60_000;
  for (const [index, step] of (job.steps ?? []).entries()) {
    const name = step.name ?? step.uses ?? step.run.split("\n")[0];
    if (step.if !== undefined) throw new Error(`step "${name}" has an if: this harness cannot evaluate`);
    if (step.uses) {
      if (/create-pull-request/.test(step.uses)) pullRequest = step.with ?? {};
      console.log(`      skip  ${step.uses} (a GitHub-hosted action)`);
      continue;
    }
    refuseExpression(`step "${name}"`, step.run);
    for (const [k, v] of Object.entries({ ...job.env, ...step.env })) refuseExpression(`env ${k} of step "${name}"`, v);
    env = { ...baseEnv, ...job.env, ...readGithubEnv(githubEnv), ...step.env, GITHUB_ENV: githubEnv };
    const log = join(scratch, `${label}.step${index}.log`);
    const started = performance.now();
    const { code, out } = await runStep(step.run, {
      cwd: resolve(clone, step["working-directory"] ?? "."),
      env,
      timeoutMs: Math.min(STEP_TIMEOUT_MS, (step["timeout-minutes"] ?? Infinity) * 60_000, jobTimeout),
      log,
    });
    const outcome = code === 0 ? "success" : "failure";
    if (step.id) steps[step.id] = { outcome };
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`      ${outcome === "success" ? "ok  " : "FAIL"}  ${name} (${seconds} s)${code === 0 ? "" : step["continue-on-error"] ? " (continue-on-error)" : ""}`);
    if (code !== 0 && !step["continue-on-error"]) {
      throw new Error(`step "${name}" failed (exit ${code}); its output ends:\n${out.trim().split("\n").slice(-15).join("\n")}`);
    }
  }
  return { steps, env: { ...env, ...readGithubEnv(githubEnv) }, pullRequest };
}

/** Tracked or untracked (not ignored) paths the steps changed, as `git status` lists them. */
const changedPaths = (clone) => execFileSync("git", ["status", "--porcelain", "-z", "--untracked-files=all"], { cwd: clone, encoding: "utf8" })
  .split("\0").filter(Boolean).map((entry) => entry.slice(3));

/** Whether add-paths (files, or folders ending in "/") covers a path, as create-pull-request's `git add` would. */
const covered = (addPaths, path) => addPaths.some((p) => (p.endsWith("/") ? path.startsWith(p) : path === p));

/** Adds `regenerateProbe` to the first object schema with properties; returns the new bytes and the schema name. */
function addProbe(text) {
  const doc = YAML.parseDocument(text);
  const schemas = doc.getIn(["components", "schemas"]);
  const entry = schemas?.items?.find((pair) => YAML.isMap(pair.value) && YAML.isMap(pair.value.get("properties")));
  if (!entry) throw new Error("no object schema with properties to change");
  entry.value.get("properties").set(PROBE, doc.createNode({ type: "string" }));
  return { bytes: Buffer.from(doc.toString({ lineWidth: 0 })), schema: String(entry.key) };
}

async function main() {
  const workflow = YAML.parse(readFileSync(WORKFLOW, "utf8"));
  const jobs = Object.entries(workflow.jobs ?? {});
  if (jobs.length !== 1) throw new Error(`${WORKFLOW}: expected one job, found ${jobs.length}`);
  const [jobName, job] = jobs[0];
  const sources = JSON.parse(readFileSync(join(ROOT, "openapi", "sources.json"), "utf8"));
  const raw = /^https:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/?$/.exec(sources.upstream);
  if (!raw) throw new Error(`openapi/sources.json upstream ${sources.upstream} is not a raw.githubusercontent.com repository`);
  const [, owner, repo] = raw;

  const scratch = mkdtempSync(join(tmpdir(), "basiq-regenerate-"));
  const upstream = join(scratch, "github", owner, repo);
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    const m = /^\/([0-9a-f]{40})\/([A-Za-z0-9._-]+)$/.exec(req.url ?? "");
    try {
      if (!m) throw new Error("not a /<commit>/<file> path");
      res.end(execFileSync("git", ["show", `${m[1]}:${m[2]}`], { cwd: upstream, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 << 20 }));
    } catch {
      res.statusCode = 404;
      res.end("404: Not Found");
    }
  });
  try {
    await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
    const base = `http://127.0.0.1:${server.address().port}`;

    // Upstream at the pinned specs: one commit holding every listed file, each matching its pin.
    mkdirSync(upstream, { recursive: true });
    git(upstream, "init", "--quiet", "--initial-branch=main");
    for (const spec of Object.values(sources.specs)) {
      const bytes = readFileSync(join(SPECS, spec.file));
      if (sha256(bytes) !== spec.sha256) throw new Error(`${join(SPECS, spec.file)} does not match its pin; --specs must hold the pinned specs`);
      writeFileSync(join(upstream, spec.file), bytes);
    }
    git(upstream, "add", "-A");
    git(upstream, "commit", "--quiet", "-m", "specs at the pins");
    const pinned = git(upstream, "rev-parse", "HEAD");

    // The scratch clone, at this checkout's commit, with ../shared beside it as in CI.
    const clone = join(scratch, "basiq");
    git(scratch, "clone", "--quiet", ROOT, clone);
    git(clone, "checkout", "--quiet", "--detach", git(ROOT, "rev-parse", "HEAD"));
    if (existsSync(join(ROOT, "..", "shared"))) symlinkSync(join(ROOT, "..", "shared"), join(scratch, "shared"));
    const fixture = { ...sources, upstream: base, ref: pinned };
    writeFileSync(join(clone, "openapi", "sources.json"), `${JSON.stringify(fixture, null, 2)}\n`);
    git(clone, "commit", "--quiet", "-am", "fixture: upstream is the loopback stand-in");
    const fixtureCommit = git(clone, "rev-parse", "HEAD");

    const runnerTemp = join(scratch, "runner-temp");
    mkdirSync(runnerTemp);
    const baseEnv = { ...process.env, CI: "true", GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: clone, RUNNER_TEMP: runnerTemp, RUNNER_OS: "Linux" };
    for (const leak of ["SPECS_FROM", "SPECS_REF", "BASIQ_API_KEY", "BASIQ_USER_ID"]) delete baseEnv[leak];
    // Every https://github.com/<owner>/<repo> the steps reach resolves into scratch/github/<owner>/<repo>.
    Object.assign(baseEnv, { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: `url.file://${join(scratch, "github")}/.insteadOf`, GIT_CONFIG_VALUE_0: "https://github.com/" });

    const scenario = async (label) => {
      git(clone, "reset", "--quiet", "--hard", fixtureCommit);
      git(clone, "clean", "--quiet", "-fdx");
      requests.length = 0;
      console.log(`${label}: job "${jobName}" of ${WORKFLOW.slice(ROOT.length + 1)}`);
      const result = await runJob(job, { clone, baseEnv, scratch, label });
      const addPaths = String(result.pullRequest?.["add-paths"] ?? "").split("\n").map((s) => s.trim()).filter(Boolean);
      const changed = changedPaths(clone);
      const dropped = addPaths.length ? changed.filter((p) => !covered(addPaths, p)) : [];
      check(dropped.length === 0, `${label}: every file the steps changed is inside the pull request's add-paths`, `outside add-paths (the PR would drop them): ${dropped.join(", ")}`);
      return { ...result, changed, addPaths };
    };

    // 1. Upstream unchanged: main is the pinned commit.
    if (opts.only !== "changed") {
      const label = "unchanged upstream";
      const run = await scenario(label);
      check(run.env.SPECS_REF === pinned, `${label}: the workflow resolved upstream main to the pinned commit`, `SPECS_REF=${run.env.SPECS_REF}`);
      check(run.changed.length === 0, `${label}: no file changed, so no pull request`, `changed: ${run.changed.join(", ")}`);
      check(run.steps.tests?.outcome === "success", `${label}: the tests step passed`, `outcome ${run.steps.tests?.outcome ?? "none (no step with id tests)"}; its summary:\n${run.env.TESTS_SUMMARY ?? ""}`);
    }

    // 2. Upstream adds a property to one spec (the first listed).
    if (opts.only !== "unchanged") {
      const [name, target] = Object.entries(sources.specs)[0];
      const { bytes, schema } = addProbe(readFileSync(join(upstream, target.file), "utf8"));
      const hash = sha256(bytes);
      writeFileSync(join(upstream, target.file), bytes);
      git(upstream, "commit", "--quiet", "-am", `${target.file}: ${schema}.${PROBE}`);
      const moved = git(upstream, "rev-parse", "HEAD");
      const label = "changed upstream";
      const run = await scenario(`${label} (${target.file}: ${schema}.${PROBE})`);
      check(run.env.SPECS_REF === moved, `${label}: the workflow resolved upstream main to the new commit`, `SPECS_REF=${run.env.SPECS_REF}, upstream main ${moved}`);
      check(requests.filter((u) => u.startsWith(`/${moved}/`)).length === Object.keys(sources.specs).length, `${label}: every spec was read at that commit`, requests.join(", "));

      const after = JSON.parse(readFileSync(join(clone, "openapi", "sources.json"), "utf8"));
      const expected = structuredClone(fixture);
      expected.ref = moved;
      expected.specs[name].sha256 = hash;
      check(JSON.stringify(after) === JSON.stringify(expected), `${label}: sources.json pins the new commit and ${target.file}'s new hash, nothing else`, git(clone, "diff", "--", "openapi/sources.json"));

      // Generated files name the hash of the spec they come from: only those naming the new hash may change.
      const files = git(clone, "diff", "--name-only", "--", "generated/").split("\n").filter(Boolean);
      check(files.length > 0 && files.every((f) => readFileSync(join(clone, f), "utf8").includes(hash)), `${label}: generated/ changes only what is generated from ${target.file}`, `changed: ${files.join(", ") || "nothing"}`);
      const diff = git(clone, "diff", "--", "generated/").split("\n");
      const lines = (sign) => diff.filter((l) => l.startsWith(sign) && !l.startsWith(sign.repeat(3)));
      check(lines("+").some((l) => l.includes(`${PROBE}?: string;`)), `${label}: generated/ gains ${schema}.${PROBE}`, lines("+").join("\n      "));
      const other = [...lines("-").filter((l) => !l.includes(target.sha256)), ...lines("+").filter((l) => !l.includes(PROBE) && !l.includes(hash))];
      check(other.length === 0, `${label}: no other generated line changes (beyond the spec hash)`, other.join("\n      "));

      // The suite may go red on a new property only where it should: the sandbox-coverage test names
      // the field the sandbox does not produce yet. Anything else failing is a broken regenerate.
      const summary = String(run.env.TESTS_SUMMARY ?? "");
      const failing = [...new Set(summary.split("\n").filter((l) => l.startsWith("  ● ")).map((l) => l.slice(4)))];
      const expectedRed = failing.length === 1 && /^basiq\/testing answers every operation/.test(failing[0]) && summary.includes(`: ${PROBE}"`);
      check(run.steps.tests?.outcome === "success" || expectedRed, `${label}: the tests step passed, or failed only in the sandbox's coverage of ${schema}.${PROBE} (the reviewer's to-do)`, `outcome ${run.steps.tests?.outcome}; its summary:\n${summary}`);
      console.log(`      tests step: ${run.steps.tests?.outcome}${expectedRed ? ` (the sandbox does not produce ${schema}.${PROBE} yet, as expected)` : ""}`);
      console.log(`      the pull request would carry: ${run.changed.filter((p) => covered(run.addPaths, p)).join(", ")}`);
      console.log(`      its commit message: ${expand(run.pullRequest?.["commit-message"] ?? "", run.env, run.steps)}`);
      console.log(`      its body:\n${expand(run.pullRequest?.body ?? "", run.env, run.steps).trimEnd().split("\n").map((l) => `        | ${l}`).join("\n")}`);
    }
  } finally {
    server.close();
    if (opts.keep) console.log(`kept ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
  console.log(failures === 0 ? "regenerate workflow: all checks passed" : `regenerate workflow: ${failures} checks failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(`test-regenerate: ${error.message}`);
  process.exitCode = 1;
});
