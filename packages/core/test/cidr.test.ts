import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { contains, overlaps, parseAddressRange, parseCidr, parseIPv6 } from '../src';

test('CIDRs of both families, host bits must be zero', () => {
  assert.equal(parseCidr('10.0.0.0/8')?.family, 'IPv4');
  assert.equal(parseCidr('fd00:10::/64')?.family, 'IPv6');
  assert.is(parseCidr('10.0.0.1/8'), null);
  assert.is(parseCidr('10.0.0.0/33'), null);
  assert.is(parseCidr('300.0.0.0/8'), null);
  assert.is(parseCidr('fd00::/129'), null);
  assert.is(parseCidr('10.0.0.0'), null);
});

test('IPv6 forms', () => {
  assert.is(parseIPv6('::'), 0n);
  assert.is(parseIPv6('::1'), 1n);
  assert.is(parseIPv6('::ffff:10.0.0.1'), 0xffff0a000001n);
  assert.is(parseIPv6('1:2:3:4:5:6:7:8:9'), null);
  assert.is(parseIPv6('1::2::3'), null);
});

test('ranges, overlap and containment', () => {
  const a = parseAddressRange('192.168.1.240-192.168.1.250')!;
  const b = parseAddressRange('192.168.1.248/29')!;
  const c = parseAddressRange('192.168.1.0/24')!;
  assert.ok(overlaps(a, b));
  assert.ok(contains(c, a));
  assert.not.ok(contains(a, c));
  assert.not.ok(overlaps(a, parseAddressRange('fd00::/120')!));
  assert.is(parseAddressRange('192.168.1.250-192.168.1.240'), null);
  assert.is(parseAddressRange('192.168.1.1-fd00::1'), null);
});

test.run();
