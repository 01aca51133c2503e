import * as ipaddr from 'ipaddr.js';

/** Express's names for ranges (proxy-addr's list), so coverage is judged on what Express will trust. */
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.1/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/** A block of addresses as numbers: [first, last]. */
type Interval = [bigint, bigint];

const IPV4_SPACE: Interval = [0n, 2n ** 32n - 1n];
const IPV6_SPACE: Interval = [0n, 2n ** 128n - 1n];
/** IPv4-mapped IPv6 (::ffff:0:0/96): Express judges these as the IPv4 address they carry. */
const MAPPED_BLOCK = block(ipaddr.parse('::ffff:0:0'), 96);

/**
 * Checks a trust-proxy setting's entries (addresses, CIDR ranges, loopback / linklocal / uniquelocal) the way
 * Express's trust function (proxy-addr) reads them, and returns why they cannot be used, or null.
 * Ranges that together cover every IPv4 or every IPv6 address (0.0.0.0/1 with 128.0.0.0/1, say)
 * are refused: believing every hop would let any client pick its own address.
 */
export function trustProxyProblem(entries: string[]): string | null {
  const v4: Interval[] = [];
  const v6: Interval[] = [MAPPED_BLOCK];
  for (const entry of entries.flatMap((e) => NAMED_RANGES[e] ?? [e])) {
    const subnet = parseSubnet(entry);
    if (!subnet) return `must be addresses or ranges (e.g. 127.0.0.1, 10.0.0.0/8) or loopback, linklocal, uniquelocal; "${entry}" is none of these`;
    const [address, bits] = subnet;
    if (bits === 0) return everyAddress(address.kind() === 'ipv4' ? 'IPv4' : 'IPv6');
    if (address.kind() === 'ipv4') v4.push(block(address, bits));
    else if (!(address as ipaddr.IPv6).isIPv4MappedAddress()) v6.push(block(address, bits));
    else if (bits >= 96) v4.push(block((address as ipaddr.IPv6).toIPv4Address(), bits - 96));
  }
  for (const [family, blocks, space] of [['IPv4', v4, IPV4_SPACE], ['IPv6', v6, IPV6_SPACE]] as const) {
    if (covers(blocks, space)) return everyAddress(family);
  }
  return null;
}

function everyAddress(family: 'IPv4' | 'IPv6'): string {
  return `must not cover every ${family} address (any client could then choose its own address)`;
}

/** `address` or `address/bits`, bits up to the family's width (proxy-addr also refuses 0, said above). */
function parseSubnet(entry: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  const [text, prefix, extra] = entry.split('/');
  if (extra !== undefined || !ipaddr.isValid(text)) return null;
  let address = ipaddr.parse(text);
  // A single mapped address is stored as the IPv4 address it carries.
  if (prefix === undefined && address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    address = (address as ipaddr.IPv6).toIPv4Address();
  }
  const width = address.kind() === 'ipv4' ? 32 : 128;
  if (prefix === undefined) return [address, width];
  if (!/^\d{1,3}$/.test(prefix)) return null;
  const bits = Number(prefix);
  return bits <= width ? [address, bits] : null;
}

function block(address: ipaddr.IPv4 | ipaddr.IPv6, bits: number): Interval {
  const bytes = address.toByteArray();
  const width = BigInt(bytes.length * 8);
  const value = bytes.reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
  const hostBits = width - BigInt(bits);
  const first = (value >> hostBits) << hostBits;
  return [first, first + (1n << hostBits) - 1n];
}

/** Whether the union of `blocks` holds every number of `space`. */
function covers(blocks: Interval[], [start, end]: Interval): boolean {
  let next = start;
  for (const [first, last] of [...blocks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (first > next) return false;
    if (last >= next) next = last + 1n;
    if (next > end) return true;
  }
  return next > end;
}
