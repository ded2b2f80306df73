// Log levels in openai-node's manner: a console-like logger, a level (`off` by default, or
// BASIQ_LOG), and methods below the level replaced by a no-op so disabled logging costs nothing.

import { redact } from "./redact.js";

type LogFn = (message: string, ...rest: unknown[]) => void;

/** A console-like logger (`console`, pino, winston... all fit). */
export interface Logger {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
}

/** How much the client logs. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

const RANK: Record<LogLevel, number> = { off: 0, error: 200, warn: 300, info: 400, debug: 500 };

/** A logger cut to a level: methods above it do nothing. */
export interface LevelLogger extends Logger {
  enabled(level: Exclude<LogLevel, "off">): boolean;
}

function noop(): void {}

/**
 * `logger` with every method above `level` replaced by a no-op, the rest bound (so stacks stay the
 * caller's), each line redacted (an echoed credential never reaches a log), and each call guarded:
 * a logger that throws (or a method behind a throwing getter) never changes a call's outcome.
 */
export function levelLogger(logger: Logger, level: LogLevel): LevelLogger {
  const make = (fn: Exclude<LogLevel, "off">): LogFn => {
    if (RANK[fn] > RANK[level]) return noop;
    let method: unknown;
    try {
      method = logger[fn];
    } catch {
      return noop;
    }
    if (typeof method !== "function") return noop;
    return (message, ...rest) => {
      try {
        (method as LogFn).call(logger, redact(message), ...rest);
      } catch {
        // A log line is never worth a call: the logger's own failure is dropped.
      }
    };
  };
  return {
    error: make("error"),
    warn: make("warn"),
    info: make("info"),
    debug: make("debug"),
    enabled: (fn) => RANK[fn] <= RANK[level],
  };
}

/**
 * A few words about something thrown, whatever it is: an Error's message, a string, or a
 * placeholder for an object with no usable toString (Object.create(null), a throwing toString).
 */
export function describeThrown(thrown: unknown, max = 200): string {
  let text: string;
  try {
    text = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : typeof thrown === "string" ? thrown : String(thrown);
  } catch {
    text = `a ${thrown === null ? "null" : typeof thrown} that cannot be printed`;
  }
  if (typeof text !== "string") text = "an unprintable value";
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `value` as a level, in any case (`DEBUG`, `Warn`); undefined (with a warning through `logger`) when it names none. */
export function parseLogLevel(value: string | undefined, source: string, logger: Logger): LogLevel | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const level = value.trim().toLowerCase();
  if (Object.hasOwn(RANK, level)) return level as LogLevel;
  levelLogger(logger, "warn").warn(`basiq: ${source} is ${JSON.stringify(value)}; expected one of ${Object.keys(RANK).join(", ")}`);
  return undefined;
}
