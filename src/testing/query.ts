// The sandbox's reading of Basiq's `filter` syntax (the inverse of src/filter.ts), for transactions.
import type { SandboxTransaction } from "./accounts.js";

interface Condition {
  field: string;
  op: string;
  values: string[];
}

/** Parses `a.b.eq('x'),c.d.bt('1','2')`; throws an Error naming the part it cannot read. */
export function parseFilter(text: string): Condition[] {
  const conditions: Condition[] = [];
  let i = 0;
  const fail = (what: string) => new Error(`cannot read the filter at character ${i + 1}: ${what}`);
  while (i < text.length) {
    const head = /^([A-Za-z][A-Za-z0-9.]*)\.(eq|ne|gt|gteq|lt|lteq|bt|in)\(/.exec(text.slice(i));
    if (!head) throw fail("expected field.operator(");
    i += head[0].length;
    const values: string[] = [];
    for (;;) {
      if (text[i] !== "'") throw fail("expected a quoted value");
      let value = "";
      for (i++; i < text.length && text[i] !== "'"; i++) value += text[i] === "\\" ? text[++i] : text[i];
      if (text[i] !== "'") throw fail("unterminated value");
      values.push(value);
      i++;
      if (text[i] === ",") i++;
      else if (text[i] === ")") break;
      else throw fail("expected , or )");
    }
    i++;
    conditions.push({ field: head[1]!, op: head[2]!, values });
    if (i < text.length && text[i++] !== ",") throw fail("expected , between conditions");
  }
  return conditions;
}

/** The transaction fields Basiq filters on (the data and reports specs' filter parameters), and how to read each. */
export const TRANSACTION_FIELDS: Record<string, (t: SandboxTransaction) => string> = {
  "account.id": (t) => t.account,
  "connection.id": (t) => t.connection,
  "institution.id": (t) => t.institution,
  // A pending row has no postDate: Basiq returns it to date filters by the day it happened.
  "transaction.postDate": (t) => t.postDate ?? t.transactionDate,
  "transaction.id": (t) => t.id,
  "transaction.status": (t) => t.status,
  "transaction.direction": (t) => t.direction,
  "transaction.class": (t) => t.class,
};

/** The operators of Basiq's filter grammar (src/filter.ts writes the same ones). */
const ALL_OPERATORS = ["eq", "ne", "gt", "gteq", "lt", "lteq", "bt", "in"];

/**
 * A predicate over `fields` (name -> reader); throws for a field the list cannot be filtered on,
 * or an operator outside `operators` (the accounts list: "Only equals (eq) and not equals (ne)").
 */
export function filterBy<T>(text: string | null, fields: Record<string, (item: T) => string>, what: string, operators = ALL_OPERATORS): (item: T) => boolean {
  if (!text) return () => true;
  const conditions = parseFilter(text).map((c) => {
    const read = fields[c.field];
    if (!read) throw new Error(`${what} cannot be filtered on ${c.field} (only on ${Object.keys(fields).join(", ")})`);
    if (!operators.includes(c.op)) throw new Error(`${what} filters support only ${operators.join(", ")}, not ${c.op} (in ${c.field}.${c.op})`);
    // The reports spec writes a range as one value: transaction.postDate.bt('2022-10-01,2022-10-10').
    const values = c.op === "bt" && c.values.length === 1 ? c.values[0]!.split(",") : c.values;
    if (c.op === "bt" && values.length !== 2) throw new Error(`${c.field}.bt needs two values (from and to)`);
    return { ...c, values, read };
  });
  return (item) => conditions.every(({ field, read, op, values }) => {
    const full = read(item);
    // A date field compares at the precision of the value: a day ('2024-06-30') or a datetime.
    const at = (value: string) => (field.endsWith("Date") ? full.slice(0, value.length) : full);
    const [a = "", b = ""] = values;
    switch (op) {
      case "eq": return at(a) === a;
      case "ne": return at(a) !== a;
      case "gt": return at(a) > a;
      case "gteq": return at(a) >= a;
      case "lt": return at(a) < a;
      case "lteq": return at(a) <= a;
      case "bt": return at(a) >= a && at(b) <= b;
      default: return values.some((value) => at(value) === value);
    }
  });
}

/** A `next` cursor for an offset (opaque to callers, as Basiq's are). */
const encodeCursor = (offset: number) => btoa(`offset:${offset}`);

/** The offset a `next` cursor stands for, or NaN for one the sandbox did not issue. */
function decodeCursor(cursor: string): number {
  try {
    const match = /^offset:(\d+)$/.exec(atob(cursor));
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * One page of `items` for a request's `limit` (capped at `pageSize`) and `next` cursor, with the
 * absolute production URL of the following page; undefined `offset` for a cursor it did not issue.
 */
export function page<T>(items: T[], url: URL, pageSize: number, base: string): { items: T[]; offset: number; next: string | undefined } {
  const limit = Math.min(pageSize, Number(url.searchParams.get("limit") ?? pageSize) || pageSize);
  const cursor = url.searchParams.get("next");
  const offset = cursor === null ? 0 : decodeCursor(cursor);
  if (!Number.isInteger(offset) || offset < 0) return { items: [], offset: Number.NaN, next: undefined };
  const nextQuery = new URLSearchParams(url.searchParams);
  nextQuery.set("limit", String(limit));
  nextQuery.set("next", encodeCursor(offset + limit));
  return { items: items.slice(offset, offset + limit), offset, next: offset + limit < items.length ? `${base}?${nextQuery}` : undefined };
}
