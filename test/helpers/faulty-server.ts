// A real loopback HTTP server that misbehaves on demand, for the fault-injection suite.
// POST /token always answers properly; every other request goes to the current `behave`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

export type Behaviour = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

export async function faultyServer() {
  let behave: Behaviour = (_, res) => res.end("{}");
  let attempts = 0;
  let tokenCalls = 0;
  const sockets = new Set<Socket>();
  /** Responses the server began but the client abandoned or the server never finished. */
  const unfinished = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (req.url === "/token") {
      tokenCalls++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: `tok-${tokenCalls}`, expires_in: 3600 }));
      return;
    }
    unfinished.add(res);
    res.on("finish", () => unfinished.delete(res));
    res.on("close", () => unfinished.delete(res));
    behave(req, res, ++attempts);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    /** Sets how the server answers the next requests (attempt counts from 1 again). */
    set(next: Behaviour) {
      behave = next;
      attempts = 0;
    },
    attempts: () => attempts,
    tokenCalls: () => tokenCalls,
    /** Resolves once every abandoned response's socket is closed; rejects after `ms`. */
    async settled(ms = 2000) {
      const deadline = Date.now() + ms;
      while (unfinished.size > 0) {
        if (Date.now() > deadline) throw new Error(`${unfinished.size} responses still open ${ms} ms after the call ended`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((ok) => server.close(() => ok(undefined)));
    },
  };
}
