// Registry round-trip, after `pnpm build`: publish every package to a local Verdaccio exactly as
// a release would (`pnpm publish --no-git-checks`), then install them in fresh folders outside
// the workspace with npm, pnpm, yarn (classic) and bun, and import them in Deno through `npm:`
// specifiers, and check each install from a consumer's side:
//
//   ESM import   every package imports; its export names (ES module build)
//   CJS require  every package require()s, with the same export names as its ES module build
//   HTTP …       one handler served by the runtime, Express, Fastify and Hono answers
//                GET → 200 + ETag, If-None-Match → 304, a missing item → 404 problem+json
//   tsc …        a consumer importing every package type-checks with `strict` and
//                `skipLibCheck: false` under moduleResolution NodeNext, Node16 and Bundler
//
// The runtime checks run on Node 20 (this node), 22 and 24, and Bun for the bun install; the
// type checks with the repository's TypeScript. Verdaccio, Node 22/24, Bun, Deno and yarn come
// from the npm registry, pinned below, cached in .cache/. Verdaccio serves @fielding/* from its
// own storage only (wiped each run) and proxies everything else to the npm registry, caching it
// in .cache/registry/storage.
//
//   node scripts/registry/round-trip.mjs [--keep] [--only=npm,pnpm,…]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageDirs } from '../package-metadata.mjs';
import {
  cjsCheck,
  esmCheck,
  server,
  tsconfig,
  typedCjsConsumer,
  typedConsumer,
} from './consumer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = join(root, '.cache');
const started = Date.now();
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');

// Verdaccio 6.8.0: the last 6.x whose engines allow Node 20 (6.10 wants Node 22).
const VERDACCIO = 'verdaccio@6.8.0';
// The same pins and cache folders as scripts/smoke/run-matrix.mjs, so both share the downloads.
const TOOLS = {
  node22: { pkg: 'node@22.23.3', bin: 'node' },
  node24: { pkg: 'node@24.21.0', bin: 'node' },
  bun: { pkg: 'bun@1.4.5', bin: 'bun' },
  deno: { pkg: 'deno@2.9.6', bin: 'deno' },
  yarn: { pkg: 'yarn@1.22.22', bin: 'yarn' },
};
const UPLINK = 'https://registry.npmjs.org/';
const RESOLUTIONS = ['NodeNext', 'Node16', 'Bundler'];
const FRAMEWORKS = ['runtime', 'express', 'fastify', 'hono'];
const CONCURRENCY = 3;

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootManifest = readJson(join(root, 'package.json'));
const packages = packageDirs().map((dir) => ({ dir, name: readJson(join(root, dir, 'package.json')).name }));
const names = packages.map((p) => p.name);
const devVersion = (dir, name) => readJson(join(root, dir, 'package.json')).devDependencies[name];
// Peers and types at the versions the repository tests with.
const PEERS = [
  `express@${devVersion('adapters/express', 'express')}`,
  `fastify@${devVersion('adapters/fastify', 'fastify')}`,
  `hono@${devVersion('adapters/hono', 'hono')}`,
];
const DEV = [
  `typescript@${rootManifest.devDependencies.typescript}`,
  `@types/node@${rootManifest.devDependencies['@types/node']}`,
  `@types/express@${devVersion('adapters/express', '@types/express')}`,
];

// ---------------------------------------------------------------------------------------------
// Processes

/** Runs a command; never throws. `{ code, out, ms }`, out = stdout + stderr. */
function run(cmd, argv, { cwd = root, env = {}, timeout = 300_000 } = {}) {
  const t0 = Date.now();
  return new Promise((resolveRun) => {
    const child = spawn(cmd, argv, { cwd, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => {
      out += `\n[timed out after ${timeout / 1000} s]`;
      child.kill('SIGKILL');
    }, timeout);
    child.on('error', (error) => (out += `\n${error.message}`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code: code ?? 1, out, ms: Date.now() - t0 });
    });
  });
}

// The environment of every child: this one without the npm_*/pnpm_* settings a `pnpm run`
// leaves behind, so each client reads only the configuration given here.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)),
);
baseEnv.NO_COLOR = '1';
baseEnv.FORCE_COLOR = '0';

async function pool(tasks, size) {
  const results = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

const tail = (text, lines = 25) => text.trim().split('\n').slice(-lines).join('\n');

/** Installs a tool from the npm registry into .cache (once), returns its binary. */
async function tool(name, folder = join(cache, 'runtimes', name)) {
  const { pkg, bin } = name === 'verdaccio' ? { pkg: VERDACCIO, bin: 'verdaccio' } : TOOLS[name];
  const marker = join(folder, `.installed-${pkg}`);
  if (!existsSync(marker)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), '{"private":true}\n');
    const result = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', pkg], {
      cwd: folder,
      timeout: 600_000,
    });
    if (result.code !== 0) throw new Error(`could not install ${pkg}:\n${tail(result.out)}`);
    writeFileSync(marker, '');
  }
  return join(folder, 'node_modules', '.bin', bin);
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Verdaccio

async function startRegistry() {
  const bin = await tool('verdaccio', join(cache, 'registry', 'verdaccio'));
  const home = join(cache, 'registry');
  const storage = join(home, 'storage');
  // Each run publishes the same versions again: start from an empty @fielding scope.
  rmSync(join(storage, '@fielding'), { recursive: true, force: true });
  const port = await freePort();
  const config = join(home, 'config.yaml');
  writeFileSync(
    config,
    `# Written by scripts/registry/round-trip.mjs on every run.
storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(join(home, 'htpasswd'))}
    max_users: -1
uplinks:
  npmjs:
    url: ${UPLINK}
    timeout: 60s
packages:
  '@fielding/*':
    access: $all
    publish: $all
    unpublish: $all
  '**':
    access: $all
    proxy: npmjs
web:
  enable: false
log: { type: stdout, format: pretty, level: error }
`,
  );
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    env: baseEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited:\n${log}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`verdaccio did not answer on ${url} within 60 s:\n${log}`);
}

// ---------------------------------------------------------------------------------------------
// Publish

async function publishAll(registry) {
  const npmrc = join(cache, 'registry', 'publish.npmrc');
  const host = registry.replace(/^http:/, '');
  // Verdaccio lets anyone publish @fielding/* here; npm still wants some token to send.
  writeFileSync(npmrc, `registry=${registry}\n${host}:_authToken=anonymous-local-publish\n`);
  const results = await pool(
    packages.map(({ dir, name }) => async () => {
      const publish = await run('pnpm', ['publish', '--no-git-checks', '--registry', registry], {
        cwd: join(root, dir),
        env: { npm_config_userconfig: npmrc },
      });
      const problems = [];
      if (publish.code !== 0) problems.push(`pnpm publish failed:\n${tail(publish.out)}`);
      let manifest;
      if (!problems.length) {
        const packument = await (await fetch(`${registry}${name.replace('/', '%2f')}`)).json();
        manifest = packument.versions?.[packument['dist-tags']?.latest];
        if (!manifest) problems.push('not in the registry after publishing');
      }
      const checks = { publish: publish.code === 0 };
      if (manifest) {
        const text = JSON.stringify(manifest);
        const ranges = text.match(/"[^"]+":"workspace:[^"]*"/g) ?? [];
        checks.ranges = ranges.length === 0;
        if (ranges.length) problems.push(`workspace: ranges published: ${ranges.join(', ')}`);
        checks.metadata =
          manifest.license === 'MIT' &&
          manifest.repository?.url === rootManifest.repository.url &&
          manifest.repository?.directory === dir &&
          typeof manifest.homepage === 'string' &&
          manifest.homepage.startsWith(rootManifest.homepage);
        if (!checks.metadata) problems.push('license / repository / homepage not as in the root package.json');
        const tarball = join(mkdtempSync(join(tmpdir(), 'fielding-tgz-')), 'package.tgz');
        writeFileSync(tarball, Buffer.from(await (await fetch(manifest.dist.tarball)).arrayBuffer()));
        const list = await run('tar', ['-tzf', tarball]);
        rmSync(dirname(tarball), { recursive: true, force: true });
        const entries = list.out.split('\n');
        const missing = ['package/package.json', 'package/README.md', 'package/LICENSE'].filter(
          (file) => !entries.includes(file),
        );
        checks.files = missing.length === 0;
        if (missing.length) problems.push(`tarball lacks ${missing.join(', ')}`);
      }
      return { name, version: manifest?.version ?? '?', checks, problems, ms: publish.ms };
    }),
    4,
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// Installs

function writeConsumer(folder, registry, { deno = false } = {}) {
  mkdirSync(folder, { recursive: true });
  if (deno) {
    const spec = (name) => (name.startsWith('node:') ? name : `npm:${name}`);
    writeFileSync(join(folder, 'esm.mjs'), esmCheck(names, spec));
    writeFileSync(join(folder, 'server.mjs'), server(spec));
    writeFileSync(join(folder, 'consumer.ts'), typedConsumer(names, spec));
    return;
  }
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify({ name: 'fielding-consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
  );
  writeFileSync(join(folder, '.npmrc'), `registry=${registry}\n`);
  writeFileSync(join(folder, 'esm.mjs'), esmCheck(names));
  writeFileSync(join(folder, 'cjs.cjs'), cjsCheck(names));
  writeFileSync(join(folder, 'server.mjs'), server());
  writeFileSync(join(folder, 'consumer.ts'), typedConsumer(names));
  writeFileSync(join(folder, 'consumer.cts'), typedCjsConsumer(names));
  for (const resolution of RESOLUTIONS) {
    writeFileSync(join(folder, `tsconfig.${resolution.toLowerCase()}.json`), tsconfig(resolution));
  }
}

/** The two commands a user types: the packages and peers, then the dev tools. */
function installCommands(pm, bins, folder, registry) {
  const deps = [...names, ...PEERS];
  switch (pm) {
    case 'npm': {
      const flags = ['--no-audit', '--no-fund', '--registry', registry, '--cache', join(folder, '.npm-cache')];
      return [
        ['npm', ['install', ...flags, ...deps]],
        ['npm', ['install', ...flags, '--save-dev', ...DEV]],
      ];
    }
    case 'pnpm': {
      const flags = [
        '--registry', registry,
        '--store-dir', join(folder, '.pnpm-store'),
        '--cache-dir', join(folder, '.pnpm-cache'),
        '--config.confirmModulesPurge=false',
      ];
      return [
        ['pnpm', ['add', ...flags, ...deps]],
        ['pnpm', ['add', ...flags, '--save-dev', ...DEV]],
      ];
    }
    case 'yarn': {
      const flags = ['--registry', registry, '--cache-folder', join(folder, '.yarn-cache'), '--non-interactive'];
      return [
        [bins.yarn, ['add', ...flags, ...deps]],
        [bins.yarn, ['add', ...flags, '--dev', ...DEV]],
      ];
    }
    case 'bun':
      return [
        [bins.bun, ['add', ...deps]],
        [bins.bun, ['add', '--dev', ...DEV]],
      ];
    case 'deno':
      // Deno has no install step for npm: specifiers; this fetches them into a fresh DENO_DIR.
      return [[bins.deno, ['install', '--entrypoint', 'esm.mjs', 'server.mjs', 'consumer.ts']]];
    default:
      throw new Error(pm);
  }
}

function clientEnv(folder, registry) {
  return {
    npm_config_registry: registry,
    BUN_CONFIG_REGISTRY: registry,
    BUN_INSTALL_CACHE_DIR: join(folder, '.bun-cache'),
    NPM_CONFIG_REGISTRY: registry,
    DENO_DIR: join(folder, '.deno-dir'),
    DENO_NO_UPDATE_CHECK: '1',
    // Keep each client away from user-level caches so nothing from an earlier run is reused.
    npm_config_userconfig: join(folder, '.npmrc'),
    YARN_CACHE_FOLDER: join(folder, '.yarn-cache'),
  };
}

async function install(pm, bins, base, registry) {
  const folder = join(base, pm);
  writeConsumer(folder, registry, { deno: pm === 'deno' });
  if (pm === 'deno') writeFileSync(join(folder, '.npmrc'), `registry=${registry}\n`);
  const env = clientEnv(folder, registry);
  let ms = 0;
  let out = '';
  for (const [cmd, argv] of installCommands(pm, bins, folder, registry)) {
    const result = await run(cmd, argv, { cwd: folder, env, timeout: 600_000 });
    ms += result.ms;
    out += `$ ${[cmd, ...argv].join(' ')}\n${result.out}\n`;
    if (result.code !== 0) return { pm, folder, env, ok: false, ms, out };
  }
  return { pm, folder, env, ok: true, ms, out };
}

// ---------------------------------------------------------------------------------------------
// Checks

function runtimeCommand(runtime, bins, file) {
  if (runtime === 'node20') return [process.execPath, [file]];
  if (runtime === 'deno') return [bins.deno, ['run', '-A', '--quiet', file]];
  if (runtime === 'bun') return [bins.bun, ['run', file]];
  return [bins[runtime], [file]];
}

function parseJsonLine(text) {
  for (const line of text.trim().split('\n').reverse()) {
    try {
      return JSON.parse(line);
    } catch {
      // a warning line
    }
  }
  return undefined;
}

async function exportNames(installed, runtime, bins, file) {
  const [cmd, argv] = runtimeCommand(runtime, bins, file);
  const result = await run(cmd, argv, { cwd: installed.folder, env: installed.env, timeout: 120_000 });
  const value = result.code === 0 ? parseJsonLine(result.out) : undefined;
  return { value, out: result.out };
}

async function checkModules(installed, runtime, bins) {
  const esm = await exportNames(installed, runtime, bins, 'esm.mjs');
  const cells = {};
  const details = [];
  const empty = (value) => names.filter((name) => !value?.[name]?.length);
  if (!esm.value || empty(esm.value).length) {
    cells.esm = 'FAIL';
    details.push(`ESM import:\n${esm.value ? `no exports: ${empty(esm.value).join(', ')}` : tail(esm.out)}`);
  } else cells.esm = 'ok';
  if (runtime === 'deno') {
    cells.cjs = 'not run: Deno loads npm: specifiers as ES modules; require() cannot take them';
    return { cells, details };
  }
  const cjs = await exportNames(installed, runtime, bins, 'cjs.cjs');
  const differ = names.filter(
    (name) => JSON.stringify(cjs.value?.[name]) !== JSON.stringify(esm.value?.[name]),
  );
  if (!cjs.value || empty(cjs.value).length || (esm.value && differ.length)) {
    cells.cjs = 'FAIL';
    details.push(
      `CJS require:\n${
        cjs.value
          ? differ
              .map((name) => `${name}: require() ${JSON.stringify(cjs.value[name])} vs import ${JSON.stringify(esm.value?.[name])}`)
              .join('\n')
          : tail(cjs.out)
      }`,
    );
  } else cells.cjs = 'ok';
  return { cells, details };
}

/** GET → 200 with an ETag; If-None-Match → 304; a missing item → 404 application/problem+json. */
async function checkHttp(port) {
  const base = `http://127.0.0.1:${port}`;
  const first = await fetch(`${base}/items/1`);
  const body = await first.json();
  const etag = first.headers.get('etag');
  if (first.status !== 200 || body.id !== 1 || !etag) {
    return `GET /items/1: ${first.status}, ETag ${etag}, body ${JSON.stringify(body)}`;
  }
  const again = await fetch(`${base}/items/1`, { headers: { 'If-None-Match': etag } });
  const againBody = await again.text();
  if (again.status !== 304 || againBody !== '') {
    return `If-None-Match ${etag}: ${again.status} ${JSON.stringify(againBody.slice(0, 200))}`;
  }
  const missing = await fetch(`${base}/items/2`);
  const type = missing.headers.get('content-type') ?? '';
  const problem = await missing.text();
  let parsed;
  try {
    parsed = JSON.parse(problem);
  } catch {
    parsed = undefined;
  }
  if (missing.status !== 404 || !type.startsWith('application/problem+json') || parsed?.status !== 404) {
    return `GET /items/2: ${missing.status} ${type} ${problem.slice(0, 200)}`;
  }
  return undefined;
}

async function checkServers(installed, runtime, bins) {
  const [cmd, argv] = runtimeCommand(runtime, bins, 'server.mjs');
  const child = spawn(cmd, argv, {
    cwd: installed.folder,
    env: { ...baseEnv, ...installed.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const ports = await new Promise((resolvePorts) => {
    const timer = setTimeout(() => resolvePorts(undefined), 120_000);
    const onData = (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n', out.indexOf(line))) {
        clearTimeout(timer);
        resolvePorts(parseJsonLine(line));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', () => {
      clearTimeout(timer);
      resolvePorts(undefined);
    });
  });
  const cells = {};
  const details = [];
  for (const framework of FRAMEWORKS) {
    const port = ports?.[framework];
    let problem;
    if (!ports) problem = `the server did not start:\n${tail(out)}`;
    else if (typeof port !== 'number') problem = `did not start: ${tail(port?.error ?? 'no port', 8)}`;
    else {
      try {
        problem = await checkHttp(port);
      } catch (error) {
        problem = `${error.message} ${error.cause?.message ?? ''}`;
      }
    }
    cells[framework] = problem ? 'FAIL' : 'ok';
    if (problem) details.push(`HTTP ${framework}: ${problem}`);
  }
  child.kill();
  return { cells, details };
}

async function typeCheck(installed, resolution) {
  const tsc = join(installed.folder, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await run(
    process.execPath,
    [tsc, '-p', `tsconfig.${resolution.toLowerCase()}.json`, '--pretty', 'false'],
    { cwd: installed.folder, env: installed.env, timeout: 300_000 },
  );
  return { ok: result.code === 0, out: result.out, ms: result.ms };
}

async function denoCheck(installed, bins) {
  const result = await run(bins.deno, ['check', '--quiet', 'consumer.ts'], {
    cwd: installed.folder,
    env: installed.env,
    timeout: 300_000,
  });
  return { ok: result.code === 0, out: result.out, ms: result.ms };
}

// ---------------------------------------------------------------------------------------------
// Main

const CLIENTS = ['npm', 'pnpm', 'yarn', 'bun', 'deno'].filter((pm) => !only || only.includes(pm));
const RUNTIMES = {
  npm: ['node20', 'node22', 'node24'],
  pnpm: ['node20', 'node22', 'node24'],
  yarn: ['node20', 'node22', 'node24'],
  bun: ['node20', 'node22', 'node24', 'bun'],
  deno: ['deno'],
};

const timings = {};
const time = async (label, work) => {
  const t0 = Date.now();
  try {
    return await work();
  } finally {
    timings[label] = Date.now() - t0;
  }
};

for (const { name } of packages) {
  if (!existsSync(join(root, packages.find((p) => p.name === name).dir, 'dist/index.js'))) {
    console.error(`${name} is not built: run pnpm build first`);
    process.exit(1);
  }
}

const bins = await time('tools', async () => {
  const needed = new Set(['node22', 'node24']);
  if (CLIENTS.includes('bun')) needed.add('bun');
  if (CLIENTS.includes('deno')) needed.add('deno');
  if (CLIENTS.includes('yarn')) needed.add('yarn');
  const entries = await Promise.all([...needed].map(async (name) => [name, await tool(name)]));
  return Object.fromEntries(entries);
});

const registry = await time('registry start', startRegistry);
const base = mkdtempSync(join(tmpdir(), 'fielding-registry-'));
let failures = 0;
let passes = 0;
let notRun = 0;
const detailLines = [];
const count = (cell) => {
  if (cell === 'ok') passes += 1;
  else if (cell.startsWith('not run')) notRun += 1;
  else failures += 1;
};

try {
  const published = await time('publish', () => publishAll(registry.url));
  const publishFailed = published.some((p) => p.problems.length);

  const installs = publishFailed
    ? []
    : await time('install', () =>
        Promise.all(CLIENTS.map((pm) => install(pm, bins, base, registry.url))),
      );

  // Every check on every install, through one pool.
  const tasks = [];
  const runtimeRows = [];
  const typeRows = [];
  for (const installed of installs) {
    if (!installed.ok) continue;
    for (const runtime of RUNTIMES[installed.pm]) {
      const row = { pm: installed.pm, runtime, cells: {}, details: [] };
      runtimeRows.push(row);
      tasks.push(async () => {
        const modules = await checkModules(installed, runtime, bins);
        const servers = await checkServers(installed, runtime, bins);
        Object.assign(row.cells, modules.cells, servers.cells);
        row.details.push(...modules.details, ...servers.details);
      });
    }
    const typeRow = { pm: installed.pm, cells: {}, details: [] };
    typeRows.push(typeRow);
    if (installed.pm === 'deno') {
      for (const resolution of RESOLUTIONS) {
        typeRow.cells[resolution] =
          'not run: Deno resolves npm: specifiers itself; tsc moduleResolution does not apply (see deno check)';
      }
      tasks.push(async () => {
        const result = await denoCheck(installed, bins);
        typeRow.cells['deno check'] = result.ok ? 'ok' : 'FAIL';
        if (!result.ok) typeRow.details.push(`deno check:\n${tail(result.out, 15)}`);
      });
    } else {
      typeRow.cells['deno check'] = 'not run: a Deno-only check';
      for (const resolution of RESOLUTIONS) {
        tasks.push(async () => {
          const result = await typeCheck(installed, resolution);
          typeRow.cells[resolution] = result.ok ? 'ok' : 'FAIL';
          if (!result.ok) {
            const errors = result.out.split('\n').filter((line) => /error TS\d+/.test(line));
            typeRow.details.push(`tsc ${resolution}:\n${(errors.length ? errors.slice(0, 12).join('\n') : tail(result.out, 12))}`);
          }
        });
      }
    }
  }
  await time('checks', () => pool(tasks, CONCURRENCY));

  // ---- Report
  console.log(`\nRegistry round-trip against ${registry.url} (Verdaccio ${VERDACCIO.split('@')[1]}), consumers in ${base}\n`);
  console.log('| package | version | pnpm publish | no workspace: range | LICENSE, README, package.json | repository, homepage, license |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const p of published) {
    const cell = (value) => (value === undefined ? 'not run: publish failed' : value ? 'ok' : 'FAIL');
    const cells = [cell(p.checks.publish), cell(p.checks.ranges), cell(p.checks.files), cell(p.checks.metadata)];
    cells.forEach(count);
    console.log(`| \`${p.name}\` | ${p.version} | ${cells.join(' | ')} |`);
    for (const problem of p.problems) detailLines.push(`${p.name}: ${problem}`);
  }

  console.log('\n| install | took | runtime | ESM import | CJS require | HTTP runtime server | HTTP Express | HTTP Fastify | HTTP Hono |');
  console.log('| --- | ---: | --- | --- | --- | --- | --- | --- | --- |');
  const runtimeLabel = { node20: `Node ${process.versions.node}`, node22: 'Node 22', node24: 'Node 24', bun: 'Bun', deno: 'Deno' };
  for (const pm of CLIENTS) {
    const installed = installs.find((i) => i.pm === pm);
    const label = pm === 'yarn' ? 'yarn 1' : pm === 'deno' ? 'deno (npm:)' : pm;
    if (!installed || !installed.ok) {
      const why = installed ? 'FAIL (install)' : 'not run: publish failed';
      count(why);
      console.log(`| ${label} | ${installed ? `${(installed.ms / 1000).toFixed(0)} s` : ''} | all | ${why} | | | | | |`);
      if (installed) detailLines.push(`${pm} install:\n${tail(installed.out, 30)}`);
      continue;
    }
    for (const row of runtimeRows.filter((r) => r.pm === pm)) {
      const cells = ['esm', 'cjs', ...FRAMEWORKS].map((key) => row.cells[key] ?? 'FAIL');
      cells.forEach(count);
      console.log(
        `| ${label} | ${(installed.ms / 1000).toFixed(0)} s | ${runtimeLabel[row.runtime]} | ${cells.join(' | ')} |`,
      );
      for (const detail of row.details) detailLines.push(`${pm} on ${row.runtime}: ${detail}`);
    }
  }

  console.log(
    `\n| install | tsc NodeNext | tsc Node16 | tsc Bundler | deno check |\n| --- | --- | --- | --- | --- |`,
  );
  for (const row of typeRows) {
    const cells = [...RESOLUTIONS, 'deno check'].map((key) => row.cells[key] ?? 'FAIL');
    cells.forEach(count);
    console.log(`| ${row.pm} | ${cells.join(' | ')} |`);
    for (const detail of row.details) detailLines.push(`${row.pm}: ${detail}`);
  }
  console.log(
    `\nTypeScript ${DEV[0].split('@')[1]}, strict, skipLibCheck false, lib ES2023 + DOM; NodeNext and Node16 also check consumer.cts (require conditions). Peers: ${PEERS.join(', ')}.`,
  );
  if (detailLines.length) console.log(`\nFailures:\n${detailLines.join('\n\n')}`);
} finally {
  registry.child.kill();
  if (!keep) rmSync(base, { recursive: true, force: true });
}

const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;
console.log(
  `\nTook ${seconds(Date.now() - started)}: ${Object.entries(timings)
    .map(([label, ms]) => `${label} ${seconds(ms)}`)
    .join(', ')}.`,
);
console.log(`registry: ${passes} passed, ${failures} failed, ${notRun} skipped`);
process.exit(failures ? 1 : 0);
