// What a job's steps make exist as they succeed: a connection's accounts and its holder's identity,
// its transactions (and the transactions.updated event), a report's link; and what an
// mfa-challenge step asks.
import * as data from "./accounts.js";
import { availableFunds } from "./ledger.js";
import { identityBody } from "./catalog.js";
import { PRODUCTION, type MfaChallengeBody, type SandboxStep } from "./fixtures.js";
import { generateTransactions } from "./generate.js";
import type { JobState, StepWorld } from "./state-types.js";

/** Days back that a new connection's pending card payments reach (Basiq: pending 3 to 5 business days on average). */
const PENDING_DAYS = 5;

/** Newest first by the day it posted (a pending row: the day it happened). */
const newestFirst = (a: data.SandboxTransaction, b: data.SandboxTransaction) => {
  const [x, y] = [(a.postDate ?? a.transactionDate).slice(0, 10), (b.postDate ?? b.transactionDate).slice(0, 10)];
  return x < y ? 1 : x > y ? -1 : 0;
};

/** The accounts every connection brings: [name, product, class type, balance]. */
const ACCOUNTS = [
  ["Everyday Account", "Complete Access", "transaction", "2480.55"],
  ["Savings Account", "NetBank Saver", "savings", "15300.00"],
] as const;

/** Applies what a step's success makes exist, and sets the step's result link. */
export async function onStepSuccess(s: StepWorld, job: JobState, step: SandboxStep): Promise<void> {
  const state = s.users.get(job.userId);
  const connection = job.connectionId ? state?.connections.get(job.connectionId) : undefined;
  if (step.title === "create-report") step.url = job.source = `${PRODUCTION}/reports/${job.reportId}`;
  if (!state || !connection) return;
  const mine = state.accounts.filter((a) => a.connection === connection.id);
  if (step.title === "verify-credentials") step.url = connection.links.self;
  if (step.title === "retrieve-accounts") {
    step.url = connection.links.accounts;
    if (mine.length > 0) return;
    const holder = [state.user.firstName, state.user.lastName].filter(Boolean).join(" ") || "Account Holder";
    for (const [name, product, type, balance] of ACCOUNTS) {
      state.accounts.push(data.accountBody({ userId: job.userId, id: s.uuid(), connectionId: connection.id, institutionId: job.institutionId, name, product, type, balance, updated: s.now(), holder }));
    }
    state.identities.push(identityBody(s.uuid(), state.user, connection.id, job.institutionId, job.id, s.now()));
  }
  if (step.title === "retrieve-transactions") {
    step.url = connection.links.transactions;
    // Every finished retrieval (a consent's or a refresh's) is a use of the connection.
    connection.lastUsed = s.now();
    if (s.transactionsOf(state).some((t) => t.connection === connection.id)) return;
    const made = generateTransactions({
      userId: job.userId, accounts: mine, count: s.options.transactions, today: s.clock.today, random: s.random, id: () => s.uuid(),
      pending: { share: s.options.pending.share, days: PENDING_DAYS, random: s.pendingRandom },
    });
    state.transactions = [...made.posted, ...state.transactions].sort(newestFirst);
    state.pending = [...made.pending, ...state.pending].sort(newestFirst);
    for (const account of mine) availableFunds(account, state.pending);
    await s.notify.emit("transactions.updated", job.userId, connection.links.transactions ?? connection.links.self);
  }
}

/** What an mfa-challenge step asks: one one-time code per expected answer, open for 5 minutes. */
export const challengeFor = (job: JobState): MfaChallengeBody => ({
  type: "mfa", method: "token", description: "Enter the one-time code your bank sent to your mobile",
  input: (job.mfaAnswers ?? []).map((_, i) => `One-time code ${i + 1}`), expiryMs: 300_000, links: { response: `${PRODUCTION}/jobs/${job.id}/mfa` },
});
