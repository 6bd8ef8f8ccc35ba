import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { chartFiles, DEFAULT_PLATFORM, type RenderContext } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues } from '@sccp/test-kit';
import feature from '../src';
import type { PrometheusValues } from '../src/values.generated';
import { ARCHIVE_ENV, standalone, valuesFor, wired, WIRED_ROOK_PROVIDES } from './contexts';

const CHART = 'kube-prometheus-stack';

/** Render the feature, write its wrapper chart with the stand-in upstream chart, `helm template` it as ArgoCD does. */
function helmRender(values: PrometheusValues, ctx: RenderContext, opts: { set?: string[]; values?: string[]; extra?: Record<string, string>; standinDefaults?: Record<string, unknown> } = {}) {
  const out = feature.render(values, ctx);
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  for (const [file, text] of Object.entries(opts.extra ?? {})) fs.writeFileSync(path.join(dir, 'charts', CHART, 'templates', file), text);
  if (opts.standinDefaults) fs.writeFileSync(path.join(dir, 'charts', CHART, 'values.yaml'), stringify(opts.standinDefaults));
  const r = helmTemplate(dir, { release: feature.name, namespace: feature.namespace, set: opts.set, values: opts.values });
  return { out, dir, r };
}

/** The line of the upstream templates/prometheus/prometheus.yaml that renders externalLabels (through tpl). */
const UPSTREAM_EXTERNAL_LABELS = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: {{ .Release.Name }}-tpl-check
spec:
  externalLabels:
{{ tpl (toYaml .Values.prometheus.prometheusSpec.externalLabels | indent 4) . }}
`;

/** The `containers` and `thanos` lines of the upstream templates/prometheus/prometheus.yaml (1514b965 and 0027117e: plain toYaml, no tpl). */
const UPSTREAM_CONTAINERS = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: {{ .Release.Name }}-containers-check
spec:
{{- if .Values.prometheus.prometheusSpec.containers }}
  containers:
{{ toYaml .Values.prometheus.prometheusSpec.containers | indent 4 }}
{{- end }}
{{- if .Values.prometheus.prometheusSpec.thanos }}
  thanos:
{{ toYaml .Values.prometheus.prometheusSpec.thanos | indent 4 }}
{{- end }}
`;

/**
 * The helpers of the upstream templates/_helpers.tpl (082861ba) that templates/prometheus/serviceThanosSidecar.yaml
 * uses, and that template (03dd81b7), verbatim.
 */
const UPSTREAM_HELPERS = `{{- define "kube-prometheus-stack.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 50 | trimSuffix "-" -}}
{{- end }}
{{- define "kube-prometheus-stack.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 26 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 26 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 26 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- define "kube-prometheus-stack.prometheus.crname" -}}
{{- if .Values.cleanPrometheusOperatorObjectNames }}
{{- include "kube-prometheus-stack.fullname" . }}
{{- else }}
{{- print (include "kube-prometheus-stack.fullname" .) "-prometheus" }}
{{- end }}
{{- end }}
{{- define "kube-prometheus-stack.chartref" -}}
{{- replace "+" "_" .Chart.Version | printf "%s-%s" .Chart.Name -}}
{{- end }}
{{- define "kube-prometheus-stack.labels" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: "{{ replace "+" "_" .Chart.Version }}"
app.kubernetes.io/part-of: {{ template "kube-prometheus-stack.name" . }}
chart: {{ template "kube-prometheus-stack.chartref" . }}
release: {{ $.Release.Name | quote }}
heritage: {{ $.Release.Service | quote }}
{{- if .Values.commonLabels}}
{{ toYaml .Values.commonLabels }}
{{- end }}
{{- end }}
{{- define "kube-prometheus-stack.namespace" -}}
  {{- if .Values.namespaceOverride -}}
    {{- .Values.namespaceOverride -}}
  {{- else -}}
    {{- .Release.Namespace -}}
  {{- end -}}
{{- end -}}
`;
const UPSTREAM_THANOS_SERVICE = `{{- if and .Values.prometheus.enabled .Values.prometheus.thanosService.enabled }}
apiVersion: v1
kind: Service
metadata:
  name: {{ template "kube-prometheus-stack.fullname" . }}-thanos-discovery
  namespace: {{ template "kube-prometheus-stack.namespace" . }}
  labels:
    app: {{ template "kube-prometheus-stack.name" . }}-thanos-discovery
{{ include "kube-prometheus-stack.labels" . | indent 4 }}
{{- if .Values.prometheus.thanosService.labels }}
{{ toYaml .Values.prometheus.thanosService.labels | indent 4 }}
{{- end }}
{{- if .Values.prometheus.thanosService.annotations }}
  annotations:
{{ toYaml .Values.prometheus.thanosService.annotations | indent 4 }}
{{- end }}
spec:
  type: {{ .Values.prometheus.thanosService.type }}
  clusterIP: {{ .Values.prometheus.thanosService.clusterIP }}
{{- if ne .Values.prometheus.thanosService.type "ClusterIP" }}
  externalTrafficPolicy: {{ .Values.prometheus.thanosService.externalTrafficPolicy }}
{{- end }}
  ports:
  - name: {{ .Values.prometheus.thanosService.portName }}
    port: {{ .Values.prometheus.thanosService.port }}
    targetPort: {{ .Values.prometheus.thanosService.targetPort }}
    {{- if eq .Values.prometheus.thanosService.type "NodePort" }}
    nodePort: {{ .Values.prometheus.thanosService.nodePort }}
    {{- end }}
  - name: {{ .Values.prometheus.thanosService.httpPortName }}
    port: {{ .Values.prometheus.thanosService.httpPort }}
    targetPort: {{ .Values.prometheus.thanosService.targetHttpPort }}
    {{- if eq .Values.prometheus.thanosService.type "NodePort" }}
    nodePort: {{ .Values.prometheus.thanosService.httpNodePort }}
    {{- end }}
  selector:
    app.kubernetes.io/name: prometheus
    prometheus: {{ template "kube-prometheus-stack.prometheus.crname" . }}
{{- end }}
`;

/** The upstream values.yaml defaults (001f3a6d) those templates read. */
const UPSTREAM_DEFAULTS = {
  nameOverride: '',
  fullnameOverride: '',
  namespaceOverride: '',
  prometheus: {
    enabled: true,
    thanosService: {
      enabled: false,
      annotations: {},
      labels: {},
      externalTrafficPolicy: 'Cluster',
      type: 'ClusterIP',
      portName: 'grpc',
      port: 10901,
      targetPort: 'grpc',
      httpPortName: 'http',
      httpPort: 10902,
      targetHttpPort: 'http',
      clusterIP: 'None',
      nodePort: 30901,
      httpNodePort: 30902,
    },
    prometheusSpec: { containers: [] },
  },
};

/**
 * A model of what the operator does with `spec.containers` (prometheus-operator pkg/k8sutil/merge.go
 * `MergePatchContainers`: patch containers are merged into the generated ones of the same name with a
 * strategic merge patch, where Container.env merges by `name`; other patches are appended).
 */
function operatorMerge(generated: any[], patches: any[]): any[] {
  const byName = new Map(patches.map((p) => [p.name, p]));
  const out = generated.map((c) => {
    const p = byName.get(c.name);
    if (!p) return c;
    byName.delete(c.name);
    const merged = { ...c, ...p };
    if (p.env) {
      const env = [...(c.env ?? [])];
      for (const e of p.env) {
        const i = env.findIndex((x) => x.name === e.name);
        if (i >= 0) env[i] = { ...env[i], ...e };
        else env.push(e);
      }
      merged.env = env;
    }
    return merged;
  });
  return [...out, ...byName.values()];
}

/** The sidecar as the operator generates it (createThanosContainer, prometheus-operator statefulset.go cec79725), abridged. */
const OPERATOR_SIDECAR = {
  name: 'thanos-sidecar',
  image: 'quay.io/thanos/thanos:v0.39.1',
  args: ['sidecar', '--prometheus.url=http://localhost:9090/', '--grpc-address=:10901', '--http-address=:10902', '--objstore.config=$(OBJSTORE_CONFIG)', '--tsdb.path=/prometheus'],
  env: [{ name: 'OBJSTORE_CONFIG', valueFrom: { secretKeyRef: { name: 'thanos-objstore', key: 'objstore.yml' } } }],
  ports: [{ name: 'http', containerPort: 10902 }, { name: 'grpc', containerPort: 10901 }],
};

test('standalone defaults: the upstream chart receives exactly the rendered values', () => {
  const { out, r } = helmRender(valuesFor(), standalone());
  assert.is(r.status, 0, r.stderr);
  const received = standinValues(r.manifests, CHART);
  assert.equal(received, out.values[CHART]);
  const s = received.prometheus.prometheusSpec;
  assert.equal(s.serviceMonitorSelector, { matchLabels: { 'sccp.dev/monitoring': 'platform' } });
  assert.is(s.serviceMonitorSelectorNilUsesHelmValues, false);
  assert.equal(s.ruleNamespaceSelector, {});
  assert.not.ok('storageClassName' in s.storageSpec.volumeClaimTemplate.spec);
  assert.not.ok('thanos' in s);
  assert.is(received.grafana.enabled, false);
  assert.equal(received.prometheus.ingress, { enabled: false });
});

test('wired: storage class, Thanos sidecar Secret, discovery Service, ingress with TLS reach the upstream chart', () => {
  const { r } = helmRender(valuesFor({ ingress: { enabled: true } }), wired());
  assert.is(r.status, 0, r.stderr);
  const received = standinValues(r.manifests, CHART);
  const s = received.prometheus.prometheusSpec;
  assert.is(s.storageSpec.volumeClaimTemplate.spec.storageClassName, 'ceph-block');
  assert.equal(s.thanos.objectStorageConfig.existingSecret, { name: 'thanos-objstore', key: 'objstore.yml' });
  assert.is(received.prometheus.thanosService.enabled, true);
  assert.is(received.prometheus.ingress.ingressClassName, 'traefik');
  assert.equal(received.prometheus.ingress.annotations, { 'cert-manager.io/cluster-issuer': 'platform-issuer' });
  assert.equal(received.prometheus.ingress.tls, [{ secretName: 'prometheus-tls', hosts: ['prometheus.lab.example.org'] }]);
  assert.is(s.externalUrl, 'https://prometheus.lab.example.org');
  assert.equal(s.externalLabels, { cluster: 'lab' });
  assert.is(received.grafana.forceDeployDashboards, true);
});

test("rook-ceph archive: the thanos-sidecar patch reaches the Prometheus CR through the upstream lines, and the operator's merge keeps OBJSTORE_CONFIG", () => {
  const { r } = helmRender(valuesFor(), wired(WIRED_ROOK_PROVIDES), { extra: { 'containers-check.yaml': UPSTREAM_CONTAINERS }, standinDefaults: UPSTREAM_DEFAULTS });
  assert.is(r.status, 0, r.stderr);
  assert.equal(standinValues(r.manifests, CHART).prometheus.prometheusSpec.containers, [{ name: 'thanos-sidecar', env: ARCHIVE_ENV }]);
  const cr = r.manifests.find((m) => m.kind === 'Prometheus');
  assert.equal(cr.spec.containers, [{ name: 'thanos-sidecar', env: ARCHIVE_ENV }]);
  assert.equal(cr.spec.thanos, { objectStorageConfig: { existingSecret: { name: 'thanos-objstore', key: 'objstore.yml' } } });
  const [prom, reloader, sidecar] = operatorMerge([{ name: 'prometheus', image: 'p' }, { name: 'config-reloader', image: 'r' }, OPERATOR_SIDECAR], cr.spec.containers);
  assert.equal([prom, reloader], [{ name: 'prometheus', image: 'p' }, { name: 'config-reloader', image: 'r' }], 'the other containers are untouched');
  assert.equal(sidecar.env.map((e: any) => e.name), ['OBJSTORE_CONFIG', 'BUCKET_NAME', 'BUCKET_HOST', 'BUCKET_PORT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  assert.equal(sidecar.env[0], OPERATOR_SIDECAR.env[0]);
  assert.equal([sidecar.image, sidecar.args, sidecar.ports], [OPERATOR_SIDECAR.image, OPERATOR_SIDECAR.args, OPERATOR_SIDECAR.ports]);
  // an archive without env (existingSecret) or no archive: no containers key at all, the CR has none
  for (const ctx of [wired(), standalone()]) {
    const plain = helmRender(valuesFor(), ctx, { extra: { 'containers-check.yaml': UPSTREAM_CONTAINERS }, standinDefaults: UPSTREAM_DEFAULTS }).r;
    assert.is(plain.status, 0, plain.stderr);
    assert.not.ok('containers' in (plain.manifests.find((m) => m.kind === 'Prometheus').spec ?? {}));
  }
});

test("storeApi names the discovery Service the upstream template creates for release prometheus (headless, port grpc), only with an archive", () => {
  const extra = { '_helpers.tpl': UPSTREAM_HELPERS, 'service-thanos-sidecar.yaml': UPSTREAM_THANOS_SERVICE };
  const { r } = helmRender(valuesFor(), wired(WIRED_ROOK_PROVIDES), { extra, standinDefaults: UPSTREAM_DEFAULTS });
  assert.is(r.status, 0, r.stderr);
  const svc = r.manifests.find((m) => m.kind === 'Service');
  assert.is(svc.metadata.name, 'prometheus-kube-prometheus-thanos-discovery');
  assert.is(svc.spec.clusterIP, 'None', 'headless: the SRV answer lists every sidecar');
  assert.equal(svc.spec.ports[0], { name: 'grpc', port: 10901, targetPort: 'grpc' });
  assert.equal(svc.spec.selector, { 'app.kubernetes.io/name': 'prometheus', prometheus: 'prometheus-kube-prometheus-prometheus' });
  const storeApi = (feature.provides!(valuesFor(), DEFAULT_PLATFORM).metrics as any).storeApi;
  assert.is(storeApi, `dnssrv+_grpc._tcp.${svc.metadata.name}.${svc.metadata.namespace}.svc`);
  // without an archive the sidecar and the Service are off: nothing answers at storeApi (thanos, its only consumer, is not enabled)
  const off = helmRender(valuesFor(), standalone(), { extra, standinDefaults: UPSTREAM_DEFAULTS }).r;
  assert.is(off.status, 0, off.stderr);
  assert.not.ok(off.manifests.some((m) => m.kind === 'Service'));
});

test('kind profile through Helm: 1 replica, 2d, 5Gi on the standard class', () => {
  const { r } = helmRender(valuesFor({}, 'kind'), { ...standalone(), provides: { storage: { block: 'standard' } } });
  assert.is(r.status, 0, r.stderr);
  const s = standinValues(r.manifests, CHART).prometheus.prometheusSpec;
  assert.is(s.replicas, 1);
  assert.is(s.retention, '2d');
  assert.equal(s.storageSpec.volumeClaimTemplate.spec, { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'standard' });
});

test('Helm rejects bad sccp values with a schema error', () => {
  for (const set of ['sccp.retention=15 days', 'sccp.replicas=0', 'sccp.externalLabels.bad-name=x', 'sccp.alertmanager.color=red']) {
    const { r } = helmRender(valuesFor(), standalone(), { set: [set] });
    assert.is.not(r.status, 0, `${set} must fail`);
    assert.match(r.stderr, /schema/i, set);
  }
  const { r } = helmRender(valuesFor(), standalone(), { set: ['sccp.retention=36h'] });
  assert.is(r.status, 0, r.stderr);
});

test('a user string {{ .Release.Name }} in an external label comes out literally, through the upstream tpl too', () => {
  const tricky = `a "b" 'c' \`d\` : e {{ .Values }}`;
  const values = valuesFor({ externalLabels: { owner: '{{ .Release.Name }}', tricky } });
  const { r } = helmRender(values, standalone(), { extra: { 'tpl-check.yaml': UPSTREAM_EXTERNAL_LABELS } });
  assert.is(r.status, 0, r.stderr);
  const cr = r.manifests.find((m) => m.kind === 'Prometheus');
  assert.ok(cr, 'the tpl check object renders');
  assert.equal(cr.spec.externalLabels, { owner: '{{ .Release.Name }}', tricky, cluster: 'example' });
});

test('negative control: an unescaped {{ .Release.Name }} would be executed by the upstream tpl', () => {
  const file = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sccp-prom-')), 'raw.yaml');
  fs.writeFileSync(file, stringify({ [CHART]: { prometheus: { prometheusSpec: { externalLabels: { owner: '{{ .Release.Name }}' } } } } }));
  const { r } = helmRender(valuesFor(), standalone(), { values: [file], extra: { 'tpl-check.yaml': UPSTREAM_EXTERNAL_LABELS } });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.manifests.find((m) => m.kind === 'Prometheus').spec.externalLabels.owner, 'prometheus');
});

test.run();
