// One vitest run for the whole tree. Every package under packages/ runs twice: in Node and in
// the edge-runtime environment (Web globals only; it still exposes `process`, so this proves the
// Web APIs are enough, not that Node is absent). Adapters and examples run in Node only.
import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const folders = (parent: string): string[] =>
  existsSync(`${root}${parent}`)
    ? readdirSync(`${root}${parent}`, { withFileTypes: true })
        .filter(
          (entry) =>
            entry.isDirectory() && existsSync(`${root}${parent}/${entry.name}/package.json`),
        )
        .map((entry) => `${parent}/${entry.name}`)
    : [];

// Tests import sibling packages by name; resolve them to source so no build is needed first.
const alias = Object.fromEntries(
  [...folders('packages'), ...folders('adapters')].map((dir) => [
    `@fielding/${dir.split('/')[1]}`,
    `${root}${dir}/src/index.ts`,
  ]),
);

const testFiles = ['src/**/*.test.ts', 'test/**/*.test.ts'];
const benchFiles = ['bench/**/*.bench.ts'];

const project = (
  dir: string,
  environment: 'node' | 'edge-runtime',
): TestProjectInlineConfiguration => ({
  resolve: { alias },
  test: {
    name: `${dir.split('/')[1]}:${environment === 'node' ? 'node' : 'edge'}`,
    root: `${root}${dir}`,
    include: testFiles,
    benchmark: { include: environment === 'node' ? benchFiles : [] },
    environment,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

const coveredPackages = [...folders('packages'), ...folders('adapters')];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      ...folders('packages').flatMap((dir) => [project(dir, 'node'), project(dir, 'edge-runtime')]),
      ...folders('adapters').map((dir) => project(dir, 'node')),
      ...folders('examples').map((dir) => project(dir, 'node')),
    ],
    coverage: {
      provider: 'v8',
      reporter: ['text-summary', 'json-summary'],
      include: coveredPackages.map((dir) => `${dir}/src/**/*.ts`),
      exclude: ['**/*.test.ts', '**/*.d.ts', '**/_test-*.ts'],
      // One threshold per package: a well-tested package cannot hide an untested one.
      thresholds: Object.fromEntries(
        coveredPackages.map((dir) => [`${dir}/src/**/*.ts`, { lines: 90 }]),
      ),
    },
  },
});
