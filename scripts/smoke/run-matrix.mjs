// Runtime smoke matrix: runs every package's test/smoke.mjs (which imports the *built* dist and
// exercises the public API) on Node 20 (this process's node), Node 22 and 24, Deno and Bun.
// The other runtimes come from the npm registry as packages, pinned here, cached in .cache/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RUNTIMES = [
  { name: 'node20', pkg: null, bin: process.execPath, args: [] },
  { name: 'node22', pkg: 'node@22.23.3', bin: 'node', args: [] },
  { name: 'node24', pkg: 'node@24.21.0', bin: 'node', args: [] },
  {
    name: 'deno',
    pkg: 'deno@2.9.6',
    bin: 'deno',
    args: ['run', '--allow-read', '--allow-env', '--quiet'],
  },
  { name: 'bun', pkg: 'bun@1.4.5', bin: 'bun', args: ['run'] },
];

const cache = resolve('.cache/runtimes');

function install(runtime) {
  if (!runtime.pkg) return runtime.bin;
  const dir = join(cache, runtime.name);
  const bin = join(dir, 'node_modules', '.bin', runtime.bin);
  const marker = join(dir, `.installed-${runtime.pkg}`);
  if (!existsSync(marker)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', runtime.pkg], {
      cwd: dir,
      stdio: 'inherit',
    });
    writeFileSync(marker, '');
  }
  return bin;
}

const smokes = readdirSync('packages')
  .map((name) => join('packages', name, 'test', 'smoke.mjs'))
  .filter((file) => existsSync(file));

let passed = 0;
let failed = 0;
for (const runtime of RUNTIMES) {
  const bin = install(runtime);
  for (const file of smokes) {
    const label = `${runtime.name.padEnd(7)} ${file}`;
    try {
      execFileSync(bin, [...runtime.args, resolve(file)], {
        stdio: 'pipe',
        encoding: 'utf8',
        timeout: 60_000,
      });
      passed += 1;
      console.log(`ok   ${label}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${label}\n${error.stdout ?? ''}${error.stderr ?? error.message}`);
    }
  }
}
console.log(`smoke matrix: ${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);
