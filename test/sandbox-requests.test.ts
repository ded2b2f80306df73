// Spec-driven: for every operation, requests that break what its spec accepts (a wrong type, a
// missing required field or parameter, an out-of-range limit) get 400 in Basiq's error shape,
// naming the field. The violations are made from the overlaid specs' request schemas themselves.
import { beforeAll, describe, expect, test } from "@jest/globals";
import { Basiq, type OperationId } from "basiq";
import { createSandbox } from "basiq/testing";
import { operationTable } from "../generated/operations.js";
import { requestSchemas } from "../generated/request-schemas.js";
import type { RequestSchema } from "../src/testing/request-schema.js";
import { API_KEY } from "./helpers/fetch.js";
import { specValidators, type SpecValidators } from "./helpers/spec-schemas.js";
import { figure } from "./helpers/figures.js";

interface Case {
  what: string;
  parameter: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A value of the wrong type for `schema`. */
const wrongType = (schema: RequestSchema): unknown => (schema.type === "string" ? 123 : schema.type === "array" || schema.type === "object" ? "text" : "text");

/** A valid-enough value for `schema` (so a case breaks one field only). */
function sample(schema: RequestSchema): unknown {
  if (schema.enum) return schema.enum[0];
  if (schema.oneOf ?? schema.anyOf) return sample((schema.oneOf ?? schema.anyOf)![0]!);
  if (schema.type === "integer" || schema.type === "number") return 1;
  if (schema.type === "boolean") return true;
  if (schema.type === "array") return schema.items ? [sample(schema.items)] : [];
  if (schema.type === "object" || schema.properties) {
    return Object.fromEntries((schema.required ?? []).map((name) => [name, sample(schema.properties?.[name] ?? { type: "string" })]));
  }
  if (schema.format === "date") return "2026-01-01";
  return "x";
}

/** Every violation of one operation's request schema, each with the field it must name. */
function violations(key: string): Case[] {
  const accepts = requestSchemas[key]!;
  const cases: Case[] = [];
  const valid = Object.fromEntries(accepts.parameters.filter((p) => p.required).map((p) => [p.name, String(sample(p.schema))]));
  for (const p of accepts.parameters) {
    const place = p.in === "query" ? "query" : "headers";
    if (p.required) {
      const { [p.name]: _, ...rest } = valid;
      cases.push({ what: `${p.in} ${p.name} missing`, parameter: p.name, [place]: rest });
    }
    if (p.schema.type === "integer") {
      for (const bad of ["abc", "1.5"]) cases.push({ what: `${p.name}=${bad}`, parameter: p.name, [place]: { ...valid, [p.name]: bad } });
      if (p.name === "limit") cases.push({ what: "limit=-5", parameter: "limit", [place]: { ...valid, limit: "-5" } });
    }
  }
  const schema = accepts.body?.schema;
  if (accepts.body?.type === "application/json" && schema) {
    const base = sample(schema) as Record<string, unknown>;
    if (accepts.body.required) cases.push({ what: "no body", parameter: "body" });
    for (const name of schema.required ?? []) {
      const { [name]: _, ...rest } = base;
      cases.push({ what: `body.${name} missing`, parameter: name, body: rest });
    }
    const [name, field] = Object.entries(schema.properties ?? {}).find(([, s]) => s.type) ?? [];
    if (name && field) cases.push({ what: `body.${name} of the wrong type`, parameter: name, body: { ...base, [name]: wrongType(field) } });
    if (schema.type === "object") cases.push({ what: "body not an object", parameter: "body", body: ["x"] });
  }
  if (accepts.body?.type === "application/x-www-form-urlencoded" && schema?.properties) {
    // Form fields are text on the wire: a wrong type cannot be sent; a required one can be left out.
    for (const name of schema.required ?? []) cases.push({ what: `form ${name} missing`, parameter: name, body: new URLSearchParams() });
  }
  if (accepts.body?.type === "multipart/form-data" && schema) {
    for (const name of schema.required ?? []) {
      const form = new FormData();
      for (const other of schema.required ?? []) if (other !== name) form.append(other, schema.properties?.[other]?.format === "binary" ? new Blob(["%PDF-1.4\n"]) : "AU00000");
      cases.push({ what: `multipart ${name} missing`, parameter: name, body: form });
    }
  }
  return cases;
}

describe("the sandbox refuses requests its specs do not accept", () => {
  let validators: SpecValidators;
  beforeAll(async () => { validators = await specValidators(); }, 120_000);

  test("every operation: each schema violation gets 400 in Basiq's error shape naming the field", async () => {
    const sandbox = createSandbox({ transactions: 0 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const token = (await basiq.ops.postToken({ params: { header: { "basiq-version": "3.0" } }, body: { scope: "SERVER_ACCESS" } })).access_token;
    const errorShape = validators("core", "POST", "/users", 400, "application/json")!;
    const failures: string[] = [];
    const counted = { operations: 0, violable: 0, cases: 0 };
    for (const [id, row] of Object.entries(operationTable) as Array<[OperationId, (typeof operationTable)[OperationId]]>) {
      counted.operations++;
      const key = `${row.method} ${row.path}`;
      const cases = violations(key);
      if (cases.length > 0) counted.violable++;
      for (const c of cases) {
        counted.cases++;
        const url = new URL(`https://au-api.basiq.io${row.path.replace(/\{[^}]+\}/g, "unknown-id")}`);
        for (const [name, value] of Object.entries(c.query ?? {})) url.searchParams.set(name, value);
        const headers: Record<string, string> = { authorization: row.path === "/token" ? `Basic ${API_KEY}` : `Bearer ${token}`, ...c.headers };
        if (row.path === "/token" && !c.headers) headers["basiq-version"] = "3.0";
        let body: BodyInit | undefined;
        if (c.body instanceof FormData || c.body instanceof URLSearchParams) body = c.body;
        else if (c.body !== undefined) {
          body = JSON.stringify(c.body);
          headers["content-type"] = "application/json";
        }
        const response = await sandbox.fetch(new Request(url, { method: row.method, headers, body }));
        const payload = (await response.json().catch(() => null)) as { data?: Array<{ source?: { parameter?: string } }> } | null;
        const own = validators(row.spec, row.method, row.path, 400, "application/json") ?? errorShape;
        if (response.status !== 400) failures.push(`${id} (${key}) ${c.what}: ${response.status} ${JSON.stringify(payload)}`);
        else if (!own(payload)) failures.push(`${id} ${c.what}: the 400 body breaks the spec's error schema ${JSON.stringify(own.errors?.slice(0, 2))}`);
        else if (!payload?.data?.[0]?.source?.parameter?.endsWith(c.parameter)) failures.push(`${id} ${c.what}: names ${payload?.data?.[0]?.source?.parameter}, not ${c.parameter}`);
      }
    }
    figure(`request validation: ${counted.operations} operations, ${counted.violable} with a query, header or body schema to break, ${counted.cases} violations sent, ${counted.cases - failures.length} answered 400 naming the field`);
    expect(failures).toEqual([]);
    expect(counted.violable).toBeGreaterThanOrEqual(15);
  }, 60_000);
});
