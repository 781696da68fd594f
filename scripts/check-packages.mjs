// Package quality gate: publint and @arethetypeswrong/cli on every publishable package, after
// `pnpm build`. Any error (or attw problem) fails the run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dirs = ['packages', 'adapters'].flatMap((parent) =>
  readdirSync(parent)
    .map((name) => join(parent, name))
    .filter((dir) => existsSync(join(dir, 'package.json'))),
);

const packDir = resolve('.cache/pack');
mkdirSync(packDir, { recursive: true });

let failed = 0;
for (const dir of dirs) {
  const { name } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // attw's own --pack cannot read npm 11's pack output, so pack with pnpm (which also rewrites
  // workspace: ranges, exactly as a publish would) and check the tarball.
  const tarball = execFileSync('pnpm', ['pack', '--pack-destination', packDir], {
    cwd: dir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  for (const [tool, args] of [
    ['publint', ['exec', 'publint', '--strict', dir]],
    ['attw', ['exec', 'attw', tarball, '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync('pnpm', args, { stdio: 'pipe', encoding: 'utf8' });
      console.log(`ok   ${tool.padEnd(8)} ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${tool.padEnd(8)} ${name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
console.log(`${dirs.length * 2 - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
