import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { standaloneContext } from '@sccp/core';
import feature from '../src';
import { collectorConfig } from '../src/alloy-config';
import { pushUrl } from '../src/endpoints';
import { render, valuesWith } from './chart';
import { metricsOnly, standalone, wired } from './contexts';

const loki = (out: { values: Record<string, unknown> }) => out.values.loki as any;
const alloy = (out: { values: Record<string, unknown> }) => out.values.alloy as any;
const PUSH = 'http://loki.logging.svc:3100/loki/api/v1/push';
const S3 = { storage: { type: 's3' }, s3: { endpoint: 's3.eu-central-1.amazonaws.com', bucket: 'acme-logs', region: 'eu-central-1', secret: { name: 'loki-s3-credentials' } } };
const httpsCeph = standaloneContext(feature, undefined, {
  provides: { objectStorage: { bucketStorageClass: 'rgw-buckets', endpoint: 'https://s3.rook.example.com' } },
});

const t = suite('loki render');

t('feature metadata: namespace, upstream charts, optional dependencies', () => {
  assert.is(feature.name, 'loki');
  assert.is(feature.namespace, 'logging');
  assert.equal(
    feature.upstream.map((u) => [u.name, u.version, u.repository]),
    [
      ['loki', '6.53.0', 'https://grafana.github.io/helm-charts'],
      ['alloy', '1.10.0', 'https://grafana.github.io/helm-charts'],
    ],
  );
  assert.equal([...(feature.optionalDependsOn ?? [])].sort(), ['prometheus', 'rook-ceph']);
  for (const u of feature.upstream) assert.match(u.source, /@ [0-9a-f]{40}/);
});

t('provides the push and query URLs of the single-binary Service', () => {
  const caps = feature.provides!(feature.defaults, standalone.platform);
  assert.equal(caps.logs, { pushUrl: PUSH, queryUrl: 'http://loki.logging.svc:3100', namespace: 'logging' });
});

t('kind profile: filesystem storage, 5Gi volume, 72h retention, nothing for object storage', () => {
  const out = render({}, wired, 'kind'); // explicit filesystem wins over the Ceph object store
  const l = loki(out);
  assert.equal(l.loki.storage, { type: 'filesystem' });
  assert.is(l.loki.schemaConfig.configs[0].object_store, 'filesystem');
  assert.equal(l.loki.compactor, { retention_enabled: true, delete_request_store: 'filesystem' });
  assert.is(l.loki.limits_config.retention_period, '72h');
  assert.is(l.singleBinary.persistence.size, '5Gi');
  assert.equal(l.singleBinary.extraArgs, []);
  assert.equal(l.singleBinary.extraEnvFrom, []);
  assert.is(out.values.wiring, undefined);
  assert.equal(out.templates, {});
  assert.equal(out.syncOptions, []);
});

t('defaults without object storage: auto falls back to the filesystem, 50Gi, 744h, cluster default class', () => {
  const l = loki(render({}, standalone));
  assert.is(l.loki.storage.type, 'filesystem');
  assert.is(l.loki.limits_config.retention_period, '744h');
  assert.is(l.singleBinary.persistence.size, '50Gi');
  assert.not.ok('storageClass' in l.singleBinary.persistence);
  assert.is(l.singleBinary.persistence.enableStatefulSetAutoDeletePVC, false);
});

t('SingleBinary invariants: simple-scalable targets 0, caches, canary, test and gateway off, one tenant, v13 TSDB schema', () => {
  const l = loki(render({}, standalone));
  assert.is(l.deploymentMode, 'SingleBinary');
  assert.is(l.fullnameOverride, 'loki');
  assert.equal([l.read.replicas, l.write.replicas, l.backend.replicas], [0, 0, 0]);
  assert.equal([l.chunksCache.enabled, l.resultsCache.enabled, l.lokiCanary.enabled, l.test.enabled, l.gateway.enabled], [false, false, false, false, false]);
  assert.is(l.loki.auth_enabled, false);
  assert.is(l.loki.analytics.reporting_enabled, false);
  assert.equal(l.loki.schemaConfig.configs, [
    { from: '2024-04-01', store: 'tsdb', object_store: 'filesystem', schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } },
  ]);
  assert.is(l.singleBinary.replicas, 1);
  assert.is(l.loki.commonConfig.replication_factor, 1);
});

t('Ceph object storage: ObjectBucketClaim, env wiring and ${VAR} expansion', () => {
  const out = render({}, wired);
  const l = loki(out);
  assert.equal(l.loki.storage, {
    type: 's3',
    bucketNames: { chunks: '${BUCKET_NAME}', ruler: '${BUCKET_NAME}' },
    s3: {
      endpoint: '${BUCKET_HOST}:${BUCKET_PORT}',
      accessKeyId: '${AWS_ACCESS_KEY_ID}',
      secretAccessKey: '${AWS_SECRET_ACCESS_KEY}',
      s3ForcePathStyle: true,
      insecure: true,
    },
  });
  assert.is(l.loki.schemaConfig.configs[0].object_store, 's3');
  assert.is(l.loki.compactor.delete_request_store, 's3');
  assert.equal(l.singleBinary.extraArgs, ['-config.expand-env=true']);
  assert.equal(l.singleBinary.extraEnvFrom, [{ configMapRef: { name: 'loki-chunks' } }, { secretRef: { name: 'loki-chunks' } }]);
  assert.is(l.singleBinary.persistence.storageClass, 'ceph-block');
  assert.equal(out.values.wiring, { objectBucket: { claimName: 'loki-chunks', generateBucketName: 'loki-chunks', storageClassName: 'ceph-bucket' } });
  assert.equal(Object.keys(out.templates ?? {}), ['object-bucket-claim.yaml']);
  assert.match(out.templates!['object-bucket-claim.yaml'], /kind: ObjectBucketClaim/);
  assert.equal(out.syncOptions, ['SkipDryRunOnMissingResource=true']);
});

t('Ceph object storage served over HTTPS is not marked insecure', () => {
  const l = loki(render({}, httpsCeph));
  assert.is(l.loki.storage.s3.insecure, false);
});

t('external S3: the bucket and endpoint, credentials only as a Secret reference', () => {
  const out = render(S3, wired); // explicit s3 wins over the Ceph object store
  const l = loki(out);
  assert.equal(l.loki.storage, {
    type: 's3',
    bucketNames: { chunks: 'acme-logs', ruler: 'acme-logs' },
    s3: {
      endpoint: 's3.eu-central-1.amazonaws.com',
      region: 'eu-central-1',
      accessKeyId: '${AWS_ACCESS_KEY_ID}',
      secretAccessKey: '${AWS_SECRET_ACCESS_KEY}',
      s3ForcePathStyle: false,
      insecure: false,
    },
  });
  assert.equal(l.singleBinary.extraEnvFrom, [{ secretRef: { name: 'loki-s3-credentials' } }]);
  assert.equal(l.singleBinary.extraArgs, ['-config.expand-env=true']);
  assert.is(out.values.wiring, undefined);
  assert.equal(out.templates, {});
  const s3NoRegion = loki(render({ ...S3, s3: { endpoint: 'minio.storage.svc:9000', bucket: 'logs', secret: { name: 'minio-creds' }, insecure: true, forcePathStyle: true } }, standalone));
  assert.not.ok('region' in s3NoRegion.loki.storage.s3);
  assert.equal([s3NoRegion.loki.storage.s3.insecure, s3NoRegion.loki.storage.s3.s3ForcePathStyle], [true, true]);
});

t('retention reaches limits_config with compactor retention on', () => {
  const l = loki(render({ retention: '31d' }, standalone));
  assert.is(l.loki.limits_config.retention_period, '31d');
  assert.is(l.loki.compactor.retention_enabled, true);
});

t('replicas and replication factor: 3 from 3 pods on, else 1', () => {
  const three = loki(render({ replicas: 3 }, wired));
  assert.equal([three.singleBinary.replicas, three.loki.commonConfig.replication_factor], [3, 3]);
  const two = loki(render({ replicas: 2 }, wired));
  assert.equal([two.singleBinary.replicas, two.loki.commonConfig.replication_factor], [2, 1]);
});

t('more than one replica without object storage is refused', () => {
  assert.throws(() => render({ replicas: 2 }, standalone), /need object storage/);
  assert.equal(feature.validate!(valuesWith({ replicas: 2, storage: { type: 'filesystem' } }), standalone.platform).map((p) => p.pointer), ['/replicas']);
  assert.equal(feature.validate!(valuesWith({ replicas: 2 }), standalone.platform), []);
});

t('validate: s3 needs endpoint, bucket and secret; retention at least 24h', () => {
  assert.equal(
    feature.validate!(valuesWith({ storage: { type: 's3' } }), standalone.platform).map((p) => p.pointer),
    ['/s3/endpoint', '/s3/bucket', '/s3/secret'],
  );
  assert.equal(feature.validate!(valuesWith(S3), standalone.platform), []);
  assert.equal(feature.validate!(valuesWith({ retention: '12h' }), standalone.platform).map((p) => p.pointer), ['/retention']);
  assert.equal(feature.validate!(valuesWith({ retention: '1d' }), standalone.platform), []);
  assert.throws(() => render({ storage: { type: 's3' } }, standalone), /s3.endpoint/);
});

t('collector on: a DaemonSet with host /var/log and a config pushing to the Loki Service', () => {
  const a = alloy(render({}, standalone));
  assert.is(a.controller.type, 'daemonset');
  assert.equal(a.controller.tolerations, [{ operator: 'Exists' }]);
  assert.is(a.alloy.mounts.varlog, true);
  assert.is(a.alloy.configMap.create, true);
  const content: string = a.alloy.configMap.content;
  assert.ok(content.includes(`url = "${PUSH}"`), content);
  assert.match(content, /loki\.source\.file "pod_logs"/);
  assert.match(content, /stage\.cri \{\}/);
  assert.not.ok(content.includes('{{'));
  assert.equal(a.alloy.resources, { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } });
  assert.is(a.crds.create, false);
  assert.is(a.alloy.enableReporting, false);
});

t('collector off: the alloy dependency is conditioned out and receives nothing', () => {
  assert.equal(alloy(render({ collector: { enabled: false } }, wired)), {});
  assert.is(feature.upstream.find((u) => u.name === 'alloy')!.condition, 'sccp.collector.enabled');
});

t('metrics: ServiceMonitors for Loki and Alloy with the Prometheus labels, none without Prometheus', () => {
  const on = render({}, metricsOnly);
  assert.equal(loki(on).monitoring, {
    serviceMonitor: { enabled: true, labels: { release: 'kube-prometheus-stack', team: 'platform' }, metricsInstance: { enabled: false } },
  });
  assert.equal(alloy(on).serviceMonitor, { enabled: true, additionalLabels: { release: 'kube-prometheus-stack', team: 'platform' } });
  const off = render({}, standalone);
  assert.is(loki(off).monitoring, undefined);
  assert.is(alloy(off).serviceMonitor, undefined);
});

t('storage class: the value wins over the platform block class', () => {
  const l = loki(render({ persistence: { storageClass: 'fast-ssd' } }, wired));
  assert.is(l.singleBinary.persistence.storageClass, 'fast-ssd');
});

t('resources and placement reach the single binary and the collector', () => {
  const out = render(
    {
      resources: { requests: { cpu: '1', memory: '4Gi' } },
      placement: { nodeSelector: { 'node-role.example.com/logs': 'true' }, tolerations: [{ key: 'logs', operator: 'Exists', effect: 'NoSchedule' }] },
      collector: { placement: { nodeSelector: { 'kubernetes.io/os': 'linux' } } },
    },
    standalone,
  );
  const l = loki(out);
  assert.equal(l.singleBinary.resources, { requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '2Gi' } });
  assert.equal(l.singleBinary.nodeSelector, { 'node-role.example.com/logs': 'true' });
  assert.equal(l.singleBinary.tolerations, [{ key: 'logs', operator: 'Exists', effect: 'NoSchedule' }]);
  assert.equal(alloy(out).controller.nodeSelector, { 'kubernetes.io/os': 'linux' });
  assert.equal(alloy(out).controller.tolerations, [{ operator: 'Exists' }]);
});

t('the Alloy config only takes a push URL of the expected form', () => {
  assert.throws(() => collectorConfig('http://loki.logging.svc:3100/loki/api/v1/push"\n}\nevil {'), /refusing/);
  assert.throws(() => collectorConfig('{{ .Release.Name }}'), /refusing/);
  assert.throws(() => pushUrl('Bad_Namespace'), /DNS-1123/);
  assert.ok(collectorConfig(pushUrl('logs')).includes('url = "http://loki.logs.svc:3100/loki/api/v1/push"'));
});

t('the whole values carry the feature values under sccp and an in-cluster endpoint', () => {
  const out = render({ retention: '2w' }, standalone);
  assert.is((out.values.sccp as any).retention, '2w');
  assert.equal(out.endpoints, [{ name: 'Loki API (in-cluster)', url: 'http://loki.logging.svc:3100' }]);
});

t.run();
