import { startFastify } from '../src/servers/fastify.js';
import { runScenarios } from './scenarios.js';

runScenarios('Fastify', startFastify);
