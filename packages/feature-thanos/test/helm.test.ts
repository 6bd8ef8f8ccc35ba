import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { bucketEnv, objstoreConfig } from '../src';
import { helm, kinds, render, rendered, valuesFor } from './chart';
import { STORE_API, WIRED_PROVIDES, METRICS, noObjectStorage, standalone, wired } from './contexts';
import feature from '../src';
import { validateValues } from '../src/validate';

const EXTERNAL = { objstore: { existingSecret: { name: 's3-objstore', key: 'objstore.yml' } } };

/**
 * The endpoint arguments of the upstream templates/query/deployment.yaml (1.23.0), collected in a list
 * (the `thanos.storeGateway.fullname` helper replaced by its value for release thanos).
 */
const UPSTREAM_QUERY_ENDPOINTS = `{{- $args := list }}
{{- if .Values.query.enableDnsDiscovery }}
{{- if .Values.storeGateway.enabled }}
{{- $args = append $args (printf "--endpoint%s=dnssrv+_grpc._tcp.%s-headless.%s.svc.%s" (ternary "-group" "" .Values.storeEndpointGroup) (printf "%s-store-gateway" .Release.Name) .Release.Namespace .Values.clusterDomain) }}
{{- end }}
{{- end }}
{{- range (concat .Values.additionalEndpoints .Values.query.additionalStores) | uniq }}
{{- $args = append $args (printf "--endpoint=%s" (tpl . $)) }}
{{- end }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: query-endpoints-check
data:
  args: {{ toJson $args | quote }}
`;

/** The volumeClaimTemplates spec of the upstream templates/store-gateway/statefulset.yaml (1.23.0). */
const UPSTREAM_STORE_GATEWAY_CLAIM = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: store-gateway-claim-check
spec:
{{- with .Values.storeGateway.persistence.storageClass }}
{{- if (eq "-" .) }}
  storageClassName: ""
{{- else }}
  storageClassName: {{ . }}
{{- end }}
{{- end }}
  accessModes:
    - {{ .Values.storeGateway.persistence.accessMode }}
  resources:
    requests:
      storage: {{ .Values.storeGateway.persistence.size }}
`;

/**
 * The env lines of the upstream templates/store-gateway/statefulset.yaml and templates/compact/statefulset.yaml
 * (1.23.0), same nesting, in two StatefulSets.
 */
const UPSTREAM_COMPONENT_ENV = ['storeGateway:store-gateway:thanos-store-gateway', 'compact:compact:thanos-compact']
  .map((spec) => {
    const [key, pod, container] = spec.split(':');
    return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${pod}-env-check
spec:
  template:
    spec:
      containers:
        - name: ${container}
          env:
            - name: NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: HOST_IP_ADDRESS
              valueFrom:
                fieldRef:
                  fieldPath: status.hostIP
          {{- with .Values.${key}.extraEnv }}
            {{- toYaml . | nindent 12 }}
          {{- end }}
`;
  })
  .join('---\n');

const LABELS_STORAGE = {
  'app.kubernetes.io/name': 'thanos',
  'app.kubernetes.io/instance': 'thanos',
  'app.kubernetes.io/component': 'storage',
  'app.kubernetes.io/managed-by': 'Helm',
};

/** The upstream defaults those templates read (values.yaml). */
const UPSTREAM_DEFAULTS = {
  clusterDomain: 'cluster.local',
  storeEndpointGroup: false,
  additionalEndpoints: [],
  query: { enableDnsDiscovery: true, additionalStores: [] },
  storeGateway: { enabled: true, extraEnv: [], persistence: { enabled: false, accessMode: 'ReadWriteOnce', storageClass: 'standard', size: '8Gi' } },
  compact: { extraEnv: [] },
};

const endpointArgs = (manifests: any[]) => JSON.parse(manifests.find((m) => m.metadata.name === 'query-endpoints-check').data.args);
const claim = (manifests: any[]) => manifests.find((m) => m.kind === 'PersistentVolumeClaim');

test('standalone defaults: only the stand-in, which receives exactly the rendered values', () => {
  const out = render({}, standalone());
  const { manifests, received } = rendered(out);
  assert.equal(kinds(manifests), ['ConfigMap/thanos-standin']);
  assert.equal(received, out.values.thanos);
});

test('rook-ceph: the ObjectBucketClaim and the objstore Secret in monitoring before the workloads, and no credential anywhere', () => {
  const out = render({}, wired());
  const r = helm(out);
  assert.is(r.status, 0, r.stderr);
  assert.equal(kinds(r.manifests), ['ConfigMap/thanos-standin', 'ObjectBucketClaim/thanos-bucket', 'Secret/thanos-objstore']);
  const obc = r.manifests.find((m) => m.kind === 'ObjectBucketClaim');
  assert.is(obc.apiVersion, 'objectbucket.io/v1alpha1');
  assert.is(obc.metadata.namespace, 'monitoring');
  assert.equal(obc.metadata.annotations, { 'argocd.argoproj.io/sync-wave': '-1', 'sccp.dev/objstore-secret': 'thanos-objstore/objstore.yml' });
  assert.equal(obc.metadata.labels, LABELS_STORAGE);
  assert.equal(obc.spec, { generateBucketName: 'thanos', storageClassName: 'ceph-bucket' });
  const secret = r.manifests.find((m) => m.kind === 'Secret');
  assert.is(secret.apiVersion, 'v1');
  assert.is(secret.metadata.namespace, 'monitoring');
  assert.equal(secret.metadata.annotations, { 'argocd.argoproj.io/sync-wave': '-1' });
  assert.equal(secret.metadata.labels, LABELS_STORAGE);
  assert.is(secret.type, 'Opaque');
  assert.equal(Object.keys(secret.stringData), ['objstore.yml']);
  assert.not.ok('data' in secret);
  // the Secret Helm writes holds the config byte for byte, and only $(VAR) references in it
  assert.is(secret.stringData['objstore.yml'], objstoreConfig(true));
  const cfg = parse(secret.stringData['objstore.yml']).config;
  for (const key of ['bucket', 'endpoint', 'access_key', 'secret_key']) assert.match(cfg[key], /^(\$\((BUCKET_NAME|BUCKET_HOST|BUCKET_PORT|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY)\)|:)+$/, key);
  // no credential value anywhere in the output: the keys are only ever given as references
  const keyLines = [...r.stdout.matchAll(/(access_key|secret_key):.*/g)].map((m) => m[0]);
  assert.equal(keyLines, ["access_key: '$(AWS_ACCESS_KEY_ID)'", "secret_key: '$(AWS_SECRET_ACCESS_KEY)'"]);
  const received = rendered(out).received;
  assert.equal(received.objstoreConfig, { create: false, name: 'thanos-objstore', key: 'objstore.yml' });
  assert.equal(received.serviceMonitor, { enabled: true, additionalLabels: { 'sccp.dev/monitoring': 'platform' } });
  assert.equal(received.additionalEndpoints, [STORE_API]);
  assert.equal(received.storeGateway.persistence.storageClass, 'ceph-block');
  assert.equal(received.storeGateway.extraEnv, bucketEnv());
  assert.equal(received.compact.extraEnv, bucketEnv());
});

test('rook-ceph over https: the rendered Secret says insecure: false', () => {
  const tls = wired({ ...WIRED_PROVIDES, objectStorage: { bucketStorageClass: 'ceph-bucket', endpoint: 'https://rgw.rook-ceph.svc:443' } });
  const secret = rendered(render({}, tls)).manifests.find((m) => m.kind === 'Secret');
  assert.is(parse(secret.stringData['objstore.yml']).config.insecure, false);
});

test("the claim's variables reach the Store Gateway and Compactor containers through the upstream env lines, next to the chart's own", () => {
  const { manifests } = rendered(render({}, wired()), { extra: { 'env.yaml': UPSTREAM_COMPONENT_ENV }, standinDefaults: UPSTREAM_DEFAULTS });
  for (const [pod, container] of [['store-gateway-env-check', 'thanos-store-gateway'], ['compact-env-check', 'thanos-compact']]) {
    const c = manifests.find((m) => m.metadata.name === pod).spec.template.spec.containers[0];
    assert.is(c.name, container);
    assert.equal(c.env.map((e: any) => e.name), ['NAME', 'HOST_IP_ADDRESS', 'BUCKET_NAME', 'BUCKET_HOST', 'BUCKET_PORT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
    assert.equal(c.env.slice(2), bucketEnv());
    // every variable the mounted objstore config refers to is set in the container
    const set = new Set(c.env.map((e: any) => e.name));
    for (const v of ['BUCKET_NAME', 'BUCKET_HOST', 'BUCKET_PORT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) assert.ok(set.has(v), `${container} has ${v}`);
  }
  // external S3: the chart's own variables only
  const ext = rendered(render(EXTERNAL, noObjectStorage()), { extra: { 'env.yaml': UPSTREAM_COMPONENT_ENV }, standinDefaults: UPSTREAM_DEFAULTS });
  assert.equal(ext.manifests.find((m) => m.metadata.name === 'compact-env-check').spec.template.spec.containers[0].env.map((e: any) => e.name), ['NAME', 'HOST_IP_ADDRESS']);
});

test('external S3: no claim and no Secret rendered; every component gets the user Secret', () => {
  const { manifests, received } = rendered(render(EXTERNAL, noObjectStorage()));
  assert.equal(kinds(manifests), ['ConfigMap/thanos-standin']);
  assert.equal(received.objstoreConfig, { create: false, name: 's3-objstore', key: 'objstore.yml' });
});

test('Query endpoints through the upstream template lines: the chart Store Gateway and the sidecars', () => {
  const { manifests } = rendered(render({}, wired()), { extra: { 'query-endpoints.yaml': UPSTREAM_QUERY_ENDPOINTS }, standinDefaults: UPSTREAM_DEFAULTS });
  assert.equal(endpointArgs(manifests), [
    '--endpoint=dnssrv+_grpc._tcp.thanos-store-gateway-headless.monitoring.svc.cluster.local',
    `--endpoint=${STORE_API}`,
  ]);
  const noSidecars = wired({ ...WIRED_PROVIDES, metrics: { ...METRICS, storeApi: undefined } });
  const only = rendered(render({}, noSidecars), { extra: { 'query-endpoints.yaml': UPSTREAM_QUERY_ENDPOINTS }, standinDefaults: UPSTREAM_DEFAULTS });
  assert.equal(endpointArgs(only.manifests), ['--endpoint=dnssrv+_grpc._tcp.thanos-store-gateway-headless.monitoring.svc.cluster.local']);
});

test('a {{ .Release.Name }} in the StoreAPI address survives the upstream tpl literally', () => {
  const odd = wired({ ...WIRED_PROVIDES, metrics: { ...METRICS, storeApi: 'dns+{{ .Release.Name }}.example:10901' } });
  const { manifests } = rendered(render({}, odd), { extra: { 'query-endpoints.yaml': UPSTREAM_QUERY_ENDPOINTS }, standinDefaults: UPSTREAM_DEFAULTS });
  assert.is(endpointArgs(manifests)[1], '--endpoint=dns+{{ .Release.Name }}.example:10901');
});

test('negative control: an unescaped {{ .Release.Name }} in additionalEndpoints is executed by the upstream tpl', () => {
  const { manifests } = rendered(render({}, wired()), {
    extra: { 'query-endpoints.yaml': UPSTREAM_QUERY_ENDPOINTS },
    standinDefaults: UPSTREAM_DEFAULTS,
    valuesFile: { thanos: { additionalEndpoints: ['dns+{{ .Release.Name }}.example:10901'] } },
  });
  assert.is(endpointArgs(manifests)[1], '--endpoint=dns+thanos.example:10901');
});

test('storage class through the upstream claim template: "" beats the chart default `standard`, a platform class is used', () => {
  const opts = { extra: { 'claim.yaml': UPSTREAM_STORE_GATEWAY_CLAIM }, standinDefaults: UPSTREAM_DEFAULTS };
  const none = claim(rendered(render({}, standalone()), opts).manifests);
  assert.not.ok('storageClassName' in none.spec, 'no class: the cluster default applies');
  assert.equal(none.spec.resources.requests.storage, '10Gi');
  const ceph = claim(rendered(render({}, wired()), opts).manifests);
  assert.is(ceph.spec.storageClassName, 'ceph-block');
  // control: without the wrapper's value the chart default would win
  const withoutClass = render({}, standalone());
  delete (withoutClass.values.thanos as any).storeGateway.persistence.storageClass;
  assert.is(claim(rendered(withoutClass, opts).manifests).spec.storageClassName, 'standard');
});

test('ingress with TLS and metrics reach the upstream chart', () => {
  const { received } = rendered(render({ query: { ingress: { enabled: true } } }, wired()));
  assert.equal(received.query.ingress.hosts, ['thanos.lab.example.org']);
  assert.is(received.query.ingress.ingressClassName, 'traefik');
  assert.equal(received.query.ingress.annotations, { 'cert-manager.io/cluster-issuer': 'platform-issuer' });
  assert.equal(received.query.ingress.tls, [{ secretName: 'thanos-tls', hosts: ['thanos.lab.example.org'] }]);
});

test('kind profile through Helm: one replica each, retention args, standard class', () => {
  const { received } = rendered(feature.render(valuesFor({}, 'kind'), { ...standalone(), provides: { storage: { block: 'standard' } } }));
  assert.equal([received.query.replicas, received.storeGateway.replicas], [1, 1]);
  assert.equal(received.compact.extraArgs, ['--retention.resolution-raw=2d', '--retention.resolution-5m=10d', '--retention.resolution-1h=30d']);
  assert.is(received.compact.persistence.storageClass, 'standard');
});

test('Helm rejects bad sccp values with a schema error', () => {
  const out = render({}, standalone());
  for (const set of ['sccp.query.replicas=0', 'sccp.compactor.retention.raw=30 days', 'sccp.objstore.existingSecret.name=Bad_Name', 'sccp.storeGateway.sharding=true']) {
    const r = helm(out, { set: [set] });
    assert.is.not(r.status, 0, `${set} must fail`);
    assert.match(r.stderr, /schema/i, set);
  }
  const ok = helm(out, { set: ['sccp.compactor.retention.raw=1y2w'] });
  assert.is(ok.status, 0, ok.stderr);
});

test('user strings come out literally: {{ .Release.Name }} in a Secret key; a node selector value cannot hold one', () => {
  const v = valuesFor({ objstore: { existingSecret: { name: 's3', key: '{{ .Release.Name }}' } } });
  const { received } = rendered(feature.render(v, noObjectStorage()));
  assert.is(received.objstoreConfig.key, '{{ .Release.Name }}');
  assert.throws(() => valuesFor({ placement: { nodeSelector: { pool: '{{ .Release.Name }} "x" \'y\'' } } }), /placement\/nodeSelector/);
});

test('an existing Secret named like a number or a boolean is refused: the chart writes the name unquoted', () => {
  for (const name of ['8', '1e3', 'yes', 'on', 'null']) {
    const problems = validateValues(valuesFor({ objstore: { existingSecret: { name } } }));
    assert.is(problems.length, 1, name);
    assert.is(problems[0].pointer, '/objstore/existingSecret/name');
    assert.match(problems[0].message, new RegExp(`Secret name "${name}" is read by YAML as .*the thanos chart writes it unquoted`));
  }
  assert.equal(validateValues(valuesFor({ objstore: { existingSecret: { name: 's3-objstore' } } })), []);
});

test.run();
