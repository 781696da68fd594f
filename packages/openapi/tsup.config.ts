import { defineConfig } from 'tsup';

export default defineConfig({
  // `cli` is the `fielding-openapi` bin (dist/cli.js); only the library entry gets types.
  entry: { index: 'src/index.ts', cli: 'src/cli.node.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts' } },
  clean: true,
  sourcemap: false,
  target: 'es2022',
});
