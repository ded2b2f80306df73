// Type-level tests for PDF reports (checked by tsc in test/typecheck.test.ts).
import { Basiq, type reporting } from "basiq";

const basiq = new Basiq({ apiKey: "k" });

export async function pdfTypes(id: string, userId: string, snapshotId: string) {
  const pdf: Blob = await basiq.ops.retrieveReport({ params: { path: { id } }, accept: "pdf" });
  const report: reporting.components["schemas"]["Conn_Affor_Report"] = await basiq.ops.retrieveReport({ params: { path: { id } } });
  const same: reporting.components["schemas"]["Conn_Affor_Report"] = await basiq.ops.retrieveReport({ params: { path: { id } }, accept: "json" });
  const summary: Blob = await basiq.ops.getAffordability({ params: { path: { userId, snapshotId } }, accept: "pdf" });
  // @ts-expect-error without accept: "pdf" the result is the JSON report, not a Blob
  const notPdf: Blob = await basiq.ops.retrieveReport({ params: { path: { id } } });
  // @ts-expect-error a PDF is a Blob: it has no report fields
  (await basiq.ops.retrieveReport({ params: { path: { id } }, accept: "pdf" })).title;
  // @ts-expect-error getUser cannot answer a PDF
  await basiq.ops.getUser({ params: { path: { userId } }, accept: "pdf" });
  // @ts-expect-error accept is "json" or "pdf"
  await basiq.ops.retrieveReport({ params: { path: { id } }, accept: "csv" });
  // @ts-expect-error path parameters are still required
  await basiq.ops.retrieveReport({ accept: "pdf" });

  // The raw path: openapi-fetch's parseAs types the data as a Blob.
  const { data } = await basiq.api.GET("/reports/{id}", { params: { path: { id } }, parseAs: "blob", headers: { Accept: "application/pdf" } });
  const raw: Blob | undefined = data;
  return { pdf, report, same, summary, notPdf, raw };
}
