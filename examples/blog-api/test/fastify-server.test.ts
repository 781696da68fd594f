import { startFastify } from '../src/servers/fastify.js';
import { runEdgeScenarios } from './edge-scenarios.js';
import { runScenarios } from './scenarios.js';

runScenarios('Fastify', startFastify);
runEdgeScenarios('Fastify', startFastify);
