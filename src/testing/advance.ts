// `sandbox.advance({ days })`: days pass on the sandbox clock, one at a time and deterministically
// by seed (each day draws from a stream seeded by the seed and the date, so the same seed and the
// same calls give the same data, whatever the wall clock). Each day: running jobs finish (a
// refresh's job runs), consents approach expiry (`consent.warning` 7 days before) and expire,
// and every active connection is refreshed as Basiq's daily refresh would (ledger.ts: pending rows
// post or are re-issued, new activity arrives), raising `transactions.updated`.
import { BasiqError } from "../errors.js";
import { DAY_MS, daysBetween } from "./clock.js";
import { random } from "./fixtures.js";
import { DAYS } from "./generate.js";
import { ledgerDay } from "./ledger.js";
import { finishJobs } from "./jobs.js";
import type { SandboxState } from "./state.js";
import type { UserState } from "./state-types.js";

export type { PendingRates } from "./ledger.js";

/** Options of `sandbox.advance`. */
export interface AdvanceOptions {
  /** Whole days to move the clock forward, 1 to 3660. */
  days: number;
}

/** What `sandbox.advance` did. */
export interface AdvanceResult {
  /** The day the data now runs to (YYYY-MM-DD). */
  today: string;
  /** Events raised on the way (each listed in GET /events where its type is, and delivered). */
  events: number;
}

/** The longest single advance: ten years of days, each one bounded work. */
const MAX_DAYS = 3660;
/** `consent.warning` is raised this long before a consent expires. */
const WARNING_MS = 7 * DAY_MS;

/** A day's own random stream: the seed and the date, mixed (so days split differently draw the same). */
const streamOf = (seed: number, day: string) =>
  random((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(daysBetween("1970-01-01", day), 0x85ebca6b)) >>> 0);

/** Moves the sandbox `days` days forward; resolves once every event of those days is raised and signed. */
export async function advance(s: SandboxState, options: AdvanceOptions): Promise<AdvanceResult> {
  const days = options?.days;
  if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new BasiqError(`sandbox.advance: days must be a whole number from 1 to ${MAX_DAYS} (got ${String(days)})`);
  }
  let events = 0;
  for (let i = 0; i < days; i++) events += await nextDay(s);
  return { today: s.clock.today, events };
}

async function nextDay(s: SandboxState): Promise<number> {
  const day = s.clock.nextDay();
  await finishJobs(s);
  const draw = streamOf(s.options.seed, day);
  let events = 0;
  for (const state of s.users.values()) {
    events += await consents(s, state);
    for (const connection of state.connections.values()) {
      const accounts = state.accounts.filter((a) => a.connection === connection.id);
      if (connection.status !== "active" || accounts.length === 0) continue;
      const result = ledgerDay({
        userId: state.user.id, connection, accounts, posted: state.transactions, pending: state.pending, day,
        perDay: s.options.transactionsPerDay ?? s.options.transactions / DAYS, rates: s.options.pending, random: draw, id: () => s.uuid(),
      });
      state.transactions = result.posted;
      state.pending = result.pending;
      const now = s.now();
      connection.lastUsed = now;
      for (const account of accounts) account.lastUpdated = now;
      const { posted, reissued, added } = result.changes;
      if (posted.length + reissued.length + added.length === 0) continue;
      await s.notify.emit("transactions.updated", state.user.id, connection.links.transactions ?? connection.links.self);
      events++;
    }
  }
  return events;
}

/** Warns of and expires a user's consents; once none is active, its connections are invalid (no more data). */
async function consents(s: SandboxState, state: UserState): Promise<number> {
  let events = 0;
  const now = s.clock.ms();
  for (const consent of state.consents.values()) {
    if (consent.status !== "active" || !consent.expiryDate) continue;
    const self = consent.links?.self ?? `${state.user.id}/consents`;
    const expiry = Date.parse(consent.expiryDate);
    if (now >= expiry - WARNING_MS && !s.warned.has(consent.id)) {
      s.warned.add(consent.id);
      await s.notify.emit("consent.warning", state.user.id, self);
      events++;
    }
    if (now < expiry) continue;
    consent.status = "expired";
    consent.updated = s.now();
    await s.notify.emit("consent.expired", state.user.id, self);
    events++;
  }
  if (state.consents.size > 0 && ![...state.consents.values()].some((c) => c.status === "active")) {
    for (const connection of state.connections.values()) if (connection.status === "active") connection.status = "invalid";
  }
  return events;
}
