import type { Framework } from '../config.js';
import type { StartServer } from './types.js';

/** The entry point of one framework, loaded on demand so only that framework is imported. */
export async function loadServer(framework: Framework): Promise<StartServer> {
  switch (framework) {
    case 'express':
      return (await import('./express.js')).startExpress;
    case 'fastify':
      return (await import('./fastify.js')).startFastify;
    case 'hono':
      return (await import('./hono.js')).startHono;
    default:
      return (await import('./node.js')).startNode;
  }
}
