import type { StartServer } from './types.js';

// Filled in once @fielding/hono lands (issue 9); until then this entry point says so.
export const startHono: StartServer = () =>
  Promise.reject(new Error('The hono server needs @fielding/hono, which is not built yet.'));
