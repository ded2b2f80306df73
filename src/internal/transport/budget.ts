// A client-wide retry quota in AWS's manner (smithy-typescript's StandardRetryStrategy): each retry
// costs tokens, each success earns one back (or refunds its retry), and first attempts never ask.
// During an outage the quota runs dry after INITIAL / COST retries, so N calls send about N + 100
// requests instead of N * (maxRetries + 1).

/** Tokens in a full quota (AWS: 500). */
const CAPACITY = 500;
/** Cost of a retry after a refusal or a 5xx (AWS: RETRY_COST 5). */
export const RETRY_COST = 5;
/** Cost of a retry after a timeout or a network error, which tie up a connection (AWS: 10). */
export const TIMEOUT_RETRY_COST = 10;
/** Earned by a call that succeeded at once (AWS: NO_RETRY_INCREMENT 1). */
const SUCCESS_REWARD = 1;

/** The retry quota of one client. */
export class RetryBudget {
  #tokens = CAPACITY;

  /** Takes `cost` tokens for a retry; false (nothing taken) when the quota cannot pay it. */
  take(cost: number): boolean {
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }

  /** A success: refunds the retry that led to it (`lastCost`), or earns one token after a first attempt. */
  succeed(lastCost: number | undefined): void {
    this.#tokens = Math.min(CAPACITY, this.#tokens + (lastCost ?? SUCCESS_REWARD));
  }

  /** Tokens left (for tests and events). */
  get tokens(): number {
    return this.#tokens;
  }
}

/**
 * One call's retries: at most `maxRetries`, each paid from the client's quota when there is one
 * (none with `rateLimit: false`). A success refunds the cost of the retry that led to it.
 */
export class CallRetries {
  #left: number;
  #lastCost: number | undefined;
  readonly #quota: RetryBudget | undefined;

  constructor(maxRetries: number, quota: RetryBudget | undefined) {
    this.#left = maxRetries;
    this.#quota = quota;
  }

  /** Takes one retry costing `cost`; false (nothing taken) when none is left or the quota cannot pay. */
  take(cost: number): boolean {
    if (this.#left <= 0) return false;
    if (this.#quota && !this.#quota.take(cost)) return false;
    this.#left--;
    this.#lastCost = cost;
    return true;
  }

  /** An answer below 500 (not a refusal): the quota earns back the last retry's cost, or one token. */
  answered(status: number): void {
    if (status < 500) this.#quota?.succeed(this.#lastCost);
  }
}
