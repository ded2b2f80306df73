// What the sandbox does beyond answering: signed webhook messages, jobs that advance by time,
// summaries computed from its own transactions, enrich with real merchants, PDFs, statements.
import { afterEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, parseConsentRedirect, verifyWebhook } from "basiq";
import { createSandbox, type SandboxDelivery, type SandboxOptions } from "basiq/testing";
import { API_KEY } from "./helpers/fetch.js";

async function consented(options: SandboxOptions = {}) {
  const sandbox = createSandbox({ transactions: 600, seed: 3, today: "2026-11-20", ...options });
  const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
  const { id: userId } = await basiq.ops.createUser({ body: { email: "gavin@hooli.com", mobile: "+61410888999", firstName: "Gavin", lastName: "Belson" } });
  return { sandbox, basiq, userId };
}

/** The user's posted transactions (what summaries are computed from; pending rows have no postDate). */
async function allTransactions(basiq: Basiq, userId: string) {
  const out = [];
  for await (const t of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId } } })) if (t.postDate !== null) out.push({ ...t, postDate: t.postDate });
  return out;
}

const cents = (amount: string | null | undefined) => Math.round(Number(amount) * 100);
const sum = (list: Array<{ amount: string }>) => list.reduce((n, t) => n + cents(t.amount), 0);
const money = (c: number) => (c / 100).toFixed(2);

afterEach(() => {
  jest.useRealTimers();
});

describe("sandbox webhooks", () => {
  test("posts each subscribed event as a message signed with signWebhook, which verifyWebhook accepts", async () => {
    const received: SandboxDelivery[] = [];
    const { sandbox, basiq, userId } = await consented({ onWebhook: (delivery) => { received.push(delivery); } });
    const hook = await basiq.ops.addWebhook({ body: { url: "https://example.com/hooks", subscribedEvents: ["connection.created", "transactions.updated"] } });
    const { jobId, connectionId } = sandbox.consent(userId);
    await basiq.waitForJob(jobId, { intervalMs: 1 });

    const events = await Promise.all(sandbox.deliveries.map((d) => verifyWebhook({ body: d.body, headers: d.headers, secret: hook.secret! })));
    expect(events.map((e) => e.eventTypeId)).toEqual(["connection.created", "transactions.updated"]);
    expect(events[1]!.links.eventEntity).toBe(`https://au-api.basiq.io/users/${userId}/transactions?filter=connection.id.eq('${connectionId}')`);
    expect(sandbox.deliveries.every((d) => d.url === "https://example.com/hooks")).toBe(true);
    await expect(verifyWebhook({ body: sandbox.deliveries[0]!.body, headers: sandbox.deliveries[0]!.headers, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }))
      .rejects.toThrow(/no signature matches/);

    const messages = await basiq.ops.listMessages({ params: { path: { webhookId: hook.id! } } });
    expect(messages.data?.map((m) => m.id).sort()).toEqual(sandbox.deliveries.map((d) => d.messageId).sort());
    await new Promise((resolve) => setTimeout(resolve, 0)); // onWebhook is called after the answer, as Basiq posts
    expect(received).toEqual(sandbox.deliveries);
  });

  test("a test message reaches every webhook subscribed to its type, and only those", async () => {
    const { sandbox, basiq } = await consented();
    const users = await basiq.ops.addWebhook({ body: { url: "https://example.com/users", subscribedEvents: ["user.created"] } });
    await basiq.ops.addWebhook({ body: { url: "https://example.com/connections", subscribedEvents: ["connection.created"] } });
    await basiq.ops.testMessage({ body: { eventTypeId: "user.created" } });
    expect(sandbox.deliveries.map((d) => d.webhookId)).toEqual([users.id]);
  });
});

describe("sandbox events", () => {
  test("GET /events lists connection and consent events, newest first, filtered by user and entity", async () => {
    const { sandbox, basiq, userId } = await consented({ transactions: 20 });
    const other = await basiq.ops.createUser({ body: { email: "other@hooli.com" } });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    await basiq.waitForJob(sandbox.consent(other.id).jobId, { intervalMs: 1 });
    const mine = await basiq.ops.getEvents({ params: { query: { filter: `user.id.eq('${userId}'),event.entity.eq('connection')` } } });
    expect(mine.data?.map((e) => [e.userId, e.entity, e.eventType])).toEqual([[userId, "connection", "updated"], [userId, "connection", "created"]]);
    const event = await basiq.ops.getTypeById({ params: { path: { id: mine.data![1]!.id } } });
    expect(event).toMatchObject({ eventType: "connection.created", userId });
    await expect(basiq.ops.getEvents({ params: { query: { filter: "account.id.eq('x')" } } })).rejects.toMatchObject({ status: 400 });
  });
});

describe("sandbox jobs", () => {
  test("finish a step every stepMs of clock without being polled, making accounts and transactions appear", async () => {
    jest.useFakeTimers({ now: Date.parse("2026-11-20T09:00:00Z"), doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    const { sandbox, basiq, userId } = await consented({ stepMs: 1000, pollsPerStep: Infinity, transactions: 30 });
    sandbox.consent(userId);
    const counts = async () => [
      (await basiq.ops.getAccounts({ params: { path: { userId } } })).data.length,
      (await basiq.ops.getTransactions({ params: { path: { userId } } })).data.length,
    ];
    jest.advanceTimersByTime(1999); // verify-credentials done at 1000 ms, retrieve-accounts not yet
    expect(await counts()).toEqual([0, 0]);
    jest.advanceTimersByTime(1);
    expect(await counts()).toEqual([2, 0]);
    jest.advanceTimersByTime(1000);
    expect(await counts()).toEqual([2, 30]);
    const jobs = await basiq.ops.getUserJobs({ params: { path: { userId } } });
    expect(jobs.data[0]!.steps.map((s) => s.status)).toEqual(["success", "success", "success"]);
  });

  test("a consent with MFA waits at its mfa-challenge step until the user's CLIENT_ACCESS call answers it", async () => {
    const { sandbox, basiq, userId } = await consented({ transactions: 20 });
    const { jobId } = sandbox.consent(userId, { mfa: ["482913"] });
    const asUser = new Basiq({ token: () => basiq.clientToken(userId), fetch: sandbox.fetch });
    const answer = (code: string, client = asUser) => client.ops.postJobMfa({ params: { path: { jobId } }, body: { "mfa-response": [code] } });
    const challenges: unknown[] = [];
    const done = await basiq.waitForJob(jobId, {
      intervalMs: 1,
      onProgress: async (_job, { mfa }) => {
        if (!mfa) return;
        challenges.push(mfa);
        await expect(answer("000000")).rejects.toMatchObject({ status: 400 }); // wrong: the challenge stays open
        await expect(answer("482913", basiq)).rejects.toMatchObject({ status: 403 }); // a SERVER_ACCESS token is refused
        await answer("482913");
      },
    });
    expect(challenges).toEqual([expect.objectContaining({ type: "mfa", method: "token", input: ["One-time code 1"], links: { response: `https://au-api.basiq.io/jobs/${jobId}/mfa` } })]);
    expect(done.steps?.map((s) => [s.title, s.status])).toEqual([["verify-credentials", "success"], ["mfa-challenge", "success"], ["retrieve-accounts", "success"], ["retrieve-transactions", "success"]]);
    expect((await basiq.ops.getAccounts({ params: { path: { userId } } })).data).toHaveLength(2);
  });

  test("an MFA challenge is not finished by time or polls", async () => {
    jest.useFakeTimers({ now: Date.parse("2026-11-20T09:00:00Z"), doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    const { sandbox, basiq, userId } = await consented({ stepMs: 1000, transactions: 20 });
    const { jobId } = sandbox.consent(userId, { mfa: ["1"] });
    jest.advanceTimersByTime(60_000);
    for (let i = 0; i < 5; i++) await basiq.ops.getJobs({ params: { path: { jobId } } });
    const job = await basiq.ops.getJobs({ params: { path: { jobId } } });
    expect(job.steps?.map((s) => s.status)).toEqual(["success", "in-progress", "pending", "pending"]);
  });

  test("a statement upload makes a connection whose job brings its accounts", async () => {
    const { basiq, userId } = await consented({ transactions: 40 });
    const started = await basiq.ops.createStatement({ params: { path: { userId } }, body: { institutionId: "AU00002", statement: new Blob(["%PDF-1.4\n"], { type: "application/pdf" }) } });
    const job = await basiq.waitForJob(started.id, { intervalMs: 1 });
    const connectionId = String(job.links?.source).split("/").pop()!;
    const connection = await basiq.ops.getConnection({ params: { path: { userId, connectionId } } });
    expect(connection).toMatchObject({ method: "statement", institution: { id: "AU00002" } });
    expect(connection.accounts?.data.map((a) => a.name)).toEqual(["Everyday Account", "Savings Account"]);
  });
});

describe("sandbox summaries are computed from the user's own transactions", () => {
  test("expenses: each class and division is the sum of its debits over the months", async () => {
    const { sandbox, basiq, userId } = await consented();
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const all = await allTransactions(basiq, userId);
    const expenses = await basiq.ops.postExpenses({ params: { path: { userId } }, body: {} });
    const months = new Set(all.map((t) => t.postDate.slice(0, 7))).size;
    const debits = all.filter((t) => t.direction === "debit");
    expect(expenses.bankFees.avgMonthly).toBe(money(Math.round(sum(debits.filter((t) => t.class === "bank-fee")) / months)));
    expect(expenses.cashWithdrawals.avgMonthly).toBe(money(Math.round(sum(debits.filter((t) => t.class === "cash-withdrawal")) / months)));
    const groceries = debits.filter((t) => t.enrich.category?.anzsic?.division?.title === "Retail Trade");
    expect(expenses.payments.find((p) => p.division === "Retail Trade")?.avgMonthly).toBe(money(Math.round(sum(groceries) / months)));
    expect(expenses.payments.reduce((n, p) => n + p.percentageTotal, 0)).toBeCloseTo(100, 0);
  });

  test("income: the fortnightly salary is the regular source, with its average and next date", async () => {
    const { sandbox, basiq, userId } = await consented();
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const all = await allTransactions(basiq, userId);
    const salary = all.filter((t) => t.description === "SALARY HOOLI PTY LTD").reverse();
    const income = await basiq.ops.postIncome({ params: { path: { userId } }, body: {} });
    const months = new Set(all.map((t) => t.postDate.slice(0, 7))).size;
    expect(income.regular?.map((r) => [r.source, r.frequency])).toEqual([["SALARY HOOLI PTY LTD", "bi-weekly"]]);
    expect(income.summary.regularIncomeAvg).toBe(money(Math.round(sum(salary) / months)));
    const last = salary.at(-1)!.postDate.slice(0, 10);
    expect(income.regular?.[0]?.current).toEqual({ amount: salary.at(-1)!.amount, date: last, nextDate: new Date(Date.parse(last) + 14 * 86_400_000).toISOString().slice(0, 10) });
  });

  test("affordability: monthly spending, assets and savings come from the accounts and transactions; another seed gives other figures", async () => {
    const figures = async (seed: number) => {
      const { sandbox, basiq, userId } = await consented({ seed });
      await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
      const all = await allTransactions(basiq, userId);
      const accounts = (await basiq.ops.getAccounts({ params: { path: { userId } } })).data;
      const snapshot = await basiq.ops.postAffordability({ params: { path: { userId } }, body: {} });
      const months = new Set(all.map((t) => t.postDate.slice(0, 7))).size;
      expect(snapshot.summary.expenses).toBe(money(Math.round(sum(all.filter((t) => t.direction === "debit")) / months)));
      expect(snapshot.summary.savings).toBe(accounts.find((a) => a.class.type === "savings")!.balance);
      expect(snapshot.summary.assets).toBe(money(accounts.reduce((n, a) => n + cents(a.balance), 0)));
      const fetched = await basiq.ops.getAffordability({ params: { path: { userId, snapshotId: snapshot.id } } });
      expect(fetched).toEqual(snapshot);
      return snapshot.summary.expenses;
    };
    expect(await figures(1)).not.toBe(await figures(2));
  });
});

describe("sandbox enrich", () => {
  test("transactions name many real merchants, each in its ANZSIC class, not one category for every debit", async () => {
    const { sandbox, basiq, userId } = await consented();
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const payments = (await allTransactions(basiq, userId)).filter((t) => t.class === "payment");
    const merchants = new Set(payments.map((t) => t.enrich.merchant?.businessName));
    const divisions = new Set(payments.map((t) => t.enrich.category?.anzsic?.division?.title));
    expect(merchants.size).toBeGreaterThanOrEqual(15);
    expect(divisions.size).toBeGreaterThanOrEqual(6);
    const woolworths = payments.find((t) => t.enrich.merchant?.businessName === "Woolworths")!;
    expect(woolworths.enrich.category?.anzsic?.class).toEqual({ code: "4110", title: "Supermarket and Grocery Stores" });
    expect(woolworths.subClass).toEqual({ code: "4110", title: "Supermarket and Grocery Stores" });
  });

  test("GET /enrich looks a statement line up in the merchant table", async () => {
    const { basiq } = await consented();
    const found = await basiq.ops.enrich({ params: { query: { q: "BUNNINGS 440000 ALEXANDRIA NS", institution: "AU00000", country: "AU", amount: "-42.50" } } });
    expect(found.data?.merchant?.businessName).toBe("Bunnings Warehouse");
    expect(found.data?.category?.anzsic?.group).toEqual({ code: "423", title: "Hardware, Building and Garden Supplies Retailing" });
    const unknown = await basiq.ops.enrich({ params: { query: { q: "SOMETHING NOBODY SELLS", institution: "AU00000", country: "AU" } } });
    expect(unknown.data?.merchant).toBeUndefined();
  });
});

describe("sandbox PDFs", () => {
  /** Checks the PDF's structure: header, trailer, and a cross-reference table whose offsets point at its objects. */
  function checkPdf(bytes: Uint8Array) {
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    expect(text.endsWith("%%EOF\n")).toBe(true);
    const xref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).toBe("xref");
    const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets.length).toBe(5);
    offsets.forEach((offset, i) => expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
    return text;
  }

  test("a report asked for as PDF is a real PDF with content-type application/pdf", async () => {
    const { sandbox, basiq, userId } = await consented({ transactions: 60 });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const started = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "Quarterly review", filters: [{ name: "users", value: [userId] }] } });
    const reportId = String((await basiq.waitForJob(started.id!, { intervalMs: 1 })).links?.source).split("/").pop()!;
    const blob = await basiq.ops.retrieveReport({ params: { path: { id: reportId } }, accept: "pdf" });
    expect(blob.type).toBe("application/pdf");
    expect(checkPdf(new Uint8Array(await blob.arrayBuffer()))).toContain("(Quarterly review) Tj");
  });

  test("POST /users/{userId}/affordability with Accept: application/pdf answers the new snapshot as a PDF (was JSON)", async () => {
    const { sandbox, basiq, userId } = await consented({ transactions: 60 });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const blob = await basiq.ops.postAffordability({ params: { path: { userId } }, body: {}, accept: "pdf" });
    expect(blob.type).toBe("application/pdf");
    const listed = await basiq.ops.getAffordabilityList({ params: { path: { userId } } });
    expect(checkPdf(new Uint8Array(await blob.arrayBuffer()))).toContain(`(Affordability ${listed.data[0]!.id}) Tj`);
  });

  test("the CSV forms the spec offers: a snapshot's transactions (application/csv) and an expenses snapshot (text/csv)", async () => {
    const { sandbox, basiq, userId } = await consented({ transactions: 60 });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const token = (await basiq.ops.postToken({ params: { header: { "basiq-version": "3.0" } }, body: { scope: "SERVER_ACCESS" } })).access_token;
    const snapshot = await basiq.ops.postAffordability({ params: { path: { userId } }, body: {} });
    const get = (path: string, accept: string) => sandbox.fetch(new Request(`https://au-api.basiq.io${path}`, { headers: { authorization: `Bearer ${token}`, accept } }));
    const transactions = await get(`/users/${userId}/affordability/${snapshot.id}/transactions`, "application/csv");
    expect(transactions.headers.get("content-type")).toBe("application/csv");
    const listed = await basiq.ops.getAffordabilitySnapshotTransactions({ params: { path: { userId, snapshotId: snapshot.id } } });
    expect((await transactions.text()).trim().split("\r\n").slice(1).map((row) => row.split(",")[0])).toEqual(listed.data.map((t) => t.id));
    const expenses = await get(snapshot.links.expenses!.replace("https://au-api.basiq.io", ""), "text/csv");
    expect(expenses.headers.get("content-type")).toBe("text/csv");
    expect(await expenses.text()).toMatch(/^category,avgMonthly,summary\r\nbankFees,/);
  });

  test("an affordability snapshot asked for as PDF is a real PDF", async () => {
    const { sandbox, basiq, userId } = await consented({ transactions: 60 });
    await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
    const snapshot = await basiq.ops.postAffordability({ params: { path: { userId } }, body: {} });
    const blob = await basiq.ops.getAffordability({ params: { path: { userId, snapshotId: snapshot.id } }, accept: "pdf" });
    expect(checkPdf(new Uint8Array(await blob.arrayBuffer()))).toContain(`(Monthly expenses: ${snapshot.summary.expenses}) Tj`);
  });
});

describe("sandbox list filters (as the specs' filter parameters define them)", () => {
  async function twoBanks() {
    const { sandbox, basiq, userId } = await consented({ transactions: 40 });
    const first = sandbox.consent(userId, { institutionId: "AU00000" });
    await basiq.waitForJob(first.jobId, { intervalMs: 1 });
    const second = sandbox.consent(userId, { institutionId: "AU00001" });
    await basiq.waitForJob(second.jobId, { intervalMs: 1 });
    return { sandbox, basiq, userId, first, second };
  }

  test("a connection's accounts link returns that connection's accounts only, not another bank's", async () => {
    const { basiq, userId, second } = await twoBanks();
    expect((await basiq.ops.getAccounts({ params: { path: { userId } } })).data).toHaveLength(4);
    const connection = await basiq.ops.getConnection({ params: { path: { userId, connectionId: second.connectionId } } });
    const followed = await basiq.follow(connection.links.accounts!);
    expect(followed.operationId).toBe("getAccounts");
    const accounts = (followed.data as { data: Array<{ connection: string; institution: string }> }).data;
    expect(accounts.map((a) => [a.connection, a.institution])).toEqual([[second.connectionId, "AU00001"], [second.connectionId, "AU00001"]]);
    const others = await basiq.ops.getAccounts({ params: { path: { userId }, query: { filter: `institution.id.ne('AU00001')` } } });
    expect(others.data.map((a) => a.institution)).toEqual(["AU00000", "AU00000"]);
    // "Only equals (eq) and not equals (ne) operations are currently supported."
    await expect(basiq.ops.getAccounts({ params: { path: { userId }, query: { filter: "account.id.gt('a')" } } })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/only eq, ne/) });
  });

  test("connections filter on institution.id and status; jobs on connection.id; connectors on their fields", async () => {
    const { basiq, userId, first, second } = await twoBanks();
    const connections = await basiq.ops.getConnections({ params: { path: { userId }, query: { filter: "institution.id.eq('AU00000')" } } });
    expect(connections.data?.map((c) => c.id)).toEqual([first.connectionId]);
    expect((await basiq.ops.getConnections({ params: { path: { userId }, query: { filter: "status.eq('active')" } } })).data).toHaveLength(2);
    const jobs = await basiq.ops.getUserJobs({ params: { path: { userId }, query: { filter: `connection.id.eq('${second.connectionId}')` } } });
    expect(jobs.data.map((j) => j.id)).toEqual([second.jobId]);
    const connectors = await basiq.ops.getConnectors({ params: { query: { filter: "connector.method.eq('web')" } } });
    expect(connectors.data.map((c) => c.id)).toEqual(["AU00001"]);
    await expect(basiq.ops.getConnections({ params: { path: { userId }, query: { filter: "nonsense" } } })).rejects.toMatchObject({ status: 400 });
  });

  test("transactions and a report's transactions filter on date ranges (two values or the reports spec's one 'from,to' value) and ids", async () => {
    const { basiq, userId, second } = await twoBanks();
    const all = await allTransactions(basiq, userId);
    const inRange = all.filter((t) => t.postDate.slice(0, 10) >= "2026-10-01" && t.postDate.slice(0, 10) <= "2026-10-31");
    const ranged = await basiq.ops.getTransactions({ params: { path: { userId }, query: { filter: "transaction.postDate.bt('2026-10-01','2026-10-31')" } } });
    expect(ranged.data.map((t) => t.id)).toEqual(inRange.map((t) => t.id));
    const started = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "t", filters: [{ name: "users", value: [userId] }] } });
    const reportId = String((await basiq.waitForJob(started.id!, { intervalMs: 1 })).links?.source).split("/").pop()!;
    const listed = await basiq.ops.retrieveReportTransactions({ params: { path: { reportId }, query: { filter: `transaction.postDate.bt('2026-10-01,2026-10-31'),connection.id.eq('${second.connectionId}')` } } });
    expect(listed.data.map((t) => t.id)).toEqual(inRange.filter((t) => t.connection === second.connectionId).map((t) => t.id));
    const one = await basiq.ops.retrieveReportTransactions({ params: { path: { reportId }, query: { filter: `transaction.id.eq('${all[3]!.id}')` } } });
    expect(one.data.map((t) => t.id)).toEqual([all[3]!.id]);
  });
});

describe("sandbox reports honour their filters and agree with the summaries", () => {
  async function twoConnections() {
    const { sandbox, basiq, userId } = await consented({ transactions: 600 });
    await basiq.waitForJob(sandbox.consent(userId, { institutionId: "AU00000" }).jobId, { intervalMs: 1 });
    await basiq.waitForJob(sandbox.consent(userId, { institutionId: "AU00001" }).jobId, { intervalMs: 1 });
    return { sandbox, basiq, userId };
  }
  const report = async (basiq: Basiq, filters: Array<{ name: string; value: string | string[] }>) => {
    const started = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "Dates", filters } });
    const id = String((await basiq.waitForJob(started.id!, { intervalMs: 1 })).links?.source).split("/").pop()!;
    return { id, body: await basiq.ops.retrieveReport({ params: { path: { id } } }) };
  };

  test("a CON_AFFOR_01 report covers only fromDate..toDate; metrics, groups and subgroups are filled as the spec's example", async () => {
    const { basiq, userId } = await twoConnections();
    const all = await allTransactions(basiq, userId);
    const { id, body } = await report(basiq, [{ name: "users", value: [userId] }, { name: "fromDate", value: "2026-09-01" }, { name: "toDate", value: "2026-10-31" }]);
    const inRange = all.filter((t) => t.postDate.slice(0, 10) >= "2026-09-01" && t.postDate.slice(0, 10) <= "2026-10-31");
    const listed = await basiq.ops.retrieveReportTransactions({ params: { path: { reportId: id } } });
    // Before the fix the report covered all 1200 transactions whatever its dates.
    expect(listed.count).toBe(inRange.length);
    expect(listed.data.every((t) => t.postDate.slice(0, 10) >= "2026-09-01" && t.postDate.slice(0, 10) <= "2026-10-31")).toBe(true);
    const metrics = body.data?.metrics ?? [];
    expect(metrics.every((m) => typeof m.description === "string" && m.description.length > 0)).toBe(true);
    expect(new Set(metrics.map((m) => m.result?.format))).toEqual(new Set(["integer", "money", "percent"]));
    const credits = inRange.filter((t) => t.direction === "credit");
    expect(metrics.find((m) => m.id === "ME040")?.result?.value).toBe(money(Math.round(sum(credits) / 2)));
    const groups = body.data?.groups ?? [];
    expect(groups.length).toBeGreaterThan(3);
    for (const group of groups) {
      expect(group.analysis?.amount?.stableMonths).toEqual(expect.any(Number));
      expect(group.analysis?.frequency?.type).toEqual(expect.any(String));
      expect(group.subgroup?.length).toBeGreaterThan(0);
      expect(group.analysis?.range?.startDate! >= "2026-09-01" && group.analysis?.range?.endDate! <= "2026-10-31").toBe(true);
    }
    const salary = groups.flatMap((g) => g.subgroup ?? []).find((sg) => sg.name === "SALARY HOOLI PTY LTD")!;
    expect(salary.analysis?.frequency).toMatchObject({ type: "P2W", display: "Fortnightly", next: { date: expect.any(String) } });
    expect(salary.analysis?.amount?.stableMonths).toBe(2);
    const salaryAccount = inRange.find((t) => t.id === salary.transactions![0]!.id)!.account;
    expect(salary.transactions?.map((t) => t.id)).toEqual(inRange.filter((t) => t.description === "SALARY HOOLI PTY LTD" && t.account === salaryAccount).map((t) => t.id));
  });

  test("with two connections, income finds both salaries, and affordability, income and the report agree on regular income", async () => {
    const { basiq, userId } = await twoConnections();
    const all = await allTransactions(basiq, userId);
    const income = await basiq.ops.postIncome({ params: { path: { userId } }, body: {} });
    // Before the fix two connections' salaries were one source paid twice a day: no regular income at all.
    expect(income.regular?.map((r) => [r.source, r.frequency])).toEqual([["SALARY HOOLI PTY LTD", "bi-weekly"], ["SALARY HOOLI PTY LTD", "bi-weekly"]]);
    const affordability = await basiq.ops.postAffordability({ params: { path: { userId } }, body: {} });
    const three = [income.toMonth, "2026-10", "2026-09"];
    const salary3 = all.filter((t) => t.description === "SALARY HOOLI PTY LTD" && three.includes(t.postDate.slice(0, 7)));
    expect(income.toMonth).toBe("2026-11");
    const perSource = income.regular!.map((r) => r.previous3Months.amountAvgMonthly);
    expect(affordability.summary.regularIncome.previous3Months.avgMonthly).toBe(money(perSource.reduce((n, a) => n + cents(a), 0)));
    expect(cents(affordability.summary.regularIncome.previous3Months.avgMonthly)).toBeCloseTo(sum(salary3) / 3, -1);
    const linked = await basiq.ops.getIncome({ params: { path: { userId, snapshotId: affordability.links.income!.split("/").pop()! } } });
    expect(linked.regular?.map((r) => r.previous3Months.amountAvgMonthly)).toEqual(perSource);
    const { body } = await report(basiq, [{ name: "users", value: [userId] }]);
    expect(body.data?.metrics?.find((m) => m.id === "ME001")?.result?.value).toBe("2");
    expect(body.data?.metrics?.find((m) => m.id === "ME002")?.result?.value).toBe(income.summary.regularIncomeAvg);
  });
});

describe("sandbox jobs, connections and enrich fill what Basiq fills", () => {
  test("a job's top-level status follows its steps; refresh moves lastUsed; anzsic.subclass is set; links.institution can be followed", async () => {
    const { sandbox, basiq, userId } = await consented({ transactions: 60 });
    const { jobId, connectionId } = sandbox.consent(userId);
    expect((await basiq.ops.getJobs({ params: { path: { jobId } } })).status).toBe("in-progress");
    const done = await basiq.waitForJob(jobId, { intervalMs: 1 });
    expect(await basiq.ops.getJobs({ params: { path: { jobId } } })).toMatchObject({ status: "success", partnerId: expect.any(String), applicationId: expect.any(String) });
    expect(done.steps?.every((s) => s.status === "success")).toBe(true);
    sandbox.failNextJob("retrieve-accounts");
    const before = await basiq.ops.getConnection({ params: { path: { userId, connectionId } } });
    const failed = (await basiq.ops.refreshConnection({ params: { path: { userId, connectionId } } })).id!;
    await basiq.waitForJob(failed, { intervalMs: 1 }).catch(() => undefined);
    expect((await basiq.ops.getJobs({ params: { path: { jobId: failed } } })).status).toBe("failed");
    const refreshed = (await basiq.ops.refreshConnection({ params: { path: { userId, connectionId } } })).id!;
    const job = await basiq.waitForJob(refreshed, { intervalMs: 1 });
    expect(job.links?.source).toBe(before.links?.self);
    const after = await basiq.ops.getConnection({ params: { path: { userId, connectionId } } });
    expect(Date.parse(after.lastUsed!)).toBeGreaterThan(Date.parse(before.lastUsed!));

    const woolworths = (await allTransactions(basiq, userId)).find((t) => t.enrich.merchant?.businessName === "Woolworths")!;
    expect(woolworths.enrich.category?.anzsic?.subclass).toEqual({ code: "411000", title: "Supermarket and Grocery Stores" });
    const found = await basiq.ops.enrich({ params: { query: { q: "WOOLWORTHS 1234 SYDNEY", institution: "AU00000", country: "AU" } } });
    expect(found.data?.category?.anzsic?.subclass).toEqual({ code: "411000", title: "Supermarket and Grocery Stores" });

    const token = (await basiq.ops.postToken({ params: { header: { "basiq-version": "3.0" } }, body: { scope: "SERVER_ACCESS" } })).access_token;
    const institution = await sandbox.fetch(new Request(after.institution!.links!.self!, { headers: { authorization: `Bearer ${token}` } }));
    expect(institution.status).toBe(200);
    expect(await institution.json()).toMatchObject({ type: "institution", id: "AU00000", name: "Hooli Bank" });
    const viaTransaction = await sandbox.fetch(new Request(woolworths.links.institution!, { headers: { authorization: `Bearer ${token}` } }));
    expect(viaTransaction.status).toBe(200);
  });
});

describe("the five ported integrations' calls, end to end against one sandbox", () => {
  test("create user, consent redirect jobIds polled with a CLIENT token, one connection's accounts, every transaction page, a dated CON_AFFOR_01 report, affordability as PDF, auth links, refresh, webhooks", async () => {
    const sandbox = createSandbox({ apiKey: API_KEY, transactions: 300, seed: 5, today: "2026-11-20" });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const hook = await basiq.ops.addWebhook({ body: { url: "https://example.com/hooks", subscribedEvents: ["connection.created", "transactions.updated"] } });
    // Account verification: the user, then the Consent UI's redirect back with the jobs it started.
    const user = await basiq.ops.createUser({ body: { email: "gavin@hooli.com", mobile: "+61410888999", firstName: "Gavin", lastName: "Belson" } });
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(user.id).toMatch(uuid);
    const a = sandbox.consent(user.id, { institutionId: "AU00000" });
    const b = sandbox.consent(user.id, { institutionId: "AU00001" });
    const { jobIds } = parseConsentRedirect(`https://app.example/callback?jobIds=${a.jobId},${b.jobId}&state=s1`);
    expect(jobIds).toEqual([a.jobId, b.jobId]);
    // Browser-side polling, as Basiq's docs do it: a CLIENT_ACCESS token bound to the user.
    const browser = new Basiq({ token: () => basiq.clientToken(user.id), fetch: sandbox.fetch });
    for (const jobId of jobIds) expect((await browser.waitForJob(jobId, { intervalMs: 1 })).steps?.every((s) => s.status === "success")).toBe(true);
    // The accounts of one connection, through its own link.
    const connection = await basiq.ops.getConnection({ params: { path: { userId: user.id, connectionId: b.connectionId } } });
    const accounts = ((await basiq.follow(connection.links.accounts!)).data as { data: Array<{ id: string; connection: string }> }).data;
    expect(accounts.map((x) => x.connection)).toEqual([b.connectionId, b.connectionId]);
    // PFM sync: every transaction, page by page.
    const first = await basiq.ops.getTransactions({ params: { path: { userId: user.id }, query: { limit: 40 } } });
    const seen: string[] = [];
    for await (const t of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId: user.id }, query: { limit: 40 } } })) seen.push(t.id);
    expect(seen).toHaveLength(first.count!);
    expect(new Set(seen).size).toBe(seen.length);
    // Income report: CON_AFFOR_01 over dates.
    const started = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "Sept-Oct", filters: [{ name: "users", value: [user.id] }, { name: "fromDate", value: "2026-09-01" }, { name: "toDate", value: "2026-10-31" }] } });
    const reportId = String((await basiq.waitForJob(started.id!, { intervalMs: 1 })).links?.source).split("/").pop()!;
    const rows = await basiq.ops.retrieveReportTransactions({ params: { path: { reportId } } });
    expect(rows.data.every((t) => t.postDate >= "2026-09-01" && t.postDate < "2026-11")).toBe(true);
    // Affordability connector: the snapshot as PDF, then a refresh that moves lastUsed.
    const pdf = await basiq.ops.postAffordability({ params: { path: { userId: user.id } }, body: {}, accept: "pdf" });
    expect(new TextDecoder().decode(new Uint8Array(await pdf.arrayBuffer())).startsWith("%PDF-1.4")).toBe(true);
    const refreshed = await basiq.ops.refreshConnections({ params: { path: { userId: user.id } } });
    for (const job of refreshed.data) await basiq.waitForJob(job.id!, { intervalMs: 1 });
    const after = await basiq.ops.getConnection({ params: { path: { userId: user.id, connectionId: b.connectionId } } });
    expect(Date.parse(after.lastUsed!)).toBeGreaterThan(Date.parse(connection.lastUsed!));
    // Webhook receiver with auth links.
    const link = await basiq.ops.postAuthLink({ params: { path: { userId: user.id } }, body: {} });
    expect(link.links?.public).toMatch(/^https:\/\/connect\.basiq\.io\//);
    expect((await basiq.ops.getAuthLink({ params: { path: { userId: user.id } } })).userId).toBe(user.id);
    await basiq.ops.deleteAuthLink({ params: { path: { userId: user.id } } });
    await expect(basiq.ops.getAuthLink({ params: { path: { userId: user.id } } })).rejects.toMatchObject({ status: 410 });
    const events = await Promise.all(sandbox.deliveries.filter((d) => d.webhookId === hook.id).map((d) => verifyWebhook({ body: d.body, headers: d.headers, secret: hook.secret! })));
    expect(events.map((e) => e.eventTypeId)).toEqual(expect.arrayContaining(["connection.created", "transactions.updated"]));
  });
});
