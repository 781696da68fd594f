import { defineConfig } from 'tsup';

export default defineConfig({
  // The `node` export condition loads index.node (compression with node:zlib one-shot calls);
  // everything else loads index, which compresses with CompressionStream only.
  entry: ['src/index.ts', 'src/index.node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
});
