// The rate-limit benchmark's loopback server, in its own process: a token bucket (RATE per
// second, BURST at once) in front of GET /users/{id}; a request over the limit gets 429, with
// `Retry-After` (whole seconds until a token is back) when RETRY_AFTER=1. POST /token is not
// limited. GET /stats answers { requests, refused, mints } (mints: POST /token calls) since the
// last POST /reset (which also refills the bucket). Prints its port on stdout.
import { createServer } from "node:http";

const RATE = Number(process.env.RATE ?? 40);
const BURST = Number(process.env.BURST ?? 10);
const RETRY_AFTER = process.env.RETRY_AFTER === "1";
const USER = JSON.stringify({ type: "user", id: "u1", email: "gavin@hooli.com", mobile: "+61410888999" });

let tokens = BURST;
let last = performance.now();
let requests = 0;
let refused = 0;
let mints = 0;

const server = createServer((req, res) => {
  const url = new URL(req.url, "http://bench");
  if (url.pathname === "/token") {
    req.resume();
    if (req.method === "POST") mints++;
    res.writeHead(200, { "content-type": "application/json" });
    return res.end('{"access_token":"bench-token","token_type":"Bearer","expires_in":3600}');
  }
  if (url.pathname === "/stats") return res.end(JSON.stringify({ requests, refused, mints }));
  if (url.pathname === "/reset") {
    requests = refused = mints = 0;
    tokens = BURST;
    last = performance.now();
    return res.end("{}");
  }
  requests++;
  const now = performance.now();
  tokens = Math.min(BURST, tokens + ((now - last) / 1000) * RATE);
  last = now;
  if (tokens >= 1) {
    tokens -= 1;
    res.writeHead(200, { "content-type": "application/json" });
    return res.end(USER);
  }
  refused++;
  const headers = { "content-type": "application/json" };
  if (RETRY_AFTER) headers["retry-after"] = String(Math.ceil((1 - tokens) / RATE));
  res.writeHead(429, headers);
  res.end('{"type":"list","data":[{"type":"error","code":"rate-limit","title":"Too many requests","detail":"Rate limit exceeded"}]}');
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
