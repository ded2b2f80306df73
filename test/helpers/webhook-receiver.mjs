// One webhook receiver process for the fleet tests: createWebhookHandler on a Redis store
// (node-redis; STORE=memory: this process's memory, the control), served by node:http on a free loopback port. Prints {"port":N} once listening, then
// one line "ran <eventId>" each time its handler runs. Env: REDIS_URL, WEBHOOK_SECRET, HANDLER_MS.
import { createServer } from "node:http";
import { createWebhookHandler } from "basiq";
import { redisStore } from "basiq/redis";
import { createClient } from "redis";

const redis = createClient({ url: process.env.REDIS_URL });
redis.on("error", () => {});
await redis.connect();
const handlerMs = Number(process.env.HANDLER_MS ?? 0);

const hooks = createWebhookHandler({
  secret: process.env.WEBHOOK_SECRET,
  ...(process.env.STORE === "memory" ? {} : { store: redisStore(redis) }),
  on: {
    "transactions.updated": async (event) => {
      process.stdout.write(`ran ${event.eventId}\n`);
      await new Promise((resolve) => setTimeout(resolve, handlerMs));
    },
  },
});

const server = createServer((req, res) => void hooks.node(req, res));
server.listen(0, "127.0.0.1", () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on("SIGTERM", async () => {
  server.close();
  await redis.destroy();
  process.exit(0);
});
