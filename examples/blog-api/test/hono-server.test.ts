import { startHono } from '../src/servers/hono.js';
import { runScenarios } from './scenarios.js';

runScenarios('Hono', startHono);
