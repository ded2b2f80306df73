// hooks.replay({ since }): the events GET /events lists (Basiq keeps 7 days) re-dispatched through
// the same dedupe and handlers as deliveries, so a gap (an outage, an endpoint Basiq disabled after
// its 28 h of retries) is recovered without running what was already processed.
import type { core } from "../../generated/index.js";
import type { Basiq } from "../client.js";
import { BasiqError } from "../errors.js";
import { abortedOr } from "../internal/abort.js";
import type { PagedPath } from "../paginate.js";
import type { WebhookEvent, WebhookEventType } from "../webhooks.js";
import type { Dispatcher } from "./dispatch.js";
import { isEventType, type Settings } from "./options.js";
import type { ReplayOptions, ReplayResult } from "./types.js";

type ListedEvent = core.components["schemas"]["EventsData"];
type RetrievedEvent = core.components["schemas"]["RetrieveEvent"];

/**
 * How far before its start a replay's `resumeFrom` points when nothing failed: Basiq's clock and
 * this one differ, and an event may be listed a moment after it was created. Dedupe makes the
 * overlap free (what ran already is skipped).
 */
const RESUME_OVERLAP_MS = 5 * 60_000;

/** Most events one replay dispatches: 7 days of a busy app, and a bound a hostile list cannot move. */
const MAX_REPLAYED = 100_000;

/** A time option as ms since the epoch, or a BasiqError. */
function timeOf(since: unknown): number {
  const ms = since instanceof Date ? since.getTime() : typeof since === "string" ? Date.parse(since) : since;
  if (typeof ms !== "number" || !Number.isFinite(ms)) {
    throw new BasiqError("replay: since must be a Date, ms since the epoch, or an ISO 8601 time (e.g. your last checkpoint, result.resumeFrom)");
  }
  return ms;
}

/**
 * List pairs that stand for more than one webhook type: "consent" + "updated" is also how a
 * consent.warning and a consent.reminder are listed (the list's `eventType` enum has no such words).
 */
const AMBIGUOUS = new Set(["consent.updated"]);

/**
 * The webhook event type of a listed event. GET /events names an event by `entity` and `eventType`
 * ("consent" + "revoked"); where that pair is not itself a webhook type ("connection" + "updated"
 * stands for transactions.updated, connection.activated and connection.invalidated alike) or is
 * ambiguous, the event itself (GET /events/{id}) is asked, whose `eventType` may carry the full type.
 */
async function typeOf(basiq: Basiq, item: ListedEvent, signal: AbortSignal | undefined): Promise<WebhookEventType | undefined> {
  const pair = `${item.entity}.${item.eventType}`;
  if (isEventType(item.eventType)) return item.eventType;
  if (isEventType(pair) && !AMBIGUOUS.has(pair)) return pair;
  const event: RetrievedEvent = await basiq.ops.getTypeById({ params: { path: { id: item.id } }, ...(signal ? { signal } : {}) });
  for (const candidate of [event.eventType, `${event.entity}.${event.eventType}`]) if (isEventType(candidate)) return candidate;
  return isEventType(pair) ? pair : undefined;
}

/** The payload a delivery of a listed event would have carried. */
function payloadOf(item: ListedEvent, eventTypeId: WebhookEventType): WebhookEvent {
  const links = (item.links ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    eventTypeId,
    eventId: item.id,
    links: { ...(text(links.self) ? { event: text(links.self) } : {}), eventEntity: text(links.eventEntity) ?? item.dataRef },
  } as WebhookEvent;
}

/** Replays the events created at or after `since`, in the order GET /events lists them (an abort: the AbortError BasiqError). */
export async function replay(settings: Settings, dispatcher: Dispatcher, options: ReplayOptions): Promise<ReplayResult> {
  const { basiq } = settings;
  if (!basiq) throw new BasiqError("replay needs a client: createWebhookHandler({ secret, on, basiq: new Basiq({ apiKey }) })");
  if (options === null || typeof options !== "object") throw new BasiqError("replay needs options: { since }");
  try {
    return await replayFrom(basiq, dispatcher, options);
  } catch (error) {
    throw abortedOr(error, options.signal, "replay");
  }
}

async function replayFrom(basiq: Basiq, dispatcher: Dispatcher, options: ReplayOptions): Promise<ReplayResult> {
  const since = timeOf(options.since);
  const { signal } = options;
  const started = new Date();
  const result: ReplayResult = { listed: 0, processed: 0, duplicates: 0, ignored: 0, unknown: [], failed: [], resumeFrom: new Date(started.getTime() - RESUME_OVERLAP_MS) };
  let earliestFailure = Infinity;
  // GET /events has no `links.next` in its spec (nor a date filter): paginate follows one if Basiq
  // sends it, and the time window is applied here. Its items are typed from the spec's EventsData.
  const events = basiq.paginate("/events" as PagedPath, (signal ? { signal } : {}) as never) as AsyncIterable<ListedEvent>;
  for await (const item of events) {
    signal?.throwIfAborted();
    const created = Date.parse(item.createdDate);
    if (!(created >= since)) continue;
    if (++result.listed > MAX_REPLAYED) throw new BasiqError(`replay: over ${MAX_REPLAYED} events since ${new Date(since).toISOString()}; replay a shorter window`);
    const eventTypeId = await typeOf(basiq, item, signal);
    if (eventTypeId === undefined) {
      result.unknown.push(item.id);
      continue;
    }
    const event = payloadOf(item, eventTypeId);
    const { outcome, error } = await dispatcher.dispatch(event, { eventId: item.id, messageId: undefined, userId: item.userId, source: "replay", basiq });
    if (outcome === "processed") result.processed++;
    else if (outcome === "duplicate") result.duplicates++;
    else if (outcome === "ignored") result.ignored++;
    else {
      result.failed.push({ eventId: item.id, outcome, ...(error === undefined ? {} : { error }) });
      earliestFailure = Math.min(earliestFailure, created);
    }
  }
  if (earliestFailure !== Infinity) result.resumeFrom = new Date(earliestFailure);
  return result;
}
