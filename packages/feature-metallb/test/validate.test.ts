import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PLATFORM, type PlatformInfo } from '@sccp/core';
import feature from '../src/index';
import { DUAL_STACK, values } from './helpers';

const validate = (over: Record<string, unknown>, platform: PlatformInfo = DEFAULT_PLATFORM) => feature.validate!(values(over), platform);
const peer = { name: 'tor-1', myASN: 64500, peerASN: 64501, peerAddress: '192.168.10.1' };

const t = suite('metallb validate()');

t('valid IPv4 pool on the default (IPv4) platform: no problems', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['192.168.10.240/28', '192.168.10.200-192.168.10.210'] }] }), []);
});

t('valid dual-stack pool on a dual-stack platform with node CIDRs: no problems', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['192.168.10.240/28', 'fd00:10::100-fd00:10::1ff'] }] }, DUAL_STACK), []);
});

t('an IPv6 range on an IPv4-only platform', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['192.168.10.240/28', 'fd00::/120'] }] }), [
    { pointer: '/pools/0/addresses/1', message: 'fd00::/120 is an IPv6 range but network.ipFamilies is [IPv4]' },
  ]);
});

t('an IPv4 range on an IPv6-only platform', () => {
  const v6only: PlatformInfo = { ...DEFAULT_PLATFORM, ipFamilies: ['IPv6'] };
  assert.equal(validate({ pools: [{ name: 'v4', addresses: ['10.0.0.0/30'] }] }, v6only), [
    { pointer: '/pools/0/addresses/0', message: '10.0.0.0/30 is an IPv4 range but network.ipFamilies is [IPv6]' },
  ]);
});

t('overlapping ranges inside one pool name both', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['192.168.10.240/28', '192.168.10.250-192.168.10.252'] }] }), [
    { pointer: '/pools/0/addresses/1', message: '192.168.10.250-192.168.10.252 (pool default) overlaps 192.168.10.240/28 (pool default, /pools/0/addresses/0)' },
  ]);
});

t('overlapping ranges across pools name both pools', () => {
  const problems = validate({
    pools: [
      { name: 'public', addresses: ['fd00:10::/120'] },
      { name: 'internal', addresses: ['10.1.0.0/24', 'fd00:10::80-fd00:10::90'] },
    ],
  }, DUAL_STACK);
  assert.equal(problems.filter((p) => /overlaps/.test(p.message)), [
    { pointer: '/pools/1/addresses/1', message: 'fd00:10::80-fd00:10::90 (pool internal) overlaps fd00:10::/120 (pool public, /pools/0/addresses/0)' },
  ]);
});

t('adjacent ranges do not overlap', () => {
  assert.equal(validate({ pools: [{ name: 'a', addresses: ['10.0.0.0/25'] }, { name: 'b', addresses: ['10.0.0.128/25'] }] }), []);
});

t('L2: a range outside every node CIDR of its family', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['192.168.20.240/28', 'fd00:10::f0/124'] }] }, DUAL_STACK), [
    {
      pointer: '/pools/0/addresses/0',
      message: '192.168.20.240/28 is not inside any node network (network.nodeCidrs: 192.168.10.0/24); L2 mode can only announce addresses on the nodes\' own networks',
    },
  ]);
});

t('L2: a range straddling the end of a node CIDR is not inside it', () => {
  const problems = validate({ pools: [{ name: 'default', addresses: ['192.168.10.250-192.168.11.5'] }] }, { ...DUAL_STACK });
  assert.is(problems.length, 1);
  assert.is(problems[0].pointer, '/pools/0/addresses/0');
  assert.match(problems[0].message, /not inside any node network/);
});

t('L2: node CIDRs that list no network of the range family', () => {
  const v4nodes: PlatformInfo = { ...DUAL_STACK, nodeCidrs: ['192.168.10.0/24'] };
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['fd00:10::f0/124'] }] }, v4nodes), [
    {
      pointer: '/pools/0/addresses/0',
      message: 'fd00:10::f0/124 is not inside any node network (network.nodeCidrs: none of family IPv6); L2 mode can only announce addresses on the nodes\' own networks',
    },
  ]);
});

t('no node CIDRs (unknown): no containment check', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['172.18.255.200-172.18.255.250'] }] }), []);
});

t('BGP: pools are routed, so they need not be inside a node CIDR', () => {
  assert.equal(validate({ pools: [{ name: 'routed', addresses: ['10.100.0.0/24'] }], advertisement: { mode: 'bgp', bgp: { peers: [peer] } } }, DUAL_STACK), []);
});

t('duplicate pool names', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['10.0.0.0/30'] }, { name: 'default', addresses: ['10.0.1.0/30'] }] }), [
    { pointer: '/pools/1/name', message: 'pool name "default" is already used by /pools/0' },
  ]);
});

t('mode bgp without peers', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['10.0.0.0/30'] }], advertisement: { mode: 'bgp' } }), [
    { pointer: '/advertisement/bgp/peers', message: 'advertisement.mode is bgp but no BGP peers are listed: add at least one router to advertisement.bgp.peers' },
  ]);
});

t('mode l2 without peers is fine', () => {
  assert.equal(validate({ pools: [{ name: 'default', addresses: ['10.0.0.0/30'] }], advertisement: { mode: 'l2' } }), []);
});

t('peerAddress that is not an IP (v4 and v6 accepted)', () => {
  const peers = [
    { ...peer, name: 'tor-1', peerAddress: 'tor-1.example.com' },
    { ...peer, name: 'tor-2', peerAddress: 'fd00:10::1' },
    { ...peer, name: 'tor-3', peerAddress: '192.168.10.0/24' },
  ];
  assert.equal(validate({ advertisement: { mode: 'bgp', bgp: { peers } } }), [
    { pointer: '/advertisement/bgp/peers/0/peerAddress', message: '"tor-1.example.com" is not an IPv4 or IPv6 address' },
    { pointer: '/advertisement/bgp/peers/2/peerAddress', message: '"192.168.10.0/24" is not an IPv4 or IPv6 address' },
  ]);
});

t('duplicate peer names', () => {
  assert.equal(validate({ advertisement: { mode: 'bgp', bgp: { peers: [peer, { ...peer, peerAddress: '192.168.10.2' }] } } }), [
    { pointer: '/advertisement/bgp/peers/1/name', message: 'peer name "tor-1" is already used by /advertisement/bgp/peers/0' },
  ]);
});

t.run();
