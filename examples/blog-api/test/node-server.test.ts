import { startNode } from '../src/servers/node.js';
import { runEdgeScenarios } from './edge-scenarios.js';
import { runScenarios } from './scenarios.js';

runScenarios('node:http', startNode);
runEdgeScenarios('node:http', startNode);
