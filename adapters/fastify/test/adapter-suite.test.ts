import { runAdapterSuite } from './adapter-suite.js';
import { FASTIFY_VERSIONS, mountFastify } from './_servers.js';

for (const [name, fastify] of FASTIFY_VERSIONS) runAdapterSuite(name, mountFastify(fastify));
