// Registry round-trip, after `pnpm build`: what users get when they install Fielding.
//
// 1. Start Verdaccio (pinned in scripts/registry/verdaccio/, installed with `npm ci` into
//    .cache/registry/verdaccio) on 127.0.0.1 with a storage folder made for this run. It serves
//    @fielding/* from that storage only and proxies every other package to the npm registry.
// 2. Publish every package with `pnpm publish`, as a release does (`changeset publish` runs the
//    same command): workspace: ranges rewritten to versions. Check what the registry then holds:
//    no workspace: range, LICENSE + README + package.json in the tarball, the repository,
//    homepage and license of the root package.json.
// 3. In fresh folders under the OS temp folder (outside the workspace), install the way users do:
//    npm, pnpm, yarn 1, `bun add`, Deno with `npm:` specifiers, and npm again with the lowest
//    peer versions the adapters claim (Express 4, Fastify 4). For each install:
//      ESM import   every package imports and has exports
//      CJS require  every package require()s, with the same export names as its ES module build
//      HTTP         one Fielding handler served by the runtime, in Express, Fastify and Hono
//                   answers GET → 200 + ETag, If-None-Match → 304, a missing item → 404
//                   application/problem+json
//      tsc          a consumer of every package type-checks with TypeScript 5, `strict` and
//                   `skipLibCheck: false` under moduleResolution NodeNext, Node16 and Bundler
//                   (NodeNext and Node16 also check a .cts file: the require conditions);
//                   Deno: `deno check`.
//    Runtime checks run on Node 20 (this node), 22 and 24 (and Bun, Deno for their installs).
//
// One command, one exit code: 0 only when every check passed. A time budget (default 25 min,
// --budget=SECONDS) ends the run with exit 1 and says what was still running.
//
//   node scripts/registry/round-trip.mjs [--keep] [--only=npm,pnpm,…] [--budget=1500]
//
// Tools come from the npm registry, pinned below and cached in .cache/ (the same pins and folders
// as scripts/smoke/run-matrix.mjs, so both share the downloads).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { packageDirs } from '../package-metadata.mjs';
import {
  FRAMEWORKS,
  cjsCheck,
  denoConfig,
  esmCheck,
  server,
  tsconfig,
  typedCjsConsumer,
  typedConsumer,
} from './consumer.mjs';

const { AbortSignal, fetch } = globalThis;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cache = join(root, '.cache');
const started = Date.now();
const args = process.argv.slice(2);
const option = (name) => args.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const keep = args.includes('--keep');
const only = option('only')?.split(',');
const budgetSeconds = Number(option('budget') ?? 1500);

const TOOLS = {
  node22: { pkg: 'node@22.23.3', bin: 'node' },
  node24: { pkg: 'node@24.21.0', bin: 'node' },
  bun: { pkg: 'bun@1.4.5', bin: 'bun' },
  deno: { pkg: 'deno@2.9.6', bin: 'deno' },
  yarn: { pkg: 'yarn@1.22.22', bin: 'yarn' },
};
const UPLINK = 'https://registry.npmjs.org/';
const RESOLUTIONS = ['NodeNext', 'Node16', 'Bundler'];
const CONCURRENCY = 2;

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootManifest = readJson(join(root, 'package.json'));
const packages = packageDirs().map((dir) => ({
  dir,
  name: readJson(join(root, dir, 'package.json')).name,
}));
const names = packages.map((p) => p.name);
const devDeps = (dir) => readJson(join(root, dir, 'package.json')).devDependencies ?? {};
/** The exact version an adapter tests `peer` with: its devDependency, or an npm: alias of it. */
function testedVersions(dir, peer) {
  return Object.values(devDeps(dir))
    .concat(devDeps(dir)[peer] ? [`npm:${peer}@${devDeps(dir)[peer]}`] : [])
    .map((spec) => new RegExp(`^npm:${peer}@(\\d+\\.\\d+\\.\\d+)$`).exec(spec)?.[1])
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
const PEER_DIRS = {
  express: 'adapters/express',
  fastify: 'adapters/fastify',
  hono: 'adapters/hono',
};
/** Peers at the newest (`max`) or the oldest (`min`) version the repository tests with. */
const peers = (which) =>
  Object.entries(PEER_DIRS).map(([peer, dir]) => {
    const versions = testedVersions(dir, peer);
    return `${peer}@${which === 'min' ? versions[0] : versions.at(-1)}`;
  });
// pnpm as the root package.json pins it: the one on PATH when it is that version, else from npx.
const pnpmPin = rootManifest.packageManager;
const pnpmOnPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
const PNPM =
  pnpmOnPath.status === 0 && `pnpm@${pnpmOnPath.stdout.trim()}` === pnpmPin
    ? ['pnpm']
    : ['npx', '--yes', pnpmPin];
const DEV = [
  `typescript@${rootManifest.devDependencies.typescript}`,
  `@types/node@${rootManifest.devDependencies['@types/node']}`,
  `@types/express@${devDeps('adapters/express')['@types/express']}`,
];

// ---------------------------------------------------------------------------------------------
// Processes

// The environment of every child: this one without the npm_*/pnpm_* settings a `pnpm run`
// leaves behind, so each client reads only the configuration given here.
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(?:npm|pnpm|yarn|bun)_/i.test(key)),
);
baseEnv.NO_COLOR = '1';
baseEnv.FORCE_COLOR = '0';

const children = new Set();
const running = new Map();

/** Runs a command; never throws. `{ code, out, ms }`, out = stdout + stderr. */
function run(cmd, argv, { cwd = root, env = {}, timeout = 300_000, label } = {}) {
  const t0 = Date.now();
  const what = label ?? `${cmd.split('/').pop()} ${argv.slice(0, 3).join(' ')} (in ${cwd})`;
  return new Promise((resolveRun) => {
    const child = spawn(cmd, argv, {
      cwd,
      env: { ...baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    running.set(child, what);
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
      children.delete(child);
      running.delete(child);
      resolveRun({ code: code ?? 1, out, ms: Date.now() - t0 });
    });
  });
}

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
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

/** Installs a tool from the npm registry into .cache/runtimes (once); returns its binary. */
async function tool(name) {
  const { pkg, bin } = TOOLS[name];
  const folder = join(cache, 'runtimes', name);
  const marker = join(folder, `.installed-${pkg}`);
  if (!existsSync(marker)) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), '{"private":true}\n');
    const result = await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', pkg],
      { cwd: folder, timeout: 600_000 },
    );
    if (result.code !== 0) throw new Error(`could not install ${pkg}:\n${tail(result.out)}`);
    writeFileSync(marker, '');
  }
  return join(folder, 'node_modules', '.bin', bin);
}

/** Verdaccio from scripts/registry/verdaccio's lockfile, `npm ci`'d into .cache (once). */
async function verdaccio() {
  const source = join(root, 'scripts/registry/verdaccio');
  const folder = join(cache, 'registry', 'verdaccio');
  const lock = readFileSync(join(source, 'package-lock.json'));
  const marker = join(folder, `.installed-${createHash('sha256').update(lock).digest('hex')}`);
  if (!existsSync(marker)) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    copyFileSync(join(source, 'package.json'), join(folder, 'package.json'));
    copyFileSync(join(source, 'package-lock.json'), join(folder, 'package-lock.json'));
    const result = await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: folder,
      timeout: 600_000,
    });
    if (result.code !== 0) throw new Error(`could not install Verdaccio:\n${tail(result.out)}`);
    writeFileSync(marker, '');
  }
  const manifest = readJson(join(folder, 'node_modules/verdaccio/package.json'));
  return { bin: join(folder, 'node_modules/verdaccio/bin/verdaccio'), version: manifest.version };
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

async function startRegistry(work) {
  const { bin, version } = await verdaccio();
  const home = join(work, 'registry');
  mkdirSync(home, { recursive: true });
  const port = await freePort();
  const config = join(home, 'config.yaml');
  writeFileSync(
    config,
    `# Written by scripts/registry/round-trip.mjs for one run.
storage: ${JSON.stringify(join(home, 'storage'))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(home, 'htpasswd'))}
    max_users: -1
uplinks:
  npmjs:
    url: ${UPLINK}
    timeout: 60s
    max_fails: 5
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
server:
  keepAliveTimeout: 60
log: { type: stdout, format: pretty, level: error }
`,
  );
  const child = spawn(
    process.execPath,
    [bin, '--config', config, '--listen', `127.0.0.1:${port}`],
    { env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited:\n${log}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return { url, child, version };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`Verdaccio did not answer on ${url} within 60 s:\n${log}`);
}

// ---------------------------------------------------------------------------------------------
// Publish

async function publishAll(registry, work, results) {
  const npmrc = join(work, 'publish.npmrc');
  const host = registry.replace(/^http:/, '');
  // Verdaccio lets anyone publish @fielding/* here; the client still wants a token to send.
  writeFileSync(npmrc, `registry=${registry}\n${host}:_authToken=local-round-trip\n`);
  await pool(
    packages.map(({ dir, name }) => async () => {
      const publish = await run(
        PNPM[0],
        [...PNPM.slice(1), 'publish', '--no-git-checks', '--registry', registry],
        {
          cwd: join(root, dir),
          env: { npm_config_userconfig: npmrc },
        },
      );
      const problems = [];
      const checks = { publish: publish.code === 0 };
      if (!checks.publish) problems.push(`pnpm publish failed:\n${tail(publish.out)}`);
      let manifest;
      if (checks.publish) {
        const packument = await (await fetch(`${registry}${name.replace('/', '%2f')}`)).json();
        manifest = packument.versions?.[packument['dist-tags']?.latest];
        if (!manifest) problems.push('not in the registry after publishing');
      }
      if (manifest) {
        const ranges = JSON.stringify(manifest).match(/"[^"]+":"workspace:[^"]*"/g) ?? [];
        checks.ranges = ranges.length === 0;
        if (ranges.length) problems.push(`workspace: ranges published: ${ranges.join(', ')}`);
        checks.metadata =
          manifest.license === rootManifest.license &&
          manifest.repository?.url === rootManifest.repository.url &&
          manifest.repository?.directory === dir &&
          typeof manifest.homepage === 'string' &&
          manifest.homepage.startsWith(rootManifest.homepage);
        if (!checks.metadata) {
          problems.push('license / repository / homepage not as in the root package.json');
        }
        const folder = mkdtempSync(join(work, 'tarball-'));
        const tarball = join(folder, 'package.tgz');
        const bytes = await (await fetch(manifest.dist.tarball)).arrayBuffer();
        writeFileSync(tarball, new Uint8Array(bytes));
        const entries = (await run('tar', ['-tzf', tarball])).out.split('\n');
        rmSync(folder, { recursive: true, force: true });
        const missing = ['package/package.json', 'package/README.md', 'package/LICENSE'].filter(
          (file) => !entries.includes(file),
        );
        checks.files = missing.length === 0;
        if (missing.length) problems.push(`tarball lacks ${missing.join(', ')}`);
      }
      results.push({ name, version: manifest?.version ?? '?', checks, problems });
      progress(
        `${name}: published ${problems.length ? 'with problems' : 'ok'} (${seconds(publish.ms)})`,
      );
    }),
    4,
  );
}

// ---------------------------------------------------------------------------------------------
// Installs

/** The consumers: how each installs, what it runs on, what it type-checks. */
const NODES = ['node20', 'node22', 'node24'];
const CONSUMERS = {
  npm: { label: 'npm', runtimes: NODES, peers: 'max', resolutions: RESOLUTIONS },
  pnpm: { label: 'pnpm', runtimes: NODES, peers: 'max', resolutions: RESOLUTIONS },
  yarn: { label: 'yarn 1', runtimes: NODES, peers: 'max', resolutions: RESOLUTIONS },
  bun: { label: 'bun add', runtimes: ['bun', ...NODES], peers: 'max', resolutions: RESOLUTIONS },
  deno: { label: 'deno (npm:)', runtimes: ['deno'], peers: 'max', resolutions: [] },
  // The adapters' peer ranges start at these versions: the same install, the oldest peers. The
  // declarations do not change with the peers' versions beyond what one resolution shows.
  'npm-min': {
    label: 'npm, lowest peers',
    runtimes: NODES,
    peers: 'min',
    resolutions: ['NodeNext'],
    resolutionsWhy: 'the npm install checks it; NodeNext here checks the oldest peers’ types',
  },
};

function writeConsumer(folder, registry, pm) {
  mkdirSync(folder, { recursive: true });
  const deno = pm === 'deno';
  // Deno imports name their versions: the peers at the versions the other installs get.
  const pinned = Object.fromEntries(
    peers(CONSUMERS[pm].peers).map((spec) => [spec.slice(0, spec.lastIndexOf('@')), spec]),
  );
  const spec = deno
    ? (name) => (name.startsWith('node:') ? name : `npm:${pinned[name] ?? name}`)
    : undefined;
  writeFileSync(join(folder, '.npmrc'), `registry=${registry}\n`);
  writeFileSync(join(folder, 'esm.mjs'), esmCheck(names, spec));
  writeFileSync(join(folder, 'cjs.cjs'), cjsCheck(names));
  for (const framework of FRAMEWORKS) {
    writeFileSync(join(folder, `server-${framework}.mjs`), server(framework, spec));
  }
  writeFileSync(join(folder, 'consumer.ts'), typedConsumer(names, spec));
  if (deno) {
    // node_modules next to the npm: imports, so that the CommonJS check can require() them.
    writeFileSync(join(folder, 'deno.json'), denoConfig());
    return;
  }
  const manifest = { name: 'fielding-consumer', version: '1.0.0', private: true, type: 'module' };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(folder, 'consumer.cts'), typedCjsConsumer(names));
  for (const resolution of RESOLUTIONS) {
    writeFileSync(join(folder, `tsconfig.${resolution.toLowerCase()}.json`), tsconfig(resolution));
  }
}

/** The commands a user types: the packages and peers, then the dev tools. */
function installCommands(pm, bins, folder, registry) {
  const deps = [...names, ...peers(CONSUMERS[pm].peers)];
  switch (pm) {
    case 'npm':
    case 'npm-min': {
      const flags = ['--no-audit', '--no-fund', '--registry', registry];
      return [
        ['npm', ['install', ...flags, ...deps]],
        ['npm', ['install', ...flags, '--save-dev', ...DEV]],
      ];
    }
    case 'pnpm': {
      const flags = ['--registry', registry, '--config.confirmModulesPurge=false'];
      return [
        [PNPM[0], [...PNPM.slice(1), 'add', ...flags, ...deps]],
        [PNPM[0], [...PNPM.slice(1), 'add', ...flags, '--save-dev', ...DEV]],
      ];
    }
    case 'yarn': {
      // --ignore-engines: yarn 1 refuses any package whose engines leave out this Node, and
      // fastify 5.6's light-my-request now pulls cookie 2, which says node >=22 (npm, pnpm and
      // bun only warn). A yarn 1 user on Node 20 needs the same flag for Fastify 5 alone.
      const flags = [
        '--registry',
        registry,
        '--non-interactive',
        '--no-progress',
        '--ignore-engines',
      ];
      return [
        [bins.yarn, ['add', ...flags, ...deps]],
        [bins.yarn, ['add', ...flags, '--dev', ...DEV]],
      ];
    }
    case 'bun':
      return [
        [bins.bun, ['add', '--registry', registry, ...deps]],
        [bins.bun, ['add', '--registry', registry, '--dev', ...DEV]],
      ];
    case 'deno':
      // Fetches every npm: import of the files into node_modules (deno.json says so).
      return [
        [
          bins.deno,
          [
            'install',
            '--entrypoint',
            'esm.mjs',
            ...FRAMEWORKS.map((framework) => `server-${framework}.mjs`),
            'consumer.ts',
          ],
        ],
      ];
    default:
      throw new Error(pm);
  }
}

/** Each client's caches inside its own folder: nothing from another run or client is reused. */
function clientEnv(folder, registry) {
  return {
    npm_config_registry: registry,
    npm_config_userconfig: join(folder, '.npmrc'),
    npm_config_cache: join(folder, '.cache/npm'),
    npm_config_store_dir: join(folder, '.cache/pnpm-store'),
    npm_config_cache_dir: join(folder, '.cache/pnpm'),
    YARN_CACHE_FOLDER: join(folder, '.cache/yarn'),
    BUN_CONFIG_REGISTRY: registry,
    BUN_INSTALL_CACHE_DIR: join(folder, '.cache/bun'),
    NPM_CONFIG_REGISTRY: registry,
    DENO_DIR: join(folder, '.cache/deno'),
    DENO_NO_UPDATE_CHECK: '1',
  };
}

async function install(pm, bins, base, registry) {
  const folder = join(base, pm);
  writeConsumer(folder, registry, pm);
  const env = clientEnv(folder, registry);
  let ms = 0;
  let out = '';
  for (const [cmd, argv] of installCommands(pm, bins, folder, registry)) {
    const result = await run(cmd, argv, {
      cwd: folder,
      env,
      timeout: 600_000,
      label: `${pm}: install`,
    });
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
  const result = await run(cmd, argv, {
    cwd: installed.folder,
    env: installed.env,
    timeout: 120_000,
    label: `${installed.pm} on ${runtime}: ${file}`,
  });
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
    details.push(
      `ESM import:\n${esm.value ? `no exports: ${empty(esm.value).join(', ')}` : tail(esm.out)}`,
    );
  } else cells.esm = 'ok';
  const cjs = await exportNames(installed, runtime, bins, 'cjs.cjs');
  const differ = names.filter(
    (name) => JSON.stringify(cjs.value?.[name]) !== JSON.stringify(esm.value?.[name]),
  );
  if (!cjs.value || empty(cjs.value).length || (esm.value && differ.length)) {
    cells.cjs = 'FAIL';
    const why = cjs.value
      ? differ
          .map(
            (name) =>
              `${name}: require() ${JSON.stringify(cjs.value[name])} vs import ${JSON.stringify(esm.value?.[name])}`,
          )
          .join('\n')
      : tail(cjs.out);
    details.push(`CJS require:\n${why}`);
  } else cells.cjs = 'ok';
  return { cells, details };
}

/** GET → 200 with an ETag; If-None-Match → 304; a missing item → 404 application/problem+json. */
async function checkHttp(port) {
  const base = `http://127.0.0.1:${port}`;
  const signal = AbortSignal.timeout(15_000);
  const first = await fetch(`${base}/items/1`, { signal });
  const body = await first.json();
  const etag = first.headers.get('etag');
  if (first.status !== 200 || body.id !== 1 || !etag) {
    return `GET /items/1: ${first.status}, ETag ${etag}, body ${JSON.stringify(body)}`;
  }
  const again = await fetch(`${base}/items/1`, { headers: { 'If-None-Match': etag }, signal });
  const againBody = await again.text();
  if (again.status !== 304 || againBody !== '' || again.headers.get('etag') !== etag) {
    return `If-None-Match ${etag}: ${again.status} ETag ${again.headers.get('etag')} ${JSON.stringify(againBody.slice(0, 200))}`;
  }
  const missing = await fetch(`${base}/items/2`, { signal });
  const type = missing.headers.get('content-type') ?? '';
  const problem = await missing.text();
  let parsed;
  try {
    parsed = JSON.parse(problem);
  } catch {
    parsed = undefined;
  }
  if (
    missing.status !== 404 ||
    !type.startsWith('application/problem+json') ||
    parsed?.status !== 404
  ) {
    return `GET /items/2: ${missing.status} ${type} ${problem.slice(0, 200)}`;
  }
  return undefined;
}

/** Starts server-<framework>.mjs; resolves to its port, or undefined and its output. */
async function startServer(installed, runtime, bins, framework) {
  const [cmd, argv] = runtimeCommand(runtime, bins, `server-${framework}.mjs`);
  const child = spawn(cmd, argv, {
    cwd: installed.folder,
    env: { ...baseEnv, ...installed.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  running.set(child, `${installed.pm} on ${runtime}: server-${framework}.mjs`);
  const stop = () => {
    child.kill('SIGKILL');
    children.delete(child);
    running.delete(child);
  };
  let out = '';
  const port = await new Promise((resolvePort) => {
    const timer = setTimeout(() => {
      out += '\n[no port within 60 s]';
      resolvePort(undefined);
    }, 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const value = /^\{"port":(\d+)\}$/m.exec(out)?.[1];
      if (value) {
        clearTimeout(timer);
        resolvePort(Number(value));
      }
    });
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('close', () => {
      clearTimeout(timer);
      resolvePort(undefined);
    });
  });
  return { port, stop, output: () => out };
}

/** Each framework's server in its own process, asked for a 200, a 304 and a problem+json. */
async function checkServers(installed, runtime, bins) {
  const cells = {};
  const details = [];
  for (const framework of FRAMEWORKS) {
    const proc = await startServer(installed, runtime, bins, framework);
    let problem;
    if (proc.port === undefined) problem = `did not start:\n${tail(proc.output(), 12)}`;
    else {
      try {
        problem = await checkHttp(proc.port);
      } catch (error) {
        problem = `${error.message} ${error.cause?.message ?? ''}`;
      }
      // A server that crashed while answering says why on its way out.
      if (problem) await sleep(200);
      if (problem && proc.output().trim()) problem += `\n${tail(proc.output(), 12)}`;
    }
    proc.stop();
    cells[framework] = problem ? 'FAIL' : 'ok';
    if (problem) details.push(`HTTP ${framework}: ${problem}`);
  }
  return { cells, details };
}

async function typeCheck(installed, resolution) {
  const tsc = join(installed.folder, 'node_modules', 'typescript', 'bin', 'tsc');
  return run(
    process.execPath,
    [tsc, '-p', `tsconfig.${resolution.toLowerCase()}.json`, '--pretty', 'false'],
    { cwd: installed.folder, env: installed.env, label: `${installed.pm}: tsc ${resolution}` },
  );
}

async function denoCheck(installed, bins) {
  return run(bins.deno, ['check', '--quiet', 'consumer.ts'], {
    cwd: installed.folder,
    env: installed.env,
    label: `${installed.pm}: deno check`,
  });
}

// ---------------------------------------------------------------------------------------------
// Main

const clients = Object.keys(CONSUMERS).filter((pm) => !only || only.includes(pm));
const work = mkdtempSync(join(tmpdir(), 'fielding-round-trip-'));
const base = join(work, 'consumers');
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s`;
const progress = (line) => console.log(`[${elapsed()}] ${line}`);

// What the report prints: filled in as the run goes, so that a run stopped by the time budget
// still shows what passed, what failed and what had not finished.
const state = { registry: undefined, published: [], installs: new Map(), runs: [], types: [] };
const timings = {};
const time = async (label, job) => {
  const t0 = Date.now();
  try {
    return await job();
  } finally {
    timings[label] = Date.now() - t0;
    progress(`${label}: ${seconds(Date.now() - t0)}`);
  }
};

function report(unfinished) {
  let passes = 0;
  let failures = 0;
  let notRun = 0;
  const details = [];
  const count = (cell) => {
    if (cell === 'ok') passes += 1;
    else if (cell.startsWith('not run')) notRun += 1;
    else failures += 1;
    return cell;
  };
  const pending = unfinished ? 'FAIL (time budget)' : 'FAIL';
  const registry = state.registry;
  console.log(
    `\nRegistry round-trip: Verdaccio ${registry?.version ?? '?'} on ${registry?.url ?? '(not started)'}, consumers in ${base}\n`,
  );
  console.log(
    '| package | version | pnpm publish | no workspace: range | LICENSE, README in tarball | repository, homepage, license |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const p of state.published) {
    const cell = (value) =>
      value === undefined ? 'not run: publish failed' : value ? 'ok' : 'FAIL';
    const cells = [p.checks.publish, p.checks.ranges, p.checks.files, p.checks.metadata];
    console.log(`| \`${p.name}\` | ${p.version} | ${cells.map(cell).map(count).join(' | ')} |`);
    for (const problem of p.problems) details.push(`${p.name}: ${problem}`);
  }
  if (!state.published.length) count(pending);

  console.log(
    '\n| install | took | runs on | ESM import | CJS require | HTTP runtime | HTTP Express | HTTP Fastify | HTTP Hono |',
  );
  console.log('| --- | ---: | --- | --- | --- | --- | --- | --- | --- |');
  const runtimeLabel = {
    node20: `Node ${process.versions.node}`,
    node22: 'Node 22',
    node24: 'Node 24',
    bun: 'Bun',
    deno: 'Deno',
  };
  const publishFailed = state.published.some((p) => p.problems.length);
  for (const pm of clients) {
    const installed = state.installs.get(pm);
    const { label } = CONSUMERS[pm];
    if (!installed?.ok) {
      const why = installed
        ? 'FAIL (install)'
        : publishFailed
          ? 'not run: publish failed'
          : pending;
      const took = installed ? seconds(installed.ms) : '';
      console.log(`| ${label} | ${took} | all | ${count(why)} | | | | | |`);
      if (installed) details.push(`${pm} install:\n${tail(installed.out, 30)}`);
      continue;
    }
    for (const row of state.runs.filter((r) => r.pm === pm)) {
      const cells = ['esm', 'cjs', ...FRAMEWORKS].map((key) => count(row.cells[key] ?? pending));
      const took = seconds(installed.ms);
      console.log(`| ${label} | ${took} | ${runtimeLabel[row.runtime]} | ${cells.join(' | ')} |`);
      for (const detail of row.details) details.push(`${pm} on ${row.runtime}: ${detail}`);
    }
  }

  console.log('\n| install | tsc NodeNext | tsc Node16 | tsc Bundler | deno check |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of state.types) {
    const cells = [...RESOLUTIONS, 'deno check'].map((key) => count(row.cells[key] ?? pending));
    console.log(`| ${CONSUMERS[row.pm].label} | ${cells.join(' | ')} |`);
    for (const detail of row.details) details.push(`${row.pm}: ${detail}`);
  }
  console.log(
    `\n${DEV[0]}: strict, skipLibCheck false, lib ES2023 + DOM; NodeNext and Node16 also check a .cts consumer.` +
      `\nPeers: ${peers('max').join(', ')}; lowest: ${peers('min').join(', ')}.`,
  );
  if (details.length) console.log(`\nFailures:\n${details.join('\n\n')}`);
  return { passes, failures, notRun };
}

function cleanUp() {
  for (const child of children) child.kill('SIGKILL');
  if (!keep) rmSync(work, { recursive: true, force: true });
}

function finish(totals, extra = 0) {
  cleanUp();
  const took = Object.entries(timings).map(([label, ms]) => `${label} ${seconds(ms)}`);
  console.log(
    `\nTook ${seconds(Date.now() - started)} of a ${budgetSeconds} s budget: ${took.join(', ')}.`,
  );
  const failures = totals.failures + extra;
  console.log(`registry: ${totals.passes} passed, ${failures} failed, ${totals.notRun} skipped`);
  process.exit(failures ? 1 : 0);
}

// The time budget: past it, say what was still running, report, stop everything and fail.
const watchdog = setTimeout(() => {
  console.log(`\nFAIL time budget: the round-trip ran past ${budgetSeconds} s. Still running:`);
  for (const what of running.values()) console.log(`  ${what}`);
  finish(report(true), 1);
}, budgetSeconds * 1000);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(1);
  });
}

const missingBuild = packages.filter(({ dir }) => !existsSync(join(root, dir, 'dist/index.js')));
if (missingBuild.length) {
  console.log(`FAIL not built: ${missingBuild.map((p) => p.name).join(', ')} (run pnpm build)`);
  process.exit(1);
}

let crashed = 0;
try {
  const bins = await time('tools', async () => {
    const needed = new Set(['node22', 'node24']);
    for (const pm of ['bun', 'deno', 'yarn']) if (clients.includes(pm)) needed.add(pm);
    const entries = await Promise.all([...needed].map(async (name) => [name, await tool(name)]));
    return Object.fromEntries(entries);
  });
  state.registry = await time('registry start', () => startRegistry(work));
  const registry = state.registry.url;
  await time('publish', () => publishAll(registry, work, state.published));

  if (!state.published.some((p) => p.problems.length)) {
    // Each install's checks start as soon as it is done; at most CONCURRENCY checks at once.
    const queue = [];
    let active = 0;
    const wake = [];
    const slot = async (job) => {
      while (active >= CONCURRENCY) await new Promise((r) => wake.push(r));
      active += 1;
      try {
        return await job();
      } finally {
        active -= 1;
        wake.shift()?.();
      }
    };
    const checksOf = (installed) => {
      const { pm } = installed;
      for (const runtime of CONSUMERS[pm].runtimes) {
        const row = { pm, runtime, cells: {}, details: [] };
        state.runs.push(row);
        queue.push(
          slot(async () => {
            const modules = await checkModules(installed, runtime, bins);
            const servers = await checkServers(installed, runtime, bins);
            Object.assign(row.cells, modules.cells, servers.cells);
            row.details.push(...modules.details, ...servers.details);
            const bad = Object.values(row.cells).filter((cell) => cell !== 'ok').length;
            progress(`${pm} on ${runtime}: ${bad ? `${bad} failed` : 'ok'}`);
          }),
        );
      }
      const typeRow = { pm, cells: {}, details: [] };
      state.types.push(typeRow);
      if (pm === 'deno') {
        for (const resolution of RESOLUTIONS) {
          typeRow.cells[resolution] =
            'not run: Deno resolves npm: specifiers itself, tsc moduleResolution does not apply';
        }
        queue.push(
          slot(async () => {
            const result = await denoCheck(installed, bins);
            typeRow.cells['deno check'] = result.code === 0 ? 'ok' : 'FAIL';
            if (result.code !== 0) typeRow.details.push(`deno check:\n${tail(result.out, 15)}`);
            progress(`${pm}: deno check ${typeRow.cells['deno check']} (${seconds(result.ms)})`);
          }),
        );
        return;
      }
      typeRow.cells['deno check'] = 'not run: for the Deno install';
      for (const resolution of RESOLUTIONS) {
        if (!CONSUMERS[pm].resolutions.includes(resolution)) {
          typeRow.cells[resolution] = `not run: ${CONSUMERS[pm].resolutionsWhy}`;
          continue;
        }
        queue.push(
          slot(async () => {
            const result = await typeCheck(installed, resolution);
            typeRow.cells[resolution] = result.code === 0 ? 'ok' : 'FAIL';
            if (result.code !== 0) {
              const errors = result.out.split('\n').filter((line) => /error TS\d+/.test(line));
              const shown = errors.length ? errors.slice(0, 12).join('\n') : tail(result.out, 12);
              typeRow.details.push(`tsc ${resolution}:\n${shown}`);
            }
            progress(
              `${pm}: tsc ${resolution} ${typeRow.cells[resolution]} (${seconds(result.ms)})`,
            );
          }),
        );
      }
    };
    await time('install and check', async () => {
      await pool(
        clients.map((pm) => async () => {
          const installed = await install(pm, bins, base, registry);
          state.installs.set(pm, installed);
          progress(`${pm}: install ${installed.ok ? 'ok' : 'FAILED'} (${seconds(installed.ms)})`);
          if (installed.ok) checksOf(installed);
        }),
        2,
      );
      // Checks queued by the last installs are in the queue by now; wait for every one.
      for (let i = 0; i < queue.length; i++) await queue[i];
    });
  }
} catch (error) {
  crashed = 1;
  console.log(`FAIL ${error.stack ?? error}`);
}

clearTimeout(watchdog);
finish(report(false), crashed);
