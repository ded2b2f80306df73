// Entry for runtimes that run files: Node (ESM), Deno and Bun. Imports the built package by its
// name ("basiq", resolved through package.json exports), as a user's code would.
import { smoke } from "./smoke.mjs";

const env = globalThis.process?.env ?? globalThis.Deno?.env.toObject() ?? {};
const sdk = await import("basiq");
const result = await smoke(sdk, { baseUrl: env.BASIQ_SMOKE_URL, userId: env.BASIQ_SMOKE_USER, transactions: Number(env.BASIQ_SMOKE_COUNT) });
console.log(JSON.stringify(result));
