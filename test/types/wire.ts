// Type-level tests for issue 12, names and types that match the wire (checked by tsc in
// test/typecheck.test.ts): each @ts-expect-error sits on the exact line that is wrong.
import { Basiq, verifyWebhook, type Job, type JobStepStatus, type JobStepTitle, type OperationId, type WebhookEvent, type WebhookEventType } from "basiq";

const basiq = new Basiq({ apiKey: "k" });

export async function operationNames(reportId: string, userId: string) {
  // camelCase names, decided in openapi/overlays/.
  const started = await basiq.ops.createReport({ body: { reportType: "CON_AFFOR_01", title: "t", filters: [{ name: "users", value: [userId] }] } });
  const reports = await basiq.ops.listAllReports();
  const report = await basiq.ops.retrieveReport({ params: { path: { id: reportId } } });
  const enriched = await basiq.ops.enrich({ params: { query: { q: "WOOLWORTHS 1234 SYDNEY", institution: "AU00000", country: "AU" } } });
  const name: OperationId = "listAllReports";
  // @ts-expect-error the specs' raw operationIds are not exposed
  await basiq.ops.createreport({ body: { reportType: "CON_AFFOR_01", title: "t", filters: [] } });
  // @ts-expect-error "Enrich" is now `enrich`
  await basiq.ops.Enrich({ params: { query: { q: "x" } } });
  // @ts-expect-error nor in the operation table
  const raw: OperationId = "listallreports";
  // @ts-expect-error path parameters keep their wire names: retrieveReport's is `id` (the report's id)
  await basiq.ops.retrieveReport({ params: { path: { reportId } } });
  return { started, reports, report, enriched, name, raw };
}

export async function webhookEvents(body: string, headers: Headers) {
  const event: WebhookEvent = await verifyWebhook({ body, headers, secret: "whsec_c2VjcmV0" });
  const type: WebhookEventType = event.eventTypeId;
  if (event.eventTypeId === "connection.created") {
    // Narrowed by the discriminant.
    const created: "connection.created" = event.eventTypeId;
    void created;
  }
  switch (event.eventTypeId) {
    case "account.updated":
    case "consent.revoked":
    case "transactions.updated":
    case "user.deleted":
      break;
    // @ts-expect-error not an event type Basiq sends
    case "user.removed":
      break;
  }
  // @ts-expect-error not an event type Basiq sends: the comparison can never be true
  if (event.eventTypeId === "no.such-event") return undefined;
  // @ts-expect-error verifyWebhook takes no type argument: the event type is not the caller's claim
  await verifyWebhook<{ anything: true }>({ body, headers, secret: "whsec_c2VjcmV0" });
  const entity: string | undefined = event.links.eventEntity;
  return { type, entity };
}

export async function jobSteps(jobId: string) {
  const job: Job = await basiq.waitForJob(jobId, { until: "mfa-challenge" });
  await basiq.waitForJob(jobId, { until: "create-report" });
  // @ts-expect-error not a step title of any job
  await basiq.waitForJob(jobId, { until: "mfa" });
  const step = job.steps?.[0];
  const title: JobStepTitle | undefined = step?.title;
  const status: JobStepStatus | undefined = step?.status;
  // @ts-expect-error a step's status is pending, in-progress, success or failed
  if (step?.status === "done") return undefined;
  if (job.jobType === "report") {
    // A report job's links are null when it failed (the spec's Report-failed example).
    // @ts-expect-error links may be null
    job.links.self;
  } else {
    const connection: "connection" = job.jobType;
    void connection;
  }
  // @ts-expect-error jobType is "connection" or "report"
  if (job.jobType === "statement") return undefined;
  return { title, status };
}
