import { afterAll } from 'vitest';
import fastify5, { type FastifyInstance } from 'fastify';
import fastify4 from 'fastify-4';
import type { FetchHandler } from '@fielding/core';
import { mountFielding } from '../src/index.js';
import type { Mount } from './adapter-suite.js';

/** A Fastify factory; Fastify 4's is used through Fastify 5's types (the API the tests touch is shared). */
export type FastifyFactory = typeof fastify5;

/** Both supported majors, for `describe.each`. */
export const FASTIFY_VERSIONS: readonly (readonly [string, FastifyFactory])[] = [
  ['fastify 5', fastify5],
  ['fastify 4', fastify4 as unknown as FastifyFactory],
];

/** Listens on loopback, resolves with the origin. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no tcp address');
  return `http://127.0.0.1:${address.port}`;
}

/** Closes an app, dropping idle keep-alive connections first. */
export async function close(app: FastifyInstance): Promise<void> {
  app.server.closeAllConnections();
  await app.close();
}

/** Starts apps on loopback for the enclosing `describe`, all closed after it. */
export function startApps(): (app: FastifyInstance) => Promise<string> {
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map(close));
  });
  return (app) => {
    apps.push(app);
    return listen(app);
  };
}

/** The adapter-suite mount for one Fastify major: `app.register(mountFielding(handler), { prefix: '/api' })`. */
export function mountFastify(fastify: FastifyFactory): Mount {
  return async (handler: FetchHandler) => {
    const app = fastify();
    await app.register(mountFielding(handler), { prefix: '/api' });
    const origin = await listen(app);
    return { url: `${origin}/api`, close: () => close(app) };
  };
}
