import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
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

  it('tells two clients apart by the address their connection comes from', async () => {
    const server = serve((request) => new Response(remoteAddress(request) ?? 'none'), {
      port: 0,
      hostname: '127.0.0.1',
    });
    close = () => server.close();
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    // Linux answers on all of 127.0.0.0/8: a client bound to 127.0.0.2 is another peer.
    const from = (localAddress: string) =>
      new Promise<string>((resolve, reject) => {
        const call = httpRequest({ host: '127.0.0.1', port, localAddress }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve(text));
        });
        call.on('error', reject);
        call.end();
      });
    expect(await from('127.0.0.2')).toMatch(/127\.0\.0\.2$/);
    expect(await from('127.0.0.3')).toMatch(/127\.0\.0\.3$/);
  });

  it('gives undefined for a request it did not build', () => {
    expect(remoteAddress(new Request('http://api.test/'))).toBeUndefined();
  });
});
