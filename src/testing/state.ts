// The sandbox's state and its rules: tokens, users and what they own, and jobs whose steps advance
// by time (`stepMs` of the sandbox clock) and as they are polled (`pollsPerStep`), a poll never
// seeing more than one step finish since the one before; what each step makes exist as it succeeds
// is in steps.ts. Days passing (`sandbox.advance`) are in advance.ts.
import type { core } from "../../generated/index.js";
import * as data from "./accounts.js";
import type { PendingTransaction, PostedTransaction, SandboxAccount, SandboxConnection, SandboxTransaction } from "./accounts.js";
import type { PendingRates } from "./ledger.js";
import type { identityBody } from "./catalog.js";
import { SandboxClock } from "./clock.js";
import { type DeliverTo, HttpDeliveries } from "./deliveries.js";
import { Notifier, type SandboxDelivery } from "./events.js";
import * as body from "./fixtures.js";
import type { SandboxJob, SandboxStep, SandboxUser } from "./fixtures.js";
import { HttpError } from "./http.js";
import { uuids } from "./ids.js";
import type { SandboxReport } from "./reports.js";
import { challengeFor, onStepSuccess } from "./steps.js";

export { HttpError, json } from "./http.js";

/** The steps of a connection job (consent, refresh or statement upload). */
export const CONNECTION_STEPS: SandboxStep["title"][] = ["verify-credentials", "retrieve-accounts", "retrieve-transactions"];

/** Who may make a call (SandboxState.authorize). */
export type Access = "server" | "either" | "client";

type Failure = { step: SandboxStep["title"]; result: SandboxStep["result"] };
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

/** Most messages and deliveries kept per webhook and in `sandbox.deliveries`. */
const MAX_KEPT = 1_000;

export class SandboxState {
  readonly tokens = new Map<string, { scope: string; userId?: string; expiresAt: number }>();
  readonly users = new Map<string, UserState>();
  readonly jobs = new Map<string, JobState>();
  /** Reports with the transactions they covered (their accounts, within fromDate..toDate). */
  readonly reports = new Map<string, { report: SandboxReport; userId: string; transactions: PostedTransaction[] }>();
  readonly notify: Notifier;
  /** Webhook messages over HTTP, with their redeliveries (closed by `sandbox.close()`). */
  readonly http: HttpDeliveries;
  /** Consents whose `consent.warning` was raised. */
  readonly warned = new Set<string>();
  nextFailure: Failure | undefined;
  /** The partner and application this sandbox's jobs belong to (ids.ts UUIDs, fixed per sandbox). */
  readonly owner: body.JobOwner;
  readonly random: () => number;
  readonly clock: SandboxClock;
  /** Which generated card payments start pending: a stream of its own, so the other generated values do not move. */
  readonly pendingRandom: () => number;
  #counter = 0;
  readonly #uuid: () => string;

  constructor(readonly options: StateOptions) {
    this.random = body.random(options.seed);
    this.#uuid = uuids(options.seed);
    this.owner = { partnerId: this.uuid(), applicationId: this.uuid() };
    this.clock = new SandboxClock(options.today);
    this.pendingRandom = body.random(options.seed ^ 0x9e3779b9);
    this.http = new HttpDeliveries({ deliverTo: options.deliverWebhooks, timeScale: options.deliveryTimeScale, now: () => this.now() });
    this.notify = new Notifier(() => this.uuid(), () => this.now(), options.onWebhook, MAX_KEPT, this.http);
  }

  /** A new opaque string that is not a resource id (tokens, correlation ids): `<prefix>-<base36 counter>`. */
  id(prefix: string): string {
    return `${prefix}-${(++this.#counter).toString(36).padStart(6, "0")}`;
  }

  /** A new resource id: a version-4 UUID, deterministic by seed (ids.ts). */
  uuid(): string {
    return this.#uuid();
  }

  correlation(): string {
    return this.id("corr");
  }

  /** Now on the sandbox clock (ISO). */
  now(): string {
    return this.clock.iso();
  }

  /** A user's transactions as GET lists them: pending first (the newest activity), then posted, newest first. */
  transactionsOf(state: UserState): SandboxTransaction[] {
    return [...state.pending, ...state.transactions];
  }

  userOf(userId: string): UserState {
    const state = this.users.get(userId);
    if (!state) throw new HttpError(404, body.notFoundBody(`User with id ${userId} not found`, this.correlation()));
    return state;
  }

  addUser(user: SandboxUser): UserState {
    const state: UserState = { user, connections: new Map(), accounts: [], transactions: [], pending: [], identities: [], consents: new Map(), snapshots: new Map() };
    this.users.set(user.id, state);
    return state;
  }

  /** The bearer token of a request: a 401 for one this sandbox did not issue, Basiq's 403 "Token has expired" for an expired one. */
  authenticate(request: Request): { scope: string; userId?: string; expiresAt: number } {
    const header = request.headers.get("authorization") ?? "";
    const token = this.tokens.get(header.replace(/^Bearer /, ""));
    if (!header.startsWith("Bearer ") || !token) {
      throw new HttpError(401, body.unauthorizedBody("Missing or invalid bearer token", this.correlation()));
    }
    if (token.expiresAt <= this.clock.ms()) throw new HttpError(403, body.forbiddenBody("Token has expired", this.correlation()));
    return token;
  }

  /**
   * Accepts only bearer tokens this sandbox issued: an unknown one is a 401, an expired one Basiq's
   * 403 "Token has expired". `access` is who may make the call: SERVER_ACCESS ("server", the
   * default), also a CLIENT_ACCESS token bound to `userId` ("either"), or only that ("client").
   * Basiq's authentication page: a CLIENT_ACCESS token "only grants access to" the Consent UI and
   * checking job status; SERVER_ACCESS "can be used for all endpoints".
   */
  authorize(request: Request, userId?: string, access: Access = "server"): void {
    const token = this.authenticate(request);
    if (token.scope === "SERVER_ACCESS" && access === "client") {
      throw new HttpError(403, body.forbiddenBody("This call needs a CLIENT_ACCESS token bound to the user", this.correlation()));
    }
    if (token.scope === "CLIENT_ACCESS" && access === "server") {
      throw new HttpError(403, body.forbiddenBody("A CLIENT_ACCESS token cannot make this call: it only checks job status (use a SERVER_ACCESS token)", this.correlation()));
    }
    if (token.scope === "CLIENT_ACCESS" && token.userId !== userId) {
      throw new HttpError(403, body.forbiddenBody("A CLIENT_ACCESS token only reaches its own user", this.correlation()));
    }
  }

  /**
   * A connection and the job that fills it (what a consent or a statement upload starts); the ids
   * exist at once, `notified` settles once the connection.created messages are signed.
   */
  connect(userId: string, institutionId: string, method: string, mfaAnswers?: string[]): { jobId: string; connectionId: string; notified: Promise<unknown> } {
    const state = this.userOf(userId);
    const connectionId = this.uuid();
    const connection = data.connectionBody(userId, connectionId, institutionId, this.now(), method);
    state.connections.set(connectionId, connection);
    const steps: SandboxStep["title"][] = mfaAnswers ? ["verify-credentials", "mfa-challenge", "retrieve-accounts", "retrieve-transactions"] : CONNECTION_STEPS;
    const job = this.startJob(userId, method === "statement" ? "statement" : "connection", institutionId, steps, { connectionId, ...(mfaAnswers ? { mfaAnswers } : {}) });
    job.source = connection.links.self;
    return { jobId: job.id, connectionId, notified: this.notify.emit("connection.created", userId, connection.links.self) };
  }

  startJob(userId: string, kind: SandboxJob["kind"], institutionId: string, titles: SandboxStep["title"][], extra: { connectionId?: string; reportId?: string; mfaAnswers?: string[] } = {}): JobState {
    const created = this.now();
    const job: JobState = {
      id: this.uuid(), userId, kind, created, updated: created, institutionId, polls: 0, stepStarted: this.clock.ms(), ...extra,
      steps: titles.map((title, i) => ({ title, status: i === 0 ? "in-progress" : "pending", result: null })),
    };
    if (this.nextFailure) job.failAt = this.nextFailure;
    this.nextFailure = undefined;
    this.jobs.set(job.id, job);
    return job;
  }

  /**
   * Completes every step whose `stepMs` has run out, for every job (called on each request). A job
   * that is being polled finishes at most one step by time between two polls, so each poll sees
   * every step (with the default 1 s poll interval and 1 s steps, time and the poll itself would
   * otherwise both finish one, and `retrieve-accounts` would never be seen in progress).
   */
  async settle(): Promise<void> {
    const now = this.clock.ms();
    for (const job of this.jobs.values()) {
      // Bounded by the job's steps: each turn finishes one step or stops.
      for (let step = running(job); step && now - job.stepStarted >= this.options.stepMs && !(job.seen !== undefined && done(job) > job.seen); step = running(job)) {
        job.stepStarted += this.options.stepMs;
        await this.#finish(job, step);
      }
    }
  }

  /** Runs every job to its end (days passed: `sandbox.advance`); an MFA challenge still waits for its answer. */
  async finishJobs(): Promise<void> {
    for (const job of this.jobs.values()) {
      for (let step = running(job); step; step = running(job)) await this.#finish(job, step); // bounded by the job's steps
      job.stepStarted = this.clock.ms();
    }
  }

  /**
   * Answers a job's open MFA challenge: the right answers finish the step (the job goes on), wrong
   * ones leave it open; false when the job has no open challenge.
   */
  async answerMfa(job: JobState, answers: string[]): Promise<"accepted" | "refused" | "none"> {
    const step = current(job);
    if (step?.title !== "mfa-challenge" || !job.mfaAnswers) return "none";
    if (answers.length !== job.mfaAnswers.length || answers.some((a, i) => a !== job.mfaAnswers![i])) return "refused";
    job.stepStarted = this.clock.ms();
    await this.#finish(job, step);
    return "accepted";
  }

  /** Advances a job by one poll (after its state was answered): each step takes `pollsPerStep` polls, then the next starts. */
  async poll(job: JobState): Promise<void> {
    job.seen = done(job);
    const step = running(job);
    if (!step || ++job.polls < this.options.pollsPerStep) return;
    job.stepStarted = this.clock.ms();
    await this.#finish(job, step);
  }

  async #finish(job: JobState, step: SandboxStep): Promise<void> {
    job.polls = 0;
    job.updated = this.now();
    if (job.failAt?.step === step.title) {
      step.status = "failed";
      step.result = job.failAt.result;
      return;
    }
    step.status = "success";
    await onStepSuccess(this, job, step);
    const next = job.steps.find((s) => s.status === "pending");
    if (!next) return;
    next.status = "in-progress";
    if (next.title === "mfa-challenge") next.challenge = challengeFor(job);
  }
}

/** The step a job is working on, if any (none once it is done or failed). */
function current(job: JobState): SandboxStep | undefined {
  return job.steps.some((s) => s.status === "failed") ? undefined : job.steps.find((s) => s.status === "in-progress");
}

/** How many of a job's steps succeeded. */
const done = (job: JobState) => job.steps.filter((s) => s.status === "success").length;

/** The step time and polls may finish: not an MFA challenge, which waits for its answer. */
function running(job: JobState): SandboxStep | undefined {
  const step = current(job);
  return step?.title === "mfa-challenge" ? undefined : step;
}
