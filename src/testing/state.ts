// The sandbox's state and its rules: tokens, users and what they own, jobs (run by jobs.ts, whose
// steps make things exist in steps.ts) and who may make a call. Its shapes are in state-types.ts;
// days passing (`sandbox.advance`) are in advance.ts.
import * as data from "./accounts.js";
import type { SandboxTransaction } from "./accounts.js";
import { SandboxClock } from "./clock.js";
import { HttpDeliveries } from "./deliveries.js";
import { Notifier } from "./events.js";
import * as body from "./fixtures.js";
import type { SandboxStep, SandboxUser } from "./fixtures.js";
import { HttpError } from "./http.js";
import { uuids } from "./ids.js";
import { CONNECTION_STEPS, startJob } from "./jobs.js";
import type { SandboxReport } from "./reports.js";
import type { Access, Failure, JobState, StateOptions, StepWorld, UserState } from "./state-types.js";

/** Most messages and deliveries kept per webhook and in `sandbox.deliveries`. */
const MAX_KEPT = 1_000;

export class SandboxState implements StepWorld {
  readonly tokens = new Map<string, { scope: string; userId?: string; expiresAt: number }>();
  readonly users = new Map<string, UserState>();
  readonly jobs = new Map<string, JobState>();
  /** Reports with the transactions they covered (their accounts, within fromDate..toDate). */
  readonly reports = new Map<string, { report: SandboxReport; userId: string; transactions: UserState["transactions"] }>();
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
    const job = startJob(this, userId, method === "statement" ? "statement" : "connection", institutionId, steps, { connectionId, ...(mfaAnswers ? { mfaAnswers } : {}) });
    job.source = connection.links.self;
    return { jobId: job.id, connectionId, notified: this.notify.emit("connection.created", userId, connection.links.self) };
  }
}
