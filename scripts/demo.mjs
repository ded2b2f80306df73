#!/usr/bin/env node
// @ts-check
// make demo: Basiq's quickstart, end to end. By default against the embedded sandbox served on a
// loopback port; with BASIQ_API_KEY (and BASIQ_USER_ID of an already-consented user) the same read
// and refresh steps run against the real API.
import { Basiq, filter, field, jobResult, parseConsentRedirect } from "basiq";
import { postgresSync } from "basiq/postgres";
import { createSync } from "basiq/sync";
import { createSandbox } from "basiq/testing";

/** @typedef {(line: string) => void} Log */

/** A consent URL as printed: the CLIENT_ACCESS token it carries is a credential, so it is replaced. */
function withoutToken(/** @type {string} */ url) {
  const token = new URL(url).searchParams.get("token") ?? "";
  return url.replace(encodeURIComponent(token), `<CLIENT_ACCESS token, ${token.length} chars, not printed>`);
}

/** Prints a job's steps as they change. */
function progress(/** @type {Log} */ log) {
  let last = "";
  return (/** @type {{ steps?: Array<{ title?: string, status?: string }> }} */ job) => {
    const line = (job.steps ?? []).map((s) => `${s.title}: ${s.status}`).join(" | ");
    if (line !== last) log(`     ${line}`);
    last = line;
  };
}

/** Pages through every transaction, printing the count, the date range and the sum by direction. */
async function transactions(/** @type {Basiq} */ basiq, /** @type {string} */ userId, /** @type {Log} */ log) {
  let count = 0;
  let pages = 0;
  let first = "";
  let last = "";
  const cents = { credit: 0, debit: 0 };
  for await (const page of basiq.pages("/users/{userId}/transactions", { params: { path: { userId }, query: { limit: 500 } } })) {
    pages++;
    for (const t of page.data) {
      count++;
      const day = (t.postDate ?? t.transactionDate ?? "").slice(0, 10);
      if (day && (!first || day < first)) first = day;
      if (day && (!last || day > last)) last = day;
      cents[t.direction === "credit" ? "credit" : "debit"] += Math.round(Number(t.amount) * 100);
    }
  }
  log(`  ${count} transactions in ${pages} pages, ${first || "-"} to ${last || "-"}`);
  log(`     credits ${(cents.credit / 100).toFixed(2)} AUD, debits ${(cents.debit / 100).toFixed(2)} AUD`);
  return { count, pages, first, last, cents };
}

/**
 * Keeps the user's data in sync (basiq/sync) in an embedded Postgres (PGlite, in memory here; `basiq sync`
 * keeps one in a folder): a first sync, a few days on (sandbox) or a second read (real API), a sync that
 * reads only the window, and a SQL answer from the table.
 * @param {{ basiq: Basiq, log: Log, sandbox?: import("basiq/testing").Sandbox, userId: string }} options
 */
async function keepInSync({ basiq, log, sandbox, userId }) {
  log("8. Keep the data in sync: basiq/sync into an embedded Postgres (PGlite)");
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create();
  try {
    const pg = postgresSync(db);
    await pg.migrate();
    const sync = createSync(basiq, { sink: pg.sink });
    const first = await sync.user(userId);
    log(`  first sync: ${first.added.length} transactions, ${first.accounts.length} accounts in basiq.transactions / basiq.accounts (${first.requests} requests)`);
    if (sandbox) {
      await sandbox.advance({ days: 3 });
      log("  3 days pass: pending rows post (under new ids) or are re-issued, new purchases arrive");
    }
    const next = await sync.user(userId);
    const fromPending = next.added.filter((t) => t.pendingTransactionId).length;
    log(`  next sync, a window only (${next.requests} requests): ${next.added.length} added (${fromPending} posted from pending), ${next.modified.length} modified, ${next.removed.length} removed`);
    const { rows } = await db.query(
      `SELECT coalesce(data->'enrich'->'category'->'anzsic'->'division'->>'title', 'Uncategorised') AS category, sum(-amount)::numeric(12,2)::text AS spent
       FROM basiq.transactions WHERE user_id = $1 AND status = 'posted' AND amount < 0 GROUP BY 1 ORDER BY sum(-amount) DESC LIMIT 5`,
      [userId],
    );
    log("  spend by category (SQL on basiq.transactions):");
    for (const row of /** @type {Array<{ category: string, spent: string }>} */ (rows)) log(`     ${row.category.padEnd(44)} ${row.spent.padStart(10)} AUD`);
    return { first, next, categories: rows };
  } finally {
    await db.close();
  }
}

/**
 * Runs the quickstart. With `sandbox`, creates a user and simulates the consent; otherwise reads
 * the already-consented `userId` and refreshes its connections.
 * @param {{ basiq: Basiq, log: Log, sandbox?: import("basiq/testing").Sandbox, userId?: string }} options
 */
export async function runDemo({ basiq, log, sandbox, userId }) {
  log("1. Token: POST /token with the API key (SERVER_ACCESS)");
  const minted = await basiq.ops.postToken({ params: { header: { "basiq-version": "3.0" } }, body: { scope: "SERVER_ACCESS" } });
  log(`  ${minted.token_type} token, expires in ${minted.expires_in} s (the client caches its own)`);

  if (sandbox) {
    log("2. Create a user");
    const user = await basiq.ops.createUser({ body: { email: "gavin@hooli.com", mobile: "+61410888999", firstName: "Gavin", lastName: "Belson" } });
    userId = user.id;
    log(`  user ${userId}`);
  } else {
    if (!userId) throw new Error("BASIQ_USER_ID is not set: against the real API the demo reads an already-consented user");
    log("2. Read the user");
    const user = await basiq.ops.getUser({ params: { path: { userId } } });
    log(`  user ${user.id} with ${user.connections.count} connections`);
  }

  log("3. Consent URL (the Basiq Consent UI, with a CLIENT_ACCESS token bound to the user)");
  log(`  ${withoutToken(await basiq.consentUrl(userId, { state: "demo" }))}`);

  log(sandbox ? "4. Consent (simulated by the sandbox), the redirect back, and the connection job" : "4. Refresh the user's connections");
  let jobIds;
  if (sandbox) {
    // What the Consent UI does, then the redirect it sends the user back with.
    const redirect = `https://app.example/basiq/callback?jobIds=${sandbox.consent(userId).jobId}&state=demo`;
    log(`  redirect ${redirect}`);
    ({ jobIds } = parseConsentRedirect(redirect));
  } else {
    jobIds = (await basiq.ops.refreshConnections({ params: { path: { userId } } })).data.map((job) => job.id);
  }
  for (const jobId of jobIds) {
    log(`  job ${jobId}`);
    const job = await basiq.waitForJob(jobId, { onProgress: progress(log), intervalMs: sandbox ? 50 : 1000 });
    const source = job.links?.source;
    const connection = source ? await basiq.follow(source) : undefined;
    if (connection?.operationId === "getConnection") {
      log(`  connection ${jobResult(job).connectionId}: ${connection.data.status ?? "-"} at ${connection.data.institution.id}`);
    }
  }

  log("5. Accounts");
  const accounts = await basiq.ops.getAccounts({ params: { path: { userId } } });
  for (const account of accounts.data) log(`  ${account.name.padEnd(20)} ${String(account.balance).padStart(12)} ${account.currency}`);

  log("6. Every transaction, page by page");
  const summary = await transactions(basiq, userId, log);
  if (accounts.data[0]) {
    const credits = basiq.paginate("/users/{userId}/transactions", {
      params: { path: { userId }, query: { filter: filter(field("account.id").eq(accounts.data[0].id), field("transaction.direction").eq("credit")) } },
    });
    let n = 0;
    for await (const _ of credits) n++;
    log(`  ${n} credits on ${accounts.data[0].name} (filter: account.id.eq, transaction.direction.eq)`);
  }

  log("7. A report, through its job");
  const started = await basiq.ops.createReport({
    body: { reportType: "CON_AFFOR_01", title: "Quickstart affordability", filters: [{ name: "users", value: [userId] }] },
  });
  const job = await basiq.waitForJob(started.id ?? "", { onProgress: progress(log), intervalMs: sandbox ? 50 : 1000 });
  const { reportId = "" } = jobResult(job);
  const source = job.links?.source;
  const found = source ? await basiq.follow(source) : undefined;
  if (found?.operationId === "retrieveReport") {
    const report = found.data;
    log(`  report ${report.id}: ${report.title}`);
    // retrieveReport answers one of several report shapes; the affordability one carries metrics.
    const metrics = report.data && "metrics" in report.data ? report.data.metrics ?? [] : [];
    for (const metric of metrics) log(`     ${metric.title}: ${metric.result?.value}`);
  }
  const pdf = await basiq.ops.retrieveReport({ params: { path: { id: reportId } }, accept: "pdf" });
  log(`  as PDF: ${pdf.size} bytes (${pdf.type})`);
  const synced = await keepInSync({ basiq, log, sandbox, userId });
  log("Done.");
  return { userId, summary, reportId, synced };
}

async function main() {
  const log = (/** @type {string} */ line) => console.log(line);
  const apiKey = process.env.BASIQ_API_KEY;
  if (apiKey) {
    log("Against the real Basiq API (BASIQ_API_KEY is set)\n");
    await runDemo({ basiq: new Basiq({ apiKey }), log, userId: process.env.BASIQ_USER_ID });
    return;
  }
  const { serveFetch } = await import("./lib/serve.mjs");
  const sandbox = createSandbox();
  const server = await serveFetch(sandbox.fetch);
  try {
    log(`Against the embedded Basiq sandbox at ${server.url} (set BASIQ_API_KEY to use the real API)\n`);
    await runDemo({ basiq: new Basiq({ apiKey: "sandbox-api-key", baseUrl: server.url }), log, sandbox });
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`demo failed: ${error?.message ?? error}`);
    process.exit(1);
  });
}
