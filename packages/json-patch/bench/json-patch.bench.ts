// Validated, non-mutating apply and diff vs fast-json-patch and rfc6902 (issue 8 goals: ≥ 2× on
// the small patch, ≥ 50× on the large one, diff ≥ 1.0×). The peers get a deep clone first so they
// do not mutate the input either; fast-json-patch runs with validation on.
import * as fastJsonPatch from 'fast-json-patch';
import * as rfc6902 from 'rfc6902';
import { bench, describe } from 'vitest';
import { applyPatch, createPatch } from '../src/index.js';
import {
  arrayFixture,
  diffFrom,
  diffTo,
  keyedFrom,
  keyedTo,
  largeDocument,
  largePatch,
  smallDocument,
  smallPatch,
} from './_fixtures.js';

const { deepClone } = fastJsonPatch;

describe('apply a 10-op patch to a 20-key document', () => {
  bench('@fielding/json-patch applyPatch', () => {
    applyPatch(smallDocument, smallPatch);
  });
  bench('fast-json-patch applyPatch(deepClone(doc), patch, true)', () => {
    fastJsonPatch.applyPatch(
      deepClone(smallDocument),
      smallPatch as fastJsonPatch.Operation[],
      true,
    );
  });
  bench('rfc6902 applyPatch(deepClone(doc), patch)', () => {
    rfc6902.applyPatch(deepClone(smallDocument), smallPatch as rfc6902.Patch);
  });
});

describe('apply a 100-op patch to a 10,000-element array document', () => {
  bench('@fielding/json-patch applyPatch', () => {
    applyPatch(largeDocument, largePatch);
  });
  bench(
    'fast-json-patch applyPatch(deepClone(doc), patch, true)',
    () => {
      fastJsonPatch.applyPatch(
        deepClone(largeDocument),
        largePatch as fastJsonPatch.Operation[],
        true,
      );
    },
    { time: 2_000, iterations: 5 },
  );
  bench('rfc6902 applyPatch(deepClone(doc), patch)', () => {
    rfc6902.applyPatch(deepClone(largeDocument), largePatch as rfc6902.Patch);
  });
});

// Issue 22: apply must grow linearly with the document in both modes, and `mutate: true` must
// never be slower than the default. One 100-op patch per size; the in-place rows patch their own
// copy again and again (the patch applies to its own result). The rows time themselves too, so
// the run ends with the growth per 10× and the ratios to fast-json-patch.
const SIZES = [1_000, 10_000, 100_000] as const;
const ROWS = ['fielding', 'fielding mutate', 'fjp', 'fjp mutate'] as const;
const medians = new Map<string, number>();

function median(samples: number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function report(): void {
  if (medians.size !== SIZES.length * ROWS.length) return;
  const at = (size: number, row: string): number => medians.get(`${size} ${row}`)!;
  const lines = ['apply scaling, median ms per apply (growth per 10×; × = fast-json-patch ÷ ours)'];
  for (const [index, size] of SIZES.entries()) {
    const growth = (row: string): string =>
      index === 0 ? '' : ` (×${(at(size, row) / at(SIZES[index - 1]!, row)).toFixed(1)})`;
    lines.push(
      `${String(size).padStart(7)}: default ${at(size, 'fielding').toFixed(3)}${growth('fielding')}` +
        ` ${(at(size, 'fjp') / at(size, 'fielding')).toFixed(1)}×;` +
        ` mutate ${at(size, 'fielding mutate').toFixed(3)}${growth('fielding mutate')}` +
        ` ${(at(size, 'fjp mutate') / at(size, 'fielding mutate')).toFixed(1)}×;` +
        ` mutate ÷ default ${(at(size, 'fielding mutate') / at(size, 'fielding')).toFixed(2)}`,
    );
  }
  console.log(lines.join('\n'));
  medians.clear();
}

/** A bench row that also keeps the median of its own timed runs for {@link report}. */
function row(
  name: string,
  key: string,
  run: () => void,
  options: { time?: number; iterations?: number } = {},
): void {
  const samples: number[] = [];
  bench(
    name,
    () => {
      const start = performance.now();
      run();
      samples.push(performance.now() - start);
    },
    {
      ...options,
      teardown: (_task, mode) => {
        if (mode === 'run') medians.set(key, median(samples));
        samples.length = 0;
        report();
      },
    },
  );
}

for (const size of SIZES) {
  const { document, patch } = arrayFixture(size);
  const slow = size >= 100_000 ? { time: 2_000, iterations: 5 } : {};
  describe(`apply a 100-op patch to a ${size.toLocaleString('en')}-element array document`, () => {
    row('@fielding/json-patch applyPatch', `${size} fielding`, () => {
      applyPatch(document, patch);
    });
    const own = deepClone(document) as typeof document;
    row(
      '@fielding/json-patch applyPatch(doc, patch, { mutate: true })',
      `${size} fielding mutate`,
      () => {
        applyPatch(own, patch, { mutate: true });
      },
    );
    row(
      'fast-json-patch applyPatch(deepClone(doc), patch, true)',
      `${size} fjp`,
      () => {
        fastJsonPatch.applyPatch(deepClone(document), patch as fastJsonPatch.Operation[], true);
      },
      slow,
    );
    const theirs = deepClone(document) as typeof document;
    row('fast-json-patch applyPatch(doc, patch, true) in place', `${size} fjp mutate`, () => {
      fastJsonPatch.applyPatch(theirs, patch as fastJsonPatch.Operation[], true);
    });
  });
}

describe('diff two ~1 MB documents (articles keyed by id)', () => {
  bench(
    '@fielding/json-patch createPatch',
    () => {
      createPatch(keyedFrom, keyedTo);
    },
    { time: 2_000 },
  );
  bench(
    'fast-json-patch compare',
    () => {
      fastJsonPatch.compare(keyedFrom, keyedTo);
    },
    { time: 2_000 },
  );
  bench(
    'rfc6902 createPatch',
    () => {
      rfc6902.createPatch(keyedFrom, keyedTo);
    },
    { time: 2_000, iterations: 5 },
  );
});

// rfc6902 is left out here: its array diff is a Levenshtein table (quadratic); on these
// 2,500-element arrays it ran for minutes and exhausted a 4 GB heap.
describe('diff two ~1 MB documents (articles in a 2,500-element array)', () => {
  bench(
    '@fielding/json-patch createPatch',
    () => {
      createPatch(diffFrom, diffTo);
    },
    { time: 2_000 },
  );
  bench(
    'fast-json-patch compare',
    () => {
      fastJsonPatch.compare(diffFrom, diffTo);
    },
    { time: 2_000 },
  );
});
