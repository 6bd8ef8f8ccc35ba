import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValidator, standaloneContext, DEFAULT_PLATFORM } from '@sccp/core';
import feature, { chartFullname, prometheusServiceName, thanosDiscoveryServiceName, thanosStoreApi } from '../src';
import { escapeForTpl } from '../src/tpl';
import type { PrometheusValues } from '../src/values.generated';
import { ARCHIVE_ENV, standalone, valuesFor, wired, WIRED_PROVIDES, WIRED_ROOK_PROVIDES } from './contexts';

const kps = (out: { values: Record<string, any> }) => out.values['kube-prometheus-stack'];
const spec = (out: { values: Record<string, any> }) => kps(out).prometheus.prometheusSpec;
const LABELS = { 'sccp.dev/monitoring': 'platform' };

test('feature metadata: name, namespace, server-side apply, upstream pin, no thanos dependency', () => {
  assert.is(feature.name, 'prometheus');
  assert.is(feature.namespace, 'monitoring');
  assert.is(feature.serverSideApply, true);
  assert.equal(feature.optionalDependsOn, [], 'prometheus brings the CRDs others need: it syncs first');
  assert.not.ok(feature.optionalDependsOn?.includes('thanos'), 'thanos depends on prometheus: listing it would be a cycle');
  assert.equal(feature.upstream.map((u) => [u.name, u.version, u.repository]), [
    ['kube-prometheus-stack', '81.4.3', 'https://prometheus-community.github.io/helm-charts'],
  ]);
  assert.match(feature.upstream[0].source, /prometheus-community\/helm-charts .*@ [0-9a-f]{40}/);
});

test('defaults: 2 replicas, 15d, 50Gi on the cluster default class, resources, alertmanager 2 replicas', () => {
  const v = valuesFor();
  assert.equal(feature.defaults, v);
  const out = feature.render(v, standalone());
  const s = spec(out);
  assert.is(s.replicas, 2);
  assert.is(s.retention, '15d');
  assert.not.ok('retentionSize' in s);
  assert.equal(s.storageSpec, { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '50Gi' } } } } });
  assert.equal(s.resources, { requests: { cpu: '250m', memory: '1Gi' } });
  assert.not.ok('nodeSelector' in s);
  assert.not.ok('tolerations' in s);
  assert.not.ok('externalUrl' in s);
  assert.equal(kps(out).alertmanager, { enabled: true, alertmanagerSpec: { replicas: 2 } });
  assert.equal(kps(out).nodeExporter, { enabled: true });
  assert.equal(kps(out).kubeStateMetrics, { enabled: true });
  assert.equal(kps(out).crds, { enabled: true });
  assert.not.ok('prometheusOperator' in kps(out), 'no operator settings without placement');
  for (const c of ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy']) assert.equal(kps(out)[c], { enabled: true }, c);
  assert.not.ok('defaultRules' in kps(out));
  assert.equal(out.values.sccp, v, 'the feature values are passed as sccp');
  assert.equal(out.endpoints, []);
  assert.equal(out.syncOptions, ['SkipDryRunOnMissingResource=true', 'RespectIgnoreDifferences=true']);
  assert.equal(out.ignoreDifferences!.map((d) => d.kind), ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
});

test('kind profile: 1 replica, 2d, 5Gi, small requests, 1 alertmanager, no control-plane scraping', () => {
  const v = valuesFor({}, 'kind');
  assert.equal(compileValidator(feature.bundledSchema)(v), []);
  const out = feature.render(v, standaloneContext(feature, { ...DEFAULT_PLATFORM, profile: 'kind' }, { provides: { storage: { block: 'standard' } } }));
  const s = spec(out);
  assert.is(s.replicas, 1);
  assert.is(s.retention, '2d');
  assert.is(s.storageSpec.volumeClaimTemplate.spec.resources.requests.storage, '5Gi');
  assert.is(s.storageSpec.volumeClaimTemplate.spec.storageClassName, 'standard');
  assert.equal(s.resources, { requests: { cpu: '100m', memory: '512Mi' } });
  assert.is(kps(out).alertmanager.alertmanagerSpec.replicas, 1);
  for (const c of ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy']) assert.equal(kps(out)[c], { enabled: false }, c);
  assert.equal(kps(out).defaultRules, {
    rules: { kubeControllerManager: false, kubeSchedulerAlerting: false, kubeSchedulerRecording: false, etcd: false, kubeProxy: false },
  });
});

test('managed-cluster profiles turn control-plane scraping off, bare-metal keeps it', () => {
  for (const p of ['aks', 'eks', 'gke'] as const) assert.is(valuesFor({}, p).controlPlaneMetrics, false, p);
  assert.is(valuesFor({}, 'bare-metal').controlPlaneMetrics, true);
});

test('kube-system: declared exactly when the chart writes a CoreDNS or control-plane Service there (gke: neither)', () => {
  const ctxFor = (profile: 'bare-metal' | 'kind' | 'aks' | 'eks' | 'gke') => standaloneContext(feature, { ...DEFAULT_PLATFORM, profile });
  const cases: [PrometheusValues, string, string[] | undefined, boolean][] = [
    [valuesFor({}, 'bare-metal'), 'bare-metal', ['kube-system'], true],
    [valuesFor({}, 'kind'), 'kind', ['kube-system'], true],
    [valuesFor({}, 'aks'), 'aks', ['kube-system'], true],
    [valuesFor({}, 'eks'), 'eks', ['kube-system'], true],
    [valuesFor({}, 'gke'), 'gke', undefined, false],
    [valuesFor({ coreDnsMetrics: false }, 'eks'), 'eks without coreDnsMetrics', undefined, false],
    [valuesFor({ coreDnsMetrics: false }, 'bare-metal'), 'bare-metal without coreDnsMetrics', ['kube-system'], false],
  ];
  for (const [v, label, extra, coreDns] of cases) {
    const out = feature.render(v, ctxFor(label.split(' ')[0] as any));
    assert.equal(out.extraNamespaces, extra, label);
    assert.equal(kps(out).coreDns, { enabled: coreDns }, label);
  }
  assert.is(valuesFor({}, 'gke').coreDnsMetrics, false);
  assert.is(valuesFor({}, 'aks').coreDnsMetrics, true);
});

test('selectors: ServiceMonitors, PodMonitors and rules selected cluster-wide by the platform label', () => {
  const s = spec(feature.render(valuesFor(), standalone()));
  for (const kind of ['serviceMonitor', 'podMonitor', 'rule']) {
    assert.equal(s[`${kind}Selector`], { matchLabels: LABELS }, kind);
    assert.is(s[`${kind}SelectorNilUsesHelmValues`], false, kind);
    assert.equal(s[`${kind}NamespaceSelector`], {}, kind);
  }
});

test("the chart's own and its subcharts' monitors and rules carry the platform label", () => {
  const out = kps(feature.render(valuesFor(), standalone()));
  assert.equal(out.commonLabels, LABELS);
  assert.equal(out['kube-state-metrics'].prometheus.monitor.additionalLabels, LABELS);
  assert.equal(out['prometheus-node-exporter'].prometheus.monitor.additionalLabels, LABELS);
});

test('provides metrics: the platform label, the real Service URL, the namespace and the sidecars\' StoreAPI', () => {
  const p = feature.provides!(valuesFor(), DEFAULT_PLATFORM);
  assert.equal(p, {
    metrics: {
      serviceMonitorLabels: LABELS,
      url: 'http://prometheus-kube-prometheus-prometheus.monitoring.svc:9090',
      namespace: 'monitoring',
      storeApi: 'dnssrv+_grpc._tcp.prometheus-kube-prometheus-thanos-discovery.monitoring.svc',
    },
  });
  // the Prometheus selectors select exactly what other features are told to put on their monitors
  const s = spec(feature.render(valuesFor(), standalone()));
  assert.equal(s.serviceMonitorSelector.matchLabels, (p.metrics as any).serviceMonitorLabels);
});

test('storeApi: always provided, the grpc SRV record of the discovery Service of the release, whatever the values', () => {
  for (const [values, platform] of [[valuesFor(), DEFAULT_PLATFORM], [valuesFor({}, 'kind'), { ...DEFAULT_PLATFORM, profile: 'kind' as const }], [valuesFor({ replicas: 1 }), { ...DEFAULT_PLATFORM, production: true }]] as const) {
    assert.is((feature.provides!(values, platform).metrics as any).storeApi, `dnssrv+_grpc._tcp.${thanosDiscoveryServiceName('prometheus')}.monitoring.svc`);
  }
  assert.is(thanosStoreApi('monitor', 'obs'), 'dnssrv+_grpc._tcp.monitor-kube-prometheus-st-thanos-discovery.obs.svc');
});

test('chart fullname logic (templates/_helpers.tpl) for several release names', () => {
  assert.is(chartFullname('prometheus'), 'prometheus-kube-prometheus');
  assert.is(prometheusServiceName('prometheus'), 'prometheus-kube-prometheus-prometheus');
  assert.is(thanosDiscoveryServiceName('prometheus'), 'prometheus-kube-prometheus-thanos-discovery');
  assert.is(chartFullname('kube-prometheus-stack'), 'kube-prometheus-stack', 'a release containing the chart name is used as is');
  assert.is(chartFullname('my-kube-prometheus-stack-long-name'), 'my-kube-prometheus-stack-l', 'truncated to 26');
  assert.is(chartFullname('monitor'), 'monitor-kube-prometheus-st');
  assert.is(chartFullname('abcdefghijklm'), 'abcdefghijklm-kube-prometh');
  assert.is(chartFullname('abcdefghijklmnopqrstuvwxy'), 'abcdefghijklmnopqrstuvwxy', 'trailing dash trimmed after truncation');
});

test('storage: the platform block class, an explicit class wins, none leaves the cluster default', () => {
  const claim = (values: unknown, ctx = standalone()) => spec(feature.render(valuesFor(values), ctx)).storageSpec.volumeClaimTemplate.spec;
  assert.not.ok('storageClassName' in claim({}));
  assert.is(claim({}, wired()).storageClassName, 'ceph-block');
  assert.is(claim({ storage: { storageClass: 'fast-nvme', size: '200Gi' } }, wired()).storageClassName, 'fast-nvme');
  assert.is(claim({ storage: { size: '200Gi' } }).resources.requests.storage, '200Gi');
});

test('without metricsArchive: no Thanos sidecar, no discovery Service', () => {
  const out = kps(feature.render(valuesFor(), standalone()));
  assert.not.ok('thanos' in out.prometheus.prometheusSpec);
  assert.equal(out.prometheus.thanosService, { enabled: false });
  assert.equal(out.prometheus.thanosServiceMonitor, { enabled: false });
});

test('with metricsArchive: the sidecar uploads with the thanos Secret and is discoverable', () => {
  const out = kps(feature.render(valuesFor(), wired()));
  assert.equal(out.prometheus.prometheusSpec.thanos, { objectStorageConfig: { existingSecret: { name: 'thanos-objstore', key: 'objstore.yml' } } });
  assert.equal(out.prometheus.thanosService, { enabled: true });
  assert.equal(out.prometheus.thanosServiceMonitor, { enabled: true });
});

test('metricsArchive.env: a thanos-sidecar patch with its name and that env only; without env, without archive: no containers', () => {
  const s = spec(feature.render(valuesFor(), wired(WIRED_ROOK_PROVIDES)));
  assert.equal(s.containers, [{ name: 'thanos-sidecar', env: ARCHIVE_ENV }]);
  assert.equal(Object.keys(s.containers[0]), ['name', 'env'], 'nothing else of the operator container is touched');
  assert.equal(s.thanos, { objectStorageConfig: { existingSecret: { name: 'thanos-objstore', key: 'objstore.yml' } } });
  assert.not.ok('containers' in spec(feature.render(valuesFor(), wired())), 'an archive without env (existingSecret)');
  assert.not.ok('containers' in spec(feature.render(valuesFor(), wired({ ...WIRED_PROVIDES, metricsArchive: { objstoreSecret: { name: 's3', key: 'k' }, env: [] } }))));
  assert.not.ok('containers' in spec(feature.render(valuesFor(), standalone())));
  // env without an archive Secret cannot happen (the type requires objstoreSecret); no archive at all: nothing
  const { metricsArchive: _, ...noArchive } = WIRED_ROOK_PROVIDES;
  assert.not.ok('containers' in spec(feature.render(valuesFor(), wired(noArchive))));
});

test('metricsArchive.env: the output is a copy (changing it does not change the capability) and the operator\'s own variables are refused', () => {
  const ctx = wired(structuredClone(WIRED_ROOK_PROVIDES));
  const s = spec(feature.render(valuesFor(), ctx));
  s.containers[0].env[0].valueFrom.configMapKeyRef.name = 'changed';
  assert.is((ctx.provides.metricsArchive as any).env[0].valueFrom.configMapKeyRef.name, 'thanos-bucket');
  for (const name of ['OBJSTORE_CONFIG', 'TRACING_CONFIG']) {
    const bad = wired({ ...WIRED_PROVIDES, metricsArchive: { objstoreSecret: { name: 'x', key: 'y' }, env: [{ name, valueFrom: { secretKeyRef: { name: 'x', key: 'y' } } }] } });
    assert.throws(() => feature.render(valuesFor(), bad), new RegExp(`must not set ${name}`));
  }
});

test('ingress off by default, even with an ingress controller', () => {
  const out = feature.render(valuesFor(), wired());
  assert.equal(kps(out).prometheus.ingress, { enabled: false });
  assert.equal(out.endpoints, []);
});

test('ingress with TLS: class, issuer annotation, <label>-tls secret, https externalUrl and endpoint', () => {
  const out = feature.render(valuesFor({ ingress: { enabled: true } }), wired());
  assert.equal(kps(out).prometheus.ingress, {
    enabled: true,
    ingressClassName: 'traefik',
    annotations: { 'cert-manager.io/cluster-issuer': 'platform-issuer' },
    hosts: ['prometheus.lab.example.org'],
    paths: ['/'],
    pathType: 'Prefix',
    tls: [{ secretName: 'prometheus-tls', hosts: ['prometheus.lab.example.org'] }],
  });
  assert.is(spec(out).externalUrl, 'https://prometheus.lab.example.org');
  assert.equal(out.endpoints, [{ name: 'Prometheus', url: 'https://prometheus.lab.example.org' }]);
});

test('ingress with a custom host, without a cluster issuer or ingress controller: plain HTTP', () => {
  const out = feature.render(valuesFor({ ingress: { enabled: true, host: 'metrics.corp.example' } }), standalone());
  const ing = kps(out).prometheus.ingress;
  assert.not.ok('ingressClassName' in ing);
  assert.equal(ing.annotations, {});
  assert.equal(ing.tls, []);
  assert.equal(ing.hosts, ['metrics.corp.example']);
  assert.equal(out.endpoints, [{ name: 'Prometheus', url: 'http://metrics.corp.example' }]);
});

test('ingress with tls: false keeps HTTP even when cert-manager is there', () => {
  const out = feature.render(valuesFor({ ingress: { enabled: true, tls: false } }), wired());
  assert.equal(kps(out).prometheus.ingress.tls, []);
  assert.equal(kps(out).prometheus.ingress.annotations, {});
  assert.is(spec(out).externalUrl, 'http://prometheus.lab.example.org');
});

test('external labels: the user labels plus cluster=<platform name>', () => {
  assert.equal(spec(feature.render(valuesFor(), standalone())).externalLabels, { cluster: 'example' });
  const out = feature.render(valuesFor({ externalLabels: { region: 'eu-west-1', env: 'prod' } }), wired());
  assert.equal(spec(out).externalLabels, { region: 'eu-west-1', env: 'prod', cluster: 'lab' });
});

test('external label values are escaped for the upstream tpl, the sccp copy stays as written', () => {
  const out = feature.render(valuesFor({ externalLabels: { owner: '{{ .Release.Name }}' } }), standalone());
  assert.is(spec(out).externalLabels.owner, '{{`{{`}} .Release.Name }}');
  assert.is((out.values.sccp as PrometheusValues).externalLabels!.owner, '{{ .Release.Name }}');
  assert.is(escapeForTpl('a{{{b}}'), 'a{{`{{`}}{b}}');
  assert.is(escapeForTpl('no braces {x}'), 'no braces {x}');
});

test('retentionSize is passed when set', () => {
  assert.is(spec(feature.render(valuesFor({ retentionSize: '40GiB' }), standalone())).retentionSize, '40GiB');
});

test('placement reaches Prometheus, Alertmanager, the operator, its webhook job and kube-state-metrics, not node-exporter', () => {
  const placement = { nodeSelector: { 'node-role/monitoring': 'true' }, tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'monitoring', effect: 'NoSchedule' }] };
  const out = kps(feature.render(valuesFor({ placement }), standalone()));
  for (const [where, obj] of Object.entries({
    prometheus: out.prometheus.prometheusSpec,
    alertmanager: out.alertmanager.alertmanagerSpec,
    operator: out.prometheusOperator,
    webhookJob: out.prometheusOperator.admissionWebhooks.patch,
    ksm: out['kube-state-metrics'],
  })) {
    assert.equal(obj.nodeSelector, placement.nodeSelector, where);
    assert.equal(obj.tolerations, placement.tolerations, where);
  }
  assert.not.ok('nodeSelector' in out['prometheus-node-exporter']);
  assert.not.ok('tolerations' in out['prometheus-node-exporter']);
});

test('toggles: alertmanager, node-exporter, kube-state-metrics off', () => {
  const out = kps(feature.render(valuesFor({ alertmanager: { enabled: false }, nodeExporter: { enabled: false }, kubeStateMetrics: { enabled: false } }), standalone()));
  assert.is(out.alertmanager.enabled, false);
  assert.equal(out.nodeExporter, { enabled: false });
  assert.equal(out.kubeStateMetrics, { enabled: false });
});

test('grafana subchart off; default dashboards only when the grafana feature is enabled', () => {
  assert.equal(kps(feature.render(valuesFor(), standalone())).grafana, { enabled: false, forceDeployDashboards: false });
  assert.equal(kps(feature.render(valuesFor(), wired())).grafana, { enabled: false, forceDeployDashboards: true });
});

test('render does not modify the values it is given', () => {
  const v = valuesFor({ placement: { nodeSelector: { a: 'b' } }, externalLabels: { x: 'y' } });
  const before = structuredClone(v);
  feature.render(v, wired({ ...WIRED_PROVIDES }));
  assert.equal(v, before);
});

test.run();
