import type { StartServer } from './types.js';

// Filled in once @fielding/fastify lands (issue 9); until then this entry point says so.
export const startFastify: StartServer = () =>
  Promise.reject(new Error('The fastify server needs @fielding/fastify, which is not built yet.'));
