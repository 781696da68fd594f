// A kill -9 during PGlite's first start must not leave a data directory that never opens again
// (3 of 7 kills 2.6–5 s after spawn did). The first start builds, migrates and seeds in a
// temporary directory beside the target and renames it into place; the next start removes what
// a killed one left. Here `pnpm start`'s entry point is killed at several points of its first
// start on one DATA_DIR, then started once more: it must open and serve the seeded blogs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const exampleRoot = fileURLToPath(new URL('..', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'fielding-first-start-'));
const dataDir = join(folder, 'pglite');

function startMain(): { child: ChildProcess; url: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: exampleRoot,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: `${repositoryRoot}tsconfig.json`,
      FRAMEWORK: 'node',
      PORT: '0',
      DATA_DIR: dataDir,
      GIT_COMMIT: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      output += text;
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (found) resolve(found[0]);
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.once('exit', (code, signal) =>
      reject(new Error(`exited (${code ?? signal}) before serving:\n${output}`)),
    );
  });
  url.catch(() => {});
  return { child, url };
}

/** Anything of the data directory on disk: the target or a temporary directory beside it. */
const anythingOnDisk = () => existsSync(folder) && readdirSync(folder).length > 0;

async function until(condition: () => boolean, child: ChildProcess): Promise<void> {
  while (!condition() && child.exitCode === null && child.signalCode === null) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('the first start of PGlite', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  // From spawn to the first file on disk (loading the code); measured on the first start, whose
  // folder is empty. Later kills are placed from spawn with it: by then the folder is not empty.
  let loading = 0;

  it('survives a kill -9 in the middle of its first initialisation', async () => {
    const started = performance.now();
    const { child } = startMain();
    await until(anythingOnDisk, child);
    loading = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await killed(child);
  }, 60_000);

  it.each([0, 400, 2_500, 5_000])(
    'survives a kill -9 %i ms after its files would appear',
    async (after) => {
      const { child } = startMain();
      await new Promise((resolve) => setTimeout(resolve, loading + after));
      await killed(child);
    },
    60_000,
  );

  it('survives a kill -9 as the data directory itself appears', async () => {
    const { child } = startMain();
    await until(() => existsSync(dataDir), child);
    await killed(child);
  }, 60_000);

  it('opens and serves after the kills, and leaves nothing temporary behind', async () => {
    const { child, url } = startMain();
    try {
      const base = await url;
      const response = await fetch(`${base}/api/v1/blogs`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { total: number }).total).toBe(3);
      expect(readdirSync(folder)).toEqual(['pglite']);
    } finally {
      await killed(child);
    }
  }, 120_000);
});
