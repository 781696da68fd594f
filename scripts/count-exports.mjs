// Prints the named exports (values and types) of every package's public entry point, and the
// total: the public surface a user has to learn. `node scripts/count-exports.mjs`
import { existsSync, readdirSync } from 'node:fs';
import ts from 'typescript';

const folders = ['packages', 'adapters']
  .flatMap((parent) => readdirSync(parent).map((name) => `${parent}/${name}`))
  .filter((folder) => existsSync(`${folder}/src/index.ts`));
const entries = folders.map((folder) => `${folder}/src/index.ts`);
const program = ts.createProgram(entries, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  skipLibCheck: true,
  noEmit: true,
});
const checker = program.getTypeChecker();
let total = 0;
for (const folder of folders) {
  const source = program.getSourceFile(`${folder}/src/index.ts`);
  const symbol = source && checker.getSymbolAtLocation(source);
  const count = symbol ? checker.getExportsOfModule(symbol).length : 0;
  total += count;
  console.log(`${folder.padEnd(32)} ${count}`);
}
console.log(`${'total'.padEnd(32)} ${total}`);
