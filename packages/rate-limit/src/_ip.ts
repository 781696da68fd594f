// IP addresses as proxies and sockets report them — `203.0.113.7`, `203.0.113.7:4711`,
// `2001:db8::17`, `[2001:db8::17]:4711`, `::ffff:203.0.113.7`, an RFC 7239 obfuscated node
// `_hidden` — read into one canonical form, so one client is one key however it is written.
// Linear, no regular expression that can backtrack, bounded input.

/** A client address read from a header or a socket. */
export type Address =
  | { readonly kind: 'v4'; readonly text: string }
  | { readonly kind: 'v6'; readonly groups: readonly number[] }
  | { readonly kind: 'obfuscated'; readonly text: string };

/** No address is longer than this (an IPv6 with a zone and port is under 64). */
const MAX_ADDRESS = 100;
const DECIMAL = /^\d{1,3}$/;
const HEX = /^[\da-f]{1,4}$/i;
const OBFUSCATED = /^_[\w.-]{1,63}$/;
const PORT = /^\d{1,5}$/;

function parseV4(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!DECIMAL.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    octets.push(octet);
  }
  return octets.join('.');
}

function parseGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part);
      if (v4 === undefined) return undefined;
      const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
      groups.push(a * 256 + b, c * 256 + d);
    } else if (HEX.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseV6(text: string): number[] | undefined {
  // A zone (`fe80::1%eth0`) names the interface, not the client.
  const zone = text.indexOf('%');
  const bare = zone === -1 ? text : text.slice(0, zone);
  const gap = bare.indexOf('::');
  if (gap === -1) {
    const groups = parseGroups(bare);
    return groups?.length === 8 ? groups : undefined;
  }
  if (bare.indexOf('::', gap + 1) !== -1) return undefined;
  const head = parseGroups(bare.slice(0, gap));
  const tail = parseGroups(bare.slice(gap + 2));
  if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined;
  return [...head, ...Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * Reads an address with an optional port or brackets; `undefined` for anything else (a host
 * name, `unknown`, garbage). An IPv4-mapped IPv6 address is its IPv4 address.
 */
export function parseAddress(raw: string | undefined): Address | undefined {
  if (raw === undefined) return undefined;
  let text = raw.trim();
  if (text === '' || text.length > MAX_ADDRESS) return undefined;
  if (OBFUSCATED.test(text)) return { kind: 'obfuscated', text };
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    const rest = text.slice(close + 1);
    if (close === -1 || (rest !== '' && !(rest.startsWith(':') && PORT.test(rest.slice(1))))) {
      return undefined;
    }
    text = text.slice(1, close);
  } else {
    const colon = text.indexOf(':');
    // One colon: IPv4 with a port. More: IPv6 without brackets (it cannot carry a port then).
    if (colon !== -1 && colon === text.lastIndexOf(':')) {
      if (!PORT.test(text.slice(colon + 1))) return undefined;
      text = text.slice(0, colon);
    }
  }
  if (!text.includes(':')) {
    const v4 = parseV4(text);
    return v4 === undefined ? undefined : { kind: 'v4', text: v4 };
  }
  const groups = parseV6(text);
  if (groups === undefined) return undefined;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) {
    const [high = 0, low = 0] = groups.slice(6);
    return { kind: 'v4', text: [high >> 8, high & 255, low >> 8, low & 255].join('.') };
  }
  return { kind: 'v6', groups };
}

/** IPv6 groups as RFC 5952 writes them: lower case, the longest run of zeros as `::`. */
export function formatV6(groups: readonly number[]): string {
  let best = -1;
  let bestLength = 1;
  for (let start = 0; start < groups.length; ) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < groups.length && groups[end] === 0) end += 1;
    if (end - start > bestLength) {
      best = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best === -1) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/** The address as text: dotted IPv4, RFC 5952 IPv6, or the obfuscated identifier. */
export function formatAddress(address: Address): string {
  return address.kind === 'v6' ? formatV6(address.groups) : address.text;
}

/**
 * The address's network of `prefix` bits for IPv6 (`2001:db8:1:2::/64`), the address itself
 * for IPv4 and obfuscated identifiers.
 */
export function addressNetwork(address: Address, prefix: number): string {
  if (address.kind !== 'v6' || prefix >= 128) return formatAddress(address);
  const masked = address.groups.map((group, index) => {
    const bits = Math.min(16, Math.max(0, prefix - index * 16));
    return bits === 0 ? 0 : group & (0xffff << (16 - bits)) & 0xffff;
  });
  return `${formatV6(masked)}/${prefix}`;
}
