import { describe, expect, test } from "@jest/globals";
import { Basiq } from "basiq";
import { createSandbox } from "basiq/testing";
import { runDemo } from "../scripts/demo.mjs";
import { serveFetch } from "../scripts/lib/serve.mjs";

describe("the quickstart demo", () => {
  test("runs to completion against the sandbox, printing every step", async () => {
    const sandbox = createSandbox({ today: "2026-11-22" });
    const basiq = new Basiq({ apiKey: "demo", fetch: sandbox.fetch });
    const lines: string[] = [];
    const result = await runDemo({ basiq, log: (line) => lines.push(line), sandbox });
    const text = lines.join("\n");
    for (const step of ["1. Token", "2. Create a user", "3. Consent URL", "4. Consent", "5. Accounts", "6. Every transaction", "7. A report", "Done."]) {
      expect(text).toContain(step);
    }
    expect(text).toContain("verify-credentials: success | retrieve-accounts: success | retrieve-transactions: success");
    expect(text).toContain("2400 transactions in 5 pages, 2026-05-27 to 2026-11-22");
    expect(result.summary.count).toBe(2400);
    // The consent URL is built by the SDK; the CLIENT_ACCESS token it carries is never printed.
    expect(text).toMatch(/https:\/\/consent\.basiq\.io\/home\?token=<CLIENT_ACCESS token, \d+ chars, not printed>&state=demo/);
    expect(text).not.toContain(await basiq.clientToken(result.userId));
    // The redirect is read by parseConsentRedirect, the connection and report found through their jobs' links.
    expect(text).toMatch(/redirect https:\/\/app\.example\/basiq\/callback\?jobIds=\S+&state=demo/);
    expect(text).toMatch(/connection \S+: active at \S+/);
    expect(text).toContain(`report ${result.reportId}: Quickstart affordability`);
    expect(text).toMatch(/as PDF: [1-9]\d* bytes \(application\/pdf\)/);
  });

  test("runs the same over a real socket, the sandbox served on a loopback port (as make demo does)", async () => {
    const sandbox = createSandbox({ today: "2026-11-22" });
    const server = await serveFetch(sandbox.fetch);
    try {
      const lines: string[] = [];
      await runDemo({ basiq: new Basiq({ apiKey: "demo", baseUrl: server.url }), log: (line) => lines.push(line), sandbox });
      const text = lines.join("\n");
      expect(text).toMatch(/connection \S+: active at \S+/); // links.source on the served origin, followed there
      expect(text).toContain("Done.");
    } finally {
      await server.close();
    }
  });
});
