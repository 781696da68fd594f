// PGlite's first start creates a whole PostgreSQL cluster (initdb), then the example migrates and
// seeds it: seconds of writes. A process killed in the middle used to leave a directory that
// never opened again. So the first start builds everything in a temporary directory beside the
// target and renames it into place in one step: the target either does not exist or is whole.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** The prefix of temporary directories beside `dataDir`, e.g. `.pglite.initialising-`. */
export function temporaryPrefix(dataDir: string): string {
  return `.${basename(resolve(dataDir))}.initialising-`;
}

/**
 * Makes sure `dataDir` exists and is complete: when it is missing (or empty), `build` fills a
 * fresh temporary directory beside it, which is then flushed to disk and renamed to `dataDir`.
 * Temporary directories that a killed start left beside it are removed first.
 *
 * @param dataDir - the directory PGlite opens
 * @param build - creates, migrates and seeds a database in the directory it is given, and closes it
 * @returns whether the directory was built now
 * @example
 * ```ts
 * await initialiseDirectory('data/pglite', async (folder) => (await open(folder)).close());
 * ```
 */
export async function initialiseDirectory(
  dataDir: string,
  build: (temporary: string) => Promise<void>,
): Promise<boolean> {
  const target = resolve(dataDir);
  const parent = dirname(target);
  const prefix = temporaryPrefix(target);
  mkdirSync(parent, { recursive: true });
  for (const name of readdirSync(parent)) {
    if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  // A directory that exists got there whole, by the rename below (or an older version of the
  // example made it); an empty one is someone's mkdir, and is built like a missing one.
  if (existsSync(target)) {
    if (readdirSync(target).length > 0) return false;
    rmSync(target, { recursive: true, force: true });
  }
  const temporary = join(parent, `${prefix}${process.pid}`);
  mkdirSync(temporary);
  await build(temporary);
  syncTree(temporary);
  renameSync(temporary, target);
  sync(parent);
  return true;
}

/** fsync every file and directory under `path`, so the rename never exposes unwritten data. */
function syncTree(path: string): void {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) syncTree(child);
    else if (entry.isFile()) sync(child);
  }
  sync(path);
}

/** fsync one file or directory (opened read-only: Linux syncs either that way). */
function sync(path: string): void {
  const descriptor = openSync(path, 'r');
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}
