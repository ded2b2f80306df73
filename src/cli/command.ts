// What a `basiq` command is: a name, a line for `basiq --help`, its own usage, and a run that
// resolves its exit code. A command reports bad input by throwing a UsageError (one line, exit 2)
// and any other failure by throwing (one line, exit 1); index.ts prints it.

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
