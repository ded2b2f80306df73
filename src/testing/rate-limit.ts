// The sandbox's rate limit: a token bucket in front of every route, as a server enforces one, so
// code under test meets 429s the way it would in production.

/** `createSandbox({ rateLimit })`: a token bucket over every request but POST /token. */
export interface SandboxRateLimit {
  /** Requests per second the bucket refills. */
  requestsPerSecond: number;
  /** Requests allowed at once after an idle spell. @default 1 */
  burst?: number;
  /** Send `Retry-After` (whole seconds until a request would pass) with each 429; Basiq documents none. @default false */
  retryAfter?: boolean;
}

/** A refusal: the headers of the 429. */
export type Refusal = { headers: Record<string, string> };

/**
 * A token bucket on the clock (`Date.now()`, so fake timers drive it): `admit()` takes a token and
 * resolves undefined, or the refusal when none is left. POST /token is Basiq's own bucket
 * (1,500 per 5 minutes) and passes here.
 */
export function tokenBucket(limit: SandboxRateLimit): (method: string, pathname: string) => Refusal | undefined {
  const rate = limit.requestsPerSecond;
  const burst = limit.burst ?? 1;
  if (!(rate > 0 && Number.isFinite(rate))) throw new RangeError(`createSandbox: rateLimit.requestsPerSecond must be a positive number, not ${rate}`);
  if (!(burst >= 1 && Number.isFinite(burst))) throw new RangeError(`createSandbox: rateLimit.burst must be at least 1, not ${burst}`);
  let tokens = burst;
  let last = Date.now();
  return (method, pathname) => {
    if (method === "POST" && pathname === "/token") return undefined;
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return undefined;
    }
    const headers: Record<string, string> = {};
    if (limit.retryAfter) headers["retry-after"] = String(Math.ceil((1 - tokens) / rate));
    return { headers };
  };
}
