import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressNetwork, parseAddress } from './_ip.js';
import { clientAddress, type ClientAddressOptions } from './client-address.js';

const request = (headers: Record<string, string> = {}): Request =>
  new Request('http://10.0.0.7:3000/blogs', { headers });

describe('parseAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:4711', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['010.000.000.001', '10.0.0.1'],
    ['2001:db8::17', '2001:db8::17'],
    ['2001:DB8:0:0:0:0:0:17', '2001:db8::17'],
    ['[2001:db8:cafe::17]:4711', '2001:db8:cafe::17'],
    ['[2001:db8:cafe::17]', '2001:db8:cafe::17'],
    ['::1', '::1'],
    ['::', '::'],
    ['1::', '1::'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['[::ffff:127.0.0.1]:80', '127.0.0.1'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['_hidden', '_hidden'],
    ['_SEVKISEK', '_SEVKISEK'],
  ])('reads %j as %s', (raw, expected) => {
    const address = parseAddress(raw);
    expect(address && (address.kind === 'v6' ? addressNetwork(address, 128) : address.text)).toBe(
      expected,
    );
  });

  it.each([
    '',
    'unknown',
    'localhost',
    'example.com',
    '256.0.0.1',
    '1.2.3',
    '1.2.3.4.5',
    '1.2.3.-4',
    '1.2.3.4:',
    '1.2.3.4:99999999',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    ':::',
    '12345::',
    '[2001:db8::17',
    '[2001:db8::17]x',
    '[2001:db8::17]:',
    '_',
    `_${'a'.repeat(64)}`,
    '1.2.3.4'.repeat(20),
  ])('reads %j as no address', (raw) => {
    expect(parseAddress(raw)).toBeUndefined();
  });

  it.each([
    ['2001:db8:1:2:3:4:5:6', 64, '2001:db8:1:2::/64'],
    ['2001:db8:1:2:3:4:5:6', 56, '2001:db8:1::/56'],
    ['2001:db8:1:2ff:3:4:5:6', 56, '2001:db8:1:200::/56'],
    ['2001:db8:1:2:3:4:5:6', 128, '2001:db8:1:2:3:4:5:6'],
    ['203.0.113.7', 64, '203.0.113.7'],
  ])('groups %s by /%i as %s', (raw, prefix, expected) => {
    const address = parseAddress(raw);
    expect(address && addressNetwork(address, prefix)).toBe(expected);
  });

  it('reads every IPv4 and IPv6 address back as itself, in any spelling', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(parseAddress(ip)).toEqual({ kind: 'v4', text: ip });
        expect(parseAddress(`${ip}:8080`)).toEqual({ kind: 'v4', text: ip });
      }),
    );
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const address = parseAddress(ip);
        expect(address).toBeDefined();
        const again = address && parseAddress(`[${addressNetwork(address, 128)}]:443`);
        expect(again).toEqual(address);
      }),
    );
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (raw) => {
        expect(() => parseAddress(raw)).not.toThrow();
      }),
    );
  });
});

describe('clientAddress', () => {
  const remote = (address: string | undefined): ClientAddressOptions => ({
    remoteAddress: () => address,
  });

  it.each<[string, Record<string, string>, ClientAddressOptions, string | undefined]>([
    ['nothing trusted, no socket address', { 'x-forwarded-for': '203.0.113.7' }, {}, undefined],
    [
      'nothing trusted: the socket, not the header',
      { 'x-forwarded-for': '198.51.100.1' },
      remote('::ffff:203.0.113.7'),
      '203.0.113.7',
    ],
    [
      'one proxy: the last X-Forwarded-For value',
      { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' },
      { trustProxy: 'x-forwarded' },
      '203.0.113.7',
    ],
    [
      'two proxies: the second value from the end',
      { 'x-forwarded-for': '198.51.100.1, 203.0.113.7, 10.1.1.1' },
      { trustProxy: 'x-forwarded', proxyHops: 2 },
      '203.0.113.7',
    ],
    [
      'fewer values than hops: the first',
      { 'x-forwarded-for': '203.0.113.7' },
      { trustProxy: 'x-forwarded', proxyHops: 3 },
      '203.0.113.7',
    ],
    [
      'Forwarded trusted: for= of the last element',
      { forwarded: 'for=198.51.100.1;proto=https, for="[2001:db8:cafe::17]:4711";by=_lb' },
      { trustProxy: 'forwarded' },
      '2001:db8:cafe::17',
    ],
    [
      'Forwarded: a comma inside a quoted string does not split',
      { forwarded: 'for="198.51.100.1, 6.6.6.6", for=203.0.113.7' },
      { trustProxy: 'forwarded', proxyHops: 2 },
      undefined,
    ],
    [
      'Forwarded: a client’s unclosed quote does not swallow the proxy’s element',
      { forwarded: 'for="198.51.100.1, for=203.0.113.7' },
      { trustProxy: 'forwarded' },
      '203.0.113.7',
    ],
    [
      'Forwarded: an escaped quote inside a quoted string',
      { forwarded: 'for="[::1]\\", 6.6.6.6", for="[2001:db8::5]:80"' },
      { trustProxy: 'forwarded' },
      '2001:db8::5',
    ],
    [
      'Forwarded: the element before one with an escaped quote',
      { forwarded: 'for=192.0.2.9, for="x\\",y", for=203.0.113.7' },
      { trustProxy: 'forwarded', proxyHops: 3 },
      '192.0.2.9',
    ],
    [
      'Forwarded: an obfuscated node',
      { forwarded: 'for=_hidden;proto=http' },
      { trustProxy: 'forwarded' },
      '_hidden',
    ],
    [
      'Forwarded trusted, X-Forwarded-For ignored',
      { forwarded: 'for=203.0.113.7', 'x-forwarded-for': '198.51.100.1' },
      { trustProxy: 'forwarded' },
      '203.0.113.7',
    ],
    [
      'X-Forwarded trusted, Forwarded ignored',
      { forwarded: 'for=198.51.100.1', 'x-forwarded-for': '203.0.113.7' },
      { trustProxy: 'x-forwarded' },
      '203.0.113.7',
    ],
    [
      'trusted header missing: the socket',
      {},
      { trustProxy: 'x-forwarded', remoteAddress: () => '192.0.2.1' },
      '192.0.2.1',
    ],
    [
      'trusted header says unknown: the socket',
      { forwarded: 'for=unknown' },
      { trustProxy: 'forwarded', remoteAddress: () => '192.0.2.1' },
      '192.0.2.1',
    ],
    ['a socket address that is none', {}, remote('not an address'), undefined],
  ])('%s', (_, headers, options, expected) => {
    expect(clientAddress(request(headers), options)).toBe(expected);
  });

  it('reads the proxy-written value however many values a client prepended', () => {
    const spoofed = Array.from({ length: 5000 }, (_, index) => `6.6.${index % 256}.1`).join(', ');
    const headers = {
      'x-forwarded-for': `${spoofed}, 203.0.113.7`,
      forwarded: `${spoofed.replaceAll('6.6', 'for=6.6')}, for=203.0.113.7`,
    };
    expect(clientAddress(request(headers), { trustProxy: 'x-forwarded' })).toBe('203.0.113.7');
    expect(clientAddress(request(headers), { trustProxy: 'forwarded' })).toBe('203.0.113.7');
  });

  it('only ever returns an address, never what a client wrote, for any header', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.constantFrom<'x-forwarded' | 'forwarded'>('x-forwarded', 'forwarded'),
        fc.integer({ min: 0, max: 5 }),
        (value, trustProxy, proxyHops) => {
          const headers = new Headers();
          try {
            headers.set('x-forwarded-for', value);
            headers.set('forwarded', value);
          } catch {
            return; // not a header value a client could send
          }
          const address = clientAddress(new Request('http://a.test/', { headers }), {
            trustProxy,
            proxyHops,
          });
          if (address !== undefined) expect(parseAddress(address)).toBeDefined();
        },
      ),
    );
  });
});
