// The shape of src/: imports go one way (no cycle, type-only imports included) and never reach
// into test/ or scripts/. Read with the TypeScript compiler's parser (no type-check: unit tier).
import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** Every module specifier of a file: imports and re-exports (type-only too), `import()` and `import("x").T` types. */
function specifiersOf(file: string, text = readFileSync(file, "utf8")): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names (`./x.js` is `./x.ts`, a folder its index.ts); undefined for a package. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts"), base]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base;
}

type Graph = Map<string, string[]>;

function importGraph(files: string[]): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    graph.set(file, specifiersOf(file).map((s) => resolveSpecifier(file, s)).filter((t): t is string => t !== undefined));
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): each holds a cycle (Tarjan). */
function cycles(graph: Graph): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!indices.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) out.push(component);
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) connect(node);
  return out;
}

const rel = (file: string) => relative(ROOT, file);

const graph = importGraph(filesUnder(SRC));

describe("architecture of src/", () => {
  test("has no import cycle, type-only imports included", () => {
    const found = cycles(graph).map((component) => component.map(rel).sort().join(" <-> "));
    expect(found).toEqual([]);
  });

  test("never imports from test/ or scripts/", () => {
    const outward = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => /^(test|scripts)\//.test(rel(t))).map((t) => `${rel(file)} -> ${rel(t)}`));
    expect(outward).toEqual([]);
  });

  test("the cycle finder sees a cycle, type-only and through a re-export (control)", () => {
    const a = join(SRC, "a.ts");
    const b = join(SRC, "b.ts");
    const c = join(SRC, "c.ts");
    expect(cycles(new Map([[a, [b]], [b, [c]], [c, [a]]])).map((x) => x.length)).toEqual([3]);
    expect(cycles(new Map([[a, [b]], [b, []]]))).toEqual([]);
  });

  test("reads type-only imports, re-exports, import() and import() types as edges (control)", () => {
    const text = 'import type { T } from "./t.js";\nexport type { U } from "./u.js";\ntype V = import("./v.js").V;\nconst w = () => import("./w.js");\nimport x from "pkg";';
    expect(specifiersOf(join(SRC, "x.ts"), text)).toEqual(["./t.js", "./u.js", "./v.js", "./w.js", "pkg"]);
  });
});
