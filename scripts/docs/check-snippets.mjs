// Type-checks every ```ts code block of the guides and READMEs against the real packages, so
// the docs cannot rot. Each block becomes its own module under examples/blog-api/.snippets/; a block fenced
// as ```ts ignore is shown but not checked (use it only for fragments that cannot stand alone).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve('.');
// The snippets live inside the example so that its node_modules (Express, Fastify, Hono, Ajv,
// @hono/node-server and their types, which pnpm does not hoist to the root) resolve as usual.
const out = join(root, 'examples/blog-api/.snippets');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const readmes = ['packages', 'adapters', 'examples']
  .flatMap((parent) =>
    existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name, 'README.md')) : [],
  )
  .filter((file) => existsSync(file));
const guides = readdirSync('docs/guides')
  .filter((name) => name.endsWith('.md'))
  .map((name) => join('docs/guides', name));
const sources = ['README.md', 'docs/home.md', ...readmes, ...guides];

const fence = /^```(ts|typescript)([^\n]*)\n([\s\S]*?)^```/gm;
const index = [];
for (const file of sources) {
  const text = readFileSync(file, 'utf8');
  let count = 0;
  for (const match of text.matchAll(fence)) {
    if (match[2].includes('ignore')) continue;
    count += 1;
    const line = text.slice(0, match.index).split('\n').length + 1;
    const name = `${file.replace(/[\\/.]/g, '_')}_${count}.ts`;
    writeFileSync(join(out, name), `// ${file}:${line}\n${match[3]}`);
    index.push(`${name} ← ${file}:${line}`);
  }
}

const paths = {};
for (const parent of ['packages', 'adapters']) {
  for (const name of readdirSync(parent)) {
    if (existsSync(join(parent, name, 'src/index.ts'))) {
      paths[`@fielding/${name}`] = [relative(out, join(root, parent, name, 'src/index.ts'))];
    }
  }
}
writeFileSync(
  join(out, 'tsconfig.json'),
  JSON.stringify(
    {
      extends: relative(out, join(root, 'tsconfig.base.json')),
      compilerOptions: {
        noEmit: true,
        declaration: false,
        isolatedDeclarations: false,
        noUnusedLocals: false,
        noUnusedParameters: false,
        types: ['node'],
        baseUrl: '.',
        paths,
      },
      include: ['*.ts'],
    },
    null,
    2,
  ),
);

if (index.length === 0) {
  console.log('docs snippets: none found');
  process.exit(0);
}
try {
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(out, 'tsconfig.json')], {
    stdio: 'pipe',
    encoding: 'utf8',
  });
  console.log(`docs snippets: ${index.length} code blocks from ${sources.length} files type-check`);
} catch (error) {
  console.error(
    `docs snippets: type errors (each file's first line names its source)\n${error.stdout}`,
  );
  process.exit(1);
}
