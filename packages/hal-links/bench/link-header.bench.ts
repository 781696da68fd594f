// RFC 8288 Link header formatting and parsing against http-link-header (issue 22: ≥ 1.0×).
// The links are the five of a paged collection with absolute URLs, plus a titled, typed one.
import LinkHeader from 'http-link-header';
import { bench, describe } from 'vitest';
import { options } from './_options.js';
import { formatLinkHeader, parseLinkHeader } from '../src/index.js';

const base = 'https://api.example.com/blogs/7/articles?status=published&sort=-createdAt';
const links = [
  { rel: 'self', href: `${base}&pageIndex=4&pageSize=25` },
  { rel: 'first', href: `${base}&pageIndex=1&pageSize=25` },
  { rel: 'prev', href: `${base}&pageIndex=3&pageSize=25` },
  { rel: 'next', href: `${base}&pageIndex=5&pageSize=25` },
  { rel: 'last', href: `${base}&pageIndex=40&pageSize=25` },
  { rel: 'author', href: 'https://api.example.com/users/3', title: 'Roy', type: 'text/html' },
];

const theirs = (): string => {
  const header = new LinkHeader();
  for (const { href, ...rest } of links) header.set({ uri: href, ...rest });
  return header.toString();
};
const value = formatLinkHeader(links);

describe('format a Link header of six links', () => {
  bench(
    '@fielding/hal-links formatLinkHeader',
    () => {
      formatLinkHeader(links);
    },
    options,
  );
  bench(
    'http-link-header set() + toString()',
    () => {
      theirs();
    },
    options,
  );
});

describe('parse a Link header of six links', () => {
  bench(
    '@fielding/hal-links parseLinkHeader',
    () => {
      parseLinkHeader(value);
    },
    options,
  );
  bench(
    'http-link-header parse()',
    () => {
      LinkHeader.parse(value);
    },
    options,
  );
});
