import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import feature from '../src';
import { render, valuesWith } from './chart';
import { ingressOnly, kind, standalone, wired } from './contexts';
import { DEFAULT_BLOCK_POOL, DEFAULT_FILESYSTEM, DEFAULT_OBJECT_STORE } from './expected';

const op = (out: { values: Record<string, unknown> }) => out.values['rook-ceph'] as any;
const cl = (out: { values: Record<string, unknown> }) => out.values['rook-ceph-cluster'] as any;

const t = suite('rook-ceph render');

t('feature metadata: namespace, two pinned upstream charts, server-side apply, ingress-only ordering', () => {
  assert.is(feature.name, 'rook-ceph');
  assert.is(feature.namespace, 'rook-ceph');
  assert.is(feature.packageName, '@sccp/feature-rook-ceph');
  assert.equal(feature.dependsOn, []);
  assert.equal(feature.optionalDependsOn, ['prometheus']);
  assert.is(feature.serverSideApply, true);
  assert.equal(
    feature.upstream.map((u) => [u.name, u.version, u.repository, u.alias]),
    [
      ['rook-ceph', 'v1.19.6', 'https://charts.rook.io/release', undefined],
      ['rook-ceph-cluster', 'v1.19.6', 'https://charts.rook.io/release', undefined],
    ],
  );
  for (const u of feature.upstream) assert.match(u.source, new RegExp(`^rook/rook deploy/charts/${u.name}/values\\.yaml @ [0-9a-f]{40}`));
});

t('schema defaults', () => {
  assert.equal(feature.defaults, {
    mon: { count: 3 },
    mgr: { count: 2 },
    storage: { useAllNodes: true, useAllDevices: false, deviceFilter: '^sd[b-z]', nodes: [] },
    failureDomain: 'host',
    blockPool: { replicas: 3, storageClass: 'ceph-block', default: true },
    filesystem: { enabled: true, replicas: 3, storageClass: 'ceph-filesystem', resources: { limits: { memory: '4Gi' }, requests: { cpu: '1000m', memory: '4Gi' } } },
    objectStore: { enabled: true, replicas: 3, storageClass: 'ceph-bucket', instances: 1, resources: { limits: { memory: '2Gi' }, requests: { cpu: '1000m', memory: '1Gi' } } },
    dashboard: { enabled: true, ingress: { enabled: false, tls: true } },
    monitoring: { enabled: true, prometheusRules: true },
    resources: { limits: { memory: '512Mi' }, requests: { cpu: '200m', memory: '128Mi' } },
    daemonResources: { mon: {}, mgr: {}, osd: {} },
    csi: { provisionerReplicas: 2 },
    placement: {},
  });
});

t('defaults, bare metal: operator values', () => {
  const out = render({}, standalone);
  assert.equal(op(out), {
    crds: { enabled: true },
    resources: { limits: { memory: '512Mi' }, requests: { cpu: '200m', memory: '128Mi' } },
    csi: { provisionerReplicas: 2, enableRbdDriver: true, enableCephfsDriver: true },
    monitoring: { enabled: false },
  });
});

t('defaults, bare metal: cluster values with complete pool, file system and object store entries', () => {
  const out = render({}, standalone);
  assert.equal(out.values.sccp, feature.defaults);
  assert.equal(out.syncOptions, ['SkipDryRunOnMissingResource=true']);
  assert.equal(out.namespaceLabels, { 'pod-security.kubernetes.io/enforce': 'privileged' });
  assert.equal(out.endpoints, []);
  assert.equal(out.templates ?? {}, {});
  const c = cl(out);
  assert.equal(Object.keys(c).sort(), ['cephBlockPools', 'cephClusterSpec', 'cephFileSystems', 'cephObjectStores', 'ingress', 'monitoring', 'operatorNamespace']);
  assert.is(c.operatorNamespace, 'rook-ceph');
  assert.equal(c.monitoring, { enabled: false, createPrometheusRules: false });
  assert.equal(c.ingress, { dashboard: {} });
  assert.equal(c.cephClusterSpec, {
    mon: { count: 3 },
    mgr: { count: 2 },
    dashboard: { enabled: true, ssl: true },
    storage: { useAllNodes: true, useAllDevices: false, deviceFilter: '^sd[b-z]' },
  });
  assert.equal(c.cephBlockPools, [DEFAULT_BLOCK_POOL]);
  assert.equal(c.cephFileSystems, [DEFAULT_FILESYSTEM]);
  assert.equal(c.cephObjectStores, [DEFAULT_OBJECT_STORE]);
});

t('operator namespace follows the release namespace', () => {
  const ctx = { ...standalone, feature: { ...standalone.feature, namespace: 'storage' } };
  assert.is(cl(render({}, ctx)).operatorNamespace, 'storage');
});

t('kind profile: one monitor and manager, one copy per pool on OSDs, built-in mgr pool, small daemons', () => {
  const out = render({}, kind, 'kind');
  const c = cl(out);
  assert.equal(c.cephClusterSpec.mon, { count: 1 });
  assert.equal(c.cephClusterSpec.mgr, { count: 1 });
  assert.equal(c.cephClusterSpec.cephConfig, { global: { osd_pool_default_size: '1', mon_warn_on_pool_no_redundancy: 'false' } });
  assert.equal(c.cephClusterSpec.resources, {
    mon: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
    mgr: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
    osd: { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '2Gi' } },
  });
  const single = { size: 1, requireSafeReplicaSize: false };
  assert.equal(c.cephBlockPools.length, 2);
  assert.equal(c.cephBlockPools[0].spec, { failureDomain: 'osd', replicated: single });
  assert.is(c.cephBlockPools[0].storageClass.isDefault, false, "kind's standard class stays the default");
  assert.equal(c.cephBlockPools[1], { name: 'builtin-mgr', spec: { name: '.mgr', replicated: single }, storageClass: { enabled: false } });
  const fs = c.cephFileSystems[0].spec;
  assert.equal(fs.metadataPool, { failureDomain: 'osd', replicated: single });
  assert.equal(fs.dataPools, [{ name: 'data0', failureDomain: 'osd', replicated: single }]);
  assert.equal(fs.metadataServer.resources, { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
  const os = c.cephObjectStores[0].spec;
  assert.equal(os.metadataPool, { failureDomain: 'osd', replicated: single });
  assert.equal(os.dataPool, { failureDomain: 'osd', replicated: single, parameters: { bulk: 'true' } });
  assert.equal(os.gateway.resources, { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
  assert.is(op(out).csi.provisionerReplicas, 1);
});

t('replicas above 1 need no unsafe-size flag and no cephConfig', () => {
  const c = cl(render({ blockPool: { replicas: 2 }, filesystem: { replicas: 2 }, objectStore: { replicas: 2 } }, standalone));
  assert.equal(c.cephBlockPools.map((p: any) => p.name), ['ceph-blockpool']);
  assert.equal(c.cephBlockPools[0].spec.replicated, { size: 2 });
  assert.equal(c.cephFileSystems[0].spec.dataPools[0].replicated, { size: 2 });
  assert.equal(c.cephObjectStores[0].spec.dataPool.replicated, { size: 2 });
  assert.is(c.cephClusterSpec.cephConfig, undefined);
});

t('file system and object store off: empty lists replace the upstream defaults, CephFS driver off', () => {
  const out = render({ filesystem: { enabled: false }, objectStore: { enabled: false } }, standalone);
  assert.equal(cl(out).cephFileSystems, []);
  assert.equal(cl(out).cephObjectStores, []);
  assert.equal(cl(out).cephBlockPools, [DEFAULT_BLOCK_POOL]);
  assert.is(op(out).csi.enableCephfsDriver, false);
  assert.is(op(out).csi.enableRbdDriver, true);
});

t('custom storage class names and non-default block class', () => {
  const c = cl(render({ blockPool: { storageClass: 'rbd', default: false }, filesystem: { storageClass: 'cephfs' }, objectStore: { storageClass: 'buckets', instances: 2 } }, standalone));
  assert.is(c.cephBlockPools[0].storageClass.name, 'rbd');
  assert.is(c.cephBlockPools[0].storageClass.isDefault, false);
  assert.is(c.cephFileSystems[0].storageClass.name, 'cephfs');
  assert.is(c.cephObjectStores[0].storageClass.name, 'buckets');
  assert.is(c.cephObjectStores[0].spec.gateway.instances, 2);
});

t('storage: explicit nodes and devices', () => {
  const c = cl(
    render(
      {
        storage: {
          useAllNodes: false,
          deviceFilter: '',
          nodes: [{ name: 'node-1', devices: [{ name: 'sdb' }, { name: '/dev/disk/by-id/ata-X' }] }, { name: 'node-2', deviceFilter: '^nvme' }, { name: 'node-3' }],
        },
      },
      standalone,
    ),
  );
  assert.equal(c.cephClusterSpec.storage, {
    useAllNodes: false,
    useAllDevices: false,
    nodes: [{ name: 'node-1', devices: [{ name: 'sdb' }, { name: '/dev/disk/by-id/ata-X' }] }, { name: 'node-2', deviceFilter: '^nvme' }, { name: 'node-3' }],
  });
});

t('storage: useAllDevices drops the device filter', () => {
  const c = cl(render({ storage: { useAllDevices: true, deviceFilter: '' } }, standalone));
  assert.equal(c.cephClusterSpec.storage, { useAllNodes: true, useAllDevices: true });
});

t('daemon resources and placement reach the cluster spec, MDS, RGW and the operator', () => {
  const tolerations = [{ key: 'storage-node', operator: 'Exists', effect: 'NoSchedule' }];
  const out = render(
    {
      daemonResources: { osd: { requests: { memory: '2Gi' } } },
      placement: { nodeSelector: { 'node-role.example.com/storage': 'true', 'a.example.com/zone': 'z1' }, tolerations },
    },
    standalone,
  );
  const c = cl(out);
  assert.equal(c.cephClusterSpec.resources, { osd: { requests: { memory: '2Gi' } } });
  const placement = {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: 'a.example.com/zone', operator: 'In', values: ['z1'] },
              { key: 'node-role.example.com/storage', operator: 'In', values: ['true'] },
            ],
          },
        ],
      },
    },
    tolerations,
  };
  assert.equal(c.cephClusterSpec.placement, { all: placement });
  assert.equal(c.cephFileSystems[0].spec.metadataServer.placement, placement);
  assert.equal(c.cephObjectStores[0].spec.gateway.placement, placement);
  assert.equal(op(out).nodeSelector, { 'node-role.example.com/storage': 'true', 'a.example.com/zone': 'z1' });
  assert.equal(op(out).tolerations, tolerations);
});

t('no placement: no placement keys anywhere', () => {
  const out = render({}, standalone);
  assert.is(cl(out).cephClusterSpec.placement, undefined);
  assert.is(cl(out).cephFileSystems[0].spec.metadataServer.placement, undefined);
  assert.is(op(out).nodeSelector, undefined);
  assert.is(op(out).tolerations, undefined);
});

t('monitoring on with Prometheus: metrics, rules and ServiceMonitor labels in both charts', () => {
  const out = render({}, wired);
  assert.equal(op(out).monitoring, { enabled: true });
  const c = cl(out);
  assert.equal(c.monitoring, { enabled: true, createPrometheusRules: true, prometheusRule: { labels: { release: 'kube-prometheus-stack' } } });
  assert.equal(c.cephClusterSpec.labels, { monitoring: { release: 'kube-prometheus-stack' } });
});

t('monitoring: rules can be left out, and the integration turned off', () => {
  let c = cl(render({ monitoring: { prometheusRules: false } }, wired));
  assert.equal(c.monitoring, { enabled: true, createPrometheusRules: false, prometheusRule: { labels: { release: 'kube-prometheus-stack' } } });
  const out = render({ monitoring: { enabled: false } }, wired);
  c = cl(out);
  assert.equal(c.monitoring, { enabled: false, createPrometheusRules: false });
  assert.is(c.cephClusterSpec.labels, undefined);
  assert.equal(op(out).monitoring, { enabled: false });
});

t('monitoring off without Prometheus even when enabled in values', () => {
  const out = render({ monitoring: { enabled: true, prometheusRules: true } }, standalone);
  assert.equal(cl(out).monitoring, { enabled: false, createPrometheusRules: false });
  assert.is(cl(out).cephClusterSpec.labels, undefined);
});

t('dashboard ingress with tls capability: class, issuer annotation, TLS secret, plain-HTTP backend, https endpoint', () => {
  const out = render({ dashboard: { ingress: { enabled: true } } }, wired);
  const c = cl(out);
  assert.equal(c.ingress.dashboard, {
    host: { name: 'ceph.lab.example.org', path: '/', pathType: 'Prefix' },
    ingressClassName: 'traefik',
    annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
    tls: [{ hosts: ['ceph.lab.example.org'], secretName: 'ceph-tls' }],
  });
  assert.equal(c.cephClusterSpec.dashboard, { enabled: true, ssl: false });
  assert.equal(out.endpoints, [{ name: 'Ceph dashboard', url: 'https://ceph.lab.example.org' }]);
});

t('dashboard ingress: custom host, TLS off in values', () => {
  const out = render({ dashboard: { ingress: { enabled: true, host: 'storage.ops.example.net', tls: false } } }, wired);
  assert.equal(cl(out).ingress.dashboard, { host: { name: 'storage.ops.example.net', path: '/', pathType: 'Prefix' }, ingressClassName: 'traefik' });
  assert.equal(out.endpoints, [{ name: 'Ceph dashboard', url: 'http://storage.ops.example.net' }]);
});

t('dashboard ingress without cert-manager: no TLS; without an ingress controller: no class', () => {
  let out = render({ dashboard: { ingress: { enabled: true } } }, ingressOnly);
  assert.equal(cl(out).ingress.dashboard, { host: { name: 'ceph.lab.example.org', path: '/', pathType: 'Prefix' }, ingressClassName: 'traefik' });
  assert.equal(out.endpoints, [{ name: 'Ceph dashboard', url: 'http://ceph.lab.example.org' }]);
  out = render({ dashboard: { ingress: { enabled: true } } }, standalone);
  assert.equal(cl(out).ingress.dashboard, { host: { name: 'ceph.lab.example.org', path: '/', pathType: 'Prefix' } });
});

t('dashboard without ingress keeps SSL; disabled dashboard', () => {
  assert.equal(cl(render({}, wired)).cephClusterSpec.dashboard, { enabled: true, ssl: true });
  assert.equal(cl(render({}, wired)).ingress, { dashboard: {} });
  assert.equal(cl(render({ dashboard: { enabled: false } }, wired)).cephClusterSpec.dashboard, { enabled: false, ssl: true });
});

t('valuesWith rejects schema-invalid values (helper sanity)', () => {
  assert.throws(() => valuesWith({ mon: { count: 0 } }));
  assert.throws(() => valuesWith({ failureDomain: 'rack-1' }));
  assert.throws(() => valuesWith({ storage: { nodes: [{ name: 'bad name' }] } }));
});

t.run();
