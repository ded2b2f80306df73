// Loggers, listeners and stores are the user's code: whatever they throw never changes a call's
// outcome (issue 18 rows 8 and 17).
import { afterEach, beforeEach, describe, expect, jest, test } from "@jest/globals";
import { Basiq, type BasiqStore } from "basiq";
import { API_KEY, fakeBasiq, json, userPath } from "./helpers/fetch.js";

const user = { type: "user", id: "u1" };

/** Things a buggy listener or logger may throw. */
const THROWN: Array<[string, () => unknown]> = [
  ["an Error", () => new Error("listener bug")],
  ["Object.create(null)", () => Object.create(null)],
  ["an object whose toString throws", () => ({ toString: () => { throw new Error("no toString"); } })],
  ["a string", () => "plain string"],
  ["undefined", () => undefined],
];

describe("hostile observers", () => {
  beforeEach(() => {
    jest.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  test.each(THROWN)("a listener throwing %s changes nothing: one GET sent, the body resolved, the line logged", async (_, thrown) => {
    const fake = fakeBasiq(() => json(user));
    const lines: string[] = [];
    const keep = (line: string) => lines.push(line);
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, logger: { error: keep, warn: keep, info: keep, debug: keep }, logLevel: "error" });
    for (const type of ["request", "response", "retry", "rate-limited"] as const) {
      basiq.on(type, () => {
        throw thrown();
      });
    }
    await expect(basiq.ops.getUser(userPath)).resolves.toEqual(user);
    expect(fake.apiCalls()).toHaveLength(1);
    expect(fake.tokenCalls()).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('basiq: a "request" listener threw: '))).toHaveLength(2); // /token and GET
  });

  test("a logger that throws on every line changes nothing: a GET is sent once, a processed POST /users resolves", async () => {
    const fake = fakeBasiq((request) => json(request.method === "POST" ? { type: "user", id: "new" } : user));
    const boom = () => {
      throw new Error("disk full");
    };
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, logger: { error: boom, warn: boom, info: boom, debug: boom }, logLevel: "debug" });
    basiq.on("response", () => {
      throw new Error("and a listener");
    });
    await expect(basiq.ops.getUser(userPath)).resolves.toEqual(user);
    await expect(basiq.ops.createUser({ body: { email: "a@b.co" } })).resolves.toEqual({ type: "user", id: "new" });
    expect(fake.apiCalls().map((call) => call.method)).toEqual(["GET", "POST"]);
  });

  test("a logger whose methods are throwing getters, or not functions, changes nothing", async () => {
    const fake = fakeBasiq(() => json(user));
    const logger = Object.defineProperties({}, Object.fromEntries(["error", "warn", "info", "debug"].map((name) => [name, { get: () => { throw new Error("getter"); } }])));
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch, logger: logger as never, logLevel: "debug" }).ops.getUser(userPath)).resolves.toEqual(user);
    await expect(new Basiq({ apiKey: API_KEY, fetch: fake.fetch, logger: { error: 1, warn: 1, info: 1, debug: 1 } as never, logLevel: "debug" }).ops.getUser(userPath)).resolves.toEqual(user);
    expect(fake.apiCalls()).toHaveLength(2);
  });

  test("a listener added during an emit runs from the next event, not in that emit", async () => {
    const fake = fakeBasiq(() => json(user));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    let added = 0;
    let ran = 0;
    const spawn = () => {
      if (added++ < 100_000) basiq.on("response", () => void ran++);
    };
    basiq.on("response", spawn);
    await basiq.ops.getUser(userPath); // /token and GET: two response events
    expect(added).toBe(2);
    expect(ran).toBe(1); // the one added at the /token response ran at the GET's; the GET's own not yet
  });

  test("the store-failure warn line names the failure and never carries a value the store was sent", async () => {
    const STORED = "eyJhbGciOiJIUzI1NiJ9.stored-token-value-7d1e";
    // A plain object: on MemoryStore's prototype it would carry admit/refuse without the private state they need.
    const failing: BasiqStore = {
      get: async () => {
        throw new Error(`ERR upstream: connection reset, command was: [["set","basiq:ab12:token:server","1733000000000 ${STORED}","PX",3540000]]`);
      },
      set: async () => undefined,
      deleteIf: async () => undefined,
      lock: async () => true,
      unlock: async () => undefined,
      pause: async () => 0,
      take: async () => ({ granted: true, waitMs: 0 }),
    };
    const lines: string[] = [];
    const keep = (line: string) => lines.push(line);
    const fake = fakeBasiq(() => json(user));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch, store: failing, logger: { error: keep, warn: keep, info: keep, debug: keep }, logLevel: "warn" });
    await expect(basiq.ops.getUser(userPath)).resolves.toEqual(user);
    expect(lines).toEqual(["basiq: the store failed (Error: ERR upstream: connection reset); using local memory until it answers again"]);
    expect(lines.join("\n")).not.toContain("stored-token-value");
  });
});
