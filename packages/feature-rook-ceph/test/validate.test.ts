import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import feature from '../src';
import { valuesWith } from './chart';
import { BARE_METAL } from './contexts';

const t = suite('rook-ceph validate');
const problems = (over: Record<string, unknown> = {}, profile?: 'kind') => feature.validate!(valuesWith(over, profile), BARE_METAL);
const pointers = (over: Record<string, unknown> = {}) => problems(over).map((p) => p.pointer);

t('defaults and the kind profile are fine', () => {
  assert.equal(problems(), []);
  assert.equal(problems({}, 'kind'), []);
});

t('monitor count must be odd', () => {
  assert.equal(pointers({ mon: { count: 2 } }), ['/mon/count']);
  assert.match(problems({ mon: { count: 4 } })[0].message, /odd number/);
  assert.equal(problems({ mon: { count: 5 } }), []);
  assert.equal(problems({ mon: { count: 1 } }), []);
});

t('listed nodes need useAllNodes false, and useAllNodes false needs nodes', () => {
  assert.equal(pointers({ storage: { nodes: [{ name: 'n1' }] } }), ['/storage/nodes']);
  assert.equal(pointers({ storage: { useAllNodes: false } }), ['/storage/useAllNodes']);
});

t('useAllDevices with a device filter is flagged', () => {
  assert.equal(pointers({ storage: { useAllDevices: true } }), ['/storage/deviceFilter']);
  assert.equal(problems({ storage: { useAllDevices: true, deviceFilter: '' } }), []);
});

t('duplicate node names are flagged', () => {
  assert.equal(pointers({ storage: { useAllNodes: false, nodes: [{ name: 'n1' }, { name: 'n2' }, { name: 'n1' }, { name: 'n3' }] } }), ['/storage/nodes/2/name']);
});

t('failure domain host: each replica needs its own listed storage node', () => {
  const two = { storage: { useAllNodes: false, nodes: [{ name: 'n1' }, { name: 'n2' }] } };
  assert.equal(pointers(two), ['/blockPool/replicas', '/filesystem/replicas', '/objectStore/replicas']);
  assert.match(problems(two)[0].message, /3 replicas .* only 2 are listed/);
  assert.equal(pointers({ ...two, filesystem: { enabled: false }, objectStore: { replicas: 2 } }), ['/blockPool/replicas']);
  assert.equal(problems({ ...two, failureDomain: 'osd' }), []);
  assert.equal(problems({ ...two, blockPool: { replicas: 2 }, filesystem: { replicas: 2 }, objectStore: { replicas: 1 } }), []);
});

t('storage class names must be distinct among enabled classes', () => {
  assert.equal(pointers({ filesystem: { storageClass: 'ceph-block' } }), ['/filesystem/storageClass']);
  assert.match(problems({ objectStore: { storageClass: 'ceph-filesystem' } })[0].message, /already used by filesystem\.storageClass/);
  assert.equal(problems({ filesystem: { enabled: false, storageClass: 'ceph-block' } }), []);
});

t('dashboard ingress needs the dashboard', () => {
  assert.equal(pointers({ dashboard: { enabled: false, ingress: { enabled: true } } }), ['/dashboard/ingress/enabled']);
  assert.equal(problems({ dashboard: { enabled: false } }), []);
});

t.run();
