import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chartFiles } from '@sccp/core';
import { parse } from 'yaml';
import feature from '../src';
import { received, render, template } from './chart';
import { kind, standalone, wired } from './contexts';
import { DEFAULT_BLOCK_POOL, DEFAULT_FILESYSTEM, DEFAULT_OBJECT_STORE } from './expected';

const t = suite('rook-ceph chart (helm template with stand-in upstream charts)');

t('Chart.yaml: both Rook charts as dependencies, same version', () => {
  const chart = parse(chartFiles(feature, render({}, standalone)).get('Chart.yaml')!);
  assert.is(chart.name, 'rook-ceph');
  assert.equal(chart.dependencies, [
    { name: 'rook-ceph', version: 'v1.19.6', repository: 'https://charts.rook.io/release' },
    { name: 'rook-ceph-cluster', version: 'v1.19.6', repository: 'https://charts.rook.io/release' },
  ]);
});

t('defaults: each stand-in gets its own values; the pool lists arrive complete and literal', () => {
  const { operator, cluster, manifests } = received(render({}, standalone));
  assert.equal(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort(), ['ConfigMap/rook-ceph-cluster-standin', 'ConfigMap/rook-ceph-standin']);
  assert.equal(operator, {
    crds: { enabled: true },
    resources: { limits: { memory: '512Mi' }, requests: { cpu: '200m', memory: '128Mi' } },
    csi: { provisionerReplicas: 2, enableRbdDriver: true, enableCephfsDriver: true },
    monitoring: { enabled: false },
  });
  assert.is(cluster.operatorNamespace, 'rook-ceph');
  assert.equal(cluster.cephBlockPools, [DEFAULT_BLOCK_POOL]);
  assert.equal(cluster.cephFileSystems, [DEFAULT_FILESYSTEM]);
  assert.equal(cluster.cephObjectStores, [DEFAULT_OBJECT_STORE]);
  // upstream's own tpl placeholder reaches the chart unrendered (the chart runs tpl on it)
  assert.is(cluster.cephBlockPools[0].storageClass.parameters['csi.storage.k8s.io/provisioner-secret-namespace'], '{{ .Release.Namespace }}');
  assert.equal(cluster.cephClusterSpec.storage, { useAllNodes: true, useAllDevices: false, deviceFilter: '^sd[b-z]' });
  assert.is(cluster.sccp, undefined, 'the feature values stay in the wrapper');
  assert.is(operator['rook-ceph-cluster'], undefined, 'the operator does not see the cluster values');
});

t('kind profile: the cluster stand-in receives 1 mon, size-1 pools and the built-in mgr pool', () => {
  const { operator, cluster } = received(render({}, kind, 'kind'));
  assert.equal(cluster.cephClusterSpec.mon, { count: 1 });
  assert.equal(cluster.cephClusterSpec.mgr, { count: 1 });
  assert.equal(cluster.cephBlockPools.map((p: any) => [p.name, p.spec.replicated]), [
    ['ceph-blockpool', { size: 1, requireSafeReplicaSize: false }],
    ['builtin-mgr', { size: 1, requireSafeReplicaSize: false }],
  ]);
  assert.is(operator.csi.provisionerReplicas, 1);
});

t('file system and object store off: the stand-in receives empty lists', () => {
  const { operator, cluster } = received(render({ filesystem: { enabled: false }, objectStore: { enabled: false } }, standalone));
  assert.equal(cluster.cephFileSystems, []);
  assert.equal(cluster.cephObjectStores, []);
  assert.is(operator.csi.enableCephfsDriver, false);
});

t('wired: monitoring and dashboard ingress reach the stand-ins', () => {
  const { operator, cluster } = received(render({ dashboard: { ingress: { enabled: true } } }, wired));
  assert.equal(operator.monitoring, { enabled: true });
  assert.equal(cluster.monitoring, { enabled: true, createPrometheusRules: true, prometheusRule: { labels: { release: 'kube-prometheus-stack' } } });
  assert.equal(cluster.cephClusterSpec.labels, { monitoring: { release: 'kube-prometheus-stack' } });
  assert.equal(cluster.ingress.dashboard.tls, [{ hosts: ['ceph.lab.example.org'], secretName: 'ceph-tls' }]);
  assert.is(cluster.ingress.dashboard.annotations['cert-manager.io/cluster-issuer'], 'letsencrypt-prod');
  assert.is(cluster.cephClusterSpec.dashboard.ssl, false);
});

t('user strings come out literally: Go-template text in device names and filters is not rendered', () => {
  const evil = '{{ .Release.Name }}';
  const device = '{{.Release.Namespace}}'; // device names have no spaces
  const out = render({ storage: { useAllNodes: false, deviceFilter: evil, nodes: [{ name: 'node-1', devices: [{ name: device }], deviceFilter: evil }] }, failureDomain: 'osd' }, standalone);
  const { cluster } = received(out);
  assert.is(cluster.cephClusterSpec.storage.deviceFilter, evil);
  assert.equal(cluster.cephClusterSpec.storage.nodes, [{ name: 'node-1', devices: [{ name: device }], deviceFilter: evil }]);
});

t('helm rejects schema-invalid feature values', () => {
  const out = render({}, standalone);
  for (const set of ['sccp.mon.count=0', 'sccp.failureDomain=datacenter', 'sccp.blockPool.storageClass=Not_A_Name']) {
    const r = template(out, [set]);
    assert.is.not(r.status, 0, set);
    assert.match(r.stderr, /schema/i, set);
  }
  assert.is(template(out, ['sccp.mon.count=5']).status, 0);
});

t.run();
