import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError } from "basiq";
import { API_KEY, fakeBasiq, json } from "./helpers/fetch.js";

const PDF_BYTES = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n";
const pdf = () => new Response(new Blob([PDF_BYTES]), { headers: { "content-type": "application/pdf" } });

describe("reports as PDF", () => {
  test('retrieveReport with accept: "pdf" sends Accept: application/pdf and resolves the body as a Blob', async () => {
    const fake = fakeBasiq((request) => (request.headers.get("accept") === "application/pdf" ? pdf() : json({ id: "r1" })));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const report = await basiq.ops.retrieveReport({ params: { path: { id: "r1" } }, accept: "pdf" });
    expect(report).toBeInstanceOf(Blob);
    expect(await report.text()).toBe(PDF_BYTES);
    expect(fake.apiCalls()[0]!.headers.get("accept")).toBe("application/pdf");
    expect(fake.apiCalls()[0]!.path).toBe("/reports/r1");
  });

  test("without accept (or with accept: \"json\") it is the JSON report, as before", async () => {
    const fake = fakeBasiq((request) => (request.headers.get("accept") === "application/pdf" ? pdf() : json({ id: "r1", title: "t" })));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    expect(await basiq.ops.retrieveReport({ params: { path: { id: "r1" } } })).toEqual({ id: "r1", title: "t" });
    expect(await basiq.ops.retrieveReport({ params: { path: { id: "r1" } }, accept: "json" })).toEqual({ id: "r1", title: "t" });
    expect(fake.apiCalls().map((call) => call.headers.get("accept"))).toEqual(["application/json", "application/json"]);
  });

  test("affordability's PDF-capable operation answers a Blob too, and keeps the caller's other headers", async () => {
    const fake = fakeBasiq(() => pdf());
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const summary = await basiq.ops.getAffordability({ params: { path: { userId: "u1", snapshotId: "s1" } }, accept: "pdf", headers: { "x-trace": "t1" } });
    expect(await summary.text()).toBe(PDF_BYTES);
    expect(fake.apiCalls()[0]!.headers.get("x-trace")).toBe("t1");
    expect(fake.apiCalls()[0]!.headers.get("accept")).toBe("application/pdf");
  });

  test("a JSON answer where a PDF was asked for is a BasiqError, not a Blob of JSON", async () => {
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(() => json({ id: "r1" })).fetch });
    await expect(basiq.ops.retrieveReport({ params: { path: { id: "r1" } }, accept: "pdf" }))
      .rejects.toThrow(new BasiqError("GET /reports/{id} -> 200 answered application/json where application/pdf was asked for"));
  });

  test("only the application/pdf media type passes (application/pdf-evil, application/pdfx, application/pdf+zip do not), parameters and case aside", async () => {
    const asType = (type: string) => new Basiq({ apiKey: API_KEY, fetch: fakeBasiq(() => new Response(new Blob([PDF_BYTES]), { headers: { "content-type": type } })).fetch })
      .ops.retrieveReport({ params: { path: { id: "r1" } }, accept: "pdf" });
    for (const type of ["application/pdf-evil", "application/pdfx", "application/pdf+zip", "application/pdf.evil", "text/html; x=application/pdf"]) {
      await expect(asType(type)).rejects.toThrow(new BasiqError(`GET /reports/{id} -> 200 answered ${type} where application/pdf was asked for`));
    }
    for (const type of ["application/pdf", "Application/PDF", "application/pdf; charset=binary", " application/pdf ;q=1"]) {
      expect(await asType(type)).toBeInstanceOf(Blob);
    }
  });

  test("an error answer to a PDF request is the usual BasiqError with the API's code", async () => {
    const fake = fakeBasiq(() => json({ type: "list", data: [{ type: "error", code: "resource-not-found", detail: "Report not found" }] }, { status: 404 }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await expect(basiq.ops.retrieveReport({ params: { path: { id: "r1" } }, accept: "pdf" }))
      .rejects.toMatchObject({ status: 404, code: "resource-not-found", message: "GET /reports/{id} -> 404 resource-not-found: Report not found" });
  });

  test("basiq.api with parseAs: \"blob\" and Accept: application/pdf gives the Blob too", async () => {
    const fake = fakeBasiq(() => pdf());
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const { data } = await basiq.api.GET("/reports/{id}", { params: { path: { id: "r1" } }, parseAs: "blob", headers: { Accept: "application/pdf" } });
    expect(await data?.text()).toBe(PDF_BYTES);
    expect(fake.apiCalls()[0]!.headers.get("accept")).toBe("application/pdf");
  });

  test("an accept other than json or pdf is refused before anything is sent", async () => {
    const fake = fakeBasiq(() => pdf());
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await expect(basiq.ops.retrieveReport({ params: { path: { id: "r1" } }, accept: "csv" as never })).rejects.toThrow('accept must be "json" or "pdf"');
    expect(fake.seen).toHaveLength(0);
  });
});
