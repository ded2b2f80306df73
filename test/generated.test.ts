import { describe, expect, test } from "@jest/globals";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/scripts.js";

const sources = JSON.parse(readFileSync(join(ROOT, "openapi", "sources.json"), "utf8"));
const dir = join(ROOT, "generated");

describe("committed generated/", () => {
  test("holds one file per pinned spec, plus the operation table and index", () => {
    const expected = [...Object.keys(sources.specs).map((name) => `${name}.ts`), "index.ts", "operations.ts", "request-schemas.ts"].sort();
    expect(readdirSync(dir).sort()).toEqual(expected);
  });

  test.each(Object.entries(sources.specs) as [string, { file: string; sha256: string }][])(
    "%s.ts is headed with its pinned hash and carries no spec prose",
    (name, pin) => {
      const text = readFileSync(join(dir, `${name}.ts`), "utf8");
      expect(text.split("\n")[0]).toBe(`// generated from ${pin.file} sha256 ${pin.sha256}, do not edit`);
      expect(text).not.toMatch(/@description|@example/);
    },
  );

  test("the operation table lists all 56 operations of the seven specs", async () => {
    const { operationTable } = await import("../generated/operations.js");
    expect(Object.keys(operationTable)).toHaveLength(56);
    expect(operationTable.postToken).toEqual({ spec: "core", method: "POST", path: "/token", body: "form", tokenEndpoint: true });
    expect(operationTable.createReport).toEqual({ spec: "reporting", method: "POST", path: "/reports", body: "json", dailyQuota: true });
    expect(operationTable.createStatement).toEqual({ spec: "data", method: "POST", path: "/users/{userId}/statements", body: "multipart" });
    expect(operationTable.getTransactions).toEqual({ spec: "data", method: "GET", path: "/users/{userId}/transactions" });
  });

  test("every bare `id` path parameter says in its JSDoc what it is", () => {
    const bareIds = Object.entries(sources.specs).flatMap(([name]) => {
      const lines = readFileSync(join(dir, `${name}.ts`), "utf8").split("\n");
      return lines.flatMap((line, i) => (/^\s+id: string;$/.test(line) && /^\s+path: \{$/.test(lines[i - 1] ?? "") ? [`${name}.ts:${i + 1}`] : []));
    });
    expect(bareIds).toEqual([]); // each is preceded by its /** ... */ line, not by `path: {`
    expect(readFileSync(join(dir, "reporting.ts"), "utf8")).toContain("/** The report's id (the last segment of a finished report job's `links.source`). */\n                id: string;");
  });

  test("every operation is named in camelCase (openapi/overlays/ renames the specs' raw ids)", async () => {
    const { operationTable } = await import("../generated/operations.js");
    const names = Object.keys(operationTable);
    expect(names.filter((name) => !/^[a-z][a-zA-Z0-9]*$/.test(name))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(["createReport", "listAllReports", "retrieveReport", "enrich"]));
    expect(names).not.toEqual(expect.arrayContaining(["createreport"]));
    expect(names).not.toEqual(expect.arrayContaining(["listallreports"]));
    expect(names).not.toEqual(expect.arrayContaining(["Enrich"]));
  });
});
