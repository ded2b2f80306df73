import { describe, expect, test } from "@jest/globals";
import { Basiq } from "basiq";
import { createSandbox } from "basiq/testing";
import { runDemo } from "../scripts/demo.mjs";

describe("the quickstart demo", () => {
  test("runs to completion against the sandbox, printing every step", async () => {
    const sandbox = createSandbox({ today: "2026-11-22" });
    const lines: string[] = [];
    const result = await runDemo({ basiq: new Basiq({ apiKey: "demo", fetch: sandbox.fetch }), log: (line) => lines.push(line), sandbox });
    const text = lines.join("\n");
    for (const step of ["1. Token", "2. Create a user", "3. Client token and consent URL", "4. Consent", "5. Accounts", "6. Every transaction", "7. A report", "Done."]) {
      expect(text).toContain(step);
    }
    expect(text).toContain("verify-credentials: success | retrieve-accounts: success | retrieve-transactions: success");
    expect(text).toContain("2400 transactions in 5 pages, 2026-05-27 to 2026-11-22");
    expect(result.summary.count).toBe(2400);
    expect(text).not.toMatch(/client-token-\w+/); // the consent URL's token is never printed
  });
});
