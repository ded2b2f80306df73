import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq } from "basiq";
import { createSandbox } from "basiq/testing";

const get = (path: string, method = "GET") => new Request(`https://au-api.basiq.io${path}`, { method, headers: { authorization: "Bearer x" } });

describe("sandbox rate limit", () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test("answers 429 past the burst, and lets one more through per 1/rate of clock", async () => {
    jest.useFakeTimers({ now: 0 });
    const sandbox = createSandbox({ rateLimit: { requestsPerSecond: 2, burst: 3 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await sandbox.fetch(get("/users/u1"))).status);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
    jest.advanceTimersByTime(499);
    expect((await sandbox.fetch(get("/users/u1"))).status).toBe(429);
    jest.advanceTimersByTime(1);
    expect((await sandbox.fetch(get("/users/u1"))).status).not.toBe(429);
  });

  test("sends Retry-After (whole seconds) only when asked to", async () => {
    const quiet = createSandbox({ rateLimit: { requestsPerSecond: 1 } });
    await quiet.fetch(get("/users/u1"));
    const refused = await quiet.fetch(get("/users/u1"));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeNull();
    const told = createSandbox({ rateLimit: { requestsPerSecond: 1, retryAfter: true } });
    await told.fetch(get("/users/u1"));
    expect((await told.fetch(get("/users/u1"))).headers.get("retry-after")).toBe("1");
  });

  test("never limits POST /token (Basiq's own bucket)", async () => {
    const sandbox = createSandbox({ rateLimit: { requestsPerSecond: 1 } });
    const mint = () => sandbox.fetch(new Request("https://au-api.basiq.io/token", { method: "POST", headers: { authorization: "Basic a2V5", "basiq-version": "3.0", "content-type": "application/x-www-form-urlencoded" }, body: "scope=SERVER_ACCESS" }));
    for (let i = 0; i < 5; i++) expect((await mint()).status).toBe(200);
  });

  test("refuses a rate it cannot enforce", () => {
    expect(() => createSandbox({ rateLimit: { requestsPerSecond: 0 } })).toThrow(RangeError);
    expect(() => createSandbox({ rateLimit: { requestsPerSecond: 5, burst: 0.5 } })).toThrow(RangeError);
  });

  test("the client's limiter gets 60 concurrent calls through it without a failure and with few refusals", async () => {
    const sandbox = createSandbox({ rateLimit: { requestsPerSecond: 40, burst: 5 } });
    const basiq = new Basiq({ apiKey: "sandbox-key", fetch: sandbox.fetch });
    const user = (await basiq.ops.createUser({ body: { email: "gavin@hooli.com" } })) as { id: string };
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => basiq.ops.getUser({ params: { path: { userId: user.id } } })));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const users = sandbox.requests.filter((r) => r.path.startsWith("/users"));
    // The first burst (16 in flight, 5 allowed) is refused before any rate is known; then few.
    expect(users.filter((r) => r.status === 429).length).toBeLessThanOrEqual(16 - 5 + 0.1 * users.length);
  });
});
