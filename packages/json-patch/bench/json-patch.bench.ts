// Validated, non-mutating apply and diff vs fast-json-patch and rfc6902 (issue 8 goals: ≥ 2× on
// the small patch, ≥ 50× on the large one, diff ≥ 1.0×). The peers get a deep clone first so they
// do not mutate the input either; fast-json-patch runs with validation on.
import * as fastJsonPatch from 'fast-json-patch';
import * as rfc6902 from 'rfc6902';
import { bench, describe } from 'vitest';
import { applyPatch, createPatch } from '../src/index.js';
import {
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
