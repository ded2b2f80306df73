// Per-request client CPU and wall time against a 2 KB account list on loopback: raw fetch, raw
// openapi-fetch, basiq.api (with and without its rate limiter) and basiq.ops, sequential and at concurrency 32. Rounds alternate the
// contenders in one process; each figure is the median over rounds.
import createClient from "openapi-fetch";
import { Basiq } from "basiq";
import { median, startServer } from "./lib.mjs";

const ROUNDS = 9;
const SEQUENTIAL = 400;
const CONCURRENT = 2000;
const CONCURRENCY = 32;

export async function benchRequests() {
  const server = await startServer();
  const url = `${server.url}/users/u1/accounts`;
  const headers = { Authorization: "Bearer bench-token", Accept: "application/json" };
  const raw = createClient({ baseUrl: server.url, headers });
  const basiq = new Basiq({ apiKey: "bench", baseUrl: server.url });
  const unlimited = new Basiq({ apiKey: "bench", baseUrl: server.url, rateLimit: false });
  const params = { params: { path: { userId: "u1" } } };
  const contenders = {
    "raw fetch": async () => (await fetch(url, { headers })).json(),
    "openapi-fetch": async () => (await raw.GET("/users/{userId}/accounts", params)).data,
    "basiq.api": async () => (await basiq.api.GET("/users/{userId}/accounts", params)).data,
    "basiq.api, rateLimit: false": async () => (await unlimited.api.GET("/users/{userId}/accounts", params)).data,
    "basiq.ops": () => basiq.ops.getAccounts(params),
  };

  async function measure(call, total, concurrency) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next++ < total) {
        const body = await call();
        if (!body?.data?.length) throw new Error("empty answer");
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { wallUs: (wall * 1000) / total, cpuUs: (used.user + used.system) / total };
  }

  const names = Object.keys(contenders);
  const results = {};
  try {
    for (const [mode, total, concurrency] of [["sequential", SEQUENTIAL, 1], [`concurrency ${CONCURRENCY}`, CONCURRENT, CONCURRENCY]]) {
      const samples = Object.fromEntries(names.map((n) => [n, { wall: [], cpu: [] }]));
      for (const name of names) await measure(contenders[name], 100, concurrency); // warm-up (JIT, sockets, token)
      for (let round = 0; round < ROUNDS; round++) {
        const order = names.map((_, i) => names[(i + round) % names.length]); // rotate who goes first
        for (const name of order) {
          globalThis.gc?.();
          const { wallUs, cpuUs } = await measure(contenders[name], total, concurrency);
          samples[name].wall.push(wallUs);
          samples[name].cpu.push(cpuUs);
        }
      }
      results[mode] = Object.fromEntries(names.map((n) => [n, { wallUs: median(samples[n].wall), cpuUs: median(samples[n].cpu) }]));
    }
  } finally {
    server.stop();
  }
  return results;
}
