// Throughput under a rate limit: N concurrent getUser calls against a loopback server enforcing
// a token bucket, through (a) basiq with rateLimit: false (each call retries on its own), (b)
// openapi-fetch + p-limit(10) + p-retry (what a user would hand-roll), (c) basiq's limiter.
// Figures per row: calls failed, 429s per 100 requests, wall time / ideal (ideal = calls / rate).
// One run per row (each takes seconds); the server's bucket is refilled between rows.
import { Basiq } from "basiq";
import createClient from "openapi-fetch";
import pLimit from "p-limit";
import pRetry from "p-retry";
import { startServer } from "./lib.mjs";

/** The profiles: 1,000 calls run at 100 req/s, so a row takes 10 s rather than 25 s at 40 req/s. */
const PROFILES = [
  { retryAfter: false, rate: 40, burst: 10, calls: 300 },
  { retryAfter: false, rate: 100, burst: 10, calls: 1000 },
  { retryAfter: true, rate: 40, burst: 10, calls: 300 },
  { retryAfter: true, rate: 100, burst: 10, calls: 1000 },
];

const params = { params: { path: { userId: "u1" } } };

const contenders = {
  "rateLimit: false": (url) => {
    const basiq = new Basiq({ apiKey: "bench", baseUrl: url, rateLimit: false });
    return () => basiq.ops.getUser(params);
  },
  "openapi-fetch + p-limit(10) + p-retry": (url) => {
    const client = createClient({ baseUrl: url, headers: { Authorization: "Bearer bench-token" } });
    const limit = pLimit(10);
    // p-retry's defaults (1 s doubling) with 5 retries and jitter: a plausible hand-rolled policy.
    return () => limit(() => pRetry(async () => {
      const { data, response } = await client.GET("/users/{userId}", params);
      if (response.status === 429) throw new Error("429");
      return data;
    }, { retries: 5, randomize: true }));
  },
  "basiq limiter": (url) => {
    const basiq = new Basiq({ apiKey: "bench", baseUrl: url });
    return () => basiq.ops.getUser(params);
  },
};

export async function benchRateLimit() {
  const rows = [];
  for (const profile of PROFILES) {
    const server = await startServer({ RATE: String(profile.rate), BURST: String(profile.burst), RETRY_AFTER: profile.retryAfter ? "1" : "0" }, "limited-server.mjs");
    try {
      for (const [name, make] of Object.entries(contenders)) {
        if (process.env.BENCH_CONTENDER && name !== process.env.BENCH_CONTENDER) continue; // e.g. "basiq limiter", while tuning
        const call = make(server.url);
        await fetch(`${server.url}/token`, { method: "POST" }); // warm the connection
        await new Promise((resolve) => setTimeout(resolve, (profile.burst / profile.rate) * 1000)); // let the bucket refill
        await fetch(`${server.url}/reset`, { method: "POST" });
        const started = performance.now();
        const results = await Promise.allSettled(Array.from({ length: profile.calls }, () => call()));
        const wallS = (performance.now() - started) / 1000;
        const { requests, refused } = await (await fetch(`${server.url}/stats`)).json();
        rows.push({ ...profile, name, failed: results.filter((r) => r.status === "rejected").length, per100: (100 * refused) / requests, requests, ratio: wallS / (profile.calls / profile.rate) });
      }
    } finally {
      server.stop();
    }
  }
  return rows;
}
