// The affordability spec: affordability, income and expenses snapshots computed from the user's
// own transactions when POSTed, then listed and fetched (affordability also as PDF).
import type { affordability } from "../../../generated/index.js";
import { affordabilityBody, affordabilityListItem, affordabilityTransaction } from "../affordability.js";
import { PRODUCTION } from "../fixtures.js";
import { csvResponse, expensesRows, transactionRows } from "../csv.js";
import { json, notFound, readJson, wantsCsv, wantsPdf } from "../http.js";
import { pdfResponse } from "../pdf.js";
import { page } from "../query.js";
import { route, type Route } from "../router.js";
import type { SandboxState } from "../state.js";
import type { Snapshot, UserState } from "../state-types.js";
import { expenses, income, scope } from "../summaries.js";

type Schemas = affordability.components["schemas"];
type SnapshotRequest = Schemas["AffordabilityPostRequest"];

export function affordabilityRoutes(s: SandboxState): Route[] {
  const snapshotOf = (state: UserState, id: string, kind: Snapshot["kind"]) => {
    const snapshot = state.snapshots.get(id);
    if (!snapshot || snapshot.kind !== kind) throw notFound(`No ${kind} snapshot ${id}`, s.correlation());
    return snapshot;
  };
  /** Computes and stores a snapshot of `kind` over the request's accounts and months. */
  const make = (state: UserState, kind: Snapshot["kind"], request: SnapshotRequest, id = s.uuid()) => {
    const scoped = scope(state.user.id, id, state.transactions, request, s.clock.today);
    const institutions = [...new Set(state.accounts.filter((a) => scoped.accounts.includes(a.id)).map((a) => a.institution))];
    let made: unknown;
    if (kind === "income") made = income(scoped);
    else if (kind === "expenses") made = expenses(scoped);
    else {
      const ids = { income: make(state, "income", request).id, expenses: make(state, "expenses", request).id };
      made = affordabilityBody(scoped, state.accounts, ids, s.now());
    }
    state.snapshots.set(id, { kind, body: made, transactions: scoped.transactions, institutions });
    return { id, body: made };
  };
  /** A snapshot as JSON, or as the PDF or CSV the spec offers for it when the request's Accept asks. */
  const answer = (kind: Snapshot["kind"], request: Request, made: unknown) => {
    if (kind === "affordability" && wantsPdf(request)) {
      const body = made as ReturnType<typeof affordabilityBody>;
      return pdfResponse([`Affordability ${body.id}`, `${body.fromMonth} to ${body.toMonth}, generated ${body.generatedDate}`, "",
        `Assets: ${body.summary.assets}`, `Monthly expenses: ${body.summary.expenses}`, `Regular income (3 months, monthly): ${body.summary.regularIncome.previous3Months.avgMonthly}`, `Savings: ${body.summary.savings}`]);
    }
    if (kind === "expenses" && wantsCsv(request)) return csvResponse(expensesRows(made as ReturnType<typeof expenses>), "text/csv");
    return json(made);
  };
  const post = (kind: Snapshot["kind"]) => async ({ request, params: { userId } }: { request: Request; params: Record<string, string> }) => {
    s.authorize(request);
    const state = s.userOf(userId!);
    return answer(kind, request, make(state, kind, await readJson<SnapshotRequest>(request, {})).body);
  };
  const get = (kind: Snapshot["kind"]) => ({ request, params: { userId, snapshotId } }: { request: Request; params: Record<string, string> }) => {
    s.authorize(request);
    return answer(kind, request, snapshotOf(s.userOf(userId!), snapshotId!, kind).body);
  };
  return [
    route("GET", "/users/{userId}/affordability", ({ request, params: { userId } }) => {
      s.authorize(request);
      const state = s.userOf(userId!);
      const list = [...state.snapshots.values()].filter((x) => x.kind === "affordability").reverse()
        .map((x) => affordabilityListItem(x.body as ReturnType<typeof affordabilityBody>, x.institutions));
      return json({ type: "list", data: list, links: { self: `${PRODUCTION}/users/${userId}/affordability` } } satisfies Schemas["AffordabilityListResponse"]);
    }),
    route("POST", "/users/{userId}/affordability", post("affordability")),
    route("GET", "/users/{userId}/affordability/{snapshotId}", get("affordability")),
    route("GET", "/users/{userId}/affordability/{snapshotId}/transactions", ({ request, params: { userId, snapshotId }, url }) => {
      s.authorize(request);
      const snapshot = snapshotOf(s.userOf(userId!), snapshotId!, "affordability");
      const list = [...snapshot.transactions].reverse();
      const self = `${PRODUCTION}/users/${userId}/affordability/${snapshotId}/transactions`;
      const { items, next } = page(list, url, s.options.pageSize, self);
      if (wantsCsv(request)) return csvResponse(transactionRows(list), "application/csv");
      return json({ type: "list", count: list.length, size: items.length, data: items.map((t) => affordabilityTransaction(userId!, t)), links: { self, ...(next ? { next } : {}) } } satisfies Schemas["AffordabilityTransactionsResponse"]);
    }),
    route("POST", "/users/{userId}/expenses", post("expenses")),
    route("GET", "/users/{userId}/expenses/{snapshotId}", get("expenses")),
    route("POST", "/users/{userId}/income", post("income")),
    route("GET", "/users/{userId}/income/{snapshotId}", get("income")),
  ];
}
