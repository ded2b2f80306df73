// One contender of instructions.mjs: `which` makes `n` calls of GET /users/{userId}/accounts,
// `concurrency` at a time, against a fake in-memory fetch (no socket), or, given the loopback
// server's `url`, through the platform's fetch to it; then exits. `baseline` is basiq.api of the
// build in BENCH_BASELINE (<dir>/dist/index.js), as in requests.mjs.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import createClient from "openapi-fetch";
import { Basiq as Head } from "../../dist/index.js";

const [which, n, concurrency, url] = process.argv.slice(2);
const Basiq = which === "baseline" ? (await import(pathToFileURL(join(process.env.BENCH_BASELINE, "dist", "index.js")).href)).Basiq : Head;
const body = JSON.stringify({ type: "list", data: Array.from({ length: 8 }, (_, i) => ({ type: "account", id: `a${i}`, name: `Everyday account ${i}`, balance: "123.45", currency: "AUD", status: "available", institution: "AU00000" })), links: { self: "x" } });
const json = { headers: { "content-type": "application/json" } };
const respond = async (request) => new URL(request.url).pathname === "/token"
  ? new Response(JSON.stringify({ access_token: "tok-abcdefghijkl", expires_in: 3600 }), json)
  : new Response(body, json);
const baseUrl = url ?? "http://127.0.0.1:9";
const fetch = url ? undefined : respond;
const params = { params: { path: { userId: "u1" } } };
let call;
if (which === "openapi-fetch" || which === "openapi-fetch-signal") {
  // -signal: its Request made with a signal (what a platform Request carrying a deadline costs).
  const raw = createClient({ baseUrl, ...(fetch ? { fetch } : {}), headers: { Authorization: "Bearer t", Accept: "application/json" } });
  const init = which === "openapi-fetch-signal" ? { ...params, signal: new AbortController().signal } : params;
  call = async () => (await raw.GET("/users/{userId}/accounts", init)).data;
} else {
  const basiq = new Basiq({ apiKey: "bench-key-123", baseUrl, ...(fetch ? { fetch } : {}), ...(which === "nolimit" ? { rateLimit: false } : {}) });
  call = which === "ops" ? () => basiq.ops.getAccounts(params) : async () => (await basiq.api.GET("/users/{userId}/accounts", params)).data;
}
let next = 0;
const worker = async () => {
  while (next++ < Number(n)) {
    const data = await call();
    if (!data?.data?.length) throw new Error(`${which}: call ${next} returned no accounts`);
  }
};
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
