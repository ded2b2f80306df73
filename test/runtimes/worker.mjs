// Entry for fetch-event runtimes (Cloudflare workerd, Vercel's edge-runtime), bundled with
// esbuild: answers any request by running the smoke suite against the target in its query;
// POST /webhook is createWebhookHandler's hooks.fetch (test/runtimes/webhooks.mjs), GET
// /webhook-runs its handler's run counts.
import * as sdk from "basiq";
import { smoke } from "./smoke.mjs";
import { webhookEndpoint } from "./webhooks.mjs";

const endpoint = webhookEndpoint(sdk);

async function handle(request) {
  const url = new URL(request.url);
  if (url.pathname === "/webhook") return endpoint.hooks.fetch(request);
  if (url.pathname === "/webhook-runs") return Response.json(endpoint.runs);
  const result = await smoke(sdk, {
    baseUrl: url.searchParams.get("base"),
    userId: url.searchParams.get("user"),
    transactions: Number(url.searchParams.get("count")),
  });
  return new Response(JSON.stringify(result), { headers: { "content-type": "application/json" } });
}

export default { fetch: handle };

// Vercel's edge-runtime speaks the service-worker style.
if (typeof addEventListener === "function" && typeof globalThis.EdgeRuntime === "string") {
  addEventListener("fetch", (event) => event.respondWith(handle(event.request)));
}
