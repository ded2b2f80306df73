// What a `basiq` command is: a name, a line for `basiq --help`, its own usage, and a run that
// resolves its exit code. A command reports bad input by throwing a UsageError (one line, exit 2)
// and any other failure by throwing (one line, exit 1); index.ts prints it. The flag handling every
// command shares is here too: strict parsing and whole numbers in a range, each error naming its flag.
import { type ParseArgsConfig, parseArgs } from "node:util";

/** Where a command writes (process.stdout/stderr, or a buffer in tests) and what it reads. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (a command may then draw a progress bar on it). @default false */
  tty?: boolean;
  /** Writes to stderr without a newline (a progress bar redrawn with \r). @default undefined */
  write?: (text: string) => void;
  /** Resolves with the signal's name when the process is asked to stop (SIGINT, SIGTERM); until a command asks, those signals keep their default. */
  untilStopped: () => Promise<string>;
}

export interface Command {
  name: string;
  /** One line for `basiq --help`. */
  summary: string;
  /** The command's own help (`basiq <name> --help`). */
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** Bad input: a wrong flag, a missing value, a value out of range. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `argv` parsed against `options` (no positionals), or a UsageError with parseArgs' first line. */
export function parseFlags<T extends Options>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]!);
  }
}

/** A whole number from `min` to `max` (`fallback` when the flag is absent), or a UsageError naming the flag. */
export function integer(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max} (got "${text}")`);
  return value;
}
