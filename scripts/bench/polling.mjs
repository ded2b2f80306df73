// Job polling on a simulated clock (@sinonjs/fake-timers): jobs finishing at seeded random times
// between 5 s and 60 s, awaited with waitForJob's defaults; the lag between a job finishing and
// waitForJob resolving, and the polls it took. Plus the 30 s job of the target.
import FakeTimers from "@sinonjs/fake-timers";
import { Basiq } from "basiq";
import { median, percentile } from "./lib.mjs";

const JOBS = 200;

/** Waits for one job that finishes at `doneAtMs`; resolves its lag and polls. */
async function waitOne(doneAtMs) {
  const clock = FakeTimers.install({ now: 0, toFake: ["setTimeout", "clearTimeout", "Date"] });
  try {
    let polls = 0;
    const fetch = async (request) => {
      if (request.url.endsWith("/token")) return Response.json({ access_token: "t", expires_in: 3600 });
      polls++;
      const done = Date.now() >= doneAtMs;
      const status = (i) => (done ? "success" : i === 0 ? "in-progress" : "pending");
      return Response.json({ id: "job", steps: ["verify-credentials", "retrieve-accounts", "retrieve-transactions"].map((title, i) => ({ title, status: status(i) })) });
    };
    const basiq = new Basiq({ apiKey: "bench", fetch });
    let resolvedAt;
    const waiting = basiq.waitForJob("job").then(() => { resolvedAt = Date.now(); });
    for (let t = 0; resolvedAt === undefined && t < 700_000; t += 50) await clock.tickAsync(50); // bounded: the default deadline
    await waiting;
    return { lagMs: resolvedAt - doneAtMs, polls };
  } finally {
    clock.uninstall();
  }
}

export async function benchPolling() {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const runs = [];
  for (let i = 0; i < JOBS; i++) runs.push(await waitOne(5_000 + random() * 55_000));
  const thirty = [];
  for (let i = 0; i < 20; i++) thirty.push(await waitOne(30_000 + i * 50)); // 30 s, phases across a poll
  return {
    jobs: JOBS,
    medianLagMs: median(runs.map((r) => r.lagMs)),
    p95LagMs: percentile(runs.map((r) => r.lagMs), 95),
    medianPolls: median(runs.map((r) => r.polls)),
    p95Polls: percentile(runs.map((r) => r.polls), 95),
    job30s: { medianLagMs: median(thirty.map((r) => r.lagMs)), maxPolls: Math.max(...thirty.map((r) => r.polls)) },
  };
}
