// Webhook messages over HTTP: each message is POSTed to its webhook's URL, Standard-Webhooks-signed
// with the secret the API returned (signWebhook), and redelivered after a non-2xx answer, a network
// error or a timeout on Basiq's schedule, each delay multiplied by `deliveryTimeScale`. Every
// attempt is kept on the message (GET /notifications/webhooks/{webhookId}/messages/{messageId}).
import type { webhooks } from "../../generated/index.js";
import { signWebhook } from "../webhooks.js";

type Attempt = webhooks.components["schemas"]["WebhookMessageAttempt"];

/**
 * When each attempt is made, after the one before failed (Basiq's docs, "Delivery Schedule and Retries",
 * api.basiq.io/docs/delivery-schedule-and-retries; any status outside 2xx is a failure):
 * immediately, then +5 s, +5 min, +30 min, +2 h, +5 h, +10 h and +10 h; about 28 h in all.
 */
export const REDELIVERY_MS = [
  0, // first attempt
  5_000, // 5 s
  300_000, // 5 min
  1_800_000, // 30 min
  7_200_000, // 2 h
  18_000_000, // 5 h
  36_000_000, // 10 h
  36_000_000, // 10 h, the last
] as const;

/** How long one delivery POST may take, headers and body, before it counts as failed. */
const DELIVERY_TIMEOUT_MS = 15_000;
/** The most of a receiver's answer kept in an attempt's `response`. */
const MAX_RESPONSE_CHARS = 500;

/** Which webhook URLs get real POSTs. */
export type DeliverTo = "loopback" | "any" | "none";

/** What one message needs to be delivered: where (read at each attempt: an updated URL or a deleted webhook counts), what, and where its attempts go. */
export interface Outgoing {
  messageId: string;
  body: string;
  /** The webhook now (its url and secret), or undefined once it was deleted. */
  hook: () => { url: string; secret: string } | undefined;
  attempts: Attempt[];
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Reads at most MAX_RESPONSE_CHARS of a body, then lets the rest go. */
async function head(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  try {
    // Bounded: stops at the cap or the end of the body (the whole POST is under the delivery's timeout).
    while (text.length < MAX_RESPONSE_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text.slice(0, MAX_RESPONSE_CHARS);
}

export class HttpDeliveries {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #inFlight = new Set<AbortController>();
  #closed = false;

  constructor(
    private readonly options: { deliverTo: DeliverTo; timeScale: number; now: () => string; fetch?: (request: Request) => Promise<Response> },
  ) {}

  /** True when a webhook on `url` is delivered over HTTP. */
  accepts(url: string): boolean {
    if (this.#closed || this.options.deliverTo === "none") return false;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
      return this.options.deliverTo === "any" || LOOPBACK.has(parsed.hostname);
    } catch {
      return false;
    }
  }

  /** Starts delivering a message (the first attempt at once); never holds up the caller. */
  send(message: Outgoing): void {
    void this.#attempt(message, 0);
  }

  /** Stops: pending redeliveries are cancelled, POSTs in flight aborted. Resolves at once. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    for (const controller of this.#inFlight) controller.abort(new Error("the sandbox was closed"));
    this.#inFlight.clear();
  }

  async #attempt(message: Outgoing, n: number): Promise<void> {
    const hook = message.hook();
    if (this.#closed || !hook) return;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`no answer within ${DELIVERY_TIMEOUT_MS} ms`)), DELIVERY_TIMEOUT_MS);
    this.#inFlight.add(controller);
    let ok = false;
    let record: Omit<Attempt, "id" | "url" | "timestamp">;
    try {
      // Signed at each attempt, with the real time: a receiver checks the timestamp against its own clock.
      const signed = await signWebhook({ id: message.messageId, body: message.body, secret: hook.secret });
      const request = new Request(hook.url, {
        method: "POST", body: message.body, signal: controller.signal, redirect: "manual",
        headers: { ...signed, "content-type": "application/json", "user-agent": "basiq-sandbox" },
      });
      const response = await (this.options.fetch ?? fetch)(request);
      const text = await head(response);
      ok = response.status >= 200 && response.status < 300;
      record = { status: ok ? "Success" : "Failed", responseStatusCode: response.status, response: text };
    } catch (error) {
      const reason = controller.signal.aborted ? controller.signal.reason : error;
      record = { status: "Failed", response: String((reason as Error)?.message ?? reason) };
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
    message.attempts.push({ id: `${message.messageId}-${n + 1}`, url: hook.url, timestamp: this.options.now(), ...record });
    const delay = REDELIVERY_MS[n + 1];
    if (ok || this.#closed || delay === undefined) return;
    const next = setTimeout(() => {
      this.#timers.delete(next);
      void this.#attempt(message, n + 1);
    }, delay * this.options.timeScale);
    // A pending redelivery alone does not keep a process alive (where timers can say so).
    (next as { unref?: () => void }).unref?.();
    this.#timers.add(next);
  }
}
