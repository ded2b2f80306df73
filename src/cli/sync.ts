// `basiq sync`: users' transactions, accounts and connections into Postgres (--database) or into an
// embedded PGlite database in a local folder, incrementally (basiq/sync), with a progress bar on a
// terminal and one plain line per user otherwise; Ctrl-C stops at a checkpoint (no user half-written).
import { Basiq } from "../client.js";
import { type PostgresSync, postgresSync, type Queryable } from "../postgres/index.js";
import { createSync } from "../sync/index.js";
import type { SyncUsersProgress } from "../sync/users.js";
import { type Command, type Io, integer, parseFlags, UsageError } from "./command.js";

/** Where the embedded database lives unless told otherwise (relative to the working directory). */
const DEFAULT_DATA_DIR = ".basiq/pglite";

const USAGE = `Usage: basiq sync [--database URL] [--user ID ...] [--all-users] [--concurrency N] [--base-url URL] [--data-dir DIR]

Syncs users' transactions, accounts and connections (incrementally: the first sync reads every page,
later ones a window) into Postgres tables <schema>.transactions, .accounts, .connections, .sync_state.
The API key is BASIQ_API_KEY.

Options:
  --database URL     postgres://... (node-postgres, installed beside basiq); default: an embedded
                     PGlite database (@electric-sql/pglite) in --data-dir
  --data-dir DIR     folder of the embedded database (default ${DEFAULT_DATA_DIR})
  --user ID          a user to sync (repeat for more)
  --all-users        every user this database has synced before
  --concurrency N    users synced at once, 1 to 100 (default 4)
  --schema NAME      schema of the tables (default basiq)
  --base-url URL     API origin (default https://au-api.basiq.io; e.g. the URL basiq sandbox prints)
  -h, --help         this help`;

/** Opens the database: pg for a URL, else PGlite in `dir`; both loaded only when used (optional peers). */
async function open(url: string | undefined, dir: string): Promise<{ db: Queryable; close: () => Promise<void>; where: string }> {
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`--database must be a postgres:// URL (got "${url.slice(0, 40)}")`);
    const pg = await import("pg").catch(() => {
      throw new Error("--database needs node-postgres: npm install pg");
    });
    const pool = new pg.default.Pool({ connectionString: url, max: 8 });
    pool.on("error", () => undefined); // an idle client cut by the server; the next query reports it
    // The URL may carry a password: only its host is printed.
    return { db: pool, close: () => pool.end(), where: `Postgres at ${new URL(url).host}` };
  }
  const { PGlite } = await import("@electric-sql/pglite").catch(() => {
    throw new Error("the embedded database needs PGlite: npm install @electric-sql/pglite (or pass --database postgres://...)");
  });
  const db = await PGlite.create(dir);
  return { db, close: () => db.close(), where: `embedded PGlite in ${dir}` };
}

/** The user ids to sync: --user values, plus with --all-users every user the database has a checkpoint for. */
async function userIds(given: string[], all: boolean, db: Queryable, pgSync: PostgresSync): Promise<string[]> {
  const ids = [...given];
  if (all) {
    const { rows } = await db.query(`SELECT user_id FROM "${pgSync.schema}".sync_state WHERE checkpoint IS NOT NULL ORDER BY user_id`);
    for (const row of rows as Array<{ user_id: string }>) ids.push(row.user_id);
  }
  return [...new Set(ids)];
}

const duration = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

/** The progress bar's line: users done / total, transactions, rate, ETA. */
export function progressLine(p: Pick<SyncUsersProgress, "done" | "total" | "added" | "modified" | "removed" | "failed">, elapsedMs: number, width = 24): string {
  const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
  const rate = elapsedMs > 0 ? p.done / (elapsedMs / 1000) : 0;
  const eta = rate > 0 ? duration(((p.total - p.done) / rate) * 1000) : "-";
  const failed = p.failed > 0 ? `, ${p.failed} failed` : "";
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done}/${p.total} users, +${p.added} ~${p.modified} -${p.removed} transactions, ${rate.toFixed(1)} users/s, ETA ${eta}${failed}`;
}

export const syncCommand: Command = {
  name: "sync",
  summary: "sync users' transactions and accounts into Postgres (or an embedded PGlite)",
  usage: USAGE,
  async run(argv, io: Io) {
    const values = parseFlags(argv, {
      database: { type: "string" }, "data-dir": { type: "string" }, user: { type: "string", multiple: true }, "all-users": { type: "boolean" },
      concurrency: { type: "string" }, schema: { type: "string" }, "base-url": { type: "string" }, help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const concurrency = integer("concurrency", values.concurrency, 4, 1, 100);
    const apiKey = io.env.BASIQ_API_KEY;
    if (!apiKey?.trim()) throw new UsageError("BASIQ_API_KEY is not set (the API key the sync reads with)");
    if (!values.user?.length && !values["all-users"]) throw new UsageError("name the users: --user ID (repeatable) or --all-users");
    const basiq = new Basiq({ apiKey, ...(values["base-url"] ? { baseUrl: values["base-url"] } : {}) });
    const stopped = io.untilStopped(); // from here on, Ctrl-C stops at the next checkpoint
    const { db, close, where } = await open(values.database, values["data-dir"] ?? DEFAULT_DATA_DIR);
    try {
      const pgSync = postgresSync(db, values.schema === undefined ? {} : { schema: values.schema });
      await pgSync.migrate();
      const ids = await userIds(values.user ?? [], values["all-users"] === true, db, pgSync);
      io.out(`syncing ${ids.length} users into ${where} (schema ${pgSync.schema}), ${concurrency} at a time`);
      const controller = new AbortController();
      let stopSignal: string | undefined;
      void stopped.then((signal) => {
        stopSignal = signal;
        controller.abort(new Error(`stopped by ${signal}`));
      });
      const started = Date.now();
      const bar = io.tty === true && io.write !== undefined;
      const r = await createSync(basiq, { sink: pgSync.sink }).users(ids, {
        concurrency, signal: controller.signal,
        onProgress: (p) => {
          if (bar) io.write!(`\r${progressLine(p, Date.now() - started)}`);
          else io.out(`${p.done}/${p.total} ${p.userId}: +${p.added} ~${p.modified} -${p.removed} so far${p.failed ? `, ${p.failed} failed` : ""}`);
        },
      });
      if (bar) io.write!("\n");
      for (const f of r.failed) if (f.error.name !== "AbortError") io.err(`  ${f.userId}: ${f.error.message}`);
      for (const id of r.skipped) io.err(`  ${id}: skipped (another worker holds its lease)`);
      const summary = `${r.users} users synced: +${r.added} added, ~${r.modified} modified, -${r.removed} removed, ${r.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`;
      io.out(stopSignal ? `stopped (${stopSignal}) at a checkpoint: ${summary}; the others are untouched` : summary);
      return r.failed.some((f) => f.error.name !== "AbortError") ? 1 : 0;
    } finally {
      await close();
    }
  },
};
