/**
 * Asynchronous jobs for fetch handlers: `202 Accepted` with a status monitor, `Prefer:
 * respond-async` and `wait` (RFC 7240), `303 See Other` to the result, a problem when a job
 * fails, and job state in memory or in PostgreSQL shared by several instances.
 *
 * @module @fielding/jobs
 */
export { createJobs, type JobContext, type Jobs, type JobsOptions, type JobWork } from './jobs.js';
export { asyncPreferences, type AsyncPreferences } from './prefer.js';
export type { JobOutcome, JobSnapshot, JobStore, Retention, StoredResult } from './store.js';
export { memoryStore, type MemoryStoreOptions } from './memory-store.js';
export {
  jobsTableSql,
  postgresStore,
  type JobsTableOptions,
  type PostgresJobStore,
  type PostgresQueryable,
  type PostgresStoreOptions,
} from './postgres-store.js';
export {
  storeContract,
  type JobStoreFactory,
  type StoreCheck,
  type StoreContractOptions,
} from './store-contract.js';
