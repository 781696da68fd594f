// Package metadata in one place. The root package.json holds the canonical `repository.url`,
// `homepage` (the docs site), `bugs.url` and `license`; every publishable package.json under
// packages/ and adapters/ must carry the same, with its own `repository.directory`, a `homepage`
// on its page of the docs site, `publishConfig.access: public` (scoped packages are private on a
// first publish otherwise) and `files` listing `dist` and `LICENSE`. Each package folder holds a
// byte-for-byte copy of the root LICENSE (npm and pnpm pack only files inside the package).
//
//   node scripts/package-metadata.mjs --check    exit 1, one line per problem, when any differs
//   node scripts/package-metadata.mjs --write    rewrite package.json files and LICENSE copies
//
// --check also fails when
// - a tracked file names the repository or the docs site at another address than the root
//   package.json's (a moved or misspelt URL), or still says `example.invalid`;
// - an adapter's peer range does not say what it was tested against: each `^x.y.z` alternative
//   must be a version the adapter's devDependencies install (`express` or an `npm:express@…`
//   alias), and each tested version must be inside the range.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REQUIRED_FILES = ['dist', 'LICENSE'];

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The publishable package folders, relative to the root (`packages/core`, …). */
export function packageDirs() {
  return ['packages', 'adapters'].flatMap((parent) =>
    readdirSync(join(root, parent))
      .map((name) => `${parent}/${name}`)
      .filter((dir) => existsSync(join(root, dir, 'package.json')))
      .filter((dir) => !readJson(join(root, dir, 'package.json')).private),
  );
}

/** The canonical addresses, from the root package.json. */
export function canonical() {
  const { repository, homepage, bugs, license } = readJson(join(root, 'package.json'));
  if (!repository?.url || !homepage || !bugs?.url || !license) {
    throw new Error('root package.json needs repository.url, homepage, bugs.url and license');
  }
  // git+https://github.com/owner/name.git → https://github.com/owner/name
  const web = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  return { repository: repository.url, web, homepage, bugs: bugs.url, license };
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
  const { repository, homepage, bugs, license } = canonical();
  return {
    license,
    homepage: docsPage(homepage, name),
    bugs: { url: bugs },
    repository: { type: 'git', url: repository, directory: dir },
    publishConfig: { access: 'public' },
  };
}

/** `^4.21.2 || ^5.1.0` → [[4, 21, 2], [5, 1, 0]]; undefined for anything but caret ranges. */
function caretAlternatives(range) {
  const parts = range.split('||').map((part) => part.trim());
  const parsed = parts.map((part) => /^\^(\d+)\.(\d+)\.(\d+)$/.exec(part)?.slice(1).map(Number));
  return parsed.every(Boolean) ? parsed : undefined;
}

const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** One line per way the peer ranges of a package.json do not match the versions it tests. */
export function peerProblems(file, manifest) {
  const problems = [];
  for (const [peer, range] of Object.entries(manifest.peerDependencies ?? {})) {
    const tested = Object.values(manifest.devDependencies ?? {})
      .concat(
        manifest.devDependencies?.[peer] ? [`npm:${peer}@${manifest.devDependencies[peer]}`] : [],
      )
      .map((spec) => new RegExp(`^npm:${peer}@(\\d+)\\.(\\d+)\\.(\\d+)$`).exec(spec))
      .filter(Boolean)
      .map((match) => match.slice(1).map(Number));
    const alternatives = caretAlternatives(range);
    if (!alternatives) {
      problems.push(`${file}: peer ${peer} "${range}" must be ^x.y.z alternatives joined by ||`);
      continue;
    }
    if (!tested.length) {
      problems.push(`${file}: peer ${peer} has no exact version in devDependencies to test with`);
      continue;
    }
    const show = (v) => v.join('.');
    for (const low of alternatives) {
      if (!tested.some((v) => compare(v, low) === 0)) {
        problems.push(
          `${file}: peer ${peer} "^${show(low)}" starts at a version no devDependency tests (tested: ${tested.map(show).join(', ')})`,
        );
      }
    }
    for (const v of tested) {
      if (!alternatives.some((low) => low[0] === v[0] && compare(v, low) >= 0)) {
        problems.push(`${file}: peer ${peer} "${range}" leaves out the tested ${show(v)}`);
      }
    }
  }
  return problems;
}

/** One line per difference between a package folder and what it must hold. */
export function metadataProblems(dir) {
  const file = `${dir}/package.json`;
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
  const files = Array.isArray(manifest.files) ? manifest.files : [];
  const missingFiles = REQUIRED_FILES.filter((entry) => !files.includes(entry));
  if (missingFiles.length) problems.push(`${file}: files must list ${missingFiles.join(', ')}`);
  if (manifest.scripts?.prepack || manifest.scripts?.prepublishOnly) {
    problems.push(
      `${file}: no prepack/prepublishOnly script (a release is \`pnpm publish\` alone)`,
    );
  }
  const license = join(root, dir, 'LICENSE');
  if (!existsSync(license)) problems.push(`${dir}/LICENSE: missing`);
  else if (!readFileSync(license).equals(readFileSync(join(root, 'LICENSE')))) {
    problems.push(`${dir}/LICENSE: differs from the root LICENSE`);
  }
  if (!existsSync(join(root, dir, 'README.md'))) problems.push(`${dir}/README.md: missing`);
  problems.push(...peerProblems(file, manifest));
  return problems;
}

/**
 * Addresses of this project in tracked files that differ from the canonical ones: any
 * `github.com/<owner>/fielding…` or `<owner>.github.io/fielding…` that is not under the
 * repository or the docs site, and any `example.invalid`.
 */
export function addressProblems() {
  const { web, homepage } = canonical();
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(
      (file) => file && !/(?:^|\/)pnpm-lock\.yaml$|\.(?:png|jpe?g|gif|ico|woff2?)$/.test(file),
    );
  const ours =
    /https?:\/\/(?:[\w.-]+\.github\.io\/fielding|github\.com\/[\w.-]+\/fielding)(?![\w-])[^\s)"'`>\]]*/g;
  const problems = [];
  for (const file of tracked) {
    if (file === 'scripts/package-metadata.mjs') continue;
    const full = join(root, file);
    if (!existsSync(full)) continue;
    const text = readFileSync(full, 'utf8');
    text.split('\n').forEach((line, i) => {
      if (line.includes('example.invalid')) {
        problems.push(`${file}:${i + 1}: a placeholder address (example.invalid)`);
      }
      for (const [url] of line.matchAll(ours)) {
        const clean = url.replace(/^git\+/, '');
        if (!clean.startsWith(web) && !clean.startsWith(homepage)) {
          problems.push(`${file}:${i + 1}: ${url} is neither ${web} nor ${homepage}`);
        }
      }
    });
  }
  return problems;
}

/** The package.json with the metadata fields set, other keys kept in their order. */
function withMetadata(manifest, expected) {
  const out = {};
  const placed = new Set();
  const put = (key) => {
    if (placed.has(key)) return;
    placed.add(key);
    out[key] = expected[key];
  };
  const missing = (key) => !(key in manifest);
  for (const [key, value] of Object.entries(manifest)) {
    if (key in expected) put(key);
    else if (key === 'files') {
      out.files = [...value, ...REQUIRED_FILES.filter((entry) => !value.includes(entry))];
    } else if (key === 'scripts') {
      const { prepack: _prepack, prepublishOnly: _prepublishOnly, ...rest } = value;
      out.scripts = rest;
    } else out[key] = value;
    // Missing fields go next to their neighbours: homepage, bugs and repository after license,
    // publishConfig after files.
    if (key === 'license') ['homepage', 'bugs', 'repository'].filter(missing).forEach(put);
    if (key === 'files' && missing('publishConfig')) put('publishConfig');
  }
  Object.keys(expected).forEach(put);
  if (!out.files) out.files = [...REQUIRED_FILES];
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
    const license = join(root, dir, 'LICENSE');
    if (
      !existsSync(license) ||
      !readFileSync(license).equals(readFileSync(join(root, 'LICENSE')))
    ) {
      copyFileSync(join(root, 'LICENSE'), license);
      console.log(`wrote ${dir}/LICENSE`);
    }
  }
}

function check() {
  const problems = [];
  if (!existsSync(join(root, 'LICENSE'))) problems.push('LICENSE: missing at the root');
  for (const dir of packageDirs()) problems.push(...metadataProblems(dir));
  problems.push(...addressProblems());
  for (const line of problems) console.log(line);
  if (problems.length) {
    console.log(
      `package metadata: ${problems.length} problems (most are fixed by node scripts/package-metadata.mjs --write)`,
    );
    process.exit(1);
  }
  const { web, homepage } = canonical();
  console.log(
    `package metadata: ${packageDirs().length} packages agree with the root package.json (${web}, ${homepage})`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2] ?? '--check';
  if (mode === '--write') write();
  else if (mode === '--check') check();
  else {
    console.error('usage: node scripts/package-metadata.mjs --check | --write');
    process.exit(2);
  }
}
