import accepts from 'accepts';
import Negotiator from 'negotiator';
import { bench, describe } from 'vitest';
import { negotiateMediaType } from '../src/index.js';

// Compare like with like: each library gets its native request shape, built before the run
// (a Web `Request` already has its `Headers`; a Node request already has its headers object).
const CHROME =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
const API = 'application/json, text/plain, */*';
const AVAILABLE = ['application/json', 'text/html', 'text/csv'];

// 8192 distinct Chrome-like headers, cycled: far more than the memo holds, so every call in
// the "unseen" group is a miss.
const UNSEEN = 8192;
const unseenHeaders = Array.from(
  { length: UNSEEN },
  (_, index) => `${CHROME},application/x-${index};q=0.1`,
);
const unseenWeb = unseenHeaders.map((accept) => new Headers({ accept }));
const unseenNode = unseenHeaders.map((accept) => ({ headers: { accept } }));
let cursor = 0;
const next = (): number => (cursor = (cursor + 1) % UNSEEN);

const chromeWeb = new Headers({ accept: CHROME });
const chromeNode = { headers: { accept: CHROME } };
const apiWeb = new Headers({ accept: API });
const apiNode = { headers: { accept: API } };

// Longer warm-up and run than vitest's defaults: on a busy machine the first task of a group
// otherwise pays for JIT warm-up and the previous group's garbage.
const options = { warmupTime: 500, time: 1500 };

describe('chrome accept, unseen each call', () => {
  bench(
    '@fielding/content-negotiation negotiateMediaType',
    () => {
      negotiateMediaType(unseenWeb[next()] as Headers, AVAILABLE);
    },
    options,
  );
  bench(
    'negotiator',
    () => {
      new Negotiator(unseenNode[next()] as { headers: { accept: string } }).mediaType(AVAILABLE);
    },
    options,
  );
  bench(
    'accepts',
    () => {
      accepts(unseenNode[next()] as never).type(AVAILABLE);
    },
    options,
  );
});

describe('chrome accept, repeated', () => {
  bench(
    '@fielding/content-negotiation negotiateMediaType',
    () => {
      negotiateMediaType(chromeWeb, AVAILABLE);
    },
    options,
  );
  bench(
    'negotiator',
    () => {
      new Negotiator(chromeNode).mediaType(AVAILABLE);
    },
    options,
  );
  bench(
    'accepts',
    () => {
      accepts(chromeNode as never).type(AVAILABLE);
    },
    options,
  );
});

describe('api accept (axios default), repeated', () => {
  bench(
    '@fielding/content-negotiation negotiateMediaType',
    () => {
      negotiateMediaType(apiWeb, AVAILABLE);
    },
    options,
  );
  bench(
    'negotiator',
    () => {
      new Negotiator(apiNode).mediaType(AVAILABLE);
    },
    options,
  );
  bench(
    'accepts',
    () => {
      accepts(apiNode as never).type(AVAILABLE);
    },
    options,
  );
});
