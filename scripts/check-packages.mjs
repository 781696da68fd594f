// Package quality gate, after `pnpm build`: the metadata agrees with the root package.json
// (scripts/package-metadata.mjs --check); a package never released yet (0.0.0) is released at
// 0.1.0 by the pending changesets; every publishable package's tarball carries package.json,
// README.md and LICENSE, no `workspace:` range, and passes publint and @arethetypeswrong/cli.
// Any error (or attw problem) fails the run.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// The first release: `changeset version` must take every unreleased package to 0.1.0 (a minor
// changeset, none major).
{
  const folder = mkdtempSync(join(tmpdir(), 'fielding-changesets-'));
  const output = join(folder, 'status.json');
  try {
    execFileSync('pnpm', ['exec', 'changeset', 'status', `--output=${output}`], {
      stdio: 'pipe',
    });
    const { releases } = JSON.parse(readFileSync(output, 'utf8'));
    const plan = new Map(releases.map((release) => [release.name, release.newVersion]));
    const wrong = dirs
      .map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')))
      .filter(({ name, version }) => version === '0.0.0' && plan.get(name) !== '0.1.0')
      .map(({ name }) => `  ${name}: changeset version makes it ${plan.get(name) ?? '0.0.0'}`);
    report(wrong.length === 0, 'release', `first release at 0.1.0`, wrong.join('\n'));
  } catch (error) {
    report(false, 'release', 'changeset status', `${error.stdout ?? ''}${error.stderr ?? ''}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
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
