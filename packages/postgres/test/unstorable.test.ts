// What PostgreSQL text cannot hold (U+0000, lone surrogates): a key with one names nothing, a
// value with one is refused before any statement runs.
import type { PGlite } from '@electric-sql/pglite';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnstorableValueError } from '@fielding/core';
import type { Api } from '@fielding/resource';
import { postgresStore, resourceTableSql } from '../src/index.js';
import { createTables, storesOf, tasksApi } from './support/api.js';
import { counting } from './support/counting.js';
import { startPglite } from './support/pglite.js';

let db: PGlite;
let api: Api;

beforeAll(async () => {
  db = await startPglite();
  await createTables(db, 'nul');
  api = tasksApi(storesOf(db, 'nul'));
});

describe('keys PostgreSQL cannot hold name nothing', () => {
  it.each([
    ['GET', '/api/tasks/a%00b', 404],
    ['DELETE', '/api/tasks/%00', 404],
    ['GET', '/api/blogs/%00/articles', 404],
    ['GET', '/api/blogs/%00/articles/x', 404],
  ])('%s %s answers %i', async (method, path, status) => {
    const response = await api.fetch(new Request(`http://api.test${path}`, { method }));
    expect(response.status).toBe(status);
  });

  it('the store answers undefined, missing and empty without a statement', async () => {
    await db.query(resourceTableSql({ table: 'nul_direct' }));
    const client = counting(db);
    const store = postgresStore<{ title: string }>({ client, table: 'nul_direct' });
    expect(await store.get({ id: 'a\0' })).toBeUndefined();
    expect(await store.validator({ scope: '\0', id: 'a' })).toBeUndefined();
    expect(await store.getMany(['\0', 'x\0'])).toEqual([]);
    expect(await store.replace({ id: '\0', value: { title: 't' }, version: 1 })).toEqual({
      status: 'missing',
    });
    expect(await store.remove({ id: '\0', version: 1 })).toEqual({ status: 'missing' });
    expect(await store.create({ id: '\0', value: { title: 't' } })).toBeUndefined();
    expect(await store.listMany(['\0'], { order: [{ column: 'id', direction: 'asc' }] })).toEqual(
      new Map([['\0', []]]),
    );
    expect(client.texts).toEqual([]);
  });

  it.each([['a\0b'], ['\uD800'], ['x\uDC00y']])(
    'a value with %j is refused with an UnstorableValueError before any statement',
    async (title) => {
      const client = counting(db);
      const store = postgresStore<Record<string, unknown>>({ client, table: 'nul_direct' });
      await expect(store.create({ value: { title } })).rejects.toThrow(UnstorableValueError);
      await expect(store.create({ value: { [title]: 1 } })).rejects.toThrow(UnstorableValueError);
      await expect(
        store.replace({ id: 'x', value: { list: [title] }, version: 1 }),
      ).rejects.toThrow(UnstorableValueError);
      expect(client.texts).toEqual([]);
    },
  );

  it.each([
    ['POST', '/api/tasks', '{"title":"a\\u0000b","priority":1,"done":false}'],
    ['POST', '/api/tasks', '{"title":"\\ud800","priority":1,"done":false}'],
  ])('%s %s with %s answers 422 problem+json, never 500', async (method, path, body) => {
    const response = await api.fetch(
      new Request(`http://api.test${path}`, {
        method,
        body,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(response.status).toBe(422);
    expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(await response.json())).not.toMatch(/postgres|RangeError|at /i);
  });
});
