// The sandbox answers every operation of the seven specs: one walk through the operation table,
// each call through basiq.ops with inputs made by earlier calls, each answer a 2xx whose body
// validates against the operation's response schema in the overlaid spec (Ajv).
import { beforeAll, describe, expect, test } from "@jest/globals";
import { Basiq, type OperationId } from "basiq";
import { createSandbox } from "basiq/testing";
import { operationTable } from "../generated/operations.js";
import { API_KEY } from "./helpers/fetch.js";
import { coverageOf } from "./helpers/coverage.js";
import { specValidators, type SpecValidators } from "./helpers/spec-schemas.js";
import { figure } from "./helpers/figures.js";

type Ctx = Record<string, string>;
type Row = (typeof operationTable)[OperationId];
interface Seen {
  method: string;
  path: string;
  status: number;
  contentType: string;
  text: string;
}

/** "METHOD /path/template" of an operation: the key the walk uses, so renamed operationIds do not matter. */
const keyOf = (row: Row) => `${row.method} ${row.path}`;
const idByKey = new Map(Object.entries(operationTable).map(([id, row]) => [keyOf(row), id as OperationId]));
const header = { "basiq-version": "3.0" } as const;
const months = (ctx: Ctx) => ({ accounts: [ctx.accountId!] });

/**
 * Every operation, in an order where each finds what it needs: [operation, its init from what
 * earlier calls made, what to keep from its answer]. Steps that are not operations (the consent
 * the Consent UI would give, waiting for jobs) run between them.
 */
type Step =
  | { op: string; init?: (ctx: Ctx) => unknown; keep?: (result: any, ctx: Ctx) => void | Promise<void>; asUser?: true }
  | { run: (ctx: Ctx) => Promise<void> };

/**
 * Why a declared response property is left empty in the walk, by pattern of its path: what the
 * real API leaves empty there too, or what the walk's own data does not have. The coverage figure
 * is printed; an empty property no entry explains fails the walk.
 */
const WHY_EMPTY: Array<[RegExp, string]> = [
  [/(^|\.)links\.next$/, "only when there is a next page (the walk's lists fit one page)"],
  [/^(businessAddress|businessIdNo|businessIdNoType|businessName|verificationDate|verificationStatus)$/, "business users only; the walk's user is a person"],
  [/^middleName$/, "the walk's user was created without one"],
  [/^(accounts|connections)\.data$/, "GET /users/{userId} runs before the consent in the walk"],
  [/subscribedEvents$/, "the walk's webhook subscribes to every event (an empty list)"],
  [/\.revoked$|latestConsentPolicy$|^links$/, "an active consent: no revocation, no newer policy"],
  [/^data\.(institution|lastUsed|mfaEnabled|status|links\.accounts|links\.transactions)$/, "the event's entity is a user here, not a connection"],
  [/steps\[\]\.result\.(code|details?|title|description|expiryMs|input|links|method)$|institution\.links\.source$|^links\.link$/, "a step result carries an error (code, title, detail) only on failure, MFA fields only during a challenge"],
  [/(amortisedLimit|bundleName|creationDate|creditLimit|depositRate|lendingRate|meta|purses|unmaskedAccNum)$/, "CDR product fields a transaction or savings account does not report (credit and loan accounts do)"],
  [/^links\.(connection|institution|statements|transactions)$/, "the accounts list's own links: Basiq fills them when the list is filtered by one connection"],
  [/(^|\.)(balance|postDate)$/, "the walk's first transaction is pending: no post date, no running balance yet (Basiq's pending rows)"],
  [/category\.mcc$|location\.(geometry|route|routeNo)$|merchant\.(ABN|abn|logoMaster|logoThumb|phoneNumber)$|links\.logo-(master|thumb)$|(^|\.)reference$|paymentDetails$|enrich\.tags$/, "merchant details the sandbox's table does not hold (no street address, ABN, logo or phone; no card MCC, no payment reference)"],
  [/addressLine[23]$|occupationCode(Version)?$|organisation$|(^|\.)title$/, "the holder's profile has one address line and no title, occupation or organisation"],
  [/authorization\.meta$|institution\.(abn|acn|cdrEmail|cdrFAQ|cdrPolicy|cdrProviderNumber)$|logo\.colors$|retrieveMeta$/, "the sandbox's test institutions are not CDR data holders"],
  [/^data\[\]\.filters$/, "the report list item does not repeat its filters"],
  [/^(description|filters|id|name)$/, "GET /reports/types declares these at the top level, beside data[] (a spec quirk): they are in data[]"],
  [/frequency\.next$/, "irregular groups have no next occurrence"],
  [/^liabilities\.(credit|loan)$|summary\.(creditLimit|potentialLiabilitiesMonthly)$/, "the walk's accounts are a transaction and a savings account: no credit card or loan"],
  [/externalTransfers\.changeHistory$/, "the walk's statement history has no external transfers"],
  [/^(irregular|otherCredit)$|irregularIncomeAvg$/, "the walk's credits are one salary (regular): no irregular or other credits"],
  [/attempts$|payload\.links\.(next|self)$/, "delivery attempts are kept by the webhook delivery model (issue 19's time part)"],
];

describe("basiq/testing answers every operation of the seven specs", () => {
  let validators: SpecValidators;
  let coverage: Awaited<ReturnType<typeof coverageOf>>;
  beforeAll(async () => { [validators, coverage] = await Promise.all([specValidators(), coverageOf()]); }, 120_000);

  test("every operation in the table, called through basiq.ops, answers 2xx with a body its spec accepts", async () => {
    const validate = validators;
    const sandbox = createSandbox({ transactions: 240, seed: 7 });
    const seen: Seen[] = [];
    const fetch = async (request: Request) => {
      const response = await sandbox.fetch(request);
      seen.push({ method: request.method, path: new URL(request.url).pathname, status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.clone().text() });
      return response;
    };
    const basiq = new Basiq({ apiKey: API_KEY, fetch });
    // What the user's side calls with a CLIENT_ACCESS token (answering an MFA challenge).
    const asUser = (ctx: Ctx) => new Basiq({ token: () => basiq.clientToken(ctx.userId!), fetch });
    const wait = async (jobId: string) => basiq.waitForJob(jobId, { intervalMs: 1 });
    const steps: Step[] = [
      { op: "POST /token", init: () => ({ params: { header }, body: { scope: "SERVER_ACCESS" } }) },
      { op: "POST /users", init: () => ({ body: { email: "gavin@hooli.com", mobile: "+61410888999", firstName: "Gavin", lastName: "Belson" } }), keep: (r, ctx) => { ctx.userId = r.id; } },
      { op: "GET /users/{userId}", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }) },
      { op: "POST /users/{userId}", init: (ctx) => ({ params: { path: { userId: ctx.userId } }, body: { middleName: "Hooli" } }) },
      { op: "POST /notifications/webhooks", init: () => ({ body: { name: "walk", description: "every event", url: "https://example.com/hooks/basiq", subscribedEvents: [] } }), keep: (r, ctx) => { ctx.webhookId = r.id; } },
      { op: "GET /notifications/webhooks" },
      { op: "GET /notifications/webhooks/{webhookId}", init: (ctx) => ({ params: { path: { webhookId: ctx.webhookId } } }) },
      { op: "POST /notifications/webhooks/{webhookId}", init: (ctx) => ({ params: { path: { webhookId: ctx.webhookId } }, body: { url: "https://example.com/hooks/basiq2" } }) },
      { run: async (ctx) => { const { jobId, connectionId } = sandbox.consent(ctx.userId!); ctx.jobId = jobId; ctx.connectionId = connectionId; await wait(jobId); } },
      { op: "GET /users/{userId}/consents", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }), keep: (r, ctx) => { ctx.consentId = r.data[0].id; } },
      { op: "POST /users/{userId}/auth_link", init: (ctx) => ({ params: { path: { userId: ctx.userId } }, body: { mobile: "+61410888999" } }) },
      { op: "GET /users/{userId}/auth_link", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }) },
      { op: "DELETE /users/{userId}/auth_link", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }) },
      { op: "GET /events", keep: (r, ctx) => { ctx.eventId = r.data[0].id; } },
      { op: "GET /events/{id}", init: (ctx) => ({ params: { path: { id: ctx.eventId } } }) },
      { op: "GET /events/types" },
      { op: "GET /events/types/{id}", init: () => ({ params: { path: { id: "transactions.updated" } } }) },
      { op: "GET /users/{userId}/jobs", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }) },
      { op: "GET /jobs/{jobId}", init: (ctx) => ({ params: { path: { jobId: ctx.jobId } } }) },
      { run: async (ctx) => { ctx.mfaJobId = sandbox.consent(ctx.userId!, { mfa: ["123456"] }).jobId; await basiq.waitForJob(ctx.mfaJobId, { until: "verify-credentials", intervalMs: 1 }); } },
      { op: "POST /jobs/{jobId}/mfa", asUser: true, init: (ctx) => ({ params: { path: { jobId: ctx.mfaJobId } }, body: { "mfa-response": ["123456"] } }), keep: async (r) => { await wait(r.id); } },
      { op: "GET /users/{userId}/accounts", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }), keep: (r, ctx) => { ctx.accountId = r.data[0].id; } },
      { op: "GET /users/{userId}/accounts/{accountId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, accountId: ctx.accountId } } }) },
      { op: "GET /users/{userId}/transactions", init: (ctx) => ({ params: { path: { userId: ctx.userId }, query: { limit: 50 } } }), keep: (r, ctx) => { ctx.transactionId = r.data[0].id; } },
      { op: "GET /users/{userId}/transactions/{transactionId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, transactionId: ctx.transactionId } } }) },
      { op: "GET /users/{userId}/connections", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }) },
      { op: "GET /users/{userId}/connections/{connectionId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, connectionId: ctx.connectionId } } }) },
      { op: "POST /users/{userId}/connections/refresh", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }), keep: async (r) => { for (const job of r.data) await wait(job.id); } },
      { op: "POST /users/{userId}/connections/{connectionId}/refresh", init: (ctx) => ({ params: { path: { userId: ctx.userId, connectionId: ctx.connectionId } } }), keep: async (r) => { await wait(r.id); } },
      { op: "POST /users/{userId}/statements", init: (ctx) => ({ params: { path: { userId: ctx.userId } }, body: { institutionId: "AU00002", statement: new Blob(["%PDF-1.4\n"], { type: "application/pdf" }) } }), keep: async (r) => { await wait(r.id); } },
      { op: "GET /connectors" },
      { op: "GET /connectors/{connectorId}/{method}", init: () => ({ params: { path: { connectorId: "AU00000", method: "openbanking" } } }) },
      { op: "POST /reports", init: (ctx) => ({ body: { reportType: "CON_AFFOR_01", title: "Walk", filters: [{ name: "users", value: [ctx.userId] }] } }), keep: async (r, ctx) => { ctx.reportId = String((await wait(r.id)).links?.source).split("/").pop()!; } },
      { op: "GET /reports" },
      { op: "GET /reports/{id}", init: (ctx) => ({ params: { path: { id: ctx.reportId } } }) },
      { op: "GET /reports/{reportId}/transactions", init: (ctx) => ({ params: { path: { reportId: ctx.reportId } } }) },
      { op: "GET /reports/types" },
      { op: "GET /reports/types/{reportTypeId}", init: () => ({ params: { path: { reportTypeId: "CON_AFFOR_01" } } }) },
      { op: "GET /enrich", init: () => ({ params: { query: { q: "WOOLWORTHS 1234 SYDNEY", institution: "AU00000", country: "AU" } } }) },
      { op: "POST /users/{userId}/affordability", init: (ctx) => ({ params: { path: { userId: ctx.userId } }, body: months(ctx) }), keep: (r, ctx) => { ctx.snapshotId = r.id; } },
      { op: "GET /users/{userId}/affordability", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }) },
      { op: "GET /users/{userId}/affordability/{snapshotId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, snapshotId: ctx.snapshotId } } }) },
      { op: "GET /users/{userId}/affordability/{snapshotId}/transactions", init: (ctx) => ({ params: { path: { userId: ctx.userId, snapshotId: ctx.snapshotId } } }) },
      { op: "POST /users/{userId}/expenses", init: (ctx) => ({ params: { path: { userId: ctx.userId } }, body: months(ctx) }), keep: (r, ctx) => { ctx.expensesId = r.id; } },
      { op: "GET /users/{userId}/expenses/{snapshotId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, snapshotId: ctx.expensesId } } }) },
      { op: "POST /users/{userId}/income", init: (ctx) => ({ params: { path: { userId: ctx.userId } }, body: months(ctx) }), keep: (r, ctx) => { ctx.incomeId = r.id; } },
      { op: "GET /users/{userId}/income/{snapshotId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, snapshotId: ctx.incomeId } } }) },
      { op: "GET /users/{userId}/identities", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }), keep: (r, ctx) => { ctx.identityId = r.data[0].id; } },
      { op: "GET /users/{userId}/identities/{identityId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, identityId: ctx.identityId } } }) },
      { op: "POST /notifications/messages/test", init: () => ({ body: { eventTypeId: "connection.created" } }) },
      { op: "GET /notifications/webhooks/{webhookId}/messages", init: (ctx) => ({ params: { path: { webhookId: ctx.webhookId } } }), keep: (r, ctx) => { ctx.messageId = r.data[0].id; } },
      { op: "GET /notifications/webhooks/{webhookId}/messages/{messageId}", init: (ctx) => ({ params: { path: { webhookId: ctx.webhookId, messageId: ctx.messageId } } }) },
      { op: "DELETE /users/{userId}/consents/{consentId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, consentId: ctx.consentId } } }) },
      { op: "DELETE /reports/{id}", init: (ctx) => ({ params: { path: { id: ctx.reportId } } }) },
      { op: "POST /users/{userId}/connections/{connectionId}/purge", init: (ctx) => ({ params: { path: { userId: ctx.userId, connectionId: ctx.connectionId } } }) },
      { op: "DELETE /users/{userId}/connections/{connectionId}", init: (ctx) => ({ params: { path: { userId: ctx.userId, connectionId: ctx.connectionId } } }) },
      { op: "DELETE /notifications/webhooks/{webhookId}", init: (ctx) => ({ params: { path: { webhookId: ctx.webhookId } } }) },
      { op: "DELETE /users/{userId}", init: (ctx) => ({ params: { path: { userId: ctx.userId } } }) },
    ];

    // The walk covers the table exactly: an operation added to a spec fails here until it is walked.
    const walked = steps.flatMap((s) => ("op" in s ? [s.op] : []));
    expect([...walked].sort()).toEqual([...idByKey.keys()].sort());

    const ctx: Ctx = {};
    const failures: string[] = [];
    const covered: Array<{ op: string; filled: number; declared: number; empty: string[] }> = [];
    for (const step of steps) {
      if ("run" in step) {
        await step.run(ctx);
        continue;
      }
      const id = idByKey.get(step.op)!;
      const row = operationTable[id];
      const from = seen.length;
      const client = step.asUser ? asUser(ctx) : basiq;
      const result = await (client.ops[id] as (init: unknown) => Promise<unknown>)(step.init?.(ctx) ?? {}).catch((error: Error) => error);
      if (result instanceof Error) {
        failures.push(`${step.op} (${id}) threw ${result.message}`);
        continue;
      }
      await step.keep?.(result, ctx);
      // The operation's own request: the last one to its path template (POST /token may precede it).
      const pattern = new RegExp(`^${row.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      const own = seen.slice(from).filter((s) => s.method === row.method && pattern.test(s.path)).at(0)!;
      if (own.status < 200 || own.status > 299) failures.push(`${step.op} answered ${own.status}`);
      if (/sandbox has no|No route/i.test(own.text)) failures.push(`${step.op} is not implemented: ${own.text}`);
      const check = validate(row.spec, row.method, row.path, own.status, own.contentType.split(";")[0]!);
      const declared = !("empty" in row);
      if (declared && !check) failures.push(`${step.op} answered ${own.status} ${own.contentType}, which its spec does not declare`);
      if (check && !check(JSON.parse(own.text))) failures.push(`${step.op}: ${JSON.stringify(check.errors?.slice(0, 3))}`);
      const counted = check && coverage(row.spec, row.method, row.path, own.status, JSON.parse(own.text));
      if (counted) covered.push({ op: step.op, filled: counted.filled.size, declared: counted.filled.size + counted.empty.size, empty: [...counted.empty].sort() });
    }
    const filled = covered.reduce((n, c) => n + c.filled, 0);
    const declared = covered.reduce((n, c) => n + c.declared, 0);
    figure([`response property coverage: ${filled} of ${declared} declared properties filled (${Math.round((filled / declared) * 100)}%) over ${covered.length} operations`,
      ...covered.map((c) => `  ${String(Math.round((c.filled / Math.max(1, c.declared)) * 100)).padStart(3)}% ${c.op} (${c.filled}/${c.declared})${c.empty.length ? `; empty: ${c.empty.join(", ")}` : ""}`)].join("\n"));
    const unexplained = covered.flatMap((c) => c.empty.filter((path) => !WHY_EMPTY.some(([pattern]) => pattern.test(path))).map((path) => `${c.op}: ${path}`));
    figure(["why each is empty:", ...WHY_EMPTY.map(([pattern, why]) => `  ${pattern.source}: ${why}`)].join("\n"));
    expect(failures).toEqual([]);
    expect(unexplained).toEqual([]);
  }, 60_000);

  test("every method and path of the table reaches a route, never the not-implemented answer, whatever the ids", async () => {
    const sandbox = createSandbox({ transactions: 0 });
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const token = await basiq.ops.postToken({ params: { header }, body: { scope: "SERVER_ACCESS" } });
    const unrouted: string[] = [];
    for (const row of Object.values(operationTable)) {
      const path = row.path.replace(/\{[^}]+\}/g, "unknown-id");
      const response = await sandbox.fetch(new Request(`https://au-api.basiq.io${path}`, { method: row.method, headers: { authorization: `Bearer ${token.access_token}`, "basiq-version": "3.0" } }));
      const text = await response.text();
      if (/No route|sandbox has no/i.test(text)) unrouted.push(`${row.method} ${row.path}: ${text}`);
    }
    expect(unrouted).toEqual([]);
    // The control: a path outside the table is the not-implemented answer this test looks for.
    const outside = await sandbox.fetch(new Request("https://au-api.basiq.io/users/u1/nothing", { headers: { authorization: `Bearer ${token.access_token}` } }));
    expect(await outside.text()).toMatch(/No route GET \/users\/u1\/nothing/);
  });

  test("control: the validator refuses a body its schema does not accept, so a pass above means something", () => {
    const check = validators("core", "GET", "/users/{userId}", 200, "application/json")!;
    expect(check({ type: "user", id: "u1" })).toBe(false);
    expect(check.errors?.map((e) => e.params)).toContainEqual({ missingProperty: "email" });
  });
});
