// One verified event through dedupe and its handler, under the handler's deadline: the part that
// deliveries and `replay` share. Resolves an outcome; never rejects.
import type { WebhookEvent } from "../webhooks.js";
import { Dedupe, StoreFailed } from "./dedupe.js";
import type { Settings } from "./options.js";
import type { Outcome, WebhookContext } from "./types.js";

/** The `{userId}` of the first `/users/{userId}` link of an event (every Basiq event is about a user's resource). */
export function userIdOf(event: WebhookEvent): string | undefined {
  for (const link of Object.values(event.links ?? {})) {
    const match = typeof link === "string" ? /\/users\/([^/?#]+)/.exec(link) : null;
    if (match) {
      try {
        return decodeURIComponent(match[1]!);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The handler's deadline passed (context.signal's reason). */
class HandlerTimeout extends Error {
  override name = "TimeoutError";
  constructor(timeoutMs: number) {
    super(`the webhook handler ran past its deadline (timeoutMs: ${timeoutMs})`);
  }
}

/** Runs deliveries and replayed events: dedupe, then the handler under its deadline. */
export class Dispatcher {
  readonly #settings: Settings;
  readonly #dedupe: Dedupe;

  constructor(settings: Settings) {
    this.#settings = settings;
    this.#dedupe = new Dedupe(settings.store, settings.namespace, settings.leaseMs, settings.doneTtlMs);
  }

  /**
   * The user of an event whose links name none (a consent's link is /consents/{id}): GET /events/{id}
   * says, when a client was given. Runs under the handler's deadline; a failure fails the delivery
   * (redelivered), as the handler would have.
   */
  async #userOfEvent(event: WebhookEvent, signal: AbortSignal): Promise<string | undefined> {
    const { basiq } = this.#settings;
    if (!basiq || typeof event.eventId !== "string" || event.eventId === "") return undefined;
    const found = await basiq.ops.getTypeById({ params: { path: { id: event.eventId } }, signal });
    return typeof found.userId === "string" && found.userId !== "" ? found.userId : undefined;
  }

  /** True when the ids are marked done (store failures are StoreFailed). */
  isDone(eventId: string | undefined, messageId: string | undefined): Promise<boolean> {
    return this.#dedupe.isDone({ eventId, messageId });
  }

  /** Dispatches one verified event; `context` lacks only the signal, made here. */
  async dispatch(event: WebhookEvent, context: Omit<WebhookContext, "signal">): Promise<{ outcome: Outcome; error?: unknown }> {
    const { on, timeoutMs, onError } = this.#settings;
    const handler = on[event.eventTypeId] as ((event: WebhookEvent, context: WebhookContext) => unknown) | undefined;
    if (handler === undefined) return { outcome: "ignored" };
    const info = { eventId: context.eventId, messageId: context.messageId, eventTypeId: event.eventTypeId, source: context.source };
    let claim;
    try {
      // The payload's eventId where it has one (a replay's item id is put there), and the message id.
      const eventId = typeof event.eventId === "string" && event.eventId !== "" ? event.eventId : undefined;
      claim = await this.#dedupe.claim({ eventId, messageId: context.messageId }, timeoutMs);
    } catch (error) {
      onError(error instanceof StoreFailed ? error.cause : error, { ...info, stage: "store" });
      return { outcome: "unavailable", error };
    }
    if (claim.kind === "done") return { outcome: "duplicate" };
    if (claim.kind === "busy") return { outcome: "busy" };

    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => {
        controller.abort(new HandlerTimeout(timeoutMs));
        resolve("timeout");
      }, timeoutMs);
    });
    // The handler's own settlement, released into the store whenever it comes: a handler that
    // finishes after its deadline still marks its id done, so the redelivery of the 503 is skipped.
    const run = (async () => {
      const userId = context.userId ?? (await this.#userOfEvent(event, controller.signal));
      return handler(event, { ...context, userId, signal: controller.signal });
    })().then(
      () => ({ ok: true as const }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const released = run.then(async (result) => {
      try {
        await claim.release(result.ok);
      } catch (error) {
        onError(error instanceof StoreFailed ? error.cause : error, { ...info, stage: "store" });
      }
      return result;
    });
    const first = await Promise.race([released, deadline]);
    clearTimeout(timer);
    if (first === "timeout") {
      onError(controller.signal.reason, { ...info, stage: "timeout" });
      void released.then((late) => {
        if (!late.ok) onError(late.error, { ...info, stage: "handler" });
      });
      return { outcome: "timeout", error: controller.signal.reason };
    }
    if (!first.ok) {
      onError(first.error, { ...info, stage: "handler" });
      return { outcome: "failed", error: first.error };
    }
    return { outcome: "processed" };
  }
}
