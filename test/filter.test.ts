import { describe, expect, test } from "@jest/globals";
import { BasiqError, field, filter } from "basiq";
import { parseFilter } from "../src/testing/query.js";

describe("filter builder", () => {
  test.each([
    ["eq", field("account.id").eq("abc"), "account.id.eq('abc')"],
    ["ne", field("transaction.status").ne("pending"), "transaction.status.ne('pending')"],
    ["gt", field("transaction.postDate").gt("2024-01-01"), "transaction.postDate.gt('2024-01-01')"],
    ["gteq", field("transaction.postDate").gteq("2024-01-01"), "transaction.postDate.gteq('2024-01-01')"],
    ["lt", field("transaction.postDate").lt("2024-06-30"), "transaction.postDate.lt('2024-06-30')"],
    ["lteq", field("transaction.postDate").lteq("2024-06-30"), "transaction.postDate.lteq('2024-06-30')"],
    ["bt", field("transaction.postDate").bt("2024-01-01", "2024-06-30"), "transaction.postDate.bt('2024-01-01','2024-06-30')"],
    ["in", field("connector.stage").in("live", "beta"), "connector.stage.in('live','beta')"],
  ])("writes %s", (_, condition, expected) => {
    expect(filter(condition)).toBe(expected);
  });

  test("joins conditions with commas", () => {
    expect(filter(field("transaction.postDate").bt("2024-01-01", "2024-06-30"), field("account.id").eq("abc")))
      .toBe("transaction.postDate.bt('2024-01-01','2024-06-30'),account.id.eq('abc')");
  });

  test("quotes values holding quotes, commas, spaces and backslashes so they read back intact", () => {
    const tricky = ["O'Brien's", "a,b", "with space", "back\\slash", "')", ",account.id.eq('x"];
    const text = filter(...tricky.map((v) => field("account.id").eq(v)));
    expect(text).toBe("account.id.eq('O\\'Brien\\'s'),account.id.eq('a,b'),account.id.eq('with space'),account.id.eq('back\\\\slash'),account.id.eq('\\')'),account.id.eq(',account.id.eq(\\'x')");
    expect(parseFilter(text).map((c) => c.values[0])).toEqual(tricky);
  });

  test("writes numbers as they are and Dates as their UTC day", () => {
    expect(filter(field("connector.institution.tier").eq(1), field("transaction.postDate").gteq(new Date("2024-03-05T23:00:00Z"))))
      .toBe("connector.institution.tier.eq('1'),transaction.postDate.gteq('2024-03-05')");
  });

  test("refuses a malformed field, an empty in(), and values it cannot write", () => {
    expect(() => field("account id")).toThrow(BasiqError);
    expect(() => field("account")).toThrow(/not a field name/);
    expect(() => field("account.id").in()).toThrow(/at least one value/);
    expect(() => field("account.id").eq(Number.NaN)).toThrow(/finite number/);
    expect(() => field("account.id").eq(new Date("nope"))).toThrow(/invalid Date/);
  });
});
