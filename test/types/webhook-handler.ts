// Type-level tests for createWebhookHandler (checked by tsc in test/typecheck.test.ts): each handler
// gets the event of its own key; a key that is not an event type, or a handler of the wrong shape, fails.
import { createWebhookHandler, type EventOf, type WebhookHandler } from "basiq";

export function handlerTypes(secret: string): WebhookHandler {
  return createWebhookHandler({
    secret,
    on: {
      "transactions.updated": async (event, context) => {
        const type: "transactions.updated" = event.eventTypeId;
        const entity: string | undefined = event.links.eventEntity;
        const userId: string | undefined = context.userId;
        const source: "delivery" | "replay" = context.source;
        const signal: AbortSignal = context.signal;
        // @ts-expect-error this handler's event is a transactions.updated, not a consent.revoked
        const wrong: "consent.revoked" = event.eventTypeId;
        void type, entity, userId, source, signal, wrong;
      },
      "consent.revoked": (event: EventOf<"consent.revoked">) => void event.eventId,
      // @ts-expect-error not an event type Basiq sends (typo of transactions.updated)
      "transaction.updated": async () => {},
    },
  });
}

export function handlerShapes(secret: string) {
  createWebhookHandler({
    secret,
    on: {
      // @ts-expect-error a handler of consent.expired cannot demand a transactions.updated event
      "consent.expired": (event: EventOf<"transactions.updated">) => void event,
    },
  });
  // @ts-expect-error `on` is required
  createWebhookHandler({ secret });
}
