import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PLATFORM, UserError, standaloneContext } from '@sccp/core';
import feature, { chartFullname, queryServiceName, queryUrl, storeGatewayEndpoint } from '../src';
import { render, valuesFor } from './chart';
import { LABELS, METRICS, STORE_API, WIRED_PROVIDES, noObjectStorage, standalone, wired } from './contexts';

const up = (out: { values: Record<string, any> }) => out.values.thanos;
const EXTERNAL = { objstore: { existingSecret: { name: 's3-objstore', key: 'bucket.yml' } } };

test('feature metadata: name, namespace shared with prometheus, sync order by CRDs, upstream pin', () => {
  assert.is(feature.name, 'thanos');
  assert.is(feature.namespace, 'monitoring', "the sidecar reads the objstore Secret from prometheus' namespace");
  assert.equal(feature.dependsOn, ['prometheus']);
  assert.equal(feature.optionalDependsOn, ['rook-ceph']);
  assert.equal(feature.upstream.map((u) => [u.name, u.version, u.repository]), [['thanos', '1.23.0', 'https://stevehipwell.github.io/helm-charts/']]);
  assert.match(feature.upstream[0].source, /stevehipwell\/helm-charts charts\/thanos: Chart\.yaml @ [0-9a-f]{40} \(1\.23\.0\)/);
});

test('standalone defaults: the published chart reads Secret thanos-objstore; no claim, no monitors, no extra endpoints', () => {
  const v = valuesFor();
  assert.equal(feature.defaults, v);
  const out = feature.render(v, standalone());
  const t = up(out);
  assert.equal(t.objstoreConfig, { create: false, name: 'thanos-objstore', key: 'objstore.yml' });
  assert.equal(t.additionalEndpoints, []);
  assert.equal(t.additionalReplicaLabels, ['prometheus_replica']);
  assert.equal(t.serviceMonitor, { enabled: false });
  assert.equal(t.query.replicas, 2);
  assert.is(t.query.enabled, true);
  assert.is(t.query.enableDnsDiscovery, true, 'the chart adds the Store Gateway endpoint itself');
  assert.equal(t.query.ingress, { enabled: false });
  assert.equal(t.query.resources, { requests: { cpu: '100m', memory: '256Mi' } });
  assert.equal(t.storeGateway.replicas, 2);
  assert.equal(t.storeGateway.persistence, { enabled: true, size: '10Gi', storageClass: '' });
  assert.equal(t.compact.persistence, { enabled: true, size: '50Gi', storageClass: '' });
  assert.equal(t.compact.extraArgs, ['--retention.resolution-raw=30d', '--retention.resolution-5m=180d', '--retention.resolution-1h=1y']);
  assert.equal(t.compact.deduplication, { enabled: true, func: 'penalty' });
  assert.is(t.compact.enabled, true);
  assert.equal([t.queryFrontend.enabled, t.rule.enabled, t.receive.enabled], [false, false, false]);
  assert.not.ok('nodeSelector' in t.query || 'tolerations' in t.compact);
  assert.not.ok('wiring' in out.values);
  assert.equal(out.templates, {});
  assert.equal(out.syncOptions, []);
  assert.equal(out.values.sccp, v);
  assert.equal(out.endpoints, [{ name: 'Thanos Query (in-cluster)', url: 'http://thanos-query.monitoring.svc:10902' }]);
});

test('provides: the real Query Service URL and the objstore Secret (default or the user\'s, key defaulting to objstore.yml)', () => {
  assert.equal(feature.provides!(valuesFor(), DEFAULT_PLATFORM), {
    metricsQuery: { url: 'http://thanos-query.monitoring.svc:10902' },
    metricsArchive: { objstoreSecret: { name: 'thanos-objstore', key: 'objstore.yml' } },
  });
  assert.equal(feature.provides!(valuesFor(EXTERNAL), DEFAULT_PLATFORM).metricsArchive, { objstoreSecret: { name: 's3-objstore', key: 'bucket.yml' } });
  assert.equal(feature.provides!(valuesFor({ objstore: { existingSecret: { name: 's3' } } }), DEFAULT_PLATFORM).metricsArchive, {
    objstoreSecret: { name: 's3', key: 'objstore.yml' },
  });
});

test('the Secret prometheus is told about is the one the Thanos components mount, in every mode', () => {
  for (const [over, ctx] of [[{}, standalone()], [{}, wired()], [EXTERNAL, wired()], [EXTERNAL, noObjectStorage()]] as const) {
    const v = valuesFor(over);
    const archive = (feature.provides!(v, DEFAULT_PLATFORM).metricsArchive as any).objstoreSecret;
    const cfg = up(feature.render(v, ctx)).objstoreConfig;
    assert.equal({ name: cfg.name, key: cfg.key }, archive);
  }
});

test('chart names (templates/_helpers.tpl) for the release the Application uses and others', () => {
  assert.is(chartFullname('thanos'), 'thanos');
  assert.is(queryServiceName('thanos'), 'thanos-query');
  assert.is(queryUrl('thanos', 'monitoring'), 'http://thanos-query.monitoring.svc:10902');
  assert.is(storeGatewayEndpoint('thanos', 'monitoring'), 'dnssrv+_grpc._tcp.thanos-store-gateway-headless.monitoring.svc.cluster.local');
  assert.is(chartFullname('metrics'), 'metrics-thanos');
  assert.is(chartFullname('my-thanos-lts'), 'my-thanos-lts', 'a release containing the chart name is used as is');
  assert.is(chartFullname('a'.repeat(62)), 'a'.repeat(62), 'fullname truncated to 63, trailing dash trimmed');
});

test('rook-ceph: an ObjectBucketClaim in the release namespace, the default Secret, SkipDryRun for the claim', () => {
  const out = render({}, wired());
  assert.equal(out.values.wiring, {
    objectBucket: { claimName: 'thanos-bucket', generateBucketName: 'thanos', storageClassName: 'ceph-bucket', objstoreSecret: 'thanos-objstore/objstore.yml' },
  });
  assert.equal(Object.keys(out.templates!), ['object-bucket-claim.yaml']);
  assert.match(out.templates!['object-bucket-claim.yaml'], /\{\{- with \.Values\.wiring\.objectBucket \}\}/);
  assert.equal(out.syncOptions, ['SkipDryRunOnMissingResource=true']);
  assert.equal(up(out).objstoreConfig, { create: false, name: 'thanos-objstore', key: 'objstore.yml' });
});

test('external S3: existingSecret wins over rook-ceph: no claim, the user Secret everywhere', () => {
  for (const ctx of [wired(), noObjectStorage()]) {
    const out = render(EXTERNAL, ctx);
    assert.not.ok('wiring' in out.values);
    assert.equal(out.templates, {});
    assert.equal(out.syncOptions, []);
    assert.equal(up(out).objstoreConfig, { create: false, name: 's3-objstore', key: 'bucket.yml' });
  }
});

test('neither object storage nor existingSecret on a platform: a user error naming the value to set', () => {
  let err: unknown;
  try {
    render({}, noObjectStorage());
  } catch (e) {
    err = e;
  }
  assert.instance(err, UserError, 'the platform reports UserErrors as invalid input, not as internal errors');
  const ue = err as UserError;
  assert.equal(ue.diagnostics.map((d) => d.pointer), ['/features/thanos/values/objstore/existingSecret']);
  assert.match(ue.message, /features\.thanos\.values\.objstore\.existingSecret/);
  assert.match(ue.message, /namespace monitoring/);
});

test("Query endpoints: the sidecars' StoreAPI from prometheus; nothing when prometheus does not provide it", () => {
  assert.equal(up(render({}, wired())).additionalEndpoints, [STORE_API]);
  const noStoreApi = wired({ ...WIRED_PROVIDES, metrics: { ...METRICS, storeApi: undefined } });
  assert.equal(up(render({}, noStoreApi)).additionalEndpoints, []);
  // the chart runs additionalEndpoints through tpl: template delimiters are escaped
  const odd = wired({ ...WIRED_PROVIDES, metrics: { ...METRICS, storeApi: 'dns+{{ .Release.Name }}:10901' } });
  assert.equal(up(render({}, odd)).additionalEndpoints, ['dns+{{`{{`}} .Release.Name }}:10901']);
});

test('ingress: class, cert-manager issuer and TLS secret; https endpoint; default host thanos.<domain>', () => {
  const out = render({ query: { ingress: { enabled: true } } }, wired());
  assert.equal(up(out).query.ingress, {
    enabled: true,
    hosts: ['thanos.lab.example.org'],
    ingressClassName: 'traefik',
    annotations: { 'cert-manager.io/cluster-issuer': 'platform-issuer' },
    tls: [{ secretName: 'thanos-tls', hosts: ['thanos.lab.example.org'] }],
  });
  assert.equal(out.endpoints, [
    { name: 'Thanos Query (in-cluster)', url: 'http://thanos-query.monitoring.svc:10902' },
    { name: 'Thanos Query', url: 'https://thanos.lab.example.org' },
  ]);
});

test('ingress: own host, TLS off, or no issuer and no ingress controller', () => {
  const own = up(render({ query: { ingress: { enabled: true, host: 'metrics.corp.example' } } }, wired())).query.ingress;
  assert.equal(own.hosts, ['metrics.corp.example']);
  assert.equal(own.tls, [{ secretName: 'metrics-tls', hosts: ['metrics.corp.example'] }]);
  const noTls = render({ query: { ingress: { enabled: true, tls: false } } }, wired());
  assert.equal(up(noTls).query.ingress.tls, []);
  assert.equal(up(noTls).query.ingress.annotations, {});
  assert.is(noTls.endpoints![1].url, 'http://thanos.lab.example.org');
  const bare = up(render({ query: { ingress: { enabled: true } } }, standalone())).query.ingress;
  assert.equal(bare, { enabled: true, hosts: ['thanos.example.com'], annotations: {}, tls: [] });
});

test('metrics on and off: the chart ServiceMonitors carry the platform labels', () => {
  assert.equal(up(render({}, wired())).serviceMonitor, { enabled: true, additionalLabels: LABELS });
  assert.equal(up(render({}, standalone())).serviceMonitor, { enabled: false });
});

test('storage class: explicit, else the platform block class, else "" (the chart default is `standard`)', () => {
  const t = up(render({ storeGateway: { persistence: { storageClass: 'fast-nvme', size: '20Gi' } } }, wired()));
  assert.equal(t.storeGateway.persistence, { enabled: true, size: '20Gi', storageClass: 'fast-nvme' });
  assert.equal(t.compact.persistence, { enabled: true, size: '50Gi', storageClass: 'ceph-block' });
  assert.is(up(render({}, standalone())).compact.persistence.storageClass, '');
});

test('kind profile: 1 Query and 1 Store Gateway, small volumes and requests, short retention on `standard`', () => {
  const ctx = standaloneContext(feature, { ...DEFAULT_PLATFORM, profile: 'kind' }, { provides: { storage: { block: 'standard' } } });
  const t = up(render({}, ctx, 'kind'));
  assert.equal([t.query.replicas, t.storeGateway.replicas], [1, 1]);
  assert.equal(t.storeGateway.persistence, { enabled: true, size: '2Gi', storageClass: 'standard' });
  assert.equal(t.compact.persistence, { enabled: true, size: '5Gi', storageClass: 'standard' });
  assert.equal(t.compact.extraArgs, ['--retention.resolution-raw=2d', '--retention.resolution-5m=10d', '--retention.resolution-1h=30d']);
  assert.equal(t.query.resources, { requests: { cpu: '50m', memory: '128Mi' } });
  assert.equal(feature.validate!(valuesFor({}, 'kind'), DEFAULT_PLATFORM), []);
});

test('retention, resources and placement reach every component', () => {
  const placement = { nodeSelector: { 'node-role.kubernetes.io/monitoring': 'true' }, tolerations: [{ key: 'monitoring', operator: 'Exists', effect: 'NoSchedule' }] };
  const t = up(
    render(
      {
        placement,
        compactor: { retention: { raw: '90d', fiveMinutes: '1y', oneHour: '0d' }, resources: { limits: { memory: '2Gi' } } },
        storeGateway: { resources: { requests: { cpu: '1' } } },
      },
      wired(),
    ),
  );
  assert.equal(t.compact.extraArgs, ['--retention.resolution-raw=90d', '--retention.resolution-5m=1y', '--retention.resolution-1h=0d']);
  assert.equal(t.compact.resources, { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '2Gi' } });
  assert.equal(t.storeGateway.resources, { requests: { cpu: '1', memory: '512Mi' } });
  for (const c of ['query', 'storeGateway', 'compact']) {
    assert.equal(t[c].nodeSelector, placement.nodeSelector, c);
    assert.equal(t[c].tolerations, placement.tolerations, c);
  }
});

test('render does not modify the values it is given', () => {
  const v = valuesFor({ placement: { nodeSelector: { a: 'b' } }, query: { ingress: { enabled: true } }, ...EXTERNAL });
  const before = structuredClone(v);
  const out = feature.render(v, wired());
  up(out).query.nodeSelector.a = 'changed';
  up(out).compact.extraArgs.push('--x');
  assert.equal(v, before);
});

test.run();
