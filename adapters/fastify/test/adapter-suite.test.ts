import { EXACT_TRAITS, runAdapterSuite } from './adapter-suite.js';
import { FASTIFY_VERSIONS, mountFastify } from './_servers.js';

// Fastify's rule: a request without Transfer-Encoding or Content-Length has no body at all.
const FASTIFY: typeof EXACT_TRAITS = { ...EXACT_TRAITS, bodylessRequest: 'null' };

for (const [name, fastify] of FASTIFY_VERSIONS) {
  runAdapterSuite(name, mountFastify(fastify), FASTIFY);
}
