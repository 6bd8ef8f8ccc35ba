import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { chartFiles, type RenderContext } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues } from '@sccp/test-kit';
import feature from '../src';
import type { PrometheusValues } from '../src/values.generated';
import { standalone, valuesFor, wired } from './contexts';

const CHART = 'kube-prometheus-stack';

/** Render the feature, write its wrapper chart with the stand-in upstream chart, `helm template` it as ArgoCD does. */
function helmRender(values: PrometheusValues, ctx: RenderContext, opts: { set?: string[]; values?: string[]; extra?: Record<string, string> } = {}) {
  const out = feature.render(values, ctx);
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  for (const [file, text] of Object.entries(opts.extra ?? {})) fs.writeFileSync(path.join(dir, 'charts', CHART, 'templates', file), text);
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
