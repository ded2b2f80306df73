import { describe, expect, test } from "@jest/globals";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/scripts.js";

/**
 * The names the README's snippets use without declaring them, as a user's own code would have
 * them. Written next to the snippets only (never into the project, where globals would hide errors).
 */
const ASSUMED = `
declare const basiq: import("basiq").Basiq;
declare const user: { id: string };
declare const userId: string;
declare const accountId: string;
declare const jobId: string;
declare const reportId: string;
declare const eventEntityLink: string;
declare const saved: string | undefined;
declare const body: { email: string };
declare const signal: AbortSignal;
declare const hooks: import("basiq").WebhookHandler;
declare const sync: import("basiq/sync").Sync; // createSync(basiq), as the README's sync section makes it
declare function store(data: unknown[]): Promise<void>;
declare function saveCursor(cursor: string | undefined): Promise<void>;
declare function askTheUser(question: string, prompts: string[]): Promise<string[]>;
`;

/** Every ```ts block of the README, with the line it starts on. */
function snippets(markdown: string): Array<{ line: number; code: string }> {
  const found: Array<{ line: number; code: string }> = [];
  for (const match of markdown.matchAll(/^```ts\n([\s\S]*?)^```/gm)) {
    found.push({ line: markdown.slice(0, match.index).split("\n").length + 1, code: match[1]! });
  }
  return found;
}

/** The pages whose snippets are checked, and the prefix their snippet files get. */
const PAGES = [
  { file: "README.md", prefix: "readme" },
  { file: "docs/sandbox.md", prefix: "sandbox" },
];

describe("README", () => {
  test("every TypeScript snippet compiles as a user's module would (strict, noUncheckedIndexedAccess)", async () => {
    const pages = PAGES.map((page) => ({ ...page, blocks: snippets(readFileSync(join(ROOT, page.file), "utf8")) }));
    expect(pages[0]!.blocks.length).toBeGreaterThan(10);
    expect(pages[1]!.blocks.length).toBeGreaterThan(3);
    // Inside the project (under node_modules/.cache, ignored by git) so "basiq" and Node's types resolve as in a user's project.
    const dir = join(ROOT, "node_modules", ".cache", "readme-snippets");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "assumed.d.ts"), ASSUMED);
    for (const { prefix, blocks } of pages) {
      for (const { line, code } of blocks) {
        // Each snippet is its own module (an export makes it one even when it has no import).
        writeFileSync(join(dir, `${prefix}-line-${line}.ts`), `${code}\nexport {};\n`);
      }
    }
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      extends: join(ROOT, "tsconfig.json"),
      compilerOptions: { noUncheckedIndexedAccess: true, strict: true, noUnusedLocals: false },
      include: ["./*.ts"],
    }));
    const { code, output } = await new Promise<{ code: number; output: string }>((done) => {
      execFile(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", dir], { cwd: ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
        done({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
      });
    });
    expect(output.replaceAll(`${dir}/`, "").replaceAll("node_modules/.cache/readme-snippets/", "")).toBe(""); // errors name <page>-line-<N>.ts: the line of README.md or docs/<page>.md the snippet starts on
    expect(code).toBe(0);
  }, 120_000);
});
