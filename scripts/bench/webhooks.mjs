// Webhook deliveries per second, in one process: createWebhookHandler's hooks.fetch (verify +
// dedupe + dispatch to a no-op handler) on the memory store and on a Redis store (Debian's
// redis-server on a free loopback port, node-redis), against verifyWebhook alone on the same
// signed deliveries. Each round signs fresh ids (every delivery is new work, not a duplicate) and
// builds its Requests before the clock starts; contenders alternate, the median round counts.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { createWebhookHandler, verifyWebhook } from "basiq";
import { redisStore } from "basiq/redis";
import { createClient } from "redis";
import { Webhook } from "standardwebhooks";
import { median } from "./lib.mjs";

const SECRET = `whsec_${Buffer.from("the webhook bench's secret key..").toString("base64")}`;
const signer = new Webhook(SECRET);
const ROUNDS = 7;
const PER_ROUND = 1_000;
const REDIS_SERVER = (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "redis-server")).find((path) => existsSync(path));

let seq = 0;
/** PER_ROUND fresh deliveries: body and signed headers. */
function deliveries() {
  const at = new Date();
  return Array.from({ length: PER_ROUND }, () => {
    const id = `msg_bench_${++seq}`;
    const body = JSON.stringify({ eventTypeId: "transactions.updated", eventId: `evt_bench_${seq}`, links: { event: `https://au-api.basiq.io/events/evt_bench_${seq}`, eventEntity: "https://au-api.basiq.io/users/u1/transactions" } });
    return { body, headers: { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signer.sign(id, at, body) } };
  });
}

const requests = (list) => list.map(({ body, headers }) => new Request("http://receiver.bench/webhooks", { method: "POST", body, headers }));

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.once("error", fail);
  });
}

async function startRedis() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "basiq-bench-redis-"));
  const child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("redis-server did not start within 10 s")), 10_000);
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes("Ready to accept connections")) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once("exit", (code) => fail(new Error(`redis-server exited (${code})`)));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => { child.kill(); rmSync(dir, { recursive: true, force: true }); } };
}

/** Deliveries per second of `run` over one round's deliveries (prepared by `prepare`, untimed). */
async function rate(prepare, run) {
  const input = prepare(deliveries());
  const started = performance.now();
  await run(input);
  return PER_ROUND / ((performance.now() - started) / 1000);
}

/** Resolves { verify, memory, redis? } in deliveries/s (medians), and how many handler runs each did. */
export async function benchWebhooks() {
  let runs = 0;
  const on = { "transactions.updated": async () => { runs++; } };
  const memory = createWebhookHandler({ secret: SECRET, on });
  let redis;
  let client;
  let onRedis;
  if (REDIS_SERVER) {
    redis = await startRedis();
    client = createClient({ url: redis.url });
    client.on("error", () => {});
    await client.connect();
    onRedis = createWebhookHandler({ secret: SECRET, on, store: redisStore(client) });
  }
  const serial = (hooks) => async (list) => {
    for (const request of list) {
      const response = await hooks.fetch(request);
      if (response.status !== 200) throw new Error(`bench delivery answered ${response.status}`);
    }
  };
  const contenders = {
    verify: [(list) => list, async (list) => { for (const d of list) await verifyWebhook({ body: d.body, headers: d.headers, secret: SECRET }); }],
    memory: [requests, serial(memory)],
    ...(onRedis ? { redis: [requests, serial(onRedis)] } : {}),
  };
  const figures = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, [prepare, run]] of Object.entries(contenders)) figures[name].push(await rate(prepare, run));
    }
  } finally {
    await client?.destroy();
    redis?.stop();
  }
  const handled = ROUNDS * PER_ROUND * (onRedis ? 2 : 1);
  if (runs !== handled) throw new Error(`the handler ran ${runs} times for ${handled} deliveries`);
  return {
    perRound: PER_ROUND,
    verify: median(figures.verify),
    memory: median(figures.memory),
    redis: onRedis ? median(figures.redis) : undefined,
    skipped: onRedis ? undefined : "redis-server not installed (apt-get install -y redis-server)",
  };
}
