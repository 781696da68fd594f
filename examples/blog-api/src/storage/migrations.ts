import { idempotencyTableSql } from '@fielding/idempotency';
import type { Database, Queryable } from './database.js';

// Append-only: a deployed migration is never edited, only followed by a new one.
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE blogs (
     id          SERIAL PRIMARY KEY,
     title       TEXT NOT NULL,
     description TEXT NOT NULL DEFAULT '',
     version     INTEGER NOT NULL DEFAULT 1,
     created_at  TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now()),
     updated_at  TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now())
   );
   CREATE TABLE articles (
     id          SERIAL PRIMARY KEY,
     blog_id     INTEGER NOT NULL REFERENCES blogs (id) ON DELETE CASCADE,
     title       TEXT NOT NULL,
     content     TEXT NOT NULL DEFAULT '',
     version     INTEGER NOT NULL DEFAULT 1,
     created_at  TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now()),
     updated_at  TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now())
   );
   CREATE INDEX articles_blog_id ON articles (blog_id, id);
   CREATE TABLE comments (
     id          SERIAL PRIMARY KEY,
     article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
     author      TEXT NOT NULL,
     body        TEXT NOT NULL,
     version     INTEGER NOT NULL DEFAULT 1,
     created_at  TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now()),
     updated_at  TIMESTAMPTZ NOT NULL DEFAULT date_trunc('second', now())
   );
   CREATE INDEX comments_article_id ON comments (article_id, id);`,
  // Idempotency-Key records (src/edge.ts), beside the rows they describe.
  idempotencyTableSql(),
];

// Any fixed number: it only has to be the same in every instance of the app.
const MIGRATION_LOCK = 7_270_001;

/**
 * Brings the schema up to date. Several instances may start at once against one PostgreSQL, so
 * the work runs under an advisory lock and each migration is recorded in the same transaction.
 */
export function migrate(db: Database): Promise<number> {
  return db.session((connection) => migrateOn(connection));
}

async function migrateOn(db: Queryable): Promise<number> {
  await db.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await db.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await db.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0)::int AS version FROM schema_migrations',
    );
    const current = rows[0]?.version ?? 0;
    for (let index = current; index < MIGRATIONS.length; index += 1) {
      await db.query('BEGIN');
      try {
        for (const statement of splitStatements(MIGRATIONS[index] ?? '')) await db.query(statement);
        await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [index + 1]);
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
    }
    return MIGRATIONS.length - current;
  } finally {
    await db.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

// Extended-protocol queries (with or without params) take one statement at a time.
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}
