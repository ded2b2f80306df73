// Basiq's `filter` query syntax, written for you: `transaction.postDate.bt('2024-01-01','2024-06-30'),account.id.eq('abc')`.
import { BasiqError } from "./errors.js";

/** Fields the Basiq specs document as filterable; any other dotted field name is accepted too. */
export type FilterField =
  | "account.id" | "connection.id" | "institution.id" | "transaction.postDate" | "transaction.status"
  | "transaction.direction" | "transaction.class" | "connector.id" | "connector.method" | "connector.status"
  | "connector.stage" | "connector.institution.country" | "connector.institution.tier" | "job.created"
  | (string & {});

/** A value in a condition: strings as they are, numbers in decimal, Dates as their UTC calendar day. */
export type FilterValue = string | number | Date;

/** One condition of a filter, e.g. `account.id.eq('abc')`. Pass it to {@link filter}. */
export interface FilterCondition {
  readonly condition: string;
  toString(): string;
}

/** The conditions Basiq supports on a field. */
export interface FieldConditions {
  eq(value: FilterValue): FilterCondition;
  ne(value: FilterValue): FilterCondition;
  gt(value: FilterValue): FilterCondition;
  gteq(value: FilterValue): FilterCondition;
  lt(value: FilterValue): FilterCondition;
  lteq(value: FilterValue): FilterCondition;
  /** Between `from` and `to`, inclusive. */
  bt(from: FilterValue, to: FilterValue): FilterCondition;
  /** Any of the values (`connector.stage.in('live','beta')`). */
  in(...values: FilterValue[]): FilterCondition;
}

const FIELD_RE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/;

/** A value as a single-quoted literal; `\` and `'` inside it are escaped with a backslash. */
function quote(value: FilterValue): string {
  let text: string;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new BasiqError("filter: an invalid Date cannot be a filter value");
    text = value.toISOString().slice(0, 10);
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new BasiqError(`filter: ${value} cannot be a filter value (use a finite number)`);
    text = String(value);
  } else if (typeof value === "string") {
    text = value;
  } else {
    throw new BasiqError(`filter: values are strings, numbers or Dates, not ${typeof value}`);
  }
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function condition(text: string): FilterCondition {
  return { condition: text, toString: () => text };
}

/**
 * The conditions of one field.
 * @example field("transaction.postDate").bt("2024-01-01", "2024-06-30")
 */
export function field(name: FilterField): FieldConditions {
  if (!FIELD_RE.test(name)) {
    throw new BasiqError(`filter: "${name}" is not a field name (dotted words such as "transaction.postDate")`);
  }
  const op = (operator: string, values: FilterValue[]) => condition(`${name}.${operator}(${values.map(quote).join(",")})`);
  return {
    eq: (value) => op("eq", [value]),
    ne: (value) => op("ne", [value]),
    gt: (value) => op("gt", [value]),
    gteq: (value) => op("gteq", [value]),
    lt: (value) => op("lt", [value]),
    lteq: (value) => op("lteq", [value]),
    bt: (from, to) => op("bt", [from, to]),
    in: (...values) => {
      if (values.length === 0) throw new BasiqError(`filter: ${name}.in() needs at least one value`);
      return op("in", values);
    },
  };
}

/**
 * Joins conditions into the value of a `filter` query parameter.
 * @example
 * basiq.paginate("/users/{userId}/transactions", { params: { path: { userId }, query: {
 *   filter: filter(field("transaction.postDate").bt("2024-01-01", "2024-06-30"), field("account.id").eq(accountId)),
 * } } });
 */
export function filter(...conditions: FilterCondition[]): string {
  return conditions.map((c) => c.condition).join(",");
}
