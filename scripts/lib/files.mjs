// File writes that never leave a half-written result behind.
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Writes every `{ name: bytes }` entry into `dir` only after all were written to a temp folder
 * beside it; a failure before the renames leaves `dir` as it was. Entries whose bytes already
 * match the file on disk are not touched (so mtimes and diffs move only for real changes).
 * Resolves the names that changed.
 */
export async function writeAllOrNothing(dir, files) {
  await mkdir(dir, { recursive: true });
  const staging = await mkdtemp(join(dir, ".staging-"));
  try {
    const changed = [];
    for (const [name, bytes] of Object.entries(files)) {
      const current = await readFile(join(dir, name)).catch(() => undefined);
      if (current && Buffer.compare(current, Buffer.from(bytes)) === 0) continue;
      await writeFile(join(staging, name), bytes);
      changed.push(name);
    }
    // rename() within one file system is atomic per file.
    for (const name of changed) await rename(join(staging, name), join(dir, name));
    return changed;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Writes one file atomically (temp file, then rename). */
export async function writeFileAtomic(path, bytes) {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
}
