// Validated, non-mutating apply and diff vs fast-json-patch and rfc6902 (issue 8 goals: ≥ 2× on
// the small patch, ≥ 50× on the large one, diff ≥ 1.0×). The peers get a deep clone first so they
// do not mutate the input either; fast-json-patch runs with validation on.
import * as fastJsonPatch from 'fast-json-patch';
import * as rfc6902 from 'rfc6902';
import { bench, describe } from 'vitest';
import { applyPatch, createPatch, type Operation } from '../src/index.js';
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

// Issue 22: apply must grow linearly with the array in both modes. Two scenarios per size: a
// 100-op mixed patch (the in-place rows patch their own copy again and again; the patch applies to
// its own result), and one append then one removal of the last element as two single-op patches.
// `floor` is what any non-mutating apply must pay at least: copying the touched array. Each row
// times itself (wall clock, and CPU time of the whole process, which a loaded machine inflates
// less), and the run ends with a table: growth per 10×, fast-json-patch ÷ ours, ours ÷ floor.
const SIZES = [1_000, 10_000, 100_000] as const;
const SCENARIOS = {
  mixed: ['fielding', 'fielding mutate', 'fjp', 'fjp mutate'],
  end: ['fielding', 'fielding mutate', 'fjp mutate', 'floor'],
} as const;
type Scenario = keyof typeof SCENARIOS;
interface Sample {
  wall: number;
  cpu: number;
}
const measured = new Map<string, Sample>();

function median(samples: number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function table(scenario: Scenario, title: string): string[] {
  const at = (size: number, row: string): Sample => measured.get(`${scenario} ${size} ${row}`)!;
  const lines = [title];
  for (const [index, size] of SIZES.entries()) {
    const cells = SCENARIOS[scenario].map((row) => {
      const { wall, cpu } = at(size, row);
      const previous = index === 0 ? undefined : at(SIZES[index - 1]!, row);
      const growth = previous ? ` (×${(cpu / previous.cpu).toFixed(1)})` : '';
      return `${row} ${wall.toFixed(3)}/${cpu.toFixed(3)}${growth}`;
    });
    const ratio = (peer: string, ours: string): string =>
      (at(size, peer).cpu / at(size, ours).cpu).toFixed(1);
    const ratios =
      scenario === 'mixed'
        ? `fjp ÷ ours ${ratio('fjp', 'fielding')}×, in place ${ratio('fjp mutate', 'fielding mutate')}×`
        : `fjp in place ÷ ours mutate ${ratio('fjp mutate', 'fielding mutate')}×, ours ÷ floor ${(1 / Number(ratio('floor', 'fielding'))).toFixed(1)}`;
    lines.push(`${String(size).padStart(7)}: ${cells.join('; ')} | ${ratios}`);
  }
  return lines;
}

function report(): void {
  const rows = Object.values(SCENARIOS).reduce((sum, names) => sum + names.length, 0);
  if (measured.size !== SIZES.length * rows) return;
  console.log(
    [
      `apply scaling on ${process.version}, ms per apply: median wall / mean CPU (CPU growth per 10×)`,
      ...table('mixed', 'a 100-op mixed patch'),
      ...table('end', 'append one item, then remove the last (two single-op patches)'),
    ].join('\n'),
  );
  measured.clear();
}

/** A bench row that also keeps its own timings for {@link report}. */
function row(
  scenario: Scenario,
  size: number,
  name: string,
  key: string,
  run: () => void,
  options: { time?: number; iterations?: number } = {},
): void {
  const walls: number[] = [];
  let cpu = 0;
  bench(
    name,
    () => {
      const usage = process.cpuUsage();
      const start = performance.now();
      run();
      walls.push(performance.now() - start);
      const { user, system } = process.cpuUsage(usage);
      cpu += (user + system) / 1000;
    },
    {
      ...options,
      teardown: (_task, mode) => {
        if (mode === 'run') {
          measured.set(`${scenario} ${size} ${key}`, {
            wall: median(walls),
            cpu: cpu / walls.length,
          });
        }
        walls.length = 0;
        cpu = 0;
        report();
      },
    },
  );
}

for (const size of SIZES) {
  const { document, patch } = arrayFixture(size);
  const slow = size >= 100_000 ? { time: 2_000, iterations: 5 } : {};
  describe(`apply a 100-op patch to a ${size.toLocaleString('en')}-element array document`, () => {
    row('mixed', size, '@fielding/json-patch applyPatch', 'fielding', () => {
      applyPatch(document, patch);
    });
    const own = deepClone(document) as typeof document;
    row(
      'mixed',
      size,
      '@fielding/json-patch applyPatch(doc, patch, { mutate: true })',
      'fielding mutate',
      () => {
        applyPatch(own, patch, { mutate: true });
      },
    );
    row(
      'mixed',
      size,
      'fast-json-patch applyPatch(deepClone(doc), patch, true)',
      'fjp',
      () => {
        fastJsonPatch.applyPatch(deepClone(document), patch as fastJsonPatch.Operation[], true);
      },
      slow,
    );
    const theirs = deepClone(document) as typeof document;
    row(
      'mixed',
      size,
      'fast-json-patch applyPatch(doc, patch, true) in place',
      'fjp mutate',
      () => {
        fastJsonPatch.applyPatch(theirs, patch as fastJsonPatch.Operation[], true);
      },
    );
  });

  describe(`append one item and remove the last of a ${size.toLocaleString('en')}-element array`, () => {
    const append: Operation[] = [
      { op: 'add', path: '/items/-', value: { id: -1, name: 'new', price: 0, tags: [] } },
    ];
    const removeLast: Operation[] = [{ op: 'remove', path: `/items/${size - 1}` }];
    const grown: Operation[] = [{ op: 'remove', path: `/items/${size}` }];
    row('end', size, '@fielding/json-patch applyPatch', 'fielding', () => {
      applyPatch(document, append);
      applyPatch(document, removeLast);
    });
    const own = deepClone(document) as typeof document;
    row(
      'end',
      size,
      '@fielding/json-patch applyPatch(doc, patch, { mutate: true })',
      'fielding mutate',
      () => {
        applyPatch(own, append, { mutate: true });
        applyPatch(own, grown, { mutate: true });
      },
    );
    const theirs = deepClone(document) as typeof document;
    row('end', size, 'fast-json-patch applyPatch(doc, patch, true) in place', 'fjp mutate', () => {
      fastJsonPatch.applyPatch(theirs, append as fastJsonPatch.Operation[], true);
      fastJsonPatch.applyPatch(theirs, grown as fastJsonPatch.Operation[], true);
    });
    row('end', size, 'floor: document.items.slice() twice', 'floor', () => {
      document.items.slice();
      document.items.slice();
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
