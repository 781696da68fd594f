import { describe, expect, it } from 'vitest';
import { problem, problemDocument } from './problem.js';
import { formatProblemXml } from './problem-xml.js';

describe('formatProblemXml (rfc 9457 appendix b)', () => {
  it('writes the appendix b example shape', () => {
    const xml = formatProblemXml(
      problemDocument({
        status: 403,
        type: 'https://example.com/probs/out-of-credit',
        title: 'You do not have enough credit.',
        detail: 'Your current balance is 30, but that costs 50.',
        instance: 'https://example.net/account/12345/msgs/abc',
        extensions: {
          balance: 30,
          accounts: ['https://example.net/account/12345', 'https://example.net/account/67890'],
        },
      }),
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<problem xmlns="urn:ietf:rfc:7807">' +
        '<type>https://example.com/probs/out-of-credit</type>' +
        '<title>You do not have enough credit.</title>' +
        '<status>403</status>' +
        '<detail>Your current balance is 30, but that costs 50.</detail>' +
        '<instance>https://example.net/account/12345/msgs/abc</instance>' +
        '<balance>30</balance>' +
        '<accounts><i>https://example.net/account/12345</i><i>https://example.net/account/67890</i></accounts>' +
        '</problem>',
    );
  });

  it('nests objects, writes null as an empty element and escapes text', () => {
    const xml = formatProblemXml(
      problemDocument({
        status: 422,
        detail: 'a < b & c > d "q"',
        errors: [{ pointer: '/x', detail: 'bad' }],
        extensions: { nothing: null, flag: true },
      }),
    );
    expect(xml).toContain('<detail>a &lt; b &amp; c &gt; d "q"</detail>');
    expect(xml).toContain('<errors><i><pointer>/x</pointer><detail>bad</detail></i></errors>');
    expect(xml).toContain('<nothing/>');
    expect(xml).toContain('<flag>true</flag>');
  });

  it('leaves out members whose names are not xml names', () => {
    const xml = formatProblemXml(
      problemDocument({
        status: 400,
        extensions: {
          'a b': 1,
          '1x': 2,
          xmlThing: 3,
          '': 4,
          'ok-name.v2': 5,
          nested: { '<': 1, fine: 2 },
        },
      }),
    );
    expect(xml).toContain('<ok-name.v2>5</ok-name.v2>');
    expect(xml).toContain('<nested><fine>2</fine></nested>');
    expect(xml).not.toMatch(/a b|1x|xmlThing|<4/);
  });

  it('drops characters xml 1.0 forbids and replaces lone surrogates', () => {
    const xml = formatProblemXml(
      problemDocument({ status: 400, detail: 'a\u0000b\u001fc\ud800d\udc00e\uffff😀\t' }),
    );
    expect(xml).toContain('<detail>abc\ufffdd\ufffde😀\t</detail>');
  });

  it('is sent by problem() with the problem+xml media type', async () => {
    const response = problem({ status: 404 }, { mediaType: 'application/problem+xml' });
    expect(response.headers.get('content-type')).toBe('application/problem+xml');
    expect(await response.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Not Found</title><status>404</status></problem>',
    );
  });
});
