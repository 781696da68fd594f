import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { remoteAddress } from './remote-address.js';
import { serve } from './node-server.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('remoteAddress', () => {
  it('gives the peer address of a request served by this package', async () => {
    const server = serve((request) => new Response(remoteAddress(request) ?? 'none'), {
      port: 0,
      hostname: '127.0.0.1',
    });
    close = () => server.close();
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it('gives undefined for a request it did not build', () => {
    expect(remoteAddress(new Request('http://api.test/'))).toBeUndefined();
  });
});
