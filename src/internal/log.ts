// Log levels in openai-node's manner: a console-like logger, a level (`off` by default, or
// BASIQ_LOG), and methods below the level replaced by a no-op so disabled logging costs nothing.

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

/** `logger` with every method above `level` replaced by a no-op (the rest bound, so stacks stay the caller's). */
export function levelLogger(logger: Logger, level: LogLevel): LevelLogger {
  const make = (fn: Exclude<LogLevel, "off">): LogFn => (RANK[fn] <= RANK[level] && typeof logger[fn] === "function" ? logger[fn].bind(logger) : noop);
  return {
    error: make("error"),
    warn: make("warn"),
    info: make("info"),
    debug: make("debug"),
    enabled: (fn) => RANK[fn] <= RANK[level],
  };
}

/** `value` as a level; undefined (with a warning through `logger`) when it names none. */
export function parseLogLevel(value: string | undefined, source: string, logger: Logger): LogLevel | undefined {
  if (value === undefined || value === "") return undefined;
  if (Object.hasOwn(RANK, value)) return value as LogLevel;
  logger.warn(`basiq: ${source} is ${JSON.stringify(value)}; expected one of ${Object.keys(RANK).join(", ")}`);
  return undefined;
}
