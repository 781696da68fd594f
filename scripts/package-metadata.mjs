// Package metadata in one place. The root package.json holds the canonical `repository`,
// `homepage` (the docs site) and `bugs`, and `license`; every publishable package.json under
// packages/ and adapters/ must carry the same, with its own `repository.directory` and a
// `homepage` on its page of the docs site, plus `publishConfig.access: public` (scoped packages
// are private on a first publish otherwise) and the `prepack` script below.
//
//   node scripts/package-metadata.mjs --check    exit 1, one line per problem, when any differs
//   node scripts/package-metadata.mjs --write    rewrite the package.json files to match
//   node scripts/package-metadata.mjs --prepack  (a package's prepack) copy the root LICENSE in
//
// `--prepack` also refuses to pack under npm or yarn: they keep `workspace:^` ranges in the
// tarball's package.json, which then fails to install anywhere. `pnpm pack` and `pnpm publish`
// (and `changeset publish`, which calls pnpm here) rewrite them to the real versions.
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PREPACK = 'node ../../scripts/package-metadata.mjs --prepack';

/** The publishable package folders, relative to the root (`packages/core`, …). */
export function packageDirs() {
  return ['packages', 'adapters'].flatMap((parent) =>
    readdirSync(join(root, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => existsSync(join(root, dir, 'package.json')))
      .filter((dir) => !readJson(join(root, dir, 'package.json')).private),
  );
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * TypeDoc's page for a package (entryPointStrategy "packages"):
 * `@fielding/hal-links` → modules/_fielding_hal-links.html.
 */
export function docsPage(homepage, name) {
  return new URL(`modules/${name.toLowerCase().replace(/[^a-z0-9-]/g, '_')}.html`, homepage).href;
}

/** The metadata fields a package must have, derived from the root package.json. */
export function expectedMetadata(dir, name) {
  const rootManifest = readJson(join(root, 'package.json'));
  const { repository, homepage, bugs, license } = rootManifest;
  if (!repository?.url || !homepage || !bugs?.url || !license) {
    throw new Error('root package.json needs repository.url, homepage, bugs.url and license');
  }
  return {
    license,
    homepage: docsPage(homepage, name),
    bugs: { url: bugs.url },
    repository: { type: 'git', url: repository.url, directory: dir },
    publishConfig: { access: 'public' },
  };
}

/** One line per difference between a package.json and what it must say. */
export function metadataProblems(dir) {
  const file = join(dir, 'package.json');
  const manifest = readJson(join(root, file));
  const expected = expectedMetadata(dir, manifest.name);
  const problems = [];
  for (const [key, value] of Object.entries(expected)) {
    if (!isDeepStrictEqual(manifest[key], value)) {
      problems.push(
        `${file}: ${key} is ${JSON.stringify(manifest[key])}, expected ${JSON.stringify(value)}`,
      );
    }
  }
  if (!Array.isArray(manifest.files) || !manifest.files.includes('dist')) {
    problems.push(`${file}: files must list "dist"`);
  }
  if (manifest.scripts?.prepack !== PREPACK) {
    problems.push(`${file}: scripts.prepack must be "${PREPACK}" (copies LICENSE in)`);
  }
  if (!existsSync(join(root, dir, 'README.md'))) problems.push(`${dir}: no README.md`);
  return problems;
}

/** The package.json with the metadata fields set, other keys kept in their order. */
function withMetadata(manifest, expected) {
  const placed = new Set();
  const out = {};
  const put = (key) => {
    if (placed.has(key)) return;
    placed.add(key);
    out[key] = expected[key];
  };
  for (const [key, value] of Object.entries(manifest)) {
    if (key in expected) {
      put(key);
    } else {
      out[key] = value;
    }
    // Missing fields go next to their neighbours: homepage and bugs after license, publishConfig
    // after files.
    const missing = (k) => !(k in manifest);
    if (key === 'license') ['homepage', 'bugs', 'repository'].filter(missing).forEach(put);
    if (key === 'files' && missing('publishConfig')) put('publishConfig');
    if (key === 'scripts') out.scripts = { ...value, prepack: PREPACK };
  }
  Object.keys(expected).forEach(put);
  if (!out.scripts) out.scripts = { prepack: PREPACK };
  if (!Array.isArray(out.files)) out.files = ['dist'];
  else if (!out.files.includes('dist')) out.files = [...out.files, 'dist'];
  return out;
}

function write() {
  for (const dir of packageDirs()) {
    const file = join(root, dir, 'package.json');
    const manifest = readJson(file);
    const next = withMetadata(manifest, expectedMetadata(dir, manifest.name));
    const text = `${JSON.stringify(next, null, 2)}\n`;
    if (text !== readFileSync(file, 'utf8')) {
      writeFileSync(file, text);
      console.log(`wrote ${dir}/package.json`);
    }
  }
}

function check() {
  const problems = [];
  if (!existsSync(join(root, 'LICENSE'))) problems.push('LICENSE: missing at the root');
  for (const dir of packageDirs()) problems.push(...metadataProblems(dir));
  for (const line of problems) console.log(line);
  if (problems.length) {
    console.log(`package metadata: ${problems.length} problems (fix: node scripts/package-metadata.mjs --write)`);
    process.exit(1);
  }
  console.log(`package metadata: ${packageDirs().length} packages agree with the root package.json`);
}

function prepack() {
  const agent = process.env.npm_config_user_agent ?? '';
  if (!agent.startsWith('pnpm/')) {
    console.error(
      `Pack and publish with pnpm (\`pnpm pack\`, \`pnpm publish\`): ${agent.split(' ')[0] || 'this client'} ` +
        'would keep the workspace: ranges, and the tarball would not install.',
    );
    process.exit(1);
  }
  copyFileSync(join(root, 'LICENSE'), join(process.cwd(), 'LICENSE'));
  console.log(`prepack: copied LICENSE into ${relative(root, process.cwd())}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2] ?? '--check';
  if (mode === '--write') write();
  else if (mode === '--check') check();
  else if (mode === '--prepack') prepack();
  else {
    console.error(`usage: node scripts/package-metadata.mjs --check | --write | --prepack`);
    process.exit(2);
  }
}
