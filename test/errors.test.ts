import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError, JobFailedError, JobTimeoutError, WebhookVerificationError } from "basiq";
import { API_KEY, fakeBasiq, userPath } from "./helpers/fetch.js";

const client = (respond: () => Response) => new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(respond).fetch, maxRetries: 0 });

describe("errors", () => {
  test("every error class extends BasiqError and has a literal name", () => {
    const job = { id: "j1", jobType: "connection" as const, steps: [] };
    const errors: Array<[BasiqError, string]> = [
      [new BasiqError("x"), "BasiqError"],
      [new JobFailedError("x", { job }), "JobFailedError"],
      [new JobTimeoutError("x", job), "JobTimeoutError"],
      [new WebhookVerificationError("x"), "WebhookVerificationError"],
    ];
    for (const [error, name] of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(BasiqError);
      expect(error.name).toBe(name);
    }
  });

  test("an HTML 502 gives a BasiqError with the status and no HTML in the message", async () => {
    const error = await client(() => new Response("<html><body>Bad gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }))
      .ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({ status: 502, message: "GET /users/{userId} -> 502 non-JSON error body (text/html, 37 chars)" });
  });

  test("an empty 200 gives a BasiqError with the status", async () => {
    const error = await client(() => new Response("", { status: 200 })).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({ status: 200, message: "GET /users/{userId} -> 200 with an empty body" });
  });

  test("truncated JSON gives a BasiqError with the status, never a SyntaxError, and does not echo the body", async () => {
    const error = await client(() => new Response('{"type":"user","id":"secret-looking-valu', { status: 200, headers: { "content-type": "application/json" } }))
      .ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect((error as BasiqError).status).toBe(200);
    expect(String((error as Error).stack)).not.toContain("secret-looking");
    expect((error as Error).cause).toBeUndefined();
  });

  test("an empty error body still names the status", async () => {
    const error = await client(() => new Response(null, { status: 500 })).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, message: "GET /users/{userId} -> 500 empty error body", errors: [] });
  });

  test("takes the correlation id from the header when the body has none", async () => {
    const error = await client(() => new Response("oops", { status: 503, headers: { "x-correlation-id": "hdr-1" } })).ops.getUser(userPath).catch((e: unknown) => e);
    expect(error).toMatchObject({ correlationId: "hdr-1" });
  });
});
