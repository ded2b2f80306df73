// The webhooks spec: webhooks (create with a whsec_ secret, list, get, update, delete), their
// messages, and test messages, each delivered signed (events.ts).
import type { webhooks } from "../../../generated/index.js";
import { isEventType, webhookBody, type EventTypeId, type SandboxWebhook } from "../events.js";
import { PRODUCTION } from "../fixtures.js";
import { badRequest, empty, json, notFound, readJson } from "../http.js";
import { route, type Route } from "../router.js";
import type { SandboxState } from "../state.js";

type WebhookInput = NonNullable<webhooks.components["requestBodies"]["Webhook"]["content"]["application/json"]>;

export function webhookRoutes(s: SandboxState): Route[] {
  const bad = (detail: string, parameter: string) => badRequest(detail, parameter, s.correlation());
  const hookOf = (id: string) => {
    const hook = s.notify.webhooks.get(id);
    if (!hook) throw notFound(`Webhook ${id} not found`, s.correlation());
    return hook;
  };
  /** Checks a webhook's input; resolves its subscribed events as a list (the spec allows one id or a list). */
  const check = (input: Partial<WebhookInput>): EventTypeId[] | undefined => {
    if (input.url !== undefined && !/^https?:\/\/\S+$/.test(input.url)) throw bad("url must be an http(s) URL", "url");
    const raw: unknown = input.subscribedEvents;
    if (raw === undefined) return undefined;
    const events: unknown[] = Array.isArray(raw) ? raw : [raw];
    const unknown = events.find((e) => !isEventType(e));
    if (unknown !== undefined) throw bad(`Unknown event type ${String(unknown)}`, "subscribedEvents");
    return events as EventTypeId[];
  };
  /** A `whsec_` secret: 24 bytes from the sandbox's seeded generator, base64. */
  const secret = () => `whsec_${btoa(String.fromCharCode(...Array.from({ length: 24 }, () => Math.floor(s.random() * 256))))}`;
  return [
    route("GET", "/notifications/webhooks", ({ request }) => {
      s.authorize(request);
      const list = [...s.notify.webhooks.values()].map(webhookBody);
      return json({ type: "list", count: list.length, size: list.length, data: list, links: { self: `${PRODUCTION}/notifications/webhooks` } } satisfies webhooks.components["schemas"]["Webhooks"]);
    }),
    route("POST", "/notifications/webhooks", async ({ request }) => {
      s.authorize(request);
      const input = await readJson<Partial<WebhookInput>>(request, {});
      if (!input.url) throw bad("A webhook needs a url", "url");
      const subscribedEvents = check(input) ?? [];
      const hook: SandboxWebhook = { id: s.uuid(), type: "webhook", name: input.name ?? "", description: input.description ?? "", url: input.url, status: "active", secret: secret(), subscribedEvents };
      s.notify.webhooks.set(hook.id, hook);
      return json(webhookBody(hook), 201);
    }),
    route("GET", "/notifications/webhooks/{webhookId}", ({ request, params: { webhookId } }) => {
      s.authorize(request);
      return json(webhookBody(hookOf(webhookId!)));
    }),
    route("POST", "/notifications/webhooks/{webhookId}", async ({ request, params: { webhookId } }) => {
      s.authorize(request);
      const hook = hookOf(webhookId!);
      const input = await readJson<Partial<WebhookInput>>(request, {});
      const subscribedEvents = check(input);
      Object.assign(hook, {
        ...(input.name === undefined ? {} : { name: input.name }), ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.url === undefined ? {} : { url: input.url }), ...(subscribedEvents === undefined ? {} : { subscribedEvents }),
      });
      return json(webhookBody(hook));
    }),
    route("DELETE", "/notifications/webhooks/{webhookId}", ({ request, params: { webhookId } }) => {
      s.authorize(request);
      hookOf(webhookId!);
      s.notify.webhooks.delete(webhookId!);
      s.notify.messages.delete(webhookId!);
      return empty();
    }),
    route("GET", "/notifications/webhooks/{webhookId}/messages", ({ request, params: { webhookId }, url }) => {
      s.authorize(request);
      hookOf(webhookId!);
      const limit = Math.max(1, Math.min(500, Number(url.searchParams.get("limit") ?? 100) || 100));
      const all = s.notify.messages.get(webhookId!) ?? [];
      const data = all.slice(0, limit);
      return json({ type: "list", count: all.length, size: data.length, data, links: { self: `${PRODUCTION}/notifications/webhooks/${webhookId}/messages` } } satisfies webhooks.components["schemas"]["Messages"]);
    }),
    route("GET", "/notifications/webhooks/{webhookId}/messages/{messageId}", ({ request, params: { webhookId, messageId } }) => {
      s.authorize(request);
      hookOf(webhookId!);
      const message = (s.notify.messages.get(webhookId!) ?? []).find((m) => m.id === messageId);
      if (!message) throw notFound(`Message ${messageId} not found`, s.correlation());
      return json(message);
    }),
    route("POST", "/notifications/messages/test", async ({ request }) => {
      s.authorize(request);
      const input = await readJson<{ eventTypeId?: string }>(request, {});
      if (!isEventType(input.eventTypeId)) throw bad(`Unknown event type ${input.eventTypeId}`, "eventTypeId");
      await s.notify.emit(input.eventTypeId, "", `${PRODUCTION}/events/types/${input.eventTypeId}`);
      return empty(201);
    }),
  ];
}
