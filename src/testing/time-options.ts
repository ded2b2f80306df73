// The sandbox options about time and deliveries, checked and defaulted: each one that is not in its
// documented range is refused with a BasiqError naming it (none means "forever" or "never").
import { BasiqError } from "../errors.js";
import type { DeliverTo } from "./deliveries.js";
import type { PendingRates } from "./ledger.js";

/** The pending rates `advance` applies unless told otherwise (documented on {@link PendingRates}). */
const PENDING_DEFAULTS: PendingRates = { share: 0.5, postRate: 0.25, preauthPostRate: 0.07, reissueRate: 1 };

const refuse = (what: string, range: string, value: unknown) => new BasiqError(`createSandbox: ${what} must be ${range} (got ${String(value)})`);
const within = (value: unknown, max: number) => typeof value === "number" && value >= 0 && value <= max;

/** The checked time and delivery options of `createSandbox`. */
export function timeOptions(options: {
  transactionsPerDay?: number;
  pending?: Partial<PendingRates>;
  deliverWebhooks?: DeliverTo;
  deliveryTimeScale?: number;
}): { transactionsPerDay?: number; pending: PendingRates; deliverWebhooks: DeliverTo; deliveryTimeScale: number } {
  const { transactionsPerDay, deliverWebhooks = "loopback", deliveryTimeScale = 1 } = options;
  if (transactionsPerDay !== undefined && !within(transactionsPerDay, 1000)) throw refuse("transactionsPerDay", "a number from 0 to 1000", transactionsPerDay);
  const pending = { ...PENDING_DEFAULTS, ...options.pending };
  for (const [name, value] of Object.entries(pending)) if (!within(value, 1)) throw refuse(`pending.${name}`, "a number from 0 to 1", value);
  if (deliverWebhooks !== "loopback" && deliverWebhooks !== "any" && deliverWebhooks !== "none") throw refuse("deliverWebhooks", '"loopback", "any" or "none"', deliverWebhooks);
  if (!within(deliveryTimeScale, 1000)) throw refuse("deliveryTimeScale", "a number from 0 to 1000", deliveryTimeScale);
  return { ...(transactionsPerDay === undefined ? {} : { transactionsPerDay }), pending, deliverWebhooks, deliveryTimeScale };
}
