// Plain Node: node:http through @fielding/node — createNodeServer sets the timeouts and answers
// what Node's parser rejects, a malformed Host or target and CONNECT as problem+json.
import { createNodeServer, toNodeListener } from '@fielding/node';
import { DEFAULT_TIMEOUTS, listening, serverLimits, type StartServer } from './types.js';

export const startNode: StartServer = (
  handler,
  port,
  host = '127.0.0.1',
  timeouts = DEFAULT_TIMEOUTS,
) => listening(createNodeServer(toNodeListener(handler), serverLimits(timeouts)), port, host);
