// Building the five page links. No pagination library is a dependency to compare with, so the
// baseline is the hand-written way most of them use: copy the query into URLSearchParams, set
// the paging parameters, serialise (which also re-encodes every unrelated parameter).
import { bench, describe } from 'vitest';
import { createPage, parsePageQuery } from '../src/index.js';

const href =
  'https://api.test/articles?status=open,closed&sort=-createdAt,title&fields=id,title,author.name&q=rest%20apis&pageIndex=4&pageSize=25';
const request = new Request(href);
const query = parsePageQuery(request);
const items = Array.from({ length: 25 }, (_, index) => index);

function urlSearchParamsLinks(url: URL, pageIndex: number, pageSize: number, total: number) {
  const at = (index: number): string => {
    const next = new URL(url);
    next.searchParams.set('pageIndex', String(index));
    next.searchParams.set('pageSize', String(pageSize));
    return next.href;
  };
  const last = Math.max(1, Math.ceil(total / pageSize));
  return {
    self: at(pageIndex),
    first: at(1),
    ...(pageIndex > 1 && { prev: at(Math.min(pageIndex - 1, last)) }),
    ...(pageIndex < last && { next: at(pageIndex + 1) }),
    last: at(last),
  };
}

describe('page links', () => {
  bench('@fielding/pagination createPage (raw query kept)', () => {
    createPage(request, query, { items, total: 1000 });
  });
  bench('URLSearchParams baseline', () => {
    urlSearchParamsLinks(new URL(request.url), 4, 25, 1000);
  });
});
