// Tiny shared CLI plumbing for the scripts: --flag value parsing and a clean exit on error.
import { parseArgs } from "node:util";

/** Parses `--name value` options (all strings) and boolean flags. */
export function options(spec) {
  return parseArgs({ options: spec, allowPositionals: false }).values;
}

/** Runs main(), printing an error's message (not its stack) and exiting 1 when it throws. */
export function run(main) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
