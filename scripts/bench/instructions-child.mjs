// One contender of instructions.mjs: `which` makes `n` calls of GET /users/{userId}/accounts
// against a fake in-memory fetch (no socket), or, given the loopback server's `url`, through the
// platform's fetch to it; then exits.
import createClient from "openapi-fetch";
import { Basiq } from "../../dist/index.js";

const [which, n, url] = process.argv.slice(2);
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
for (let i = 0; i < Number(n); i++) {
  const data = await call();
  if (!data?.data?.length) throw new Error(`${which}: call ${i} returned no accounts`);
}
