// Our RFC 6570 expansion (strict validation + fixed encoding) against plain uri-template (issue 22:
// ≥ 1.0× on each row, the parse-per-call one included).
import { parse } from 'uri-template';
import { bench, describe } from 'vitest';
import { options } from './_options.js';
import { expandUriTemplate, parseUriTemplate } from '../src/index.js';

const template = '/blogs/{blogId}/posts{?page,size,tags*}{#section}';
const values = { blogId: 7, page: 2, size: 20, tags: ['rest', 'hal'], section: 'comments' };

describe('parse and expand a template', () => {
  bench(
    '@fielding/hal-links parseUriTemplate().expand()',
    () => {
      parseUriTemplate(template).expand(values);
    },
    options,
  );
  bench(
    'uri-template parse().expand()',
    () => {
      parse(template).expand(values);
    },
    options,
  );
});

// More distinct templates than any cache keeps, so every call parses from scratch.
const distinct = Array.from({ length: 1000 }, (_, index) => `/t${index}{/id}{?page,size,tags*}`);
let next = 0;

describe('parse and expand a template never seen before', () => {
  bench(
    '@fielding/hal-links parseUriTemplate().expand()',
    () => {
      next = (next + 1) % distinct.length;
      parseUriTemplate(distinct[next] as string).expand(values);
    },
    options,
  );
  bench(
    'uri-template parse().expand()',
    () => {
      next = (next + 1) % distinct.length;
      parse(distinct[next] as string).expand(values);
    },
    options,
  );
});

describe('expand a parsed template', () => {
  const ours = parseUriTemplate(template);
  const theirs = parse(template);
  bench(
    '@fielding/hal-links',
    () => {
      ours.expand(values);
    },
    options,
  );
  bench(
    'uri-template',
    () => {
      theirs.expand(values);
    },
    options,
  );
});

describe('expand by template text (cached parse)', () => {
  bench(
    '@fielding/hal-links expandUriTemplate',
    () => {
      expandUriTemplate(template, values);
    },
    options,
  );
  bench(
    'uri-template parse().expand()',
    () => {
      parse(template).expand(values);
    },
    options,
  );
});
