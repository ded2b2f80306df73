// Scenarios that need a process of their own: forced GC (`node --expose-gc`) and clean RSS
// figures. test/faults.test.ts bundles this file with the SDK (esbuild) and runs it in a child
// `node --expose-gc`; it prints one JSON line of measurements.
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Buffer } from "node:buffer";
import { Basiq } from "basiq";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");

async function listen(handler: RequestListener) {
  const sockets = new Set<Socket>();
  /** Requests whose connection is still open (the client has not given them up). */
  let pending = 0;
  const server = createServer((req, res) => {
    pending++;
    res.on("close", () => pending--);
    handler(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pending: () => pending,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((ok) => server.close(ok));
    },
  };
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** A call still pending after this long is reported as hung (so a hang ends the run, not the suite). */
const GIVE_UP_MS = 5_000;

/** Runs `call`, resolving how long it took and what it rejected with (or that it hung). */
async function timed(call: () => Promise<unknown>) {
  const started = performance.now();
  let guard: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<"hung">((ok) => (guard = setTimeout(() => ok("hung"), GIVE_UP_MS)));
  const outcome = await Promise.race([call().then(() => undefined, (e: unknown) => e as Error), hung]);
  clearTimeout(guard);
  const ms = Math.round(performance.now() - started);
  return outcome === "hung" ? { ms, hung: true } : { ms, name: outcome?.name, message: outcome?.message };
}

/**
 * A server that accepts every request and never sends headers, while a GC runs every 20 ms: four
 * calls end by timeoutMs, then four by the caller's signal. `pending`: requests whose connection
 * the client had still not given up 1 s after the last call.
 */
async function headerStall(timeoutMs: number) {
  const server = await listen(() => {});
  const gcTimer = setInterval(gc!, 20);
  const userPath = { params: { path: { userId: "u1" } } };
  const byTimeout = new Basiq({ token: "stall-token", baseUrl: server.url, timeoutMs, maxRetries: 0 });
  const timeout = [];
  for (let i = 0; i < 4; i++) timeout.push(await timed(() => byTimeout.ops.getUser(userPath)));
  const bySignal = new Basiq({ token: "stall-token", baseUrl: server.url, timeoutMs: 600_000, maxRetries: 0 });
  const signal = [];
  for (let i = 0; i < 4; i++) {
    signal.push(await timed(() => bySignal.ops.getUser({ ...userPath, signal: AbortSignal.timeout(timeoutMs) })));
  }
  await sleep(1000);
  const pending = server.pending();
  clearInterval(gcTimer);
  await server.close();
  return { timeout, signal, pending };
}

/**
 * A 200 whose body is `bytes` long, generated in 1 MiB chunks as the client reads (never held
 * whole), with or without a content-length. Resolves the call's outcome, the bytes the server got
 * to send, and the RSS growth over the call (sampled every 5 ms, and the process's max RSS).
 */
async function hugeBody(bytes: number, withLength: boolean) {
  const chunk = Buffer.alloc(1 << 20, 0x20);
  let sent = 0;
  const server = await listen((_, res) => {
    res.writeHead(200, { "content-type": "application/json", ...(withLength ? { "content-length": String(bytes) } : {}) });
    const pump = () => {
      while (sent < bytes && !res.destroyed) {
        const size = Math.min(chunk.length, bytes - sent);
        sent += size;
        if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void res.once("drain", pump);
      }
      if (sent >= bytes) res.end();
    };
    pump();
  });
  const basiq = new Basiq({ token: "big-token", baseUrl: server.url, timeoutMs: 60_000 });
  gc!();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const outcome = await timed(() => basiq.ops.getUser({ params: { path: { userId: "u1" } } }));
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  await sleep(200);
  const pending = server.pending();
  await server.close();
  return { ...outcome, sentMb: Math.round(sent / 2 ** 20), rssGrowthMb: Math.round((peak - before) / 2 ** 20), pending };
}

/**
 * `pages` pages, each with a fresh 14 KB cursor: the heap (after a forced GC) at page 100 and at
 * the last page, so what the walk keeps per cursor shows as growth.
 */
async function longCursors(pages: number) {
  const pad = "c".repeat(14 * 1024);
  const server = await listen((req, res) => {
    const page = Number(new URL(req.url!, "http://x").searchParams.get("page") ?? 0);
    const links = page + 1 < pages ? { next: `/users/u1/transactions?page=${page + 1}&next=${page + 1}-${pad}` } : {};
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ type: "list", data: [{ id: `t${page}` }], links }));
  });
  const basiq = new Basiq({ token: "page-token", baseUrl: server.url });
  let seen = 0;
  let heapAt100 = 0;
  let heapAtLast = 0;
  // Measured inside the loop: the walk (and what it keeps) is still alive there.
  for await (const _ of basiq.pages("/users/{userId}/transactions", { params: { path: { userId: "u1" } } })) {
    if (++seen === 100 || seen === pages) {
      gc!();
      if (seen === 100) heapAt100 = process.memoryUsage().heapUsed;
      else heapAtLast = process.memoryUsage().heapUsed;
    }
  }
  const heapGrowthMb = (heapAtLast - heapAt100) / 2 ** 20;
  await server.close();
  return { pages: seen, heapGrowthMb: Math.round(heapGrowthMb * 10) / 10 };
}

const scenarios: Record<string, (arg: number) => Promise<unknown>> = {
  longCursors,
  headerStall,
  hugeBody: (bytes) => hugeBody(bytes, false),
  hugeBodyWithLength: (bytes) => hugeBody(bytes, true),
};
const [name, arg] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify(await scenarios[name!]!(Number(arg)))}\n`);
