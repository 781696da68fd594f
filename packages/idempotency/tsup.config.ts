import { defineConfig } from 'tsup';

export default defineConfig({
  // The `node` export condition loads index.node (the fingerprint hashed with node:crypto);
  // everything else loads index, which hashes with Web Crypto.
  entry: ['src/index.ts', 'src/index.node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
});
