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

/** The transaction fields the sandbox filters on, and how to read each. */
const FIELDS: Record<string, (t: SandboxTransaction) => string> = {
  "account.id": (t) => t.account,
  "connection.id": (t) => t.connection,
  "institution.id": (t) => t.institution,
  "transaction.postDate": (t) => t.postDate.slice(0, 10),
  "transaction.status": (t) => t.status,
  "transaction.direction": (t) => t.direction,
  "transaction.class": (t) => t.class,
};

/** A predicate over `fields` (name -> reader); throws for a field the sandbox cannot filter on. */
export function filterBy<T>(text: string | null, fields: Record<string, (item: T) => string>, what: string): (item: T) => boolean {
  if (!text) return () => true;
  const conditions = parseFilter(text).map((c) => {
    const read = fields[c.field];
    if (!read) throw new Error(`the sandbox cannot filter ${what} on ${c.field} (it can on ${Object.keys(fields).join(", ")})`);
    return { ...c, read };
  });
  return (item) => conditions.every(({ read, op, values }) => {
    const v = read(item);
    const [a = "", b = ""] = values;
    switch (op) {
      case "eq": return v === a;
      case "ne": return v !== a;
      case "gt": return v > a;
      case "gteq": return v >= a;
      case "lt": return v < a;
      case "lteq": return v <= a;
      case "bt": return v >= a && v <= b;
      default: return values.includes(v);
    }
  });
}

/** A predicate for transactions; throws for a field the sandbox cannot filter on. */
export const transactionFilter = (text: string | null) => filterBy(text, FIELDS, "transactions");

/** A `next` cursor for an offset (opaque to callers, as Basiq's are). */
export const encodeCursor = (offset: number) => btoa(`offset:${offset}`);

/** The offset a `next` cursor stands for, or NaN for one the sandbox did not issue. */
export function decodeCursor(cursor: string): number {
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
