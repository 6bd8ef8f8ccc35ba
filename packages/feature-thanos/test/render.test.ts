import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PLATFORM, UserError, standaloneContext } from '@sccp/core';
import feature, { chartFullname, queryServiceName, queryUrl, storeGatewayEndpoint } from '../src';
import { parse } from 'yaml';
import { bucketEnv, objstoreConfig } from '../src';
import { render, valuesFor } from './chart';
import { LABELS, METRICS, STORE_API, WIRED_PROVIDES, noObjectStorage, standalone, wired } from './contexts';

const up = (out: { values: Record<string, any> }) => out.values.thanos;
const CLAIM_ENV = bucketEnv();

/** Variables a text refers to as $(VAR). */
const references = (text: string) => [...new Set([...text.matchAll(/\$\(([a-zA-Z_0-9]+)\)/g)].map((m) => m[1]))].sort();

/**
 * Thanos' expansion of objstore configs, as efficientgo/tools extkingpin/pathorcontent.go `expandEnv`
 * does it (regexp `\$\(([a-zA-Z_0-9]+)\)`, an unset variable is an error).
 */
/**
 * The kubelet's expansion of `$(VAR)` in container args (kubernetes/kubernetes
 * third_party/forked/golang/expansion/expand.go `Expand`): one pass over the input, `$$` escapes, an
 * unknown variable is left as written, and substituted text is not scanned again.
 */
function kubeExpand(input: string, env: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '$' || i + 1 >= input.length) {
      out += input[i];
      continue;
    }
    const rest = input.slice(i + 1);
    if (rest[0] === '$') {
      out += '$';
      i += 1;
    } else if (rest[0] === '(' && rest.indexOf(')') > 0) {
      const name = rest.slice(1, rest.indexOf(')'));
      out += name in env ? env[name] : `$(${name})`;
      i += rest.indexOf(')') + 1;
    } else {
      out += '$';
    }
  }
  return out;
}

function thanosExpand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\(([a-zA-Z_0-9]+)\)/g, (_, name: string) => {
    if (!(name in env)) throw new Error(`found reference to unset environment variable "${name}"`);
    return env[name];
  });
}
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
    metricsArchive: { objstoreSecret: { name: 'thanos-objstore', key: 'objstore.yml' }, env: CLAIM_ENV },
  });
  assert.equal(feature.provides!(valuesFor(EXTERNAL), DEFAULT_PLATFORM).metricsArchive, { objstoreSecret: { name: 's3-objstore', key: 'bucket.yml' } });
  assert.equal(feature.provides!(valuesFor({ objstore: { existingSecret: { name: 's3' } } }), DEFAULT_PLATFORM).metricsArchive, {
    objstoreSecret: { name: 's3', key: 'objstore.yml' },
  });
});

test('provides env: the claim\'s ConfigMap and Secret keys under their own names, optional, whenever existingSecret is unset', () => {
  const env = (feature.provides!(valuesFor(), DEFAULT_PLATFORM).metricsArchive as any).env;
  assert.equal(env, bucketEnv());
  assert.equal(
    env.map((e: any) => [e.name, Object.keys(e.valueFrom)[0], Object.values<any>(e.valueFrom)[0]]),
    [
      ['BUCKET_NAME', 'configMapKeyRef', { name: 'thanos-bucket', key: 'BUCKET_NAME', optional: true }],
      ['BUCKET_HOST', 'configMapKeyRef', { name: 'thanos-bucket', key: 'BUCKET_HOST', optional: true }],
      ['BUCKET_PORT', 'configMapKeyRef', { name: 'thanos-bucket', key: 'BUCKET_PORT', optional: true }],
      ['AWS_ACCESS_KEY_ID', 'secretKeyRef', { name: 'thanos-bucket', key: 'AWS_ACCESS_KEY_ID', optional: true }],
      ['AWS_SECRET_ACCESS_KEY', 'secretKeyRef', { name: 'thanos-bucket', key: 'AWS_SECRET_ACCESS_KEY', optional: true }],
    ],
  );
  // the platform info does not change it (provides() cannot see rook-ceph): the kind profile gets it too
  assert.equal((feature.provides!(valuesFor({}, 'kind'), { ...DEFAULT_PLATFORM, profile: 'kind' }).metricsArchive as any).env, env);
  // every provides() call hands out fresh objects
  env[0].valueFrom.configMapKeyRef.name = 'changed';
  assert.is((feature.provides!(valuesFor(), DEFAULT_PLATFORM).metricsArchive as any).env[0].valueFrom.configMapKeyRef.name, 'thanos-bucket');
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

test('rook-ceph: an ObjectBucketClaim and the objstore Secret in the release namespace, SkipDryRun for the claim', () => {
  const out = render({}, wired());
  assert.equal(out.values.wiring, {
    objectBucket: { claimName: 'thanos-bucket', generateBucketName: 'thanos', storageClassName: 'ceph-bucket', objstoreSecret: 'thanos-objstore/objstore.yml' },
    objstoreSecret: { name: 'thanos-objstore', key: 'objstore.yml', config: objstoreConfig(true) },
  });
  assert.equal(Object.keys(out.templates!), ['object-bucket-claim.yaml', 'objstore-secret.yaml']);
  assert.match(out.templates!['object-bucket-claim.yaml'], /\{\{- with \.Values\.wiring\.objectBucket \}\}/);
  assert.match(out.templates!['objstore-secret.yaml'], /\{\{- with \.Values\.wiring\.objstoreSecret \}\}/);
  assert.equal(out.syncOptions, ['SkipDryRunOnMissingResource=true']);
  assert.equal(up(out).objstoreConfig, { create: false, name: 'thanos-objstore', key: 'objstore.yml' });
});

test('rook-ceph: the objstore config holds only $(VAR) references, path-style, insecure unless the endpoint is https', () => {
  const cfg = (out: { values: Record<string, any> }) => parse(out.values.wiring.objstoreSecret.config);
  const plain = cfg(render({}, wired()));
  assert.equal(plain, {
    type: 'S3',
    config: {
      bucket: '$(BUCKET_NAME)',
      endpoint: '$(BUCKET_HOST):$(BUCKET_PORT)',
      access_key: '$(AWS_ACCESS_KEY_ID)',
      secret_key: '$(AWS_SECRET_ACCESS_KEY)',
      insecure: true,
      bucket_lookup_type: 'path',
    },
  });
  const tls = wired({ ...WIRED_PROVIDES, objectStorage: { bucketStorageClass: 'ceph-bucket', endpoint: 'HTTPS://rgw.rook-ceph.svc:443' } });
  assert.is(cfg(render({}, tls)).config.insecure, false);
  // every string in it is made of references only
  for (const [k, v] of Object.entries<any>(plain.config)) if (typeof v === 'string' && k !== 'bucket_lookup_type') assert.match(v, /^(\$\([A-Z_]+\)|:)+$/, k);
  // the references are exactly the variables every consumer is given
  assert.equal(references(objstoreConfig(true)), bucketEnv().map((e) => e.name).sort());
});

test("the objstore config after Thanos' $(VAR) expansion (extkingpin expandEnv) is the claim's bucket, even with YAML-special key characters", () => {
  const claim = { BUCKET_NAME: 'thanos-8f3c', BUCKET_HOST: 'rook-ceph-rgw-ceph-objectstore.rook-ceph.svc', BUCKET_PORT: '80', AWS_ACCESS_KEY_ID: 'AKIA0123', AWS_SECRET_ACCESS_KEY: 'a/b+c=: #d"e' };
  const expanded = thanosExpand(objstoreConfig(true), claim);
  assert.equal(parse(expanded).config, {
    bucket: 'thanos-8f3c',
    endpoint: 'rook-ceph-rgw-ceph-objectstore.rook-ceph.svc:80',
    access_key: 'AKIA0123',
    secret_key: 'a/b+c=: #d"e',
    insecure: true,
    bucket_lookup_type: 'path',
  });
  // an unset variable is an error, as in Thanos
  const { BUCKET_NAME: _, ...missing } = claim;
  assert.throws(() => thanosExpand(objstoreConfig(true), missing), /unset environment variable "BUCKET_NAME"/);
});

test("the Prometheus sidecar's --objstore.config=$(OBJSTORE_CONFIG): Kubernetes expands it once, the references reach Thanos, which expands them from the sidecar env", () => {
  const config = objstoreConfig(true);
  // env of the sidecar: the operator's OBJSTORE_CONFIG plus metricsArchive.env (values resolved by the kubelet)
  const env: Record<string, string> = { OBJSTORE_CONFIG: config, BUCKET_NAME: 'b', BUCKET_HOST: 'h', BUCKET_PORT: '80', AWS_ACCESS_KEY_ID: 'ak', AWS_SECRET_ACCESS_KEY: 'sk' };
  const arg = kubeExpand('--objstore.config=$(OBJSTORE_CONFIG)', env);
  assert.is(arg, `--objstore.config=${config}`, 'the substituted text is not expanded again');
  const flag = arg.slice('--objstore.config='.length);
  assert.equal(parse(thanosExpand(flag, env)).config, { bucket: 'b', endpoint: 'h:80', access_key: 'ak', secret_key: 'sk', insecure: true, bucket_lookup_type: 'path' });
  // without metricsArchive.env the sidecar would stop on the first reference
  assert.throws(() => thanosExpand(flag, { OBJSTORE_CONFIG: config }), /unset environment variable "BUCKET_NAME"/);
});

test("rook-ceph: Store Gateway and Compactor get the claim's variables (extraEnv); Query reads no bucket and gets none", () => {
  const t = up(render({}, wired()));
  assert.equal(t.storeGateway.extraEnv, bucketEnv());
  assert.equal(t.compact.extraEnv, bucketEnv());
  assert.not.ok('extraEnv' in t.query);
  for (const [over, ctx] of [[{}, standalone()], [EXTERNAL, wired()], [EXTERNAL, noObjectStorage()]] as const) {
    const o = up(render(over, ctx));
    assert.not.ok('extraEnv' in o.storeGateway || 'extraEnv' in o.compact || 'extraEnv' in o.query);
  }
});

test('the env prometheus is told about (metricsArchive.env) is the env of every Thanos component reading the bucket', () => {
  for (const [over, ctx] of [[{}, wired()], [EXTERNAL, wired()], [EXTERNAL, noObjectStorage()]] as const) {
    const v = valuesFor(over);
    const env = (feature.provides!(v, DEFAULT_PLATFORM).metricsArchive as any).env ?? [];
    const t = up(feature.render(v, ctx));
    assert.equal(t.storeGateway.extraEnv ?? [], env);
    assert.equal(t.compact.extraEnv ?? [], env);
  }
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
