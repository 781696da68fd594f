import type { JobOutcome, JobSnapshot, JobStore, Retention } from './store.js';

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * ```ts
 * import { memoryStore, type MemoryStoreOptions } from '@fielding/jobs';
 *
 * const options: MemoryStoreOptions = { maxEntries: 1000 };
 * const store = memoryStore(options);
 * ```
 */
export interface MemoryStoreOptions {
  /** The most jobs kept (tombstones included); the oldest are dropped first. Default: `10_000`. */
  maxEntries?: number;
  /** The clock, in ms (for tests). Default: `Date.now`. */
  now?: () => number;
}

interface Entry {
  progress: number | null;
  heartbeat: number;
  outcome: JobOutcome | undefined;
  /** When the outcome lapses (then a tombstone), and when the tombstone does. */
  expires: number;
  forgotten: number;
}

/**
 * A {@link JobStore} in one process's memory: for one instance, tests and development (the
 * monitor of a job can be read only on the instance that started it). Bounded: past
 * `maxEntries` jobs the oldest are dropped, running or not.
 *
 * @param options - the bound and the clock
 * @returns the store
 *
 * @example
 * ```ts
 * import { createJobs, memoryStore } from '@fielding/jobs';
 *
 * const jobs = createJobs({ store: memoryStore({ maxEntries: 1000 }) });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): JobStore {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const running = (id: string): Entry | undefined => {
    const entry = entries.get(id);
    return entry !== undefined && entry.outcome === undefined ? entry : undefined;
  };
  const end = (entry: Entry, outcome: JobOutcome, retention: Retention): void => {
    const time = now();
    entry.outcome = outcome;
    entry.expires = time + retention.keepFor;
    entry.forgotten = entry.expires + retention.tombstoneFor;
  };

  return {
    create(id) {
      const time = now();
      // Forget tombstones past their time at the old end, then the oldest while over the bound.
      for (const [key, entry] of entries) {
        if (entries.size < maxEntries && entry.forgotten > time) break;
        entries.delete(key);
      }
      entries.set(id, {
        progress: null,
        heartbeat: time,
        outcome: undefined,
        expires: Infinity,
        forgotten: Infinity,
      });
      return Promise.resolve();
    },
    heartbeat(id, progress) {
      const entry = running(id);
      if (entry === undefined) return Promise.resolve(false);
      entry.heartbeat = now();
      if (progress !== undefined) entry.progress = progress;
      return Promise.resolve(true);
    },
    finish(id, outcome, retention) {
      const entry = running(id);
      if (entry === undefined) return Promise.resolve(false);
      end(entry, outcome, retention);
      return Promise.resolve(true);
    },
    abandon(id, staleAfter, outcome, retention) {
      const entry = running(id);
      if (entry === undefined || now() - entry.heartbeat < staleAfter) {
        return Promise.resolve(false);
      }
      end(entry, outcome, retention);
      return Promise.resolve(true);
    },
    read(id): Promise<JobSnapshot | undefined> {
      const entry = entries.get(id);
      const time = now();
      if (entry === undefined) return Promise.resolve(undefined);
      if (entry.forgotten <= time) {
        entries.delete(id);
        return Promise.resolve(undefined);
      }
      if (entry.expires <= time) return Promise.resolve({ state: 'expired' });
      if (entry.outcome === undefined) {
        return Promise.resolve({
          state: 'running',
          progress: entry.progress,
          heartbeatAge: Math.max(0, time - entry.heartbeat),
        });
      }
      return Promise.resolve({ progress: entry.progress, ...entry.outcome });
    },
  };
}
