// The reporting spec: reports made through a job, listed, fetched (JSON, or PDF when asked), deleted,
// their transactions; and the report types.
import type { reporting } from "../../../generated/index.js";
import { jobStarted, PRODUCTION } from "../fixtures.js";
import { badRequest, empty, json, notFound, readJson, wantsPdf } from "../http.js";
import { pdfResponse } from "../pdf.js";
import { keep } from "../filters.js";
import { page, TRANSACTION_FIELDS } from "../query.js";
import { REPORT_TYPES, reportBody, reportScope, reportLines, reportSummary, reportTransaction, reportTypeBody, reportTypesBody, type ReportRequest } from "../reports.js";
import { route, type Route } from "../router.js";
import { startJob } from "../jobs.js";
import type { SandboxState } from "../state.js";

type Schemas = reporting.components["schemas"];

export function reportingRoutes(s: SandboxState): Route[] {
  const reportOf = (id: string) => {
    const found = s.reports.get(id);
    if (!found) throw notFound(`Report ${id} not found`, s.correlation());
    return found;
  };
  return [
    route("POST", "/reports", async ({ request }) => {
      s.authorize(request);
      const input = await readJson<Partial<ReportRequest>>(request, {});
      const userIds = input.filters?.find((f) => f.name === "users")?.value;
      const userId = Array.isArray(userIds) ? userIds[0] : userIds;
      if (!input.reportType || !input.title || !input.filters || !userId) throw badRequest("A report needs reportType, title and a users filter", "filters", s.correlation());
      if (!REPORT_TYPES.some((t) => t.id === input.reportType)) throw badRequest(`Unknown report type ${input.reportType}`, "reportType", s.correlation());
      const state = s.userOf(userId);
      const scoped = reportScope(input as ReportRequest, state.transactions, state.accounts);
      const reportId = s.uuid();
      s.reports.set(reportId, { report: reportBody(reportId, input as ReportRequest, s.now(), scoped, userId, s.clock.today), userId, transactions: scoped.transactions });
      const job = startJob(s, userId, "report", "", ["create-report"], { reportId });
      return json(jobStarted(job.id), 202);
    }),
    route("GET", "/reports", ({ request, url }) => {
      s.authorize(request);
      const all = [...s.reports.values()].reverse().map((r) => reportSummary(r.report));
      const self = `${PRODUCTION}/reports`;
      const { items, next } = page(all, url, s.options.pageSize, self);
      return json({ type: "list", count: all.length, size: items.length, data: items, links: { self, ...(next ? { next } : {}) } } satisfies Schemas["collection"]);
    }),
    route("GET", "/reports/{id}", ({ request, params: { id } }) => {
      s.authorize(request);
      const { report } = reportOf(id!);
      return wantsPdf(request) ? pdfResponse(reportLines(report)) : json(report);
    }),
    route("DELETE", "/reports/{id}", ({ request, params: { id } }) => {
      s.authorize(request);
      reportOf(id!);
      s.reports.delete(id!);
      return empty();
    }),
    route("GET", "/reports/{reportId}/transactions", ({ request, params: { reportId }, url }) => {
      s.authorize(request);
      const { transactions } = reportOf(reportId!);
      const wanted = keep(url, TRANSACTION_FIELDS, "report transactions", () => s.correlation());
      const list = transactions.filter(wanted).map(reportTransaction);
      const { items } = page(list, url, s.options.pageSize, `${PRODUCTION}/reports/${reportId}/transactions`);
      return json({ type: "list", count: list.length, size: items.length, data: items } satisfies Schemas["TransactionsGetResource"]);
    }),
    route("GET", "/reports/types", ({ request }) => {
      s.authorize(request);
      return json(reportTypesBody());
    }),
    route("GET", "/reports/types/{reportTypeId}", ({ request, params: { reportTypeId } }) => {
      s.authorize(request);
      const type = REPORT_TYPES.find((t) => t.id === reportTypeId);
      if (!type) throw notFound(`Report type ${reportTypeId} not found`, s.correlation());
      return json(reportTypeBody(type));
    }),
  ];
}
