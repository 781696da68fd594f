// Package quality gate, after `pnpm build`: the metadata agrees with the root package.json
// (scripts/package-metadata.mjs --check), and every publishable package's tarball carries
// package.json, README.md and LICENSE, no `workspace:` range, and passes publint and
// @arethetypeswrong/cli. Any error (or attw problem) fails the run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageDirs } from './package-metadata.mjs';

const dirs = packageDirs();
const packDir = resolve('.cache/pack');
mkdirSync(packDir, { recursive: true });

let passed = 0;
let failed = 0;
function report(ok, tool, name, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${tool.padEnd(8)} ${name}${ok || !detail ? '' : `\n${detail}`}`,
  );
}

try {
  const out = execFileSync('node', ['scripts/package-metadata.mjs', '--check'], {
    encoding: 'utf8',
  });
  report(true, 'metadata', `${dirs.length} packages`, out);
} catch (error) {
  report(
    false,
    'metadata',
    `${dirs.length} packages`,
    `${error.stdout ?? ''}${error.stderr ?? ''}`,
  );
}

const REQUIRED = ['package/package.json', 'package/README.md', 'package/LICENSE'];
for (const dir of dirs) {
  const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // attw's own --pack cannot read npm 11's pack output, so pack with pnpm (which also rewrites
  // workspace: ranges, exactly as `pnpm publish` would; `npm pack` keeps them) and check the
  // tarball.
  const tarball = execFileSync('pnpm', ['pack', '--pack-destination', packDir], {
    cwd: dir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  const entries = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  const missing = REQUIRED.filter((file) => !entries.includes(file));
  const manifest = execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
    encoding: 'utf8',
  });
  const workspaceRanges = manifest.match(/"[^"]+": "workspace:[^"]*"/g) ?? [];
  report(
    missing.length === 0 && workspaceRanges.length === 0,
    'tarball',
    name,
    [
      missing.length ? `  missing from ${tarball}: ${missing.join(', ')}` : '',
      workspaceRanges.length ? `  workspace ranges left: ${workspaceRanges.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
  );
  for (const [tool, args] of [
    ['publint', ['exec', 'publint', '--strict', dir]],
    ['attw', ['exec', 'attw', tarball, '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('pnpm', args, { stdio: 'pipe', encoding: 'utf8' });
      report(true, tool, name);
    } catch (error) {
      report(false, tool, name, `${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
