// The sandbox's clock: the real clock (or jest's fake one) plus the days `sandbox.advance` moved it,
// and the calendar day its data runs to. Everything time-dependent in the sandbox reads this one
// clock: token and auth-link expiry, job steps (`stepMs`), event and message times, consent expiry.

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** `day` (YYYY-MM-DD) moved by `days`. */
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Monday to Friday (banks post on business days; public holidays are not modelled). */
export const isBusinessDay = (day: string) => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
};

export class SandboxClock {
  #offsetMs = 0;
  #today: string;

  /** @param today the last day of the generated data (YYYY-MM-DD). */
  constructor(today: string) {
    this.#today = today;
  }

  /** Now, in epoch milliseconds: `Date.now()` (real or fake timers) plus the days advanced. */
  ms(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Now as an ISO timestamp. */
  iso(): string {
    return new Date(this.ms()).toISOString();
  }

  /** The day the data runs to (YYYY-MM-DD): `today` plus the days advanced. */
  get today(): string {
    return this.#today;
  }

  /** Moves the clock and the data's day forward by one day. */
  nextDay(): string {
    this.#offsetMs += DAY_MS;
    this.#today = addDays(this.#today, 1);
    return this.#today;
  }
}
