// The CSV forms the affordability spec offers: a snapshot's transactions (application/csv) and an
// expenses snapshot (text/csv), one header row then one row per item (RFC 4180 quoting).
import type { SandboxTransaction } from "./accounts.js";
import type { expenses } from "./summaries.js";

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const csv = (rows: unknown[][]) => rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";

/** A snapshot's transactions, newest first. */
export const transactionRows = (list: SandboxTransaction[]) =>
  csv([["id", "postDate", "description", "amount", "balance", "direction", "class", "account", "institution"],
    ...list.map((t) => [t.id, t.postDate, t.description, t.amount, t.balance, t.direction, t.class, t.account, t.institution])]);

/** An expenses snapshot: one row per class and one per payment division, with its monthly average. */
export function expensesRows(body: ReturnType<typeof expenses>) {
  const classes = [["bankFees", body.bankFees], ["cashWithdrawals", body.cashWithdrawals], ["externalTransfers", body.externalTransfers], ["loanInterests", body.loanInterests], ["loanRepayments", body.loanRepayments]] as const;
  return csv([["category", "avgMonthly", "summary"], ...classes.map(([name, c]) => [name, c.avgMonthly, c.summary]), ...body.payments.map((p) => [`payments: ${p.division}`, p.avgMonthly, `${p.percentageTotal}% of payments`])]);
}

/** A CSV response of `type`. */
export const csvResponse = (text: string, type: string) => new Response(text, { status: 200, headers: { "content-type": type } });
