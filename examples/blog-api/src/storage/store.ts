import { openDatabase, type Database, type DatabaseOptions } from './database.js';
import { migrate } from './migrations.js';
import { createRepository, type Repository } from './repository.js';
import { seed } from './seed.js';

const SEED_LOCK = 7_270_002;

/** Everything the app needs from storage. */
export interface Store {
  readonly db: Database;
  readonly blogs: Repository;
  readonly articles: Repository;
  readonly comments: Repository;
  /** True when the database answers a trivial query. */
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions extends DatabaseOptions {
  /** Insert the sample blogs when the database is empty (default true). */
  seed?: boolean;
}

/** Opens the database, migrates it and seeds an empty one. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const db = await openDatabase(options);
  await migrate(db);
  const store: Store = {
    db,
    blogs: createRepository(db, { table: 'blogs', fields: ['title', 'description'] }),
    articles: createRepository(db, {
      table: 'articles',
      parentColumn: 'blog_id',
      fields: ['title', 'content'],
    }),
    comments: createRepository(db, {
      table: 'comments',
      parentColumn: 'article_id',
      fields: ['author', 'body'],
    }),
    async healthy() {
      try {
        await db.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.close(),
  };
  if (options.seed ?? true) {
    // Several instances may start together on one database: seed under a lock so only one does.
    await db.session(async (connection) => {
      await connection.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      try {
        await seed(store);
      } finally {
        await connection.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]);
      }
    });
  }
  return store;
}
