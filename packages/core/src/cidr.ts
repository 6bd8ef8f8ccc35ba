/** IPv4/IPv6 addresses, CIDRs and ranges as big integers, for validation and overlap checks. */
export type IpFamily = 'IPv4' | 'IPv6';

export interface AddressRange {
  family: IpFamily;
  start: bigint;
  end: bigint;
}

export function parseIPv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

export function parseIPv6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return null;
  let tail4: bigint | null = null;
  let text = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    tail4 = parseIPv4(s.slice(lastColon + 1));
    if (tail4 === null) return null;
    text = s.slice(0, lastColon + 1) + '0:0';
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? h.length !== 8 : missing < 1) return null;
  const groups = [...h, ...Array(tail === undefined ? 0 : missing).fill('0'), ...t];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail4 !== null) v = (v & ~0xffffffffn) | tail4;
  return v;
}

export function parseIp(s: string): { family: IpFamily; value: bigint } | null {
  const v4 = parseIPv4(s);
  if (v4 !== null) return { family: 'IPv4', value: v4 };
  const v6 = parseIPv6(s);
  if (v6 !== null) return { family: 'IPv6', value: v6 };
  return null;
}

/** Parse `a.b.c.d/n`, `x::/n`. Host bits must be zero (a network, not an address). */
export function parseCidr(s: string): AddressRange | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return null;
  const ip = parseIp(m[1]);
  if (!ip) return null;
  const bits = ip.family === 'IPv4' ? 32 : 128;
  const prefix = Number(m[2]);
  if (prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  const mask = (1n << hostBits) - 1n;
  if ((ip.value & mask) !== 0n) return null;
  return { family: ip.family, start: ip.value, end: ip.value | mask };
}

/** A CIDR or an inclusive `first-last` range of one family (MetalLB accepts both). */
export function parseAddressRange(s: string): AddressRange | null {
  if (s.includes('/')) return parseCidr(s);
  const parts = s.split('-');
  if (parts.length !== 2) return null;
  const a = parseIp(parts[0].trim());
  const b = parseIp(parts[1].trim());
  if (!a || !b || a.family !== b.family || a.value > b.value) return null;
  return { family: a.family, start: a.value, end: b.value };
}

export function overlaps(a: AddressRange, b: AddressRange): boolean {
  return a.family === b.family && a.start <= b.end && b.start <= a.end;
}

export function contains(outer: AddressRange, inner: AddressRange): boolean {
  return outer.family === inner.family && outer.start <= inner.start && inner.end <= outer.end;
}
