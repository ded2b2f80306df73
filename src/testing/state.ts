// The sandbox's state and its rules: tokens, users, connections, jobs whose steps advance as they
// are polled, and what finishing a step makes exist (accounts, transactions, a report's link).
import * as body from "./fixtures.js";
import type { SandboxAccount, SandboxJob, SandboxStep, SandboxTransaction, SandboxUser } from "./fixtures.js";

/** The steps of a connection job (consent or refresh). */
export const CONNECTION_STEPS: SandboxStep["title"][] = ["verify-credentials", "retrieve-accounts", "retrieve-transactions"];
/** Days of transactions generated for a user. */
const DAYS = 180;

/** A failure the sandbox answers with, in Basiq's error shape. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly payload: unknown, readonly headers: Record<string, string> = {}) {
    super(String(status));
  }
}

/** A JSON response. */
export const json = (payload: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(payload), { status, headers: { "content-type": "application/json", ...headers } });

type Failure = { step: SandboxStep["title"]; result: SandboxStep["result"] };
type JobState = SandboxJob & { polls: number; failAt?: Failure; reportId?: string };

export interface UserState {
  user: SandboxUser;
  connections: Map<string, ReturnType<typeof body.connectionBody>>;
  accounts: SandboxAccount[];
  transactions: SandboxTransaction[];
}

export interface StateOptions {
  transactions: number;
  pageSize: number;
  pollsPerStep: number;
  seed: number;
  tokenExpiresIn: number;
  today: string;
}

export class SandboxState {
  readonly tokens = new Map<string, { scope: string; userId?: string; expiresAt: number }>();
  readonly users = new Map<string, UserState>();
  readonly jobs = new Map<string, JobState>();
  readonly reports = new Map<string, ReturnType<typeof body.reportBody>>();
  nextFailure: Failure | undefined;
  readonly #random: () => number;
  #counter = 0;

  constructor(readonly options: StateOptions) {
    this.#random = body.random(options.seed);
  }

  /** A new id: `<prefix>-<base36 counter>`. */
  id(prefix: string): string {
    return `${prefix}-${(++this.#counter).toString(36).padStart(6, "0")}`;
  }

  correlation(): string {
    return this.id("corr");
  }

  now(): string {
    return new Date().toISOString();
  }

  userOf(userId: string): UserState {
    const state = this.users.get(userId);
    if (!state) throw new HttpError(404, body.notFoundBody(`User with id ${userId} not found`, this.correlation()));
    return state;
  }

  /** Accepts only bearer tokens this sandbox issued and has not expired; CLIENT_ACCESS reaches its own user. */
  authorize(request: Request, userId?: string): void {
    const header = request.headers.get("authorization") ?? "";
    const token = this.tokens.get(header.replace(/^Bearer /, ""));
    if (!header.startsWith("Bearer ") || !token || token.expiresAt <= Date.now()) {
      throw new HttpError(401, body.unauthorizedBody("Missing, invalid or expired bearer token", this.correlation()));
    }
    if (token.scope === "CLIENT_ACCESS" && token.userId !== userId) {
      throw new HttpError(403, body.errorBody("forbidden-access", "Forbidden", "A CLIENT_ACCESS token only reaches its own user", this.correlation()));
    }
  }

  startJob(userId: string, kind: SandboxJob["kind"], institutionId: string, titles: SandboxStep["title"][]): JobState {
    const created = this.now();
    const job: JobState = {
      id: this.id("job"), userId, kind, created, updated: created, institutionId, polls: 0,
      steps: titles.map((title, i) => ({ title, status: i === 0 ? "in-progress" : "pending", result: null })),
    };
    if (this.nextFailure) job.failAt = this.nextFailure;
    this.nextFailure = undefined;
    this.jobs.set(job.id, job);
    return job;
  }

  /** Advances a job by one poll: each step takes `pollsPerStep` polls, then the next starts. */
  advance(job: JobState): void {
    const step = job.steps.find((s) => s.status === "in-progress");
    if (!step || ++job.polls < this.options.pollsPerStep) return;
    job.polls = 0;
    job.updated = this.now();
    if (job.failAt?.step === step.title) {
      step.status = "failed";
      step.result = job.failAt.result;
      return;
    }
    step.status = "success";
    this.#onStepSuccess(job, step.title);
    const next = job.steps.find((s) => s.status === "pending");
    if (next) next.status = "in-progress";
  }

  /** What finishing a step makes exist: accounts, transactions, a report's link. */
  #onStepSuccess(job: JobState, title: SandboxStep["title"]): void {
    const state = this.users.get(job.userId);
    if (title === "retrieve-accounts" && state && state.accounts.length === 0) {
      const connectionId = [...state.connections.keys()].at(-1)!;
      state.accounts = [
        body.accountBody(job.userId, this.id("acc"), connectionId, job.institutionId, "Everyday Account", "2480.55", this.now()),
        body.accountBody(job.userId, this.id("acc"), connectionId, job.institutionId, "Savings Account", "15300.00", this.now()),
      ];
    }
    if (title === "retrieve-transactions" && state && state.transactions.length === 0) state.transactions = this.#generate(job.userId, state.accounts);
    if (title === "create-report" && job.reportId) job.source = `${body.PRODUCTION}/reports/${job.reportId}`;
  }

  /** The user's transactions over DAYS days to `today`, newest first as Basiq lists them. */
  #generate(userId: string, accounts: SandboxAccount[]): SandboxTransaction[] {
    const { transactions: count, today } = this.options;
    const end = Date.parse(`${today}T00:00:00Z`);
    const out: SandboxTransaction[] = [];
    for (let i = 0; i < count; i++) {
      const day = new Date(end - Math.floor((i / count) * DAYS) * 86_400_000).toISOString().slice(0, 10);
      const credit = i % 25 === 0;
      const cents = credit ? 250_000 + Math.floor(this.#random() * 50_000) : -(500 + Math.floor(this.#random() * 20_000));
      out.push(body.transactionBody(userId, this.id("txn"), accounts[i % accounts.length]!, day, cents));
    }
    return out;
  }
}
