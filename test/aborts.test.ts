// Every entry point that takes a signal rejects, once it aborts, with the contract's error (API.md,
// Errors): a BasiqError named "AbortError" whose `cause` is the signal's own reason. Each is aborted
// before the call and during it (while the server stalls, or while it waits), with the platform's
// DOMException and with the caller's own Error as the reason. The servers here never answer the
// stalled request and ignore its signal: only the SDK's own race can end the call.
import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError, createWebhookHandler } from "basiq";
import { createSync } from "basiq/sync";
import { figure } from "./helpers/figures.js";
import { API_KEY, json, userPath } from "./helpers/fetch.js";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const JOB_IN_PROGRESS = { type: "job", id: "j1", steps: [{ title: "verify-credentials", status: "in-progress", result: null }] };

/** A fetch that answers `/token` and every path `answers` names, and stalls on `stall` (never settles, ignores its signal). */
function stallingFetch(stall: string, answers: Record<string, () => Response> = {}) {
  let reached!: () => void;
  const stalled = new Promise<void>((resolve) => (reached = resolve));
  let served!: () => void;
  const answered = new Promise<void>((resolve) => (served = resolve));
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path === stall) {
      reached();
      return new Promise<Response>(() => {});
    }
    if (path === "/token") return json({ access_token: "tok-aborts-1", token_type: "Bearer", expires_in: 3600 });
    const answer = answers[path];
    if (answer) {
      served();
      return answer();
    }
    return json({ data: [{ code: "resource-not-found", detail: `nothing at ${path}` }] }, { status: 404 });
  };
  return { fetch, stalled, answered };
}

interface EntryPoint {
  /** The path whose request stalls while the call is under way. */
  stall: string;
  answers?: Record<string, () => Response>;
  /** Resolves once the call is in the wait the abort should end (default: the stalled request was sent). */
  during?: (stalled: Promise<void>, answered: Promise<void>) => Promise<void>;
  run: (basiq: Basiq, signal: AbortSignal) => Promise<unknown>;
  options?: ConstructorParameters<typeof Basiq>[0];
}

const page = (next?: string) => () => json({ type: "list", data: [{ type: "transaction", id: "t1" }], links: { self: "x", ...(next ? { next } : {}) } });
const drain = async (iterable: AsyncIterable<unknown>) => {
  for await (const _ of iterable);
};
/** Once a scripted answer was served, lets the call move on into the wait after it (no timer of its own). */
const settle = async (_stalled: Promise<void>, answered: Promise<void>) => {
  await answered;
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

const ENTRY_POINTS: Record<string, EntryPoint> = {
  "basiq.api.GET": { stall: "/users/u1", run: (b, signal) => b.api.GET("/users/{userId}", { ...userPath, signal }) },
  "basiq.ops GET (getUser)": { stall: "/users/u1", run: (b, signal) => b.ops.getUser({ ...userPath, signal }) },
  "basiq.ops POST (createUser)": { stall: "/users", run: (b, signal) => b.ops.createUser({ body: { email: "a@b.co" }, signal }) },
  "the first call's token mint": { stall: "/token", run: (b, signal) => b.ops.getUser({ ...userPath, signal }) },
  "basiq.pages (second page)": {
    stall: "/users/u1/transactions2",
    answers: { "/users/u1/transactions": page("https://au-api.basiq.io/users/u1/transactions?next=c2") },
    run: (b, signal) => drain(b.pages("/users/{userId}/transactions", { ...userPath, signal })),
  },
  "basiq.paginate (second page)": {
    stall: "/users/u1/transactions2",
    answers: { "/users/u1/transactions": page("https://au-api.basiq.io/users/u1/transactions?next=c2") },
    run: (b, signal) => drain(b.paginate("/users/{userId}/transactions", { ...userPath, signal })),
  },
  "basiq.pages(link)": { stall: "/users/u1/transactions", run: (b, signal) => drain(b.pages("https://au-api.basiq.io/users/u1/transactions?limit=10", { signal } as never)) },
  "basiq.follow": { stall: "/users/u1/connections/c1", run: (b, signal) => b.follow("https://au-api.basiq.io/users/u1/connections/c1", { signal }) },
  "basiq.waitForJob (a stalled poll)": { stall: "/jobs/j1", run: (b, signal) => b.waitForJob("j1", { signal }) },
  "basiq.waitForJob (between polls)": {
    stall: "/never",
    answers: { "/jobs/j1": () => json(JOB_IN_PROGRESS) },
    during: settle,
    run: (b, signal) => b.waitForJob("j1", { signal, intervalMs: 60_000 }),
  },
  "a retry's backoff (503, Retry-After 30)": {
    stall: "/never",
    answers: { "/users/u1": () => json({ data: [] }, { status: 503, headers: { "retry-after": "30" } }) },
    options: { apiKey: API_KEY, rateLimit: false },
    during: settle,
    run: (b, signal) => b.ops.getUser({ ...userPath, signal }),
  },
  "the limiter's pause (429, Retry-After 30)": {
    stall: "/never",
    answers: { "/users/u1": () => json({ data: [] }, { status: 429, headers: { "retry-after": "30" } }) },
    during: settle,
    run: (b, signal) => b.ops.getUser({ ...userPath, signal }),
  },
  "basiq.clientToken": { stall: "/token", run: (b, signal) => b.clientToken("u1", { signal }) },
  "basiq.consentUrl": { stall: "/token", run: (b, signal) => b.consentUrl("u1", { state: "/done", signal }) },
  "sync.user": { stall: "/users/u1/accounts", run: (b, signal) => createSync(b).user("u1", { signal }) },
  "hooks.replay": {
    stall: "/events",
    run: (b, signal) => createWebhookHandler({ secret: SECRET, on: {}, basiq: b }).replay({ since: 0, signal }),
  },
};

// The second page's request: links.next's cursor on the same path; told apart here by its query.
function routed(entry: EntryPoint) {
  const inner = stallingFetch(entry.stall, entry.answers);
  const fetch = (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === "/users/u1/transactions" && url.searchParams.get("next") === "c2") {
      return inner.fetch(new Request(new URL("/users/u1/transactions2", url), request));
    }
    return inner.fetch(request);
  };
  return { fetch, stalled: inner.stalled, answered: inner.answered };
}

const REASONS: Record<string, () => unknown> = {
  "a DOMException (abort())": () => undefined,
  "the caller's Error": () => new Error("the user left the page"),
};

const outcomes: string[] = [];

describe("every entry point rejects an abort with a BasiqError named AbortError, its cause the signal's reason", () => {
  for (const [name, entry] of Object.entries(ENTRY_POINTS)) {
    for (const [reasonName, reasonOf] of Object.entries(REASONS)) {
      for (const when of ["before", "during"] as const) {
        test(`${name}, aborted ${when} the call, with ${reasonName}`, async () => {
          const { fetch, stalled, answered } = routed(entry);
          const basiq = new Basiq({ apiKey: API_KEY, ...entry.options, fetch });
          const controller = new AbortController();
          const abort = () => {
            const reason = reasonOf();
            if (reason === undefined) controller.abort();
            else controller.abort(reason);
          };
          if (when === "before") abort();
          const call = entry.run(basiq, controller.signal).then(
            () => "resolved",
            (error: unknown) => error,
          );
          if (when === "during") {
            await (entry.during ?? ((s) => s))(stalled, answered);
            abort();
          }
          const error = await call;
          const ok = error instanceof BasiqError && error.name === "AbortError" && error.cause === controller.signal.reason;
          outcomes.push(ok ? "ok" : `${name} ${when} ${reasonName}: ${error instanceof Error ? `${error.constructor.name} ${error.name}` : String(error)}`);
          expect(error).toBeInstanceOf(BasiqError);
          expect(error).toMatchObject({ name: "AbortError" });
          expect((error as BasiqError).cause).toBe(controller.signal.reason);
          expect((error as BasiqError).message).toMatch(/aborted/);
        });
      }
    }
  }

  test("figure: entry points x reasons x moments in the contract's form", () => {
    const bad = outcomes.filter((o) => o !== "ok");
    figure(`aborts: ${outcomes.length - bad.length} of ${outcomes.length} rejections are BasiqError AbortError with the signal's reason as cause${bad.length ? `; not: ${bad.slice(0, 5).join(" | ")}` : ""}`);
    expect(bad).toEqual([]);
  });
});

describe("a mint every caller has left is aborted with them", () => {
  /** A fetch whose /token never answers; it keeps the mint requests' signals. */
  function mintStalling() {
    const mints: AbortSignal[] = [];
    const fetch = async (request: Request): Promise<Response> => {
      if (new URL(request.url).pathname === "/token") {
        mints.push(request.signal);
        return new Promise<Response>(() => {});
      }
      return json({ type: "user", id: "u1" });
    };
    return { fetch, mints };
  }
  const tick = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  test("the mint's request is aborted once the last of its two callers aborts, not before; the next call mints anew", async () => {
    // Before: the mint ran on under its own 60 s deadline after every caller had gone, and kept the
    // process alive that long (jest's "did not exit one second after the test run").
    const { fetch, mints } = mintStalling();
    const basiq = new Basiq({ apiKey: API_KEY, fetch });
    const [a, b] = [new AbortController(), new AbortController()];
    const calls = [a, b].map((c) => basiq.ops.getUser({ ...userPath, signal: c.signal }).catch((e: unknown) => e));
    await tick();
    expect(mints).toHaveLength(1);
    a.abort();
    await tick();
    expect(mints[0]!.aborted).toBe(false);
    b.abort();
    await tick();
    expect(mints[0]!.aborted).toBe(true);
    for (const error of await Promise.all(calls)) expect(error).toMatchObject({ name: "AbortError" });
    void basiq.ops.getUser({ ...userPath, signal: AbortSignal.timeout(50) }).catch(() => undefined);
    await tick();
    expect(mints).toHaveLength(2);
  });
});
