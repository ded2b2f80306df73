// The types of createWebhookHandler, in a types-only leaf that every stage of the handler imports.
import type { Basiq } from "../client.js";
import type { BasiqStore } from "../store.js";
import type { WebhookEvent, WebhookEventType } from "../webhooks.js";

/** The verified event of one type: `EventOf<"transactions.updated">`. */
export type EventOf<Type extends WebhookEventType> = Extract<WebhookEvent, { eventTypeId: Type }>;

/** What a handler gets besides the event. */
export interface WebhookContext {
  /** The event's id (`eventId` of the payload; the `id` of a GET /events item in a replay). */
  eventId: string;
  /** The delivery's `webhook-id` header; undefined in a replay (GET /events lists events, not messages). */
  messageId: string | undefined;
  /**
   * The user the event is about: the `{userId}` of its links (`/users/{userId}/...`), the replayed item's
   * `userId`, or (links without one, as a consent's `/consents/{id}`) GET /events/{eventId}'s `userId` when
   * `basiq` was given; undefined when none says.
   */
  userId: string | undefined;
  /** "delivery" for a POST from Basiq, "replay" for an event that `replay` dispatched. */
  source: "delivery" | "replay";
  /** Aborts at the handler's deadline (`timeoutMs`): pass it to the calls the handler makes. */
  signal: AbortSignal;
  /** The `basiq` client given to createWebhookHandler (undefined when none was). */
  basiq: Basiq | undefined;
}

/** A handler of events of one type: resolve when the event is fully handled; throw (reject) to have it delivered again. */
export type WebhookEventHandler<Type extends WebhookEventType> = (event: EventOf<Type>, context: WebhookContext) => unknown;

/** One handler per event type, each typed by its `eventTypeId`; types without one are acknowledged (2xx) and not run. */
export type WebhookHandlers = { [Type in WebhookEventType]?: WebhookEventHandler<Type> };

/** What went wrong, told to `onError` (never a secret or a body). */
export interface WebhookErrorInfo {
  /** The stage that failed: the handler threw, ran past its deadline, or the store failed. */
  stage: "handler" | "timeout" | "store";
  eventId: string | undefined;
  messageId: string | undefined;
  eventTypeId: WebhookEventType | undefined;
  source: "delivery" | "replay";
}

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /** The webhook's `whsec_...` secret, or several during a rotation (any may match); a malformed one is refused at creation. */
  secret: string | readonly string[];
  /** The handlers, by event type. */
  on: WebhookHandlers;
  /** A client: needed by `replay` (GET /events), and handed to handlers as `context.basiq`. @default undefined */
  basiq?: Basiq;
  /**
   * Where processed ids and delivery leases live. The default is this process's memory (at most
   * 10,000 entries, the oldest dropped first); `redisStore(client)` from `basiq/redis` shares them
   * across a fleet so a duplicate delivered to another process is not run there either.
   * @default new MemoryStore()
   */
  store?: BasiqStore;
  /** Key prefix in the store: give two handlers that must each process every event their own. @default "webhooks" */
  namespace?: string;
  /** Largest body accepted, in bytes; a larger one is answered 413 without being read (Content-Length, then counted while reading). @default 1_048_576 (1 MiB) */
  maxBodyBytes?: number;
  /**
   * Deadline of a handler, in ms (then 503, and `context.signal` aborts); also bounds reading a body
   * and a duplicate's wait for the delivery it duplicates. Basiq's deliveries (Svix's schedule)
   * give an endpoint 15 s to answer: the default leaves room for verification and the store.
   * @default 10_000
   */
  timeoutMs?: number;
  /**
   * How long a delivery's claim on its id lasts, in ms: while it runs no other delivery of that id
   * does; a process that dies mid-handler frees its ids after this. Must exceed `timeoutMs`.
   * @default 60_000, or 2 x timeoutMs when that is longer
   */
  leaseMs?: number;
  /**
   * How long a processed id is remembered, in ms. At least 28 h, Basiq's redelivery span
   * (immediately, +5 s, +5 min, +30 min, +2 h, +5 h, +10 h, +10 h); the default also covers the 7
   * days GET /events keeps, so `replay` skips what was already processed.
   * @default 691_200_000 (8 days)
   */
  doneTtlMs?: number;
  /** Largest allowed distance between `webhook-timestamp` and now, in seconds (verifyWebhook's). @default 300 */
  toleranceSec?: number;
  /** Told about each handler failure, timeout and store failure (for logs and metrics); a listener that throws changes nothing. @default undefined */
  onError?: (error: unknown, info: WebhookErrorInfo) => void;
}

/** How one delivery (or replayed event) ended; `status` in {@link DELIVERY_STATUS}. */
export type Outcome =
  | "processed" // the handler ran and succeeded
  | "duplicate" // this id had already succeeded (or did while this delivery waited): not run
  | "ignored" // no handler for the event type: acknowledged, not run
  | "invalid" // a missing or malformed header, or a body that is not a webhook event
  | "unauthorized" // no signature matches, or the timestamp is out of tolerance
  | "too-large" // the body is over maxBodyBytes
  | "method" // not a POST
  | "slow-body" // the body did not arrive within timeoutMs
  | "misconfigured" // node(): the body was parsed by a JSON middleware before the handler saw it
  | "failed" // the handler threw
  | "timeout" // the handler ran past timeoutMs
  | "busy" // another delivery of this id was running and did not succeed within the wait
  | "unavailable"; // the store failed or was too slow: nothing was run

/** The options of `replay`. */
export interface ReplayOptions {
  /** Events created at or after this time are re-dispatched (a Date, ms since the epoch, or an ISO 8601 string). Basiq keeps 7 days. */
  since: Date | number | string;
  /** Aborts the replay between events and the GET /events requests. @default undefined */
  signal?: AbortSignal;
}

/** What `replay` did. */
export interface ReplayResult {
  /** Events GET /events listed created at or after `since`. */
  listed: number;
  /** Events whose handler ran and succeeded. */
  processed: number;
  /** Events already processed (by a delivery or an earlier replay): skipped. */
  duplicates: number;
  /** Events of a type without a handler. */
  ignored: number;
  /** Events whose type could not be told (neither the list item nor GET /events/{id} names a webhook event type). */
  unknown: string[];
  /** Events whose handler failed, ran past its deadline, or that another delivery held: replay them again later. */
  failed: Array<{ eventId: string; outcome: Outcome; error?: unknown }>;
  /**
   * Where the next replay should start (save it as your checkpoint): the creation time of the
   * earliest event that failed, else 5 minutes before this replay started listing (clock skew; the
   * overlap costs nothing, as processed ids are skipped).
   */
  resumeFrom: Date;
}

/** A node:http or Express request, by the parts the handler uses (no import of node:http). */
export interface NodeRequestLike {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A body a middleware already read: bytes or text from `express.raw()` / `express.text()`. */
  body?: unknown;
  [Symbol.asyncIterator]?(): AsyncIterator<unknown>;
  /** Node's IncomingMessage: true once the body was read to its end. */
  readableEnded?: boolean;
  destroy?(error?: Error): unknown;
}

/** A node:http ServerResponse or Express response, by the parts the handler uses. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
  headersSent?: boolean;
}

/** What createWebhookHandler returns. */
export interface WebhookHandler {
  /** Handles a delivery as a web-standard Request (Workers, Deno, Bun, Hono's `c.req.raw`, Next.js route handlers). */
  fetch(request: Request): Promise<Response>;
  /** Handles a delivery on node:http or Express (the raw body from the stream, or the bytes `express.raw()` read). */
  node(req: NodeRequestLike, res: NodeResponseLike): Promise<void>;
  /** Re-dispatches the events GET /events lists from `since` on, skipping ids already processed. Needs `basiq`. */
  replay(options: ReplayOptions): Promise<ReplayResult>;
}
