// createWebhookHandler: verify, dedupe, typed dispatch and replay of Basiq's webhooks, as a fetch
// handler (Workers, Deno, Bun, Hono, Next.js) and a node:http / Express handler.
import { BodyRefused, readRequestBody } from "./body.js";
import { deliver } from "./deliver.js";
import { Dispatcher } from "./dispatch.js";
import { readNodeBody, writeNode, PARSED_BODY } from "./node.js";
import { settings } from "./options.js";
import { replay } from "./replay.js";
import { answer } from "./status.js";
import type { NodeRequestLike, NodeResponseLike, Outcome, ReplayOptions, WebhookHandler, WebhookHandlerOptions } from "./types.js";

export type {
  EventOf, NodeRequestLike, NodeResponseLike, Outcome as WebhookOutcome, ReplayOptions, ReplayResult, WebhookContext, WebhookErrorInfo,
  WebhookEventHandler, WebhookHandler, WebhookHandlerOptions, WebhookHandlers,
} from "./types.js";
export { DELIVERY_STATUS } from "./status.js";

/**
 * A webhook endpoint for Basiq: verifies each delivery (Standard Webhooks), runs the handler of its
 * `eventTypeId` at most once to success (ids in `store`), and answers what Basiq's redelivery needs:
 * 2xx when handled, already handled, or of a type without a handler; 400/401 for a malformed or
 * forged delivery (nothing run); 413 over `maxBodyBytes`; 5xx when the handler threw or ran past
 * `timeoutMs` (the id stays unmarked, so the redelivery runs it); 409 while another delivery of the
 * same id runs. Throws a BasiqError at creation for a malformed secret or option.
 * @example
 * const hooks = createWebhookHandler({
 *   secret: env.BASIQ_WEBHOOK_SECRET,
 *   on: { "transactions.updated": async (event, { userId }) => { await sync.user(userId!); } },
 * });
 * export default { fetch: hooks.fetch };
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const config = settings(options);
  const dispatcher = new Dispatcher(config);

  async function handle(read: () => Promise<Uint8Array | "misconfigured">, method: string | undefined, headers: Parameters<typeof deliver>[3]): Promise<{ outcome: Outcome; detail?: string }> {
    if (method !== undefined && method.toUpperCase() !== "POST") return { outcome: "method" };
    let body: Uint8Array | "misconfigured";
    try {
      body = await read();
    } catch (error) {
      if (error instanceof BodyRefused) return { outcome: error.outcome, ...(error.outcome === "invalid" ? { detail: "the Content-Length header is malformed" } : {}) };
      throw error;
    }
    if (body === "misconfigured") {
      config.onError(new Error(PARSED_BODY), { stage: "handler", eventId: undefined, messageId: undefined, eventTypeId: undefined, source: "delivery" });
      return { outcome: "misconfigured", detail: PARSED_BODY };
    }
    return deliver(config, dispatcher, body, headers);
  }

  /** `handle`, never rejecting: anything unexpected answers 500 (and goes to onError), so `void hooks.node(req, res)` cannot crash a server. */
  async function settle(...args: Parameters<typeof handle>): Promise<{ outcome: Outcome; detail?: string }> {
    try {
      return await handle(...args);
    } catch (error) {
      config.onError(error, { stage: "handler", eventId: undefined, messageId: undefined, eventTypeId: undefined, source: "delivery" });
      return { outcome: "failed", detail: "the webhook handler failed unexpectedly; see onError" };
    }
  }

  return {
    // Arrow functions: `export const POST = hooks.fetch` and `{ fetch: hooks.fetch }` keep working unbound.
    fetch: async (request: Request): Promise<Response> => {
      const { outcome, detail } = await settle(() => readRequestBody(request, config.maxBodyBytes, config.timeoutMs), request.method, request.headers);
      if (outcome === "method") await request.body?.cancel().catch(() => {});
      const { status, headers, body } = answer(outcome, detail);
      return new Response(body, { status, headers: outcome === "method" ? { ...headers, allow: "POST" } : headers });
    },
    node: async (req: NodeRequestLike, res: NodeResponseLike): Promise<void> => {
      const { outcome, detail } = await settle(() => readNodeBody(req, config.maxBodyBytes, config.timeoutMs), req.method, req.headers);
      const reply = answer(outcome, detail);
      writeNode(res, outcome, outcome === "method" ? { ...reply, headers: { ...reply.headers, allow: "POST" } } : reply);
    },
    replay: (replayOptions: ReplayOptions) => replay(config, dispatcher, replayOptions),
  };
}
