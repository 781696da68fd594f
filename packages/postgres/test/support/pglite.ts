// A PGlite database for the tests, in the node and the edge-runtime projects. The edge runtime
// has a `window` without a `location`, where PGlite's loader looks for its files: it gets a
// placeholder one, and the WebAssembly module and file-system bundle are read here and handed
// over, so the loader never needs a path.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export async function startPglite(): Promise<PGlite> {
  const scope = globalThis as { window?: { location?: unknown } };
  if (typeof scope.window === 'object' && scope.window.location === undefined) {
    scope.window.location = new URL('http://localhost/');
  }
  const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const wasmModule = await WebAssembly.compile(readFileSync(join(dist, 'pglite.wasm')));
  const fsBundle = new Blob([readFileSync(join(dist, 'pglite.data'))]);
  return PGlite.create({ wasmModule, fsBundle });
}
