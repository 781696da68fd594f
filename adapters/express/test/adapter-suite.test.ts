import { runAdapterSuite } from './adapter-suite.js';
import { EXPRESS_VERSIONS, mountExpress } from './_servers.js';

for (const [name, express] of EXPRESS_VERSIONS) runAdapterSuite(name, mountExpress(express));
