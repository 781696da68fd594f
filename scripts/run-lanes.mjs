// Runs lanes of package scripts side by side; the scripts within a lane run one after another.
// `pnpm test` uses it so the slow suites (unit tests on one side; package checks, runtime smoke,
// docs and registry checks on the other) overlap on a small machine. Every line is prefixed with
// its lane; the exit code is non-zero when any script in any lane fails.
//
//   node scripts/run-lanes.mjs "test:unit" "test:packages,test:smoke,test:docs"
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const lanes = process.argv.slice(2).map((lane) => lane.split(',').filter(Boolean));
if (lanes.length === 0) {
  console.error('usage: node scripts/run-lanes.mjs "<script>[,<script>…]" …');
  process.exit(2);
}

const width = Math.max(...lanes.map((lane) => lane[0].length));

function runScript(name, label) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('pnpm', ['run', '--silent', name], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        process.stdout.write(`${label} | ${line}\n`);
      });
    }
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      const status = code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`;
      process.stdout.write(`${label} | ── ${name} ${status} in ${seconds} s\n`);
      resolve(code === 0);
    });
  });
}

async function runLane(scripts) {
  const label = scripts[0].padEnd(width);
  for (const name of scripts) {
    if (!(await runScript(name, label))) return { scripts, ok: false, failed: name };
  }
  return { scripts, ok: true };
}

const results = await Promise.all(lanes.map(runLane));
const failed = results.filter((result) => !result.ok);
for (const result of failed) console.error(`lanes: ${result.failed} failed`);
process.exit(failed.length === 0 ? 0 : 1);
