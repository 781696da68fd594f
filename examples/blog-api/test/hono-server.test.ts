import { startHono } from '../src/servers/hono.js';
import { runEdgeScenarios } from './edge-scenarios.js';
import { runScenarios } from './scenarios.js';

runScenarios('Hono', startHono);
runEdgeScenarios('Hono', startHono);
