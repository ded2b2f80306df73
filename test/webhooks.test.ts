import { describe, expect, test } from "@jest/globals";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { BasiqError, signWebhook, verifyWebhook, WebhookVerificationError } from "basiq";

// The Standard Webhooks reference vector.
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TIMESTAMP = 1614265330;
const PAYLOAD = '{"test": 2432232314}';
const SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
const NOW = TIMESTAMP * 1000;
const headers = { "webhook-id": ID, "webhook-timestamp": String(TIMESTAMP), "webhook-signature": SIGNATURE };

const reason = (p: Promise<unknown>) => p.then(() => "verified", (e: unknown) => {
  expect(e).toBeInstanceOf(WebhookVerificationError);
  expect(e).toBeInstanceOf(BasiqError);
  return (e as Error).message;
});

describe("verifyWebhook", () => {
  test("verifies the Standard Webhooks reference vector and resolves the parsed payload", async () => {
    await expect(verifyWebhook({ body: PAYLOAD, headers, secret: SECRET, now: NOW })).resolves.toEqual({ test: 2432232314 });
  });

  test("takes a Headers object, any header case, and bytes for the body", async () => {
    const upper = new Headers({ "Webhook-Id": ID, "WEBHOOK-TIMESTAMP": String(TIMESTAMP), "Webhook-Signature": SIGNATURE });
    await expect(verifyWebhook({ body: new TextEncoder().encode(PAYLOAD), headers: upper, secret: SECRET, now: NOW })).resolves.toEqual({ test: 2432232314 });
    await expect(verifyWebhook({ body: PAYLOAD, headers: { "Webhook-ID": ID, "Webhook-Timestamp": String(TIMESTAMP), "Webhook-Signature": SIGNATURE }, secret: SECRET, now: NOW })).resolves.toBeDefined();
  });

  test("verifies signatures made by the reference implementation (standardwebhooks)", async () => {
    await fc.assert(fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.json(), fc.uint8Array({ minLength: 8, maxLength: 48 }), async (id, body, key) => {
      const secret = `whsec_${Buffer.from(key).toString("base64")}`;
      const signature = new Webhook(secret).sign(id, new Date(NOW), body);
      const verified = await verifyWebhook({ body, headers: { "webhook-id": id, "webhook-timestamp": String(TIMESTAMP), "webhook-signature": signature }, secret, now: NOW });
      expect(verified).toEqual(JSON.parse(body));
    }), { numRuns: 100 });
  });

  test("signWebhook produces headers that verifyWebhook and the reference implementation accept", async () => {
    const body = '{"eventTypeId":"connection.created","eventId":"e1"}';
    const signed = await signWebhook({ id: "msg_1", body, secret: SECRET, timestamp: TIMESTAMP });
    await expect(verifyWebhook({ body, headers: signed, secret: SECRET, now: NOW })).resolves.toMatchObject({ eventTypeId: "connection.created" });
    expect(signed["webhook-signature"]).toBe(new Webhook(SECRET).sign("msg_1", new Date(NOW), body));
    // The reference checks its own clock, so it verifies headers signed now (signWebhook's default).
    const fresh = await signWebhook({ id: "msg_2", body, secret: SECRET });
    expect(new Webhook(SECRET).verify(body, fresh)).toEqual(JSON.parse(body));
  });

  test("every single-byte change to id, timestamp, body or signature fails", async () => {
    const fields = { id: ID, timestamp: String(TIMESTAMP), body: PAYLOAD, signature: SIGNATURE.slice(3) };
    const alphabet = "0123456789abcdefABCDEF+/=_-.\"{} ";
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...(Object.keys(fields) as Array<keyof typeof fields>)),
      fc.nat(), fc.constantFrom(...alphabet.split("")),
      async (name, at, replacement) => {
        const original = fields[name];
        const index = at % original.length;
        fc.pre(original[index] !== replacement);
        const changed = { ...fields, [name]: original.slice(0, index) + replacement + original.slice(index + 1) };
        const result = await reason(verifyWebhook({
          body: changed.body, secret: SECRET, now: NOW,
          headers: { "webhook-id": changed.id, "webhook-timestamp": changed.timestamp, "webhook-signature": `v1,${changed.signature}` },
        }));
        expect(result).not.toBe("verified");
      },
    ), { numRuns: 500 });
  });

  test("a signature whose last character differs only in base64's spare bits fails", async () => {
    // "OE=" -> "OF=": atob decodes both to the same bytes; the signature text still differs.
    const twin = { ...headers, "webhook-signature": SIGNATURE.replace(/OE=$/, "OF=") };
    expect(Buffer.from(twin["webhook-signature"].slice(3), "base64")).toEqual(Buffer.from(SIGNATURE.slice(3), "base64"));
    expect(await reason(verifyWebhook({ body: PAYLOAD, headers: twin, secret: SECRET, now: NOW }))).toMatch(/no signature matches/);
  });

  test("300 s passes and 301 s fails, in both directions", async () => {
    const at = (offsetSec: number) => reason(verifyWebhook({ body: PAYLOAD, headers, secret: SECRET, now: NOW + offsetSec * 1000 }));
    expect(await at(300)).toBe("verified");
    expect(await at(-300)).toBe("verified");
    expect(await at(301)).toMatch(/is 301 s old \(tolerance 300 s\)/);
    expect(await at(-301)).toMatch(/is 301 s in the future/);
    expect(await reason(verifyWebhook({ body: PAYLOAD, headers, secret: SECRET, now: NOW + 20_000, toleranceSec: 10 }))).toMatch(/20 s old/);
  });

  test("accepts any of several secrets during a rotation, and any of several signatures", async () => {
    const other = "whsec_" + Buffer.from("another-secret-key-bytes").toString("base64");
    await expect(verifyWebhook({ body: PAYLOAD, headers, secret: [other, SECRET], now: NOW })).resolves.toBeDefined();
    const multi = { ...headers, "webhook-signature": `v1a,abc v1,${Buffer.alloc(32).toString("base64")} ${SIGNATURE}` };
    await expect(verifyWebhook({ body: PAYLOAD, headers: multi, secret: SECRET, now: NOW })).resolves.toBeDefined();
    expect(await reason(verifyWebhook({ body: PAYLOAD, headers, secret: [other], now: NOW }))).toMatch(/no signature matches/);
  });

  test.each([
    ["a missing webhook-id", { "webhook-id": undefined }, /webhook-id header is missing/],
    ["a missing webhook-timestamp", { "webhook-timestamp": undefined }, /webhook-timestamp header is missing/],
    ["a missing webhook-signature", { "webhook-signature": undefined }, /webhook-signature header is missing/],
    ["a timestamp that is not digits", { "webhook-timestamp": "1614265330.5" }, /not a Unix time in seconds/],
    ["a negative timestamp", { "webhook-timestamp": "-1614265330" }, /not a Unix time in seconds/],
    ["a timestamp in ms-with-spaces", { "webhook-timestamp": " 1614265330" }, /not a Unix time in seconds/],
    ["only unknown signature versions", { "webhook-signature": "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" }, /no "v1,<base64>" signature/],
    ["a signature that is not base64", { "webhook-signature": "v1,not base64!" }, /no "v1,<base64>" signature/],
  ])("names the cause of %s", async (_, change, expected) => {
    expect(await reason(verifyWebhook({ body: PAYLOAD, headers: { ...headers, ...change }, secret: SECRET, now: NOW }))).toMatch(expected);
  });

  test("names a body that is not JSON (after the signature matched) and a malformed secret", async () => {
    const body = "not json";
    const signed = await signWebhook({ id: ID, body, secret: SECRET, timestamp: TIMESTAMP });
    expect(await reason(verifyWebhook({ body, headers: signed, secret: SECRET, now: NOW }))).toMatch(/the body is not JSON/);
    expect(await reason(verifyWebhook({ body: PAYLOAD, headers, secret: "whsec_###", now: NOW }))).toMatch(/not a whsec_<base64> webhook secret/);
    expect(await reason(verifyWebhook({ body: JSON.parse(PAYLOAD), headers, secret: SECRET, now: NOW }))).toMatch(/raw request body/);
  });

  test("a malformed entry in a rotation list is refused by its position, never quoted, and never skipped", async () => {
    const other = "whsec_" + Buffer.from("another-secret-key-bytes").toString("base64");
    const typo = "whsec_not*base64!secret-value";
    const cases: Array<[unknown, string]> = [
      [[SECRET, typo], "secret[1] of the 2 in the rotation list is not a whsec_<base64> webhook secret (not whsec_ followed by base64)"],
      [[other, "", SECRET], "secret[1] of the 3 in the rotation list is not a whsec_<base64> webhook secret (empty)"],
      [[SECRET, undefined], "secret[1] of the 2 in the rotation list is not a whsec_<base64> webhook secret (undefined, not a string)"],
      [[], "no secret given (an empty rotation list)"],
      [typo, "the secret is not a whsec_<base64> webhook secret (not whsec_ followed by base64)"],
    ];
    for (const [secret, expected] of cases) {
      const error = await verifyWebhook({ body: PAYLOAD, headers, secret: secret as string[], now: NOW }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect((error as Error).message).toContain(`webhook verification failed: ${expected}`);
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain("not*base64");
    }
    await expect(signWebhook({ id: ID, body: PAYLOAD, secret: typo })).rejects.toThrow(/the secret is not a whsec_<base64> webhook secret/);
  });

  test("bad options fail closed: a 1970 timestamp signed correctly is refused, naming the option", async () => {
    const old = await signWebhook({ id: ID, body: PAYLOAD, secret: SECRET, timestamp: 1 });
    const cases: Array<[Partial<Parameters<typeof verifyWebhook>[0]>, string]> = [
      [{ toleranceSec: NaN }, "the toleranceSec option must be a finite number"],
      [{ toleranceSec: Infinity }, "the toleranceSec option must be a finite number"],
      [{ toleranceSec: -1 }, "the toleranceSec option must be a finite number"],
      [{ toleranceSec: "300" as unknown as number }, "the toleranceSec option must be a finite number"],
      [{ now: new Date("not a date") }, "the now option must be a valid Date"],
      [{ now: NaN }, "the now option must be a valid Date"],
    ];
    for (const [options, message] of cases) {
      const error = await verifyWebhook({ body: PAYLOAD, headers: old, secret: SECRET, ...options }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect((error as Error).message).toContain(message);
    }
  });
});
