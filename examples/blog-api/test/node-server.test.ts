import { startNode } from '../src/servers/node.js';
import { runScenarios } from './scenarios.js';

runScenarios('node:http', startNode);
