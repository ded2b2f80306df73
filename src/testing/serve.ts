// `sandbox.listen({ port })`: the sandbox's fetch handler served over HTTP on loopback, for clients in
// any language (and the `basiq sandbox` command). node:http is loaded only when listen is called, by
// a specifier bundlers do not follow, so basiq/testing stays importable on edge runtimes (where
// listen rejects with a BasiqError instead).
import { BasiqError } from "../errors.js";

// The few node:http shapes used here, declared structurally: src/ is type-checked without Node's
// types, so that nothing Node-only reaches the runtime-neutral entries unnoticed.
interface IncomingMessage extends AsyncIterable<Uint8Array> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
interface ServerResponse {
  headersSent: boolean;
  writeHead(status: number, headers: Record<string, string>): ServerResponse;
  end(body?: Uint8Array | string): void;
}
interface Server {
  listen(port: number, host: string, listening: () => void): void;
  once(event: "error", listener: (error: Error) => void): void;
  address(): { port: number } | string | null;
  close(closed: () => void): void;
  closeAllConnections(): void;
}
interface NodeHttp {
  createServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Server;
}

/** Options of `sandbox.listen`. */
export interface ListenOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
}

/** A running server: its base URL and how to stop it. */
export interface Listening {
  /** Base URL, e.g. "http://127.0.0.1:4010" (use it as the client's `baseUrl`). */
  url: string;
  /** Stops accepting, ends open connections; resolves once the server is closed. */
  close: () => Promise<void>;
}

/** The largest request body read (a statement upload is the largest thing a client sends); larger gets 413. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Loopback only: the sandbox is never reachable from another host. */
const HOST = "127.0.0.1";

/** Reads a request body against MAX_BODY_BYTES; undefined when over it. */
async function readBody(req: IncomingMessage): Promise<Uint8Array[] | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return chunks;
}

/** Answers one node:http request with `handler`. */
async function answer(handler: (request: Request) => Promise<Response>, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks = await readBody(req);
  if (!chunks) {
    res.writeHead(413, { "content-type": "text/plain", connection: "close" }).end(`request body over ${MAX_BODY_BYTES} bytes`);
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const hasBody = req.method !== "GET" && req.method !== "HEAD" && chunks.length > 0;
  const body = hasBody ? new Blob(chunks as BlobPart[]) : undefined;
  // Links are written on the server's own origin (not on whatever Host a client sent).
  const response = await handler(new Request(new URL(req.url ?? "/", origin), { method: req.method, headers, body }));
  const out = new Uint8Array(await response.arrayBuffer());
  const head: Record<string, string> = {};
  response.headers.forEach((value, name) => { head[name] = value; });
  res.writeHead(response.status, head).end(out);
}

/** Serves `handler` on 127.0.0.1:`port`; resolves once it accepts connections. */
export async function listen(handler: (request: Request) => Promise<Response>, options: ListenOptions = {}): Promise<Listening> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new BasiqError(`sandbox.listen: port must be a whole number from 0 to 65535 (got ${String(port)})`);
  const specifier = "node:http"; // a variable, so bundlers leave it to the runtime
  const http = (await import(specifier).catch((cause: unknown) => {
    throw new BasiqError("sandbox.listen needs node:http (Node, Deno or Bun); on this runtime use sandbox.fetch", { cause });
  })) as NodeHttp;
  let origin = "";
  const server: Server = http.createServer((req, res) => {
    answer(handler, origin, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(`sandbox error: ${(error as Error)?.message ?? String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (cause) => reject(new BasiqError(`sandbox.listen: cannot listen on ${HOST}:${port}: ${cause.message}`, { cause })));
    server.listen(port, HOST, () => resolve());
  });
  const address = server.address();
  origin = `http://${HOST}:${typeof address === "object" && address ? address.port : port}`;
  let closed: Promise<void> | undefined;
  return {
    url: origin,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
