// Events, webhooks and their messages: what happened in the sandbox (a user created, a connection
// made or deleted, a consent revoked, transactions updated), told to every subscribed webhook as
// a message signed with signWebhook, exactly as verifyWebhook expects it.
import type { core, webhooks } from "../../generated/index.js";
import { BoundedMap } from "../internal/bounded.js";
import { signWebhook } from "../webhooks.js";
import type { HttpDeliveries } from "./deliveries.js";
import { PRODUCTION } from "./fixtures.js";

type EventsData = core.components["schemas"]["EventsData"];
/** An event type Basiq sends (`connection.created`, `transactions.updated`, ...). */
export type EventTypeId = webhooks.components["schemas"]["EventTypeId"];
export type SandboxWebhook = webhooks.components["schemas"]["Webhook"] & { id: string; secret: string; subscribedEvents: EventTypeId[] };
export type SandboxMessage = webhooks.components["schemas"]["Message"] & { id: string };

/** Every event type Basiq sends, with its description (GET /events/types). */
export const EVENT_TYPES: Record<EventTypeId, string> = {
  "account.updated": "when an account is updated",
  "connection.activated": "when a connection is activated",
  "connection.created": "when a connection is created",
  "connection.deleted": "when a connection is deleted",
  "connection.invalidated": "when a connection is invalidated",
  "consent.created": "when a consent is created",
  "consent.expired": "when a consent is expired",
  "consent.reminder": "when a consent has been active for 90 days since the last update",
  "consent.revoked": "when a consent is revoked",
  "consent.updated": "when a consent is updated",
  "consent.warning": "when a consent is about to expire",
  "transactions.updated": "when transactions are updated",
  "user.created": "when an user is created",
  "user.deleted": "when an user is deleted",
  "user.updated": "when an user is updated",
};

/** One thing that happened. */
export interface SandboxEvent {
  id: string;
  typeId: EventTypeId;
  userId: string;
  created: string;
  /** The resource it is about (the webhook payload's `links.eventEntity`). */
  entity: string;
}

/** A webhook message as it was posted: the URL, the signed headers and the raw body. */
export interface SandboxDelivery {
  webhookId: string;
  messageId: string;
  url: string;
  headers: Record<"webhook-id" | "webhook-timestamp" | "webhook-signature" | "content-type", string>;
  body: string;
}

/** True for an event type Basiq sends. */
export const isEventType = (id: unknown): id is EventTypeId => typeof id === "string" && Object.hasOwn(EVENT_TYPES, id);

export const eventTypeBody = (id: EventTypeId) =>
  ({ type: "eventType", id, description: EVENT_TYPES[id] ?? "", links: { self: `${PRODUCTION}/events/types/${id}` } }) satisfies core.components["schemas"]["EventType"];

/** The list shape of GET /events has room for connection and consent events only (its `entity` enum). */
export function eventListItem(event: SandboxEvent): EventsData | undefined {
  const [entity, action] = event.typeId.split(".") as [string, string];
  // The list's eventType enum has no activated, invalidated, warning or reminder: they are updates.
  const eventType = ({ created: "created", deleted: "deleted", revoked: "revoked", expired: "expired", updated: "updated", activated: "updated", invalidated: "updated", warning: "updated", reminder: "updated" } as const)[action];
  const kind = entity === "transactions" ? "connection" : entity;
  if ((kind !== "connection" && kind !== "consent") || !eventType) return undefined;
  return {
    type: "event", id: event.id, createdDate: event.created, entity: kind, eventType, userId: event.userId, dataRef: event.entity,
    data: event.entity, links: { self: `${PRODUCTION}/events/${event.id}`, eventEntity: event.entity },
  } satisfies EventsData;
}

export const eventBody = (event: SandboxEvent) =>
  ({
    type: "event", id: event.id, createdDate: event.created, entity: event.typeId.split(".")[0], eventType: event.typeId, userId: event.userId, dataRef: event.entity,
    data: { id: event.entity.split("/").pop(), type: event.typeId.split(".")[0], createdDate: event.created, links: { self: event.entity } },
    links: { self: `${PRODUCTION}/events/${event.id}` },
  }) satisfies core.components["schemas"]["RetrieveEvent"];

export const webhookBody = (hook: SandboxWebhook) =>
  ({
    id: hook.id, type: "webhook", name: hook.name, description: hook.description, url: hook.url, status: hook.status, secret: hook.secret,
    subscribedEvents: hook.subscribedEvents, links: { self: `${PRODUCTION}/notifications/webhooks/${hook.id}` },
  }) satisfies webhooks.components["schemas"]["Webhook"];

function messageBody(hook: SandboxWebhook, id: string, event: SandboxEvent): SandboxMessage {
  const self = `${PRODUCTION}/notifications/webhooks/${hook.id}/messages/${id}`;
  const webhook = `${PRODUCTION}/notifications/webhooks/${hook.id}`;
  const eventLink = `${PRODUCTION}/events/${event.id}`;
  return {
    id, webhookId: hook.id, event: eventLink, eventTypeId: event.typeId, eventId: event.id,
    payload: { eventTypeId: event.typeId, eventId: event.id, links: { event: eventLink, eventEntity: event.entity, webhook } },
    attempts: [], links: { self, event: eventLink, webhook },
  } satisfies webhooks.components["schemas"]["Message"];
}

/**
 * The sandbox's events and webhooks. `emit` records an event and posts a signed message to each
 * webhook subscribed to its type (all types when `subscribedEvents` is empty): over HTTP where
 * `http` accepts the webhook's URL, and to `onWebhook` in process.
 */
export class Notifier {
  /** Bounded like the other logs: the oldest event goes first. */
  readonly events: Map<string, SandboxEvent>;
  readonly webhooks = new Map<string, SandboxWebhook>();
  readonly messages = new Map<string, SandboxMessage[]>();
  readonly deliveries: SandboxDelivery[] = [];

  constructor(
    private readonly uuid: () => string,
    private readonly now: () => string,
    private readonly onWebhook: ((delivery: SandboxDelivery) => unknown) | undefined,
    private readonly maxKept: number,
    private readonly http?: HttpDeliveries,
  ) {
    this.events = new BoundedMap(maxKept * 10);
  }

  async emit(typeId: EventTypeId, userId: string, entity: string): Promise<SandboxEvent> {
    const event: SandboxEvent = { id: this.uuid(), typeId, userId, created: this.now(), entity };
    this.events.set(event.id, event);
    for (const hook of this.webhooks.values()) {
      if (hook.subscribedEvents.length > 0 && !hook.subscribedEvents.includes(typeId)) continue;
      await this.#post(hook, messageBody(hook, this.uuid(), event));
    }
    return event;
  }

  async #post(hook: SandboxWebhook, message: SandboxMessage): Promise<void> {
    const list = this.messages.get(hook.id) ?? [];
    list.unshift(message);
    this.messages.set(hook.id, list.slice(0, this.maxKept));
    const body = JSON.stringify(message.payload);
    const signed = await signWebhook({ id: message.id, body, secret: hook.secret });
    const delivery: SandboxDelivery = { webhookId: hook.id, messageId: message.id, url: hook.url, headers: { ...signed, "content-type": "application/json" }, body };
    this.deliveries.push(delivery);
    if (this.deliveries.length > this.maxKept) this.deliveries.shift();
    if (this.http?.accepts(hook.url)) {
      // Over HTTP, with Basiq's redeliveries; its attempts are the message's (deliveries.ts).
      this.http.send({ messageId: message.id, body, hook: () => this.webhooks.get(hook.id), attempts: message.attempts! });
      if (this.onWebhook) void Promise.resolve().then(() => this.onWebhook!(delivery)).catch(() => undefined);
      return;
    }
    if (!this.onWebhook) return;
    // Posted as Basiq does, without holding up the call that caused it; the outcome is the message's attempt.
    const attempt = (status: "Success" | "Failed", response: string) =>
      message.attempts!.push({ id: `${message.id}-${message.attempts!.length + 1}`, url: hook.url, response, timestamp: this.now(), status });
    void Promise.resolve()
      .then(() => this.onWebhook!(delivery))
      .then(() => attempt("Success", "OK"), (error: unknown) => attempt("Failed", String((error as Error)?.message ?? error)));
  }
}
