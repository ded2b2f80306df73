// Standard Webhooks verification (the scheme Basiq documents), on Web Crypto only, so it runs
// unchanged on Node, Deno, Bun, Workers and Vercel Edge. https://www.standardwebhooks.com
import type { webhooks } from "../generated/index.js";
import { WebhookVerificationError } from "./errors.js";

/** Every event type Basiq sends (GET /events/types; listed in openapi/overlays/webhooks.overlay.yaml). */
export type WebhookEventType = webhooks.components["schemas"]["EventTypeId"];

type WebhookPayload = webhooks.components["schemas"]["WebhookEvent"];

/**
 * The body Basiq posts to a webhook (a webhook message's `payload`): the event's id, type and links,
 * as a union discriminated by `eventTypeId`; `links.eventEntity` is what changed (follow it).
 */
export type WebhookEvent = { [Type in WebhookEventType]: Omit<WebhookPayload, "eventTypeId"> & { eventTypeId: Type } }[WebhookEventType];

/** Headers as a `Headers` object or a plain record (any case; Node's `req.headers` works as it is). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** Input of {@link verifyWebhook}. */
export interface VerifyWebhookInput {
  /** The raw request body, exactly as received (not re-serialized JSON). */
  body: string | Uint8Array;
  /** The request's headers: `webhook-id`, `webhook-timestamp`, `webhook-signature`. */
  headers: WebhookHeaders;
  /** The endpoint's `whsec_...` secret, or several during a rotation (any may match). */
  secret: string | readonly string[];
  /** Largest allowed distance between the timestamp and now, either way, in seconds. @default 300 */
  toleranceSec?: number;
  /** The current time (Date, or ms since the epoch). @default Date.now() */
  now?: Date | number;
}

/** Input of {@link signWebhook}. */
export interface SignWebhookInput {
  /** The message id (`webhook-id`). */
  id: string;
  /** The raw body to sign. */
  body: string | Uint8Array;
  /** The `whsec_...` secret. */
  secret: string;
  /** Unix seconds of the message. @default now */
  timestamp?: number;
}

const DEFAULT_TOLERANCE_SEC = 300;
const encoder = new TextEncoder();

const fail = (reason: string) => new WebhookVerificationError(`webhook verification failed: ${reason}`);

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(" ") : value;
  }
  return undefined;
}

function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The key bytes of a `whsec_<base64>` secret (the prefix is optional, as in the reference library); undefined when malformed. */
function keyOf(secret: unknown): Uint8Array | undefined {
  const bytes = typeof secret === "string" ? fromBase64(secret.replace(/^whsec_/, "")) : undefined;
  return bytes && bytes.length > 0 ? bytes : undefined;
}

/**
 * The key bytes of every secret (one, or a rotation list), or a WebhookVerificationError that names
 * the malformed entry (by position, never quoting it). A list with one malformed entry is refused as
 * a whole: the entry is a configuration mistake to fix, not a key to skip silently.
 */
export function webhookKeys(secret: unknown): Uint8Array[] {
  const list: unknown[] = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) throw fail("no secret given (an empty rotation list)");
  return list.map((entry, i) => {
    const key = keyOf(entry);
    if (key) return key;
    const which = Array.isArray(secret) ? `secret[${i}] of the ${list.length} in the rotation list` : "the secret";
    const got = typeof entry === "string" ? (entry.trim() === "" ? "empty" : "not whsec_ followed by base64") : `${entry === null ? "null" : typeof entry}, not a string`;
    throw fail(`${which} is not a whsec_<base64> webhook secret (${got}); copy it from the webhook's settings, or remove it from the list`);
  });
}

async function hmac(key: Uint8Array, id: string, timestamp: string, body: string | Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey("raw", key as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const bodyBytes = typeof body === "string" ? encoder.encode(body) : body;
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + bodyBytes.length);
  signed.set(prefix);
  signed.set(bodyBytes, prefix.length);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, signed));
}

/**
 * Compares in time that depends only on the lengths (a signature's length is public). Strings,
 * not decoded bytes: base64 decoders ignore the spare bits of the last character, so comparing
 * bytes would accept a signature with one character changed.
 */
function equalConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Verifies a webhook Basiq sent (Standard Webhooks: HMAC-SHA256 over `${id}.${timestamp}.${body}`)
 * and resolves its parsed JSON payload. Rejects with WebhookVerificationError saying which check
 * failed: a missing or malformed header, a stale or future timestamp, no matching signature, a
 * body that is not JSON, or a malformed secret.
 * @example
 * const event = await verifyWebhook({ body: await request.text(), headers: request.headers, secret: env.BASIQ_WEBHOOK_SECRET });
 */
export async function verifyWebhook(input: VerifyWebhookInput): Promise<WebhookEvent> {
  const { body, headers, secret, toleranceSec = DEFAULT_TOLERANCE_SEC, now = Date.now() } = input;
  // Checked first: NaN compares false both ways, so a bad option would accept any timestamp.
  if (typeof toleranceSec !== "number" || !Number.isFinite(toleranceSec) || toleranceSec < 0) {
    throw fail("the toleranceSec option must be a finite number of seconds, 0 or more");
  }
  const nowMs = now instanceof Date ? now.getTime() : now;
  if (typeof nowMs !== "number" || !Number.isFinite(nowMs)) throw fail("the now option must be a valid Date or a finite number of ms since the epoch");
  if (typeof body !== "string" && !(body instanceof Uint8Array)) throw fail("body must be the raw request body (a string or bytes), not a parsed object");
  if (!headers || typeof headers !== "object") throw fail("headers are missing");
  const keys = webhookKeys(secret);

  const id = header(headers, "webhook-id");
  const timestamp = header(headers, "webhook-timestamp");
  const signatures = header(headers, "webhook-signature");
  if (!id) throw fail("the webhook-id header is missing");
  if (!timestamp) throw fail("the webhook-timestamp header is missing");
  if (!signatures) throw fail("the webhook-signature header is missing");
  if (!/^\d{1,15}$/.test(timestamp)) throw fail("the webhook-timestamp header is not a Unix time in seconds (digits only)");

  const nowSec = Math.floor(nowMs / 1000);
  const age = nowSec - Number(timestamp);
  if (age > toleranceSec) throw fail(`the webhook-timestamp is ${age} s old (tolerance ${toleranceSec} s): a replay, or a clock out of sync`);
  if (-age > toleranceSec) throw fail(`the webhook-timestamp is ${-age} s in the future (tolerance ${toleranceSec} s)`);

  const candidates = signatures.split(" ")
    .filter((entry) => entry.startsWith("v1,"))
    .map((entry) => entry.slice(3))
    .filter((sig) => fromBase64(sig) !== undefined);
  if (candidates.length === 0) throw fail('the webhook-signature header has no "v1,<base64>" signature');

  let matched = false;
  for (const key of keys) {
    const expected = toBase64(await hmac(key, id, timestamp, body));
    // Every candidate is compared, match or not, so timing does not tell which one matched.
    for (const candidate of candidates) matched = equalConstantTime(expected, candidate) || matched;
  }
  if (!matched) throw fail("no signature matches: check the secret, and pass the raw body exactly as received");

  const text = typeof body === "string" ? body : new TextDecoder().decode(body);
  try {
    return JSON.parse(text) as WebhookEvent;
  } catch {
    throw fail("the body is not JSON");
  }
}

/**
 * Signs a payload as Basiq would, for your own tests: resolves the three headers that
 * {@link verifyWebhook} accepts.
 */
export async function signWebhook(input: SignWebhookInput): Promise<Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string>> {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = toBase64(await hmac(webhookKeys(input.secret)[0]!, input.id, timestamp, input.body));
  return { "webhook-id": input.id, "webhook-timestamp": timestamp, "webhook-signature": `v1,${signature}` };
}
