// The quoted-string-aware list scanner against the split-on-comma one-liner many packages use
// (which breaks on `"a,b"`), on a realistic Accept value and an If-None-Match list.
import { bench, describe } from 'vitest';
import { parseEntityTagList, parseList, parseWeightedList } from '../src/index.js';

const accept =
  'text/html, application/xhtml+xml, application/xml;q=0.9, image/avif, image/webp, */*;q=0.8';
const ifNoneMatch = Array.from({ length: 20 }, (_, index) => `W/"v${index}-${index * 7}"`).join(
  ', ',
);

const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member !== '');

describe('split an Accept value into members', () => {
  bench('@fielding/core parseList', () => {
    parseList(accept);
  });
  bench('split(",").map(trim) one-liner', () => {
    splitList(accept);
  });
});

describe('parse If-None-Match with 20 weak tags', () => {
  bench('@fielding/core parseEntityTagList', () => {
    parseEntityTagList(ifNoneMatch);
  });
  bench('split(",").map(trim) one-liner (tags unparsed)', () => {
    splitList(ifNoneMatch);
  });
});

describe('parse Accept with weights', () => {
  bench('@fielding/core parseWeightedList', () => {
    parseWeightedList(accept);
  });
});
