// The real `fielding-openapi` process: src/cli.node.ts run by tsx (no build step), so the
// argv, stdout, stderr and exit-code wiring is what a user's shell sees.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const cli = join(packageRoot, 'src/cli.node.ts');

/** tsx's CLI: this package's devDependency, else the copy the blog-api example installs. */
function tsxCli(): string {
  for (const from of [packageRoot, join(packageRoot, '../../examples/blog-api/')]) {
    try {
      const manifest = createRequire(join(from, 'package.json')).resolve('tsx/package.json');
      return join(dirname(manifest), 'dist/cli.mjs');
    } catch {
      // not installed there; try the next place
    }
  }
  throw new Error('tsx is not installed');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function fieldingOpenapi(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli(), cli, ...args], {
      cwd: directory,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let directory = '';
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fielding-openapi-'));
  const write = (name: string, body: unknown): Promise<void> =>
    writeFile(join(directory, name), typeof body === 'string' ? body : JSON.stringify(body));
  await Promise.all([
    write('warned.json', { openapi: '3.1.0', paths: { '/blog/{blogId}': {} } }),
    write('bad.json', { openapi: '3.1.0', paths: { '/blogPosts': {} } }),
    write('broken.json', '{"openapi": '),
  ]);
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

// Four processes (each starts tsx: about a second of CPU); src/_cli.test.ts covers every case.
describe('the fielding-openapi process', () => {
  it('exits 0 when clean, 1 on errors, 2 on a bad file; --help and JSON on stdout', async () => {
    const [clean, json, broken, help] = await Promise.all([
      fieldingOpenapi('lint', 'warned.json'),
      fieldingOpenapi('lint', 'bad.json', '--format', 'json'),
      fieldingOpenapi('lint', 'broken.json'),
      fieldingOpenapi('--help'),
    ]);
    expect([clean.code, clean.stderr]).toEqual([0, '']);
    expect(clean.stdout).toMatch(/warning +plural-collection +\/paths\/~1blog~1\{blogId\}/);
    expect([json.code, json.stderr]).toEqual([1, '']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      file: 'bad.json',
      errors: 1,
      warnings: 0,
      findings: [{ rule: 'kebab-case', severity: 'error', pointer: '/paths/~1blogPosts' }],
    });
    expect([broken.code, broken.stdout]).toEqual([2, '']);
    expect(broken.stderr).toMatch(/^fielding-openapi: broken\.json is not valid JSON/);
    expect(broken.stderr).not.toMatch(/^ +at /m);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^Usage: fielding-openapi lint <file>/);
  }, 120_000);
});
