import { describe, expect, it } from 'vitest';
import { MAX_HTML_DEPTH, escapeHtml, toHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five html-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    expect(escapeHtml('plain')).toBe('plain');
  });
});

describe('toHtml', () => {
  it('renders a complete, titled, utf-8 document', () => {
    const page = toHtml({ title: 'Hello' }, { title: '/articles/7' });
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain('<title>/articles/7</title>');
    expect(page).toContain('<dt>title</dt><dd>Hello</dd>');
  });

  it('escapes keys and values', () => {
    const page = toHtml({ '<k>': '<script>alert(1)</script>' }, { title: '<t>' });
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
    expect(page).toContain('<dt>&lt;k&gt;</dt>');
    expect(page).toContain('<title>&lt;t&gt;</title>');
  });

  it('links safe hrefs only', () => {
    const page = toHtml({
      _links: {
        self: { href: '/articles/7' },
        next: { href: 'https://api.test/articles?page=2&x=1' },
        evil: { href: 'javascript:alert(1)' },
        protocolRelative: { href: '//evil.test/' },
      },
    });
    expect(page).toContain('<a href="/articles/7">/articles/7</a>');
    expect(page).toContain('<a href="https://api.test/articles?page=2&amp;x=1">');
    expect(page).not.toContain('href="javascript');
    expect(page).not.toContain('href="//evil');
  });

  it('renders lists of records as tables and other lists as ordered lists', () => {
    expect(toHtml([{ id: 1, at: new Date(0) }])).toContain(
      '<thead><tr><th>id</th><th>at</th></tr></thead>',
    );
    expect(toHtml([1, 'two', [3]])).toContain('<ol><li><code>1</code></li><li>two</li>');
    expect(toHtml([])).toContain('(empty list)');
    expect(toHtml({})).toContain('(empty)');
    expect(toHtml(null)).toContain('<code>null</code>');
    expect(toHtml({ when: new Date(0) })).toContain('1970-01-01T00:00:00.000Z');
  });

  it('stops nesting at the depth cap', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < MAX_HTML_DEPTH + 5; level++) deep = { level: deep };
    const page = toHtml(deep);
    expect(page).toContain('<code>{&quot;level&quot;');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(toHtml(cyclic)).toContain('<code>…</code>');
  });
});
