// sandbox.listen over a real loopback socket: the same sandbox for any HTTP client, links on its own
// origin, and close() that really stops it.
import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { createSandbox } from "basiq/testing";
import { API_KEY } from "./helpers/fetch.js";

describe("sandbox.listen", () => {
  test("serves the same sandbox on 127.0.0.1; its links use its own origin and can be followed", async () => {
    const sandbox = createSandbox({ transactions: 30 });
    const { url, close } = await sandbox.listen({ port: 0 });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const basiq = new Basiq({ apiKey: API_KEY, baseUrl: url });
      const user = await basiq.ops.createUser({ body: { email: "listen@example.com" } });
      expect(user.links.self).toBe(`${url}/users/${user.id}`);
      const { jobId } = sandbox.consent(user.id); // in process: the state is one
      const job = await basiq.waitForJob(jobId, { intervalMs: 1 });
      const followed = await basiq.follow(job.links!.source!);
      expect(followed.operationId).toBe("getConnection");
      let count = 0;
      for await (const _ of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId: user.id } } })) count++;
      expect(count).toBe(30);
      // A plain fetch, as any language's client would send it.
      const token = await fetch(`${url}/token`, { method: "POST", headers: { authorization: `Basic ${API_KEY}`, "basiq-version": "3.0", "content-type": "application/x-www-form-urlencoded" }, body: "scope=SERVER_ACCESS" });
      expect(token.status).toBe(200);
      expect(sandbox.requests.some((r) => r.method === "POST" && r.path === "/token" && r.status === 200)).toBe(true);
    } finally {
      await close();
    }
  });

  test("close() resolves once stopped: the port refuses connections afterwards", async () => {
    const sandbox = createSandbox();
    const { url, close } = await sandbox.listen();
    expect((await fetch(`${url}/events/types`)).status).toBe(401); // answered (no token)
    await close();
    await close(); // a second close is the same close
    await expect(fetch(`${url}/events/types`)).rejects.toThrow();
  });

  test("sandbox.close() stops every server it started; a taken port is a BasiqError", async () => {
    const sandbox = createSandbox();
    const first = await sandbox.listen({ port: 0 });
    const port = Number(new URL(first.url).port);
    await expect(createSandbox().listen({ port })).rejects.toThrow(BasiqError);
    await expect(createSandbox().listen({ port })).rejects.toThrow(new RegExp(`cannot listen on 127.0.0.1:${port}`));
    await sandbox.close();
    await expect(fetch(`${first.url}/events/types`)).rejects.toThrow();
    await expect(sandbox.listen({ port: 70_000 })).rejects.toThrow(/port must be a whole number from 0 to 65535/);
  });
});
