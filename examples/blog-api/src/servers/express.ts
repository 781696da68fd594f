import type { StartServer } from './types.js';

// Filled in once @fielding/express lands (issue 9); until then this entry point says so.
export const startExpress: StartServer = () =>
  Promise.reject(new Error('The express server needs @fielding/express, which is not built yet.'));
