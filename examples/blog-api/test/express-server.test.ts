import { startExpress } from '../src/servers/express.js';
import { runScenarios } from './scenarios.js';

runScenarios('Express', startExpress);
