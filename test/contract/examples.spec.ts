// Every response example of the seven pinned specs, after openapi/overlays/, validates against its
// own schema (Ajv 8, OpenAPI 3.0 `nullable` mapped). Real responses look like the examples, so the
// next upstream change that breaks one is caught here, before it types users' code wrongly.
// Reads the specs itself (SPECS_FROM, else upstream at the pin, else ../shared/openapi; hash-checked).
import { expect, test } from "@jest/globals";
import { checkExamples } from "../../scripts/lib/examples.mjs";
import { loadOverlaidSpecs } from "../../scripts/lib/overlaid.mjs";
import { ROOT } from "../helpers/scripts.js";

test("every response example validates against its overlaid schema", async () => {
  const specs = await loadOverlaidSpecs(ROOT);
  const { total, failures } = checkExamples(specs);
  console.log(`${total - failures.length} of ${total} examples validate`);
  expect(total).toBeGreaterThan(0);
  expect(failures).toEqual([]);
}, 60_000);

test("the overlays are what makes them validate: without them some examples fail their schema", async () => {
  const { total, failures } = checkExamples(await loadOverlaidSpecs(ROOT, { overlays: false }));
  console.log(`${total - failures.length} of ${total} examples validate without the overlays`);
  expect(failures.length).toBeGreaterThan(0);
}, 60_000);

test("control: an example that breaks its schema is reported", () => {
  const doc = {
    paths: { "/jobs/{jobId}": { get: { operationId: "getJob", responses: { 200: { content: { "application/json": {
      schema: { $ref: "#/components/schemas/Job" },
      examples: { good: { value: { steps: [{ status: "success", result: null }] } }, bad: { value: { steps: [{ status: "done", result: null }] } } },
    } } } } } } },
    components: { schemas: { Job: { type: "object", properties: { steps: { type: "array", items: { type: "object", properties: {
      status: { type: "string", enum: ["pending", "success"] }, result: { type: "object", nullable: true },
    } } } } } } },
  };
  const { total, failures } = checkExamples([{ name: "fixture", doc }]);
  expect(total).toBe(2);
  expect(failures).toEqual([{ spec: "fixture", where: "getJob GET /jobs/{jobId} 200 application/json examples.bad", errors: ["/steps/0/status must be equal to one of the allowed values"] }]);
});
