// One delivery, from its raw body and headers to an outcome: header checks, verifyWebhook, the
// payload's shape, then dispatch. Shared by hooks.fetch and hooks.node.
import { WebhookVerificationError } from "../errors.js";
import { verifyWebhook, type WebhookEvent, type WebhookHeaders } from "../webhooks.js";
import { type Dispatcher, userIdOf } from "./dispatch.js";
import type { Settings } from "./options.js";
import type { Outcome } from "./types.js";

/** Longest `webhook-id` accepted (Svix's are 30 characters; it becomes part of a store key). */
const MAX_ID_LENGTH = 256;

const decoder = new TextDecoder();

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value.join(" ") : value;
}

/** The first header problem, named for the sender; undefined when all three are there. */
function headerProblem(headers: WebhookHeaders): string | undefined {
  for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    if (!header(headers, name)) return `the ${name} header is missing`;
  }
  const id = header(headers, "webhook-id")!;
  if (id.length > MAX_ID_LENGTH || !/^[\x21-\x7e]+$/.test(id)) return `the webhook-id header is not an id (1 to ${MAX_ID_LENGTH} visible ASCII characters)`;
  return undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** True when `value` has the shape every Basiq webhook payload has (its type and links; eventId where sent). */
function isEvent(value: unknown): value is WebhookEvent {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const { eventTypeId, eventId, links } = value as Record<string, unknown>;
  return typeof eventTypeId === "string" && (eventId === undefined || typeof eventId === "string")
    && (links === undefined || (links !== null && typeof links === "object"));
}

/**
 * Verifies and dispatches one delivery. `headers` are Node's lower-cased record or a Headers object.
 * Resolves the outcome and a sender-facing detail where one helps (which header, which check).
 */
export async function deliver(settings: Settings, dispatcher: Dispatcher, body: Uint8Array, headers: WebhookHeaders): Promise<{ outcome: Outcome; detail?: string }> {
  const problem = headerProblem(headers);
  if (problem) return { outcome: "invalid", detail: problem };
  let event: WebhookEvent;
  try {
    event = await verifyWebhook({ body, headers, secret: settings.secret, toleranceSec: settings.toleranceSec });
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    // verifyWebhook's messages name the failed check and never a secret.
    return isJson(decoder.decode(body)) ? { outcome: "unauthorized", detail: error.message } : { outcome: "invalid", detail: "the body is not JSON" };
  }
  if (!isEvent(event)) return { outcome: "invalid", detail: "the body is not a Basiq webhook event (no eventTypeId)" };
  const messageId = header(headers, "webhook-id")!;
  const { outcome } = await dispatcher.dispatch(event, {
    eventId: event.eventId ?? messageId,
    messageId,
    userId: userIdOf(event),
    source: "delivery",
    basiq: settings.basiq,
  });
  return { outcome };
}
