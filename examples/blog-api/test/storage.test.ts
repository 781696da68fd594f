import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/storage/store.js';

describe('storage on embedded PostgreSQL', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
  });
  afterAll(() => store.close());

  it('seeds an empty database once', async () => {
    const { total } = await store.blogs.list(undefined, { offset: 0, limit: 10, sort: [] });
    expect(total).toBe(3);
    const { seed } = await import('../src/storage/seed.js');
    expect(await seed(store)).toBe(false);
  });

  it('lists nested items sorted, with a total', async () => {
    const { items, total } = await store.articles.list(1, {
      offset: 0,
      limit: 1,
      sort: [{ field: 'title', descending: true }],
    });
    expect(total).toBe(2);
    expect(items[0]?.title).toBe('Why every response carries a self link');
  });

  it('writes only when the expected version matches', async () => {
    const created = await store.blogs.create(undefined, { title: 't', description: 'd' });
    expect(created.version).toBe(1);
    const first = await store.blogs.replace(
      undefined,
      created.id,
      { title: 't2', description: 'd' },
      1,
    );
    expect(first.status).toBe('written');
    const stale = await store.blogs.replace(
      undefined,
      created.id,
      { title: 't3', description: 'd' },
      1,
    );
    expect(stale).toMatchObject({ status: 'stale', current: { version: 2 } });
    expect(await store.blogs.remove(undefined, created.id, 1)).toMatchObject({ status: 'stale' });
    expect(await store.blogs.remove(undefined, created.id, 2)).toEqual({ status: 'deleted' });
    expect(await store.blogs.remove(undefined, created.id, 2)).toEqual({ status: 'missing' });
  });

  it('keeps nested items inside their parent', async () => {
    expect(await store.articles.get(2, 1)).toBeUndefined();
    expect(await store.articles.validator(1, 1)).toMatchObject({ version: 1 });
  });

  it('reports health', async () => {
    expect(await store.healthy()).toBe(true);
  });
});
