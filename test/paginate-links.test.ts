import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError, field, filter } from "basiq";
import { createSandbox } from "basiq/testing";
import { API_KEY, fakeBasiq, json } from "./helpers/fetch.js";

async function consented() {
  const sandbox = createSandbox({ today: "2026-11-22" });
  const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
  const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
  await basiq.waitForJob(sandbox.consent(userId).jobId, { intervalMs: 1 });
  return { sandbox, basiq, userId };
}

describe("basiq.pages / basiq.paginate given a link the API returned", () => {
  test("walks the list a transactions.updated link points at, keeping its filter on every page", async () => {
    const { basiq, userId } = await consented();
    const [account] = (await basiq.ops.getAccounts({ params: { path: { userId } } })).data;
    const query = { filter: filter(field("account.id").eq(account!.id)), limit: 100 };
    const expected: string[] = [];
    for await (const t of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId }, query } })) expected.push(t.id);
    expect(expected.length).toBeGreaterThan(100); // more than one page

    const link = `https://au-api.basiq.io/users/${userId}/transactions?${new URLSearchParams({ filter: query.filter, limit: "100" })}`;
    const got: string[] = [];
    for await (const t of basiq.paginate(link, { expect: "/users/{userId}/transactions" })) got.push(t.id);
    expect(got).toEqual(expected);
    const pages = [];
    for await (const page of basiq.pages(`/users/${userId}/transactions?limit=100&${new URLSearchParams({ filter: query.filter })}`)) pages.push(page.data.length);
    expect(pages.reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(pages.length).toBe(Math.ceil(expected.length / 100));
  });

  test("resumes a link's list from a saved cursor", async () => {
    const { basiq, userId } = await consented();
    const link = `/users/${userId}/transactions?limit=500`;
    const all: string[] = [];
    const cursors: Array<string | undefined> = [];
    for await (const page of basiq.pages(link)) {
      cursors.push(page.next);
      all.push(...page.data.map((t) => (t as { id: string }).id));
    }
    const resumed: string[] = [];
    for await (const t of basiq.paginate(link, { cursor: cursors[0]!, expect: "/users/{userId}/transactions" })) resumed.push(t.id);
    expect(resumed).toEqual(all.slice(500));
  });

  test("refuses another origin, a link to a different list than expected, and a link that is not a list", async () => {
    const fake = fakeBasiq(() => json({ type: "connection", id: "c1", data: { not: "a list" } }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const drain = async (iterable: AsyncIterable<unknown>) => {
      for await (const _ of iterable);
    };
    await expect(drain(basiq.paginate("https://evil.example/users/u1/transactions"))).rejects.toThrow(/refusing a link to https:\/\/evil\.example/);
    await expect(drain(basiq.paginate("/users/u1/accounts", { expect: "/users/{userId}/transactions" })))
      .rejects.toThrow("pages: the link points at /users/{userId}/accounts, not the expected /users/{userId}/transactions");
    expect(fake.seen).toHaveLength(0);
    await expect(drain(basiq.paginate("/users/u1/connections/c1"))).rejects.toThrow(new BasiqError("GET /users/{userId}/connections/{connectionId} is not a list (its data is not an array)"));
  });

  test("behind a proxy, walks an https://au-api.basiq.io link from baseUrl, every page", async () => {
    const { sandbox, basiq: direct, userId } = await consented();
    // A proxy at baseUrl in front of the sandbox: the sandbox writes https://au-api.basiq.io into its links, as Basiq does.
    const proxy = "http://127.0.0.1:8080/basiq";
    const origins = new Set<string>();
    const basiq = new Basiq({
      apiKey: API_KEY,
      baseUrl: proxy,
      fetch: async (request) => {
        origins.add(request.url.slice(0, proxy.length));
        return sandbox.fetch(new Request(request.url.replace(proxy, "https://au-api.basiq.io"), request));
      },
    });
    const expected: string[] = [];
    for await (const t of direct.paginate("/users/{userId}/transactions", { params: { path: { userId }, query: { limit: 100 } } })) expected.push(t.id);
    expect(expected.length).toBeGreaterThan(100);
    const got: string[] = [];
    for await (const t of basiq.paginate(`https://au-api.basiq.io/users/${userId}/transactions?limit=100`, { expect: "/users/{userId}/transactions" })) got.push(t.id);
    expect(got).toEqual(expected);
    expect([...origins]).toEqual([proxy]);
    const walk = async () => {
      for await (const _ of basiq.pages("https://au-api.basiq.io.evil.example/users/u1/transactions"));
    };
    await expect(walk()).rejects.toThrow(/refusing a link to https:\/\/au-api\.basiq\.io\.evil\.example/);
  });

  test("a path template is still a template, not a link", async () => {
    const fake = fakeBasiq(() => json({ type: "list", data: [{ id: "r1" }], links: { self: "/reports" } }));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    const ids: string[] = [];
    for await (const report of basiq.paginate("/reports")) ids.push(String(report.id));
    expect(ids).toEqual(["r1"]);
  });
});
