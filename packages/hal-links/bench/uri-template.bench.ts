// Our RFC 6570 expansion (strict validation + fixed encoding) against plain uri-template.
import { parse } from 'uri-template';
import { bench, describe } from 'vitest';
import { expandUriTemplate, parseUriTemplate } from '../src/index.js';

const template = '/blogs/{blogId}/posts{?page,size,tags*}{#section}';
const values = { blogId: 7, page: 2, size: 20, tags: ['rest', 'hal'], section: 'comments' };

describe('parse and expand a template', () => {
  bench('@fielding/hal-links parseUriTemplate().expand()', () => {
    parseUriTemplate(template).expand(values);
  });
  bench('uri-template parse().expand()', () => {
    parse(template).expand(values);
  });
});

describe('expand a parsed template', () => {
  const ours = parseUriTemplate(template);
  const theirs = parse(template);
  bench('@fielding/hal-links', () => {
    ours.expand(values);
  });
  bench('uri-template', () => {
    theirs.expand(values);
  });
});

describe('expand by template text (cached parse)', () => {
  bench('@fielding/hal-links expandUriTemplate', () => {
    expandUriTemplate(template, values);
  });
  bench('uri-template parse().expand()', () => {
    parse(template).expand(values);
  });
});
