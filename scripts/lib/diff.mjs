// A readable summary of how two sets of generated files differ (for make check-generated).

/** At most this many differing files are described line by line; the rest are only named. */
const MAX_DETAILED = 5;

/** Describes the first differing line of two texts with a little context. */
function firstDifference(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const changed = a.filter((line, n) => line !== b[n]).length + Math.max(0, b.length - a.length);
  return `first difference at line ${i + 1} (${a.length} -> ${b.length} lines, ~${changed} changed)\n` +
    `      - ${a[i] ?? "<end of file>"}\n      + ${b[i] ?? "<end of file>"}`;
}

/**
 * Compares `committed` with `expected` (`{ name: text }` each). Resolves an empty array when they
 * match, otherwise one line (or block) per file that is missing, extra or changed.
 */
export function diffFiles(committed, expected) {
  const lines = [];
  const names = [...new Set([...Object.keys(committed), ...Object.keys(expected)])].sort();
  let detailed = 0;
  for (const name of names) {
    if (!(name in committed)) lines.push(`  missing  ${name} (the specs produce it; it is not committed)`);
    else if (!(name in expected)) lines.push(`  extra    ${name} (committed, but the specs no longer produce it)`);
    else if (committed[name] !== expected[name]) {
      lines.push(detailed++ < MAX_DETAILED
        ? `  changed  ${name}: ${firstDifference(committed[name], expected[name])}`
        : `  changed  ${name}`);
    }
  }
  return lines;
}
