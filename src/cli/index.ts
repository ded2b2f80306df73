// The `basiq` command line: `basiq <command> [options]`. One file per command (sandbox.ts, ...),
// listed in COMMANDS; this file parses the command name, prints help, and turns every failure into
// one line on stderr and a non-zero exit.
import { type Command, type Io, UsageError } from "./command.js";
import { sandboxCommand } from "./sandbox.js";
import { syncCommand } from "./sync.js";

/** Every command, in the order `basiq --help` lists them. */
const COMMANDS: Command[] = [sandboxCommand, syncCommand];

const help = () =>
  [
    "Usage: basiq <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    "",
    "basiq <command> --help shows a command's options.",
  ].join("\n");

/** Runs `basiq` with `argv` (the words after it); resolves the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(", ")}; see basiq --help)`);
    return await command.run(rest, io);
  } catch (error) {
    const usage = error instanceof UsageError;
    io.err(`basiq${command ? ` ${command.name}` : ""}: ${(error as Error)?.message ?? String(error)}${usage && command ? ` (see basiq ${command.name} --help)` : ""}`);
    return usage ? 2 : 1;
  }
}

/** The process around main: stdout/stderr, the environment, SIGINT/SIGTERM. */
function processIo(): Io {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    tty: process.stderr.isTTY === true,
    write: (text) => process.stderr.write(text),
    untilStopped: () =>
      new Promise((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
      }),
  };
}

main(process.argv.slice(2), processIo()).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    process.stderr.write(`basiq: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
