// The webhook handler inside a fetch-event runtime (workerd): worker.mjs serves
// createWebhookHandler at POST /webhook, and `deliverTo` (run by scripts/test-runtimes.mjs in Node)
// posts real HTTP deliveries to it, signed by the standardwebhooks reference library.

/** The secret the worker's handler is created with (a test key, nothing else uses it). */
export const WEBHOOK_SECRET = `whsec_${btoa("the runtimes' webhook test key..")}`;

/** The handler the worker serves, and its run counts by event id (GET /webhook-runs). */
export function webhookEndpoint(sdk) {
  const runs = {};
  const hooks = sdk.createWebhookHandler({
    secret: WEBHOOK_SECRET,
    maxBodyBytes: 64 * 1024,
    on: {
      "transactions.updated": async (event) => {
        runs[event.eventId] = (runs[event.eventId] ?? 0) + 1;
        if (event.eventId === "evt-throws" && runs[event.eventId] === 1) throw new Error("first attempt fails");
      },
    },
  });
  return { hooks, runs };
}

/**
 * Posts deliveries to `url` (the worker's /webhook) and resolves smoke checks `{ name, ok, detail }`:
 * once runs once, a duplicate answers 200 unrun, 10 concurrent duplicates run once, forged/stale/
 * missing headers 4xx, a throwing handler 500 then the redelivery runs it, an oversized body 413.
 */
export async function deliverTo(url, runsUrl) {
  const { Webhook } = await import("standardwebhooks");
  const signer = new Webhook(WEBHOOK_SECRET);
  const body = (eventId) => JSON.stringify({ eventTypeId: "transactions.updated", eventId, links: { eventEntity: "https://au-api.basiq.io/users/u1/transactions" } });
  const post = async (payload, { id = crypto.randomUUID(), at = new Date(), sign = signer, drop } = {}) => {
    const headers = { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": sign.sign(id, at, payload) };
    if (drop) delete headers[drop];
    return (await fetch(url, { method: "POST", body: payload, headers, signal: AbortSignal.timeout(20_000) })).status;
  };
  const statuses = [];
  statuses.push(["once", await post(body("evt-once"), { id: "m-once" }), 200]);
  statuses.push(["duplicate", await post(body("evt-once"), { id: "m-once" }), 200]);
  const burst = await Promise.all(Array.from({ length: 10 }, () => post(body("evt-burst"), { id: "m-burst" })));
  statuses.push(["10 concurrent", burst.every((s) => s === 200) ? 200 : burst.join(","), 200]);
  statuses.push(["forged", await post(body("evt-forged"), { sign: new Webhook(`whsec_${btoa("an attacker's key, not the one..")}`) }), 401]);
  statuses.push(["stale", await post(body("evt-forged"), { at: new Date(Date.now() - 600_000) }), 401]);
  statuses.push(["missing header", await post(body("evt-forged"), { drop: "webhook-signature" }), 400]);
  statuses.push(["throwing", await post(body("evt-throws"), { id: "m-throws" }), 500]);
  statuses.push(["redelivered", await post(body("evt-throws"), { id: "m-throws" }), 200]);
  statuses.push(["oversized", await post(`{"pad":"${"x".repeat(100 * 1024)}"}`), 413]);
  const runs = await (await fetch(runsUrl, { signal: AbortSignal.timeout(20_000) })).json();
  const wrong = statuses.filter(([, got, want]) => got !== want).map(([name, got, want]) => `${name}: ${got} (want ${want})`);
  const expectedRuns = { "evt-once": 1, "evt-burst": 1, "evt-throws": 2 };
  const runsOk = JSON.stringify(runs) === JSON.stringify(expectedRuns);
  return [
    { name: "webhook handler statuses", ok: wrong.length === 0, detail: wrong.join("; ") || statuses.map(([n, s]) => `${n} ${s}`).join(", ") },
    { name: "webhook handler runs", ok: runsOk, detail: runsOk ? "each event ran once to success" : `runs ${JSON.stringify(runs)}, want ${JSON.stringify(expectedRuns)}` },
  ];
}
