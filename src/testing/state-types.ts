// The sandbox state's shapes, a types-only leaf: what a user owns, a job as the sandbox runs it,
// the options, and the part of the state that job steps read and write (`StepWorld`). steps.ts
// and jobs.ts import these instead of state.ts, so the state can import them without a cycle.
import type { core } from "../../generated/index.js";
import type { PendingTransaction, PostedTransaction, SandboxAccount, SandboxConnection, SandboxTransaction } from "./accounts.js";
import type { identityBody } from "./catalog.js";
import type { SandboxClock } from "./clock.js";
import type { DeliverTo } from "./deliveries.js";
import type { Notifier, SandboxDelivery } from "./events.js";
import type { SandboxJob, SandboxStep, SandboxUser } from "./fixtures.js";
import type { PendingRates } from "./ledger.js";

/** Who may make a call (SandboxState.authorize). */
export type Access = "server" | "either" | "client";

/** A step set to fail in the next job started (`sandbox.failNextJob`). */
export type Failure = { step: SandboxStep["title"]; result: SandboxStep["result"] };

export type JobState = SandboxJob & {
  polls: number;
  stepStarted: number;
  /** Steps done when it was last polled: time finishes at most one more before the next poll. */
  seen?: number;
  failAt?: Failure;
  reportId?: string;
  connectionId?: string;
  mfaAnswers?: string[];
};

/** A snapshot (affordability, income or expenses) as POST made it. */
export interface Snapshot {
  kind: "affordability" | "income" | "expenses";
  body: unknown;
  /** The transactions it covered (GET /users/{userId}/affordability/{snapshotId}/transactions). */
  transactions: PostedTransaction[];
  institutions: string[];
}

export interface UserState {
  user: SandboxUser;
  connections: Map<string, SandboxConnection>;
  accounts: SandboxAccount[];
  /** Posted transactions, newest first: never deleted, what summaries and reports read. */
  transactions: PostedTransaction[];
  /** Pending transactions, newest first: re-issued under new ids on every refresh, or posted. */
  pending: PendingTransaction[];
  identities: ReturnType<typeof identityBody>[];
  consents: Map<string, core.components["schemas"]["UserConsentGetResponses"]>;
  authLink?: core.components["schemas"]["AuthLinksResponseResource"];
  snapshots: Map<string, Snapshot>;
}

export interface StateOptions {
  apiKey: string | undefined;
  transactions: number;
  pageSize: number;
  pollsPerStep: number;
  stepMs: number;
  seed: number;
  tokenExpiresIn: number;
  today: string;
  /** New transactions per connection per day as days pass. */
  transactionsPerDay?: number;
  pending: PendingRates;
  onWebhook?: (delivery: SandboxDelivery) => unknown;
  deliverWebhooks: DeliverTo;
  deliveryTimeScale: number;
}

/** What job steps read and write of the state (SandboxState implements it). */
export interface StepWorld {
  readonly options: StateOptions;
  readonly users: Map<string, UserState>;
  readonly jobs: Map<string, JobState>;
  readonly clock: SandboxClock;
  readonly notify: Notifier;
  readonly random: () => number;
  readonly pendingRandom: () => number;
  nextFailure: Failure | undefined;
  uuid(): string;
  now(): string;
  transactionsOf(state: UserState): SandboxTransaction[];
}
