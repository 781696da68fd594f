import fc from 'fast-check';
import { HttpError } from '@fielding/problem-errors';
import { describe, expect, it } from 'vitest';
import { badRequestOf } from './_test-helpers.js';
import { parseFields, project } from './fields.js';

const allowed = ['id', 'title', 'author', 'author.name', 'author.email', 'tags', 'tags.name'];
const url = (query: string): string => `https://api.test/articles${query}`;
const article = {
  id: 1,
  title: 'REST',
  body: 'long',
  author: { name: 'Roy', email: 'r@x.test', address: { city: 'Irvine' } },
  tags: [
    { name: 'http', weight: 1 },
    { name: 'web', weight: 2 },
  ],
};

describe('parseFields', () => {
  it.each([
    ['', undefined],
    ['?fields=title', ['id', 'title']],
    ['?fields=author.name,tags.name', ['id', 'author.name', 'tags.name']],
    ['?fields=author,author', ['id', 'author']],
  ])('reads %j', (query, expected) => {
    expect(parseFields(url(query), { allowed, always: ['id'] })).toEqual(expected);
  });

  it('accepts a parent of a declared nested path', () => {
    expect(parseFields(url('?fields=author'), { allowed: ['author.name'] })).toEqual(['author']);
  });

  it.each([
    ['?fields=body', /Unknown field "body"/],
    ['?fields=author.address', /Unknown field "author.address"/],
    ['?fields=title,', /empty field/],
    ['?fields=auth', /Unknown field "auth"/],
    ['?fields=a&fields=b', /only once/],
  ])('answers 400 to %s', async (query, detail) => {
    const error = await badRequestOf(() => parseFields(url(query), { allowed }));
    expect(error.errors?.[0]).toEqual({
      parameter: 'fields',
      detail: expect.stringMatching(detail),
    });
  });

  it('caps the number of fields', async () => {
    await badRequestOf(() =>
      parseFields(url('?select=id,id,id'), { allowed, parameter: 'select', maxFields: 2 }),
    );
  });

  it('only ever throws HttpError(400) on client input', () => {
    fc.assert(
      fc.property(fc.string(), (fields) => {
        try {
          parseFields(`https://api.test/a?fields=${encodeURIComponent(fields)}`, { allowed });
        } catch (error) {
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(400);
        }
      }),
    );
  });
});

describe('project', () => {
  it('keeps nested paths and projects arrays element by element', () => {
    expect(project(article, ['id', 'author.name', 'tags.name'])).toEqual({
      id: 1,
      author: { name: 'Roy' },
      tags: [{ name: 'http' }, { name: 'web' }],
    });
  });

  it('a parent selection wins over its children, in either order', () => {
    expect(project(article, ['author.name', 'author'])).toEqual({ author: article.author });
    expect(project(article, ['author', 'author.name'])).toEqual({ author: article.author });
  });

  it('projects lists of items, skips missing members and leaves scalars alone', () => {
    expect(project([article, { id: 2, author: null }], ['id', 'author.name'])).toEqual([
      { id: 1, author: { name: 'Roy' } },
      { id: 2, author: null },
    ]);
    expect(project(article, undefined)).toBe(article);
    expect(project(7, ['a'])).toBe(7);
  });

  it('never copies inherited members', () => {
    expect(project({}, ['toString', 'constructor.name'])).toEqual({});
  });
});
