import { openDatabase, type Database, type DatabaseOptions } from './database.js';
import { initialiseDirectory } from './data-directory.js';
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

/**
 * Opens the database, migrates it and seeds an empty one. A PGlite directory that does not exist
 * yet is built first in a temporary directory beside it, then renamed into place (see
 * {@link initialiseDirectory}).
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const dataDir = options.databaseUrl ? undefined : options.dataDir;
  if (dataDir !== undefined && !dataDir.startsWith('memory://')) {
    await initialiseDirectory(dataDir, async (temporary) => {
      const store = await prepareStore(await openDatabase({ dataDir: temporary }), options);
      await store.close();
    });
  }
  return prepareStore(await openDatabase(options), options);
}

/** Migrates `db`, and seeds it when it is empty (unless `options.seed` is false). */
async function prepareStore(db: Database, options: StoreOptions): Promise<Store> {
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
