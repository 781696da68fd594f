// Size and tree-shaking budgets, after `pnpm build`. For every package, esbuild bundles and
// minifies (1) its whole ESM entry and (2) a module that imports one typical function, and
// gzips each (level 9). Both numbers must stay within scripts/size/budgets.json.
//
// What is in a bundle: the package's dist, the @fielding/* packages it depends on and its
// third-party dependencies (ajv, negotiator, path-to-regexp, etag…) are bundled in — that is what
// an app ships. Frameworks (express, fastify, hono: peer dependencies) and Node built-ins stay
// external. packages/* are bundled for the edge (platform neutral: the `import`/`default`
// conditions, not `node`); adapters/* for Node (the `node` condition).
//
//   node scripts/size/check.mjs            check, print a markdown table, exit 1 over budget
//   node scripts/size/check.mjs --update   set every budget to today's size + 15 %
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { packageDirs } from '../package-metadata.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The esbuild that tsup builds the packages with (the workspace has no esbuild of its own).
const requireFromTsup = createRequire(createRequire(join(root, 'package.json')).resolve('tsup'));
const { build, version: esbuildVersion } = requireFromTsup('esbuild');
const budgetsFile = join(root, 'scripts/size/budgets.json');
const HEADROOM = 1.15;
const PEERS = ['express', 'fastify', 'hono', 'hono/*', '@hono/*'];
const BUILTINS = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

async function measure(dir, contents) {
  const result = await build({
    stdin: { contents, resolveDir: join(root, dir), sourcefile: 'size-entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: dir.startsWith('adapters/') ? 'node' : 'neutral',
    mainFields: ['module', 'main'],
    external: [...PEERS, ...BUILTINS],
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const update = process.argv.includes('--update');
const budgets = existsSync(budgetsFile) ? JSON.parse(readFileSync(budgetsFile, 'utf8')) : {};
const rows = [];
const problems = [];
let passed = 0;
for (const dir of packageDirs()) {
  const { name } = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const entryFile = join(root, dir, 'dist/index.js');
  if (!existsSync(entryFile)) {
    problems.push(`${name}: ${dir}/dist/index.js is missing (run pnpm build first)`);
    continue;
  }
  const budget = budgets[name];
  if (!budget?.import) {
    problems.push(
      `${name}: no entry in scripts/size/budgets.json (add {"import": "<a function>"})`,
    );
    continue;
  }
  const entry = JSON.stringify(entryFile);
  const whole = await measure(dir, `export * from ${entry};`);
  // `import` names one function, or a list of names of which the first exported is used (an
  // export being renamed keeps its budget).
  let one;
  let imported;
  for (const candidate of [budget.import].flat()) {
    try {
      one = await measure(dir, `export { ${candidate} } from ${entry};`);
      imported = candidate;
      break;
    } catch {
      // not exported by this build: the next name
    }
  }
  if (!one) {
    problems.push(`${name}: exports none of ${[budget.import].flat().join(', ')}`);
    continue;
  }
  if (update) {
    budget.entry = Math.ceil(whole.gzip * HEADROOM);
    budget.oneImport = Math.ceil(one.gzip * HEADROOM);
  }
  for (const [what, size, limit] of [
    ['whole entry', whole.gzip, budget.entry],
    [`{ ${imported} }`, one.gzip, budget.oneImport],
  ]) {
    if (typeof limit !== 'number') problems.push(`${name}: no budget for ${what} (run --update)`);
    else if (size > limit) {
      problems.push(`${name}: ${what} is ${size} B gzipped, over its budget of ${limit} B`);
    } else passed += 1;
  }
  rows.push({ name, whole, one, imported, budget });
}

if (update) {
  // Lists of names on one line, as prettier writes them.
  const text = JSON.stringify(budgets, null, 2).replace(
    /\[\n\s*("[^\]]*?")\n\s*\]/g,
    (_, items) => `[${items.split(/,\n\s*/).join(', ')}]`,
  );
  writeFileSync(budgetsFile, `${text}\n`);
  console.log(`updated ${budgetsFile} (today's sizes + ${Math.round((HEADROOM - 1) * 100)} %)\n`);
}

console.log(
  '| package | whole entry, min | whole entry, min+gz (budget) | one import | one import, min+gz (budget) |',
);
console.log('| --- | ---: | ---: | --- | ---: |');
for (const { name, whole, one, imported, budget } of rows) {
  console.log(
    `| \`${name}\` | ${kb(whole.min)} | ${kb(whole.gzip)} (${kb(budget.entry)}) | \`${imported}\` | ${kb(one.gzip)} (${kb(budget.oneImport)}) |`,
  );
}
console.log(
  `\nesbuild ${esbuildVersion}, minified, gzip level 9; dependencies bundled in, frameworks and Node built-ins external.`,
);
for (const line of problems) console.log(`FAIL ${line}`);
console.log(`size: ${passed} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
