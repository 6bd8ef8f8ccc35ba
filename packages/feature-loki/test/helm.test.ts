import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { render, rendered, template, valuesWith } from './chart';
import { metricsOnly, standalone, wired } from './contexts';

const PUSH = 'http://loki.logging.svc:3100/loki/api/v1/push';
const S3 = { storage: { type: 's3' }, s3: { endpoint: 's3.eu-central-1.amazonaws.com', bucket: 'acme-logs', region: 'eu-central-1', secret: { name: 'loki-s3-credentials' } } };
const kinds = (manifests: any[]) => manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();

const t = suite('loki chart (helm template)');

t('kind profile: only the two stand-ins; Loki gets filesystem storage and a real schema, Alloy the push URL', () => {
  const r = rendered(render({}, standalone, 'kind'));
  assert.equal(kinds(r.manifests), ['ConfigMap/alloy-standin', 'ConfigMap/loki-standin']);
  assert.is(r.loki.deploymentMode, 'SingleBinary');
  assert.equal(r.loki.loki.storage, { type: 'filesystem' });
  assert.equal(r.loki.loki.schemaConfig.configs[0], {
    from: '2024-04-01',
    store: 'tsdb',
    object_store: 'filesystem',
    schema: 'v13',
    index: { prefix: 'loki_index_', period: '24h' },
  });
  assert.is(r.loki.loki.limits_config.retention_period, '72h');
  assert.is(r.loki.singleBinary.persistence.size, '5Gi');
  assert.equal([r.loki.read.replicas, r.loki.write.replicas, r.loki.backend.replicas], [0, 0, 0]);
  assert.equal([r.loki.chunksCache.enabled, r.loki.resultsCache.enabled], [false, false]);
  assert.is(r.alloy.controller.type, 'daemonset');
  assert.is(r.alloy.alloy.mounts.varlog, true);
  assert.ok(r.alloy.alloy.configMap.content.includes(`url = "${PUSH}"`), r.alloy.alloy.configMap.content);
});

t('Ceph object storage: the ObjectBucketClaim and the env wiring of the Loki pods', () => {
  const r = rendered(render({}, wired));
  const obc = r.manifests.filter((m) => m.kind === 'ObjectBucketClaim');
  assert.is(obc.length, 1);
  assert.is(obc[0].apiVersion, 'objectbucket.io/v1alpha1');
  assert.equal(obc[0].metadata.name, 'loki-chunks');
  assert.equal(obc[0].metadata.namespace, 'logging');
  assert.equal(obc[0].metadata.annotations, { 'argocd.argoproj.io/sync-wave': '-1' });
  assert.equal(obc[0].spec, { generateBucketName: 'loki-chunks', storageClassName: 'ceph-bucket' });
  assert.equal(r.loki.singleBinary.extraEnvFrom, [{ configMapRef: { name: 'loki-chunks' } }, { secretRef: { name: 'loki-chunks' } }]);
  assert.equal(r.loki.singleBinary.extraArgs, ['-config.expand-env=true']);
  assert.equal(r.loki.loki.storage.bucketNames, { chunks: '${BUCKET_NAME}', ruler: '${BUCKET_NAME}' });
  assert.is(r.loki.loki.storage.s3.endpoint, '${BUCKET_HOST}:${BUCKET_PORT}');
  assert.is(r.loki.singleBinary.persistence.storageClass, 'ceph-block');
});

t('external S3: a Secret reference only, no Secret and no credential values anywhere', () => {
  const res = template(render(S3, wired));
  assert.is(res.status, 0, res.stderr);
  assert.not.ok(res.manifests.some((m) => m.kind === 'Secret' || m.kind === 'ObjectBucketClaim'));
  assert.not.match(res.stdout, /AWS_SECRET_ACCESS_KEY(?!\})/);
  const r = rendered(render(S3, wired));
  assert.equal(r.loki.singleBinary.extraEnvFrom, [{ secretRef: { name: 'loki-s3-credentials' } }]);
  assert.equal(r.loki.loki.storage.s3.accessKeyId, '${AWS_ACCESS_KEY_ID}');
  assert.equal(r.loki.loki.storage.s3.secretAccessKey, '${AWS_SECRET_ACCESS_KEY}');
  assert.equal(r.loki.loki.storage.bucketNames.chunks, 'acme-logs');
  assert.equal(r.loki.loki.storage.s3.endpoint, 's3.eu-central-1.amazonaws.com');
});

t('retention reaches the loki chart', () => {
  const r = rendered(render({ retention: '2w' }, standalone));
  assert.is(r.loki.loki.limits_config.retention_period, '2w');
  assert.equal(r.loki.loki.compactor, { retention_enabled: true, delete_request_store: 'filesystem' });
});

t('collector on and off, as the alloy chart receives it', () => {
  const on = rendered(render({}, standalone));
  assert.is(on.alloy.controller.type, 'daemonset');
  assert.ok(on.alloy.alloy.configMap.content.includes(PUSH));
  const off = rendered(render({ collector: { enabled: false } }, standalone));
  assert.is(off.alloy, undefined, 'the alloy chart is not rendered at all');
  assert.equal(kinds(off.manifests), ['ConfigMap/loki-standin']);
});

t('metrics on and off, as both charts receive it', () => {
  const on = rendered(render({}, metricsOnly));
  assert.is(on.loki.monitoring.serviceMonitor.enabled, true);
  assert.equal(on.loki.monitoring.serviceMonitor.labels, { release: 'kube-prometheus-stack', team: 'platform' });
  assert.is(on.loki.monitoring.serviceMonitor.metricsInstance.enabled, false);
  assert.equal(on.alloy.serviceMonitor, { enabled: true, additionalLabels: { release: 'kube-prometheus-stack', team: 'platform' } });
  const off = rendered(render({}, standalone));
  assert.is(off.loki.monitoring, undefined);
  assert.is(off.alloy.serviceMonitor, undefined);
});

t('a Go template cannot reach a toleration or node label: they must be label values, so the schema refuses it', () => {
  const tpl = '{{ .Release.Name }}';
  assert.throws(() => valuesWith({ placement: { tolerations: [{ key: 'dedicated', operator: 'Equal', value: tpl, effect: 'NoSchedule' }] } }), /placement\/tolerations\/0\/value/);
  assert.throws(() => valuesWith({ collector: { placement: { nodeSelector: { 'example.com/pool': tpl } } } }), /collector\/placement\/nodeSelector/);
});

t('helm rejects bad feature values with its schema error', () => {
  const out = render({}, standalone);
  for (const bad of ['sccp.retention=12x', 'sccp.storage.type=gcs', 'sccp.s3.endpoint=https://s3.example.com', 'sccp.replicas=0']) {
    const r = template(out, [bad]);
    assert.is.not(r.status, 0, `${bad} must fail`);
    assert.match(r.stderr, /schema/i, bad);
  }
  assert.is(template(out, ['sccp.retention=31d']).status, 0);
});

t.run();
