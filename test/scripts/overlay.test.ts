// The Overlay 1.0 applier (scripts/lib/overlay.mjs), on the examples of the Overlay specification
// (https://spec.openapis.org/overlay/v1.0.0.html#examples), plus our stricter rules.
import { describe, expect, test } from "@jest/globals";
import { applyOverlay, parseOverlay } from "../../scripts/lib/overlay.mjs";

const overlay = (actions: string) => parseOverlay(`overlay: 1.0.0\ninfo: { title: t, version: 1.0.0 }\nactions:\n${actions}`, "openapi/overlays/x.overlay.yaml");

const petstore = () => ({
  openapi: "3.0.1",
  info: { title: "pets" },
  paths: {
    "/": { get: { summary: "root" } },
    "/pets": {
      get: { parameters: [{ name: "filter", in: "query", schema: { type: "string" } }, { name: "dummy", in: "query" }] },
      post: { summary: "add" },
    },
    "/foo": { get: { description: "old" } },
    "/bar": { get: { description: "old" } },
  },
});

describe("Overlay 1.0 actions", () => {
  test("structured overlay: an update at the root merges recursively", () => {
    const doc = applyOverlay(petstore(), overlay(`  - target: $\n    description: d\n    update:\n      info: { x-overlay-applied: structured-overlay }\n      paths:\n        /pets:\n          get: { summary: Retrieve a list of pets, x-rate-limit: 100 }\n`), "x");
    expect(doc.info).toEqual({ title: "pets", "x-overlay-applied": "structured-overlay" });
    expect(doc.paths["/pets"].get.summary).toBe("Retrieve a list of pets");
    expect(doc.paths["/pets"].get.parameters).toHaveLength(2);
    expect(doc.paths["/pets"].post).toEqual({ summary: "add" });
  });

  test("targeted overlay: updates replace primitives and add new members", () => {
    const doc = applyOverlay(petstore(), overlay(`  - target: $.paths['/foo'].get\n    description: d\n    update: { description: This is the new description }\n  - target: $.paths['/bar']\n    description: d\n    update:\n      post: { description: child, x-safe: false }\n`), "x");
    expect(doc.paths["/foo"].get.description).toBe("This is the new description");
    expect(doc.paths["/bar"].post).toEqual({ description: "child", "x-safe": false });
    expect(doc.paths["/bar"].get.description).toBe("old");
  });

  test("wildcard overlay: one action updates every selected node, filters included", () => {
    const doc = applyOverlay(petstore(), overlay(`  - target: $.paths.*.get\n    description: d\n    update: { x-safe: true }\n  - target: $.paths.*.get.parameters[?@.name=='filter' && @.in=='query']\n    description: d\n    update:\n      schema: { $ref: '/components/schemas/filterSchema' }\n`), "x");
    for (const path of ["/", "/pets", "/foo", "/bar"]) expect(doc.paths[path].get["x-safe"]).toBe(true);
    expect(doc.paths["/pets"].get.parameters[0]).toEqual({ name: "filter", in: "query", schema: { type: "string", $ref: "/components/schemas/filterSchema" } });
  });

  test("array modification: an update appends to an array, remove deletes the selected elements", () => {
    const doc = applyOverlay(petstore(), overlay(`  - target: $.paths['/pets'].get.parameters\n    description: d\n    update: { name: newParam, in: query }\n  - target: $.paths.*.get.parameters[?@.name == 'dummy']\n    description: d\n    remove: true\n`), "x");
    expect(doc.paths["/pets"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["filter", "newParam"]);
  });

  test("remove then update replaces a node whole (a nested array in an update replaces, never appends)", () => {
    const doc = applyOverlay({ s: { title: { type: "string", enum: ["a"] } } }, overlay(`  - target: $.s.title\n    description: d\n    remove: true\n  - target: $.s\n    description: d\n    update:\n      title: { enum: [b, c] }\n  - target: $.s.title\n    description: d\n    update: { enum: [d] }\n`), "x");
    expect(doc).toEqual({ s: { title: { enum: ["d"] } } });
  });

  test("removing several elements of one array removes each of them", () => {
    const doc = applyOverlay({ list: [{ k: 1 }, { k: 2 }, { k: 3 }, { k: 4 }] }, overlay(`  - target: $.list[?@.k > 1 && @.k < 4]\n    description: d\n    remove: true\n`), "x");
    expect(doc.list).toEqual([{ k: 1 }, { k: 4 }]);
  });
});

describe("our stricter rules", () => {
  test("an action whose target matches nothing fails, naming the overlay file and the action", () => {
    const o = overlay(`  - target: $.paths['/pets'].get\n    description: first\n    update: { x-a: 1 }\n  - target: $.paths['/gone'].get\n    description: rename the gone operation\n    update: { operationId: gone }\n`);
    expect(() => applyOverlay(petstore(), o, "openapi/overlays/x.overlay.yaml")).toThrow(
      `openapi/overlays/x.overlay.yaml: action 2 (target $.paths['/gone'].get; "rename the gone operation") matches nothing in the spec`,
    );
  });

  test("a target that selects a primitive is refused (Overlay 1.0 targets objects or arrays)", () => {
    expect(() => applyOverlay(petstore(), overlay(`  - target: $.info.title\n    description: d\n    remove: true\n`), "x")).toThrow(/selects a string at title; target its containing object instead/);
  });

  test("every action must cite its evidence in a description", () => {
    expect(() => overlay(`  - target: $.info\n    update: { title: x }\n`)).toThrow(/action 1 \(target \$\.info\): every action needs a `description`/);
  });

  test("an invalid JSONPath and a non-1.0 document are refused by name", () => {
    expect(() => applyOverlay(petstore(), overlay(`  - target: $.paths[\n    description: d\n    remove: true\n`), "x")).toThrow(/the target is not valid JSONPath/);
    expect(() => parseOverlay("overlay: 2.0.0\ninfo: { title: t, version: '1' }\nactions: []\n", "y.yaml")).toThrow("y.yaml is not an Overlay 1.0 document");
  });
});
