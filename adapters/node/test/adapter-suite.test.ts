import { afterAll, beforeAll, describe } from 'vitest';
import { runAdapterSuite } from './adapter-suite.js';
import { mountNode } from './_servers.js';

// Taken before any listener installs FastResponse.
const NativeResponse = globalThis.Response;

runAdapterSuite('node:http with FastResponse', mountNode({ fastResponse: true }));

// The handlers build Node's own Response here: the writer's path for any foreign Response.
describe('with the native Response', () => {
  let previous: typeof Response;
  beforeAll(() => {
    previous = globalThis.Response;
    globalThis.Response = NativeResponse;
  });
  afterAll(() => {
    globalThis.Response = previous;
  });
  runAdapterSuite('node:http', mountNode({ fastResponse: false }));
});
