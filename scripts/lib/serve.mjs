// Serves a fetch handler ((Request) => Promise<Response>) on a loopback port with node:http,
// so the embedded sandbox can stand in for the Basiq API over a real socket.
import { createServer } from "node:http";

/**
 * Starts serving `handler` on 127.0.0.1 (port 0 picks a free one).
 * Resolves `{ url, close }`.
 * @param {(request: Request) => Promise<Response>} handler
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serveFetch(handler, { port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`sandbox error: ${error?.message ?? error}`);
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(undefined)));
  const address = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve(undefined));
    }),
  };
}
