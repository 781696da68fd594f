import { defineConfig } from 'tsup';

export default defineConfig({
  // The `node` export condition loads index.node (load shedding measured by
  // perf_hooks.monitorEventLoopDelay); everything else loads index, which samples timer drift.
  entry: ['src/index.ts', 'src/index.node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
});
