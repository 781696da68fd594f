import { afterAll, beforeAll, describe } from 'vitest';
import { _setLazyRequests as setLazyRequests } from '../../node/src/web-request.js';
import { runAdapterSuite } from './adapter-suite.js';
import { EXPRESS_VERSIONS, mountExpress } from './_servers.js';

for (const [name, express] of EXPRESS_VERSIONS) runAdapterSuite(name, mountExpress(express));

// The same scenarios with requests built eagerly: the path taken on runtimes whose Request
// cannot copy a lazy one.
describe('with eager requests', () => {
  beforeAll(() => setLazyRequests(false));
  afterAll(() => setLazyRequests(undefined));
  for (const [name, express] of EXPRESS_VERSIONS) runAdapterSuite(name, mountExpress(express));
});
