// A small, valid one-page PDF (PDF 1.4, Helvetica, byte-exact xref table) for the reports and
// affordability snapshots a caller asks for with `Accept: application/pdf`.

/** Text as a PDF string literal: ASCII only, with (, ) and \ escaped. */
const literal = (text: string) => `(${text.replace(/[^\x20-\x7e]/g, "?").replace(/[\\()]/g, (c) => `\\${c}`)})`;

/** A one-page PDF with `lines` of text (the first as a title), as bytes. */
function pdf(lines: string[]): Uint8Array<ArrayBuffer> {
  const text = lines.slice(0, 48).map((line, i) => `${i === 0 ? "/F1 16 Tf" : "/F1 11 Tf"} ${literal(line)} Tj 0 -${i === 0 ? 24 : 15} Td`).join("\n");
  const content = `BT\n50 790 Td\n${text}\nET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(out.length); // every character is ASCII, so characters are bytes
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out) as Uint8Array<ArrayBuffer>;
}

/** A PDF response. */
export const pdfResponse = (lines: string[]) => new Response(pdf(lines), { status: 200, headers: { "content-type": "application/pdf" } });
