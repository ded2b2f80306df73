// A measured figure a test reports (sizes, timings, counts) as one plain line on stderr, where
// jest would print a console.log as a block with its stack frame between the suites' results.

/** Prints `line` as `  figure: <line>`. */
export function figure(line: string): void {
  process.stderr.write(`  figure: ${line}\n`);
}
