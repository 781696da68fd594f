// One repository shape for blogs, articles and comments: each is a table with a few text
// fields, an optional parent, and a version column for optimistic concurrency.
import type { Queryable } from './database.js';

/** A stored item as the API shows it (camelCase, ISO dates). */
export interface StoredItem {
  id: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

/** What a conditional read needs before the item itself is loaded (deep ETags). */
export interface ItemValidator {
  version: number;
  updatedAt: Date;
}

export interface SortKey {
  field: string;
  descending: boolean;
}

export interface ListOptions {
  offset: number;
  limit: number;
  sort: readonly SortKey[];
}

export type WriteOutcome =
  | { status: 'written'; item: StoredItem }
  | { status: 'stale'; current: ItemValidator }
  | { status: 'missing' };

export type DeleteOutcome =
  | { status: 'deleted' }
  | { status: 'stale'; current: ItemValidator }
  | { status: 'missing' };

export interface RepositoryConfig {
  table: 'blogs' | 'articles' | 'comments';
  /** Column holding the parent id, for nested collections. */
  parentColumn?: 'blog_id' | 'article_id';
  /** Writable text fields, camelCase = column name here. */
  fields: readonly string[];
}

/**
 * Sortable fields → columns. Only these ever reach SQL, so sort input cannot inject; a Map, so
 * that `constructor` or `toString` is not a column either.
 */
const SYSTEM_COLUMNS: ReadonlyMap<string, string> = new Map([
  ['id', 'id'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
]);

export interface Repository {
  readonly sortableFields: readonly string[];
  list(
    parentId: number | undefined,
    options: ListOptions,
  ): Promise<{ items: StoredItem[]; total: number }>;
  validator(parentId: number | undefined, id: number): Promise<ItemValidator | undefined>;
  get(parentId: number | undefined, id: number): Promise<StoredItem | undefined>;
  create(parentId: number | undefined, data: Readonly<Record<string, string>>): Promise<StoredItem>;
  replace(
    parentId: number | undefined,
    id: number,
    data: Readonly<Record<string, string>>,
    expectedVersion: number,
  ): Promise<WriteOutcome>;
  remove(parentId: number | undefined, id: number, expectedVersion: number): Promise<DeleteOutcome>;
}

interface Row {
  id: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  [column: string]: unknown;
}

export function createRepository(db: Queryable, config: RepositoryConfig): Repository {
  const { table, parentColumn, fields } = config;
  const columns = new Map(SYSTEM_COLUMNS);
  for (const field of fields) columns.set(field, field);

  // `scope(params)` adds the parent condition and returns its SQL, numbering placeholders on.
  const scope = (parentId: number | undefined, params: unknown[]): string => {
    if (!parentColumn) return '';
    params.push(parentId);
    return ` AND ${parentColumn} = $${params.length}`;
  };

  const toItem = (row: Row): StoredItem => {
    const item: StoredItem = {
      id: row.id,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
    for (const field of fields) item[field] = row[field];
    return item;
  };

  const validatorOf = async (parentId: number | undefined, id: number) => {
    const params: unknown[] = [id];
    const where = `id = $1${scope(parentId, params)}`;
    const { rows } = await db.query<{ version: number; updated_at: Date }>(
      `SELECT version, updated_at FROM ${table} WHERE ${where}`,
      params,
    );
    const row = rows[0];
    return row ? { version: row.version, updatedAt: row.updated_at } : undefined;
  };

  return {
    sortableFields: [...columns.keys()],

    async list(parentId, { offset, limit, sort }) {
      const params: unknown[] = [];
      const where = `TRUE${scope(parentId, params)}`;
      // A field that is not a column is left out (the route refuses it with 400 before).
      const order = [...sort, { field: 'id', descending: false }]
        .filter((key) => columns.has(key.field))
        .map((key) => `${columns.get(key.field)} ${key.descending ? 'DESC' : 'ASC'}`)
        .join(', ');
      const [page, count] = await Promise.all([
        db.query<Row>(
          `SELECT * FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
          params,
        ),
        db.query<{ total: number }>(
          `SELECT COUNT(*)::int AS total FROM ${table} WHERE ${where}`,
          params,
        ),
      ]);
      return { items: page.rows.map(toItem), total: count.rows[0]?.total ?? 0 };
    },

    validator: validatorOf,

    async get(parentId, id) {
      const params: unknown[] = [id];
      const { rows } = await db.query<Row>(
        `SELECT * FROM ${table} WHERE id = $1${scope(parentId, params)}`,
        params,
      );
      return rows[0] ? toItem(rows[0]) : undefined;
    },

    async create(parentId, data) {
      const names = [...(parentColumn ? [parentColumn] : []), ...fields];
      const values = [
        ...(parentColumn ? [parentId] : []),
        ...fields.map((field) => data[field] ?? ''),
      ];
      const placeholders = values.map((_, index) => `$${index + 1}`).join(', ');
      const { rows } = await db.query<Row>(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${placeholders}) RETURNING *`,
        values,
      );
      return toItem(rows[0] as Row);
    },

    // The version check is in the UPDATE itself, so two instances racing on the same version
    // cannot both succeed: PostgreSQL serialises the row update and the loser matches no row.
    async replace(parentId, id, data, expectedVersion) {
      const params: unknown[] = [id, expectedVersion, ...fields.map((field) => data[field] ?? '')];
      const assignments = fields.map((field, index) => `${field} = $${index + 3}`).join(', ');
      const { rows } = await db.query<Row>(
        `UPDATE ${table} SET ${assignments}, version = version + 1, updated_at = date_trunc('second', now())
         WHERE id = $1 AND version = $2${scope(parentId, params)} RETURNING *`,
        params,
      );
      if (rows[0]) return { status: 'written', item: toItem(rows[0]) };
      const current = await validatorOf(parentId, id);
      return current ? { status: 'stale', current } : { status: 'missing' };
    },

    async remove(parentId, id, expectedVersion) {
      const params: unknown[] = [id, expectedVersion];
      const { rows } = await db.query<{ id: number }>(
        `DELETE FROM ${table} WHERE id = $1 AND version = $2${scope(parentId, params)} RETURNING id`,
        params,
      );
      if (rows[0]) return { status: 'deleted' };
      const current = await validatorOf(parentId, id);
      return current ? { status: 'stale', current } : { status: 'missing' };
    },
  };
}
