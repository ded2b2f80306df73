// Two receiver processes on one real redis-server: a message id handled by one is not run by the
// other, whether the duplicate arrives later or at the same moment.
import { afterAll, beforeAll, expect, test } from "@jest/globals";
import { Webhook } from "standardwebhooks";
import { describeWithRedis, type RedisServer, startRedis } from "./helpers/redis.js";
import { type Receiver, startReceiver } from "./helpers/webhook-receivers.js";

const SECRET = `whsec_${Buffer.from("the fleet's shared webhook key..").toString("base64")}`;
const signer = new Webhook(SECRET);

function send(url: string, eventId: string, id: string) {
  const body = JSON.stringify({ eventTypeId: "transactions.updated", eventId, links: { eventEntity: "https://au-api.basiq.io/users/u1/transactions" } });
  const at = new Date();
  const headers = { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signer.sign(id, at, body) };
  return fetch(url, { method: "POST", body, headers }).then(async (r) => ({ status: r.status, outcome: (await r.json() as { outcome: string }).outcome }));
}

describeWithRedis("webhook receivers on one Redis", () => {
  let redis: RedisServer;
  let a: Receiver;
  let b: Receiver;
  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, WEBHOOK_SECRET: SECRET, HANDLER_MS: "100" };
    [a, b] = await Promise.all([startReceiver(env), startReceiver(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  test("a duplicate delivered to the other process is answered 200 and not run there", async () => {
    expect(await send(a.url, "evt-fleet-1", "msg-fleet-1")).toEqual({ status: 200, outcome: "processed" });
    expect(await send(b.url, "evt-fleet-1", "msg-fleet-1")).toEqual({ status: 200, outcome: "duplicate" });
    expect(a.ran).toEqual(["evt-fleet-1"]);
    expect(b.ran).toEqual([]);
  });

  test("10 duplicates sent to both processes at once run once in the fleet", async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => send(i % 2 ? b.url : a.url, "evt-fleet-2", "msg-fleet-2")));
    expect(answers.map((x) => x.status)).toEqual(Array(10).fill(200));
    expect([...a.ran, ...b.ran].filter((id) => id === "evt-fleet-2")).toEqual(["evt-fleet-2"]);
  });

  test("control: receivers on their own memory both run the duplicate (what the shared store prevents)", async () => {
    const local = await Promise.all([0, 1].map(() => startReceiver({ REDIS_URL: redis.url, WEBHOOK_SECRET: SECRET, STORE: "memory" })));
    try {
      expect(await send(local[0]!.url, "evt-fleet-3", "msg-fleet-3")).toEqual({ status: 200, outcome: "processed" });
      expect(await send(local[1]!.url, "evt-fleet-3", "msg-fleet-3")).toEqual({ status: 200, outcome: "processed" });
    } finally {
      await Promise.all(local.map((r) => r.stop()));
    }
  }, 30_000);
});
