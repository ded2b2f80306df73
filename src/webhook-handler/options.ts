// createWebhookHandler's options, checked once at creation: a wrong secret, handler name or number
// is a BasiqError naming the option there, not a 401 on every delivery in production.
import { BasiqError } from "../errors.js";
import { type BasiqStore, MemoryStore } from "../store.js";
import { webhookKeys, type WebhookEventType } from "../webhooks.js";
import type { WebhookErrorInfo, WebhookHandlerOptions, WebhookHandlers } from "./types.js";

/** Basiq's redelivery span (immediately, +5 s, +5 min, +30 min, +2 h, +5 h, +10 h, +10 h = 27 h 35 min), rounded up. */
const REDELIVERY_SPAN_MS = 28 * 3_600_000;
/** How long GET /events keeps an event (its `filter` parameter's note). */
const EVENTS_KEPT_MS = 7 * 86_400_000;

/** The defaults of the documented options. */
const HANDLER_DEFAULTS = {
  namespace: "webhooks",
  maxBodyBytes: 1_048_576,
  timeoutMs: 10_000,
  leaseMs: 60_000,
  doneTtlMs: EVENTS_KEPT_MS + 86_400_000,
  toleranceSec: 300,
} as const;

/** Every event type Basiq sends: a record, so the compiler says when the generated union gains one. */
const TYPES: Record<WebhookEventType, true> = {
  "account.updated": true, "connection.activated": true, "connection.created": true, "connection.deleted": true,
  "connection.invalidated": true, "consent.created": true, "consent.expired": true, "consent.reminder": true,
  "consent.revoked": true, "consent.updated": true, "consent.warning": true, "transactions.updated": true,
  "user.created": true, "user.deleted": true, "user.updated": true,
};
const EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(TYPES));

/** True for an event type Basiq sends. */
export const isEventType = (value: unknown): value is WebhookEventType => typeof value === "string" && EVENT_TYPES.has(value);

/** The options, checked, with their defaults. */
export interface Settings {
  secret: readonly string[];
  on: WebhookHandlers;
  basiq: WebhookHandlerOptions["basiq"];
  store: BasiqStore;
  namespace: string;
  maxBodyBytes: number;
  timeoutMs: number;
  leaseMs: number;
  doneTtlMs: number;
  toleranceSec: number;
  onError: (error: unknown, info: WebhookErrorInfo) => void;
}

const fail = (message: string) => new BasiqError(`createWebhookHandler: ${message}`);

function whole(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw fail(`${name} must be a finite number from ${min} to ${max} (got ${typeof value === "number" ? value : typeof value})`);
  }
  return value;
}

/** Every secret as a list; one that is not `whsec_<base64>` is refused by its position, never quoted. */
function secrets(secret: unknown): readonly string[] {
  const list: unknown[] = Array.isArray(secret) ? secret : [secret];
  if (list.length === 0) throw fail("secret is an empty list: pass the webhook's whsec_... secret (or several during a rotation)");
  list.forEach((entry, i) => {
    const which = Array.isArray(secret) ? `secret[${i}]` : "secret";
    try {
      webhookKeys(entry);
    } catch {
      throw fail(`${which} is not a whsec_<base64> webhook secret: copy it from the webhook's settings (POST /notifications/webhooks answers it)`);
    }
  });
  return list as string[];
}

function handlers(on: unknown): WebhookHandlers {
  if (on === null || typeof on !== "object" || Array.isArray(on)) throw fail('on must be an object of handlers by event type, e.g. { "transactions.updated": async (event) => {} }');
  for (const [type, handler] of Object.entries(on)) {
    if (!isEventType(type)) throw fail(`on["${type.slice(0, 60)}"] is not an event type Basiq sends (${[...EVENT_TYPES].join(", ")})`);
    if (handler !== undefined && typeof handler !== "function") throw fail(`on["${type}"] must be a function`);
  }
  return on as WebhookHandlers;
}

/** Checks `options` and fills in the defaults; throws a BasiqError naming the first wrong option. */
export function settings(options: WebhookHandlerOptions): Settings {
  if (options === null || typeof options !== "object") throw fail("needs options: { secret, on }");
  const timeoutMs = whole("timeoutMs", options.timeoutMs, HANDLER_DEFAULTS.timeoutMs, 1, 600_000);
  const leaseMs = whole("leaseMs", options.leaseMs, Math.max(HANDLER_DEFAULTS.leaseMs, timeoutMs * 2), 1, 3_600_000);
  if (leaseMs <= timeoutMs) throw fail(`leaseMs (${leaseMs}) must exceed timeoutMs (${timeoutMs}): a lease that ends while its handler runs lets a duplicate run beside it`);
  const store = options.store ?? new MemoryStore();
  for (const method of ["get", "set", "lock", "unlock"] as const) {
    if (typeof store?.[method] !== "function") throw fail(`store must be a BasiqStore (MemoryStore, or redisStore(client) from basiq/redis): it has no ${method}()`);
  }
  const namespace = options.namespace ?? HANDLER_DEFAULTS.namespace;
  if (typeof namespace !== "string" || !/^[\w.:-]{1,100}$/.test(namespace)) throw fail("namespace must be 1 to 100 letters, digits, or . _ : -");
  if (options.basiq !== undefined && (options.basiq === null || typeof (options.basiq as { paginate?: unknown }).paginate !== "function")) {
    throw fail("basiq must be a Basiq client (new Basiq({ apiKey }))");
  }
  if (options.onError !== undefined && typeof options.onError !== "function") throw fail("onError must be a function");
  const onError = options.onError;
  return {
    secret: secrets(options.secret),
    on: handlers(options.on),
    basiq: options.basiq,
    store,
    namespace,
    maxBodyBytes: whole("maxBodyBytes", options.maxBodyBytes, HANDLER_DEFAULTS.maxBodyBytes, 1, 64 * 1_048_576),
    timeoutMs,
    leaseMs,
    doneTtlMs: whole("doneTtlMs", options.doneTtlMs, HANDLER_DEFAULTS.doneTtlMs, REDELIVERY_SPAN_MS, 366 * 86_400_000),
    toleranceSec: whole("toleranceSec", options.toleranceSec, HANDLER_DEFAULTS.toleranceSec, 0, 86_400),
    // A listener that throws changes nothing (as basiq.on listeners).
    onError: (error, info) => {
      try {
        onError?.(error, info);
      } catch {
        // ignored by design
      }
    },
  };
}
