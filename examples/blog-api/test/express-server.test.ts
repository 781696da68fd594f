import { startExpress } from '../src/servers/express.js';
import { runEdgeScenarios } from './edge-scenarios.js';
import { runScenarios } from './scenarios.js';

runScenarios('Express', startExpress);
runEdgeScenarios('Express', startExpress);
