// What signing costs: one encode + decode round trip of a cursor with and without HMAC-SHA-256
// (Web Crypto), both bound to the query by a SHA-256 fingerprint.
import { bench, describe } from 'vitest';
import { createCursorCodec } from '../src/index.js';

const signed = createCursorCodec({ secret: 'bench secret that is at least 32 bytes long' });
const plain = createCursorCodec();
const position = { direction: 'next', values: ['2024-05-01T12:00:00.000Z', 4711] } as const;
const binding = '/articles?sort=-createdAt&status=open&limit=25';

describe('cursor round trip', () => {
  bench('signed (hmac-sha-256)', async () => {
    await signed.decode(await signed.encode(position, binding), binding);
  });
  bench('unsigned', async () => {
    await plain.decode(await plain.encode(position, binding), binding);
  });
});
