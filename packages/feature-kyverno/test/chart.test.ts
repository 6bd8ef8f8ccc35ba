import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chartFiles, type RenderContext } from '@sccp/core';
import { helmLint, helmTemplate, materializeChart, standinValues } from '@sccp/test-kit';
import feature, { type KyvernoValues } from '../src';
import { CONTROLLER_KEYS, STANDALONE, WIRED, ctxWith, kindValues, valuesWith } from './contexts';

function build(values: KyvernoValues, ctx: RenderContext) {
  const out = feature.render(values, ctx);
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  return { out, dir };
}

/** helm lint --strict and helm template of the wrapper chart (stand-in upstream), as ArgoCD renders it. */
function template(values: KyvernoValues, ctx: RenderContext) {
  const { out, dir } = build(values, ctx);
  const lint = helmLint(dir);
  assert.is(lint.status, 0, lint.stdout + lint.stderr);
  const r = helmTemplate(dir, { namespace: 'kyverno', release: 'kyverno' });
  assert.is(r.status, 0, r.stderr);
  return { out, dir, manifests: r.manifests, received: standinValues(r.manifests, 'kyverno') };
}

function valuesFile(content: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kyverno-values-')), 'values.yaml');
  fs.writeFileSync(f, content);
  return f;
}

const t = suite('kyverno chart (helm template)');

t('standalone defaults: the chart hands exactly the rendered values to kyverno 3.9.1, nothing else is rendered', () => {
  const { out, manifests, received } = template(feature.defaults, STANDALONE);
  assert.equal(received, JSON.parse(JSON.stringify(out.values.kyverno)));
  assert.equal(manifests.map((m) => `${m.kind}/${m.metadata.name}`), ['ConfigMap/kyverno-standin']);
  const chart = require('yaml').parse(fs.readFileSync(path.join(build(feature.defaults, STANDALONE).dir, 'Chart.yaml'), 'utf8'));
  assert.equal(chart.dependencies, [{ name: 'kyverno', version: '3.9.1', repository: 'https://kyverno.github.io/kyverno/' }]);
  assert.equal(received.features.policyExceptions, { enabled: true, namespace: 'kyverno' });
  assert.equal(
    CONTROLLER_KEYS.map((c) => received[c].replicas),
    [3, 2, 2, 2],
  );
  for (const c of CONTROLLER_KEYS) {
    assert.equal(received[c].serviceMonitor, { enabled: false }, c);
    assert.equal(received[c].podDisruptionBudget, { enabled: true, minAvailable: 0, maxUnavailable: 1 }, c);
  }
});

t('wired with prometheus: ServiceMonitors with the platform labels reach the chart', () => {
  const { out, received } = template(feature.defaults, WIRED);
  assert.equal(received, JSON.parse(JSON.stringify(out.values.kyverno)));
  for (const c of CONTROLLER_KEYS) assert.equal(received[c].serviceMonitor, { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } }, c);
});

t('kind profile: one replica each, no PodDisruptionBudgets', () => {
  const { received } = template(kindValues(), ctxWith({}, 'kind'));
  for (const c of CONTROLLER_KEYS) {
    assert.is(received[c].replicas, 1, c);
    assert.equal(received[c].podDisruptionBudget, { enabled: false }, c);
  }
});

t('policy exceptions off reach the chart as enabled: false', () => {
  const { received } = template(valuesWith({ policyExceptions: { enabled: false } }), STANDALONE);
  assert.equal(received.features.policyExceptions, { enabled: false, namespace: 'kyverno' });
});

// The upstream chart passes nodeSelector and tolerations through Helm's `tpl`, so the schema must
// make a template expression impossible there (label syntax has no braces).
const INJECTIONS: [string, unknown, string][] = [
  ['node selector value', { placement: { nodeSelector: { pool: '{{ .Release.Name }}' } } }, '/placement/nodeSelector/pool'],
  ['node selector key', { admissionController: { placement: { nodeSelector: { '{{ .Release.Name }}': 'x' } } } }, '/admissionController/placement/nodeSelector'],
  ['toleration value', { reportsController: { placement: { tolerations: [{ key: 'k', operator: 'Equal', value: '{{ .Release.Name }}' }] } } }, '/reportsController/placement/tolerations/0/value'],
  ['toleration key', { placement: { tolerations: [{ key: '{{ .Release.Name }}', operator: 'Exists' }] } }, '/placement/tolerations/0/key'],
  ['resources', { cleanupController: { resources: { limits: { memory: '{{ .Release.Name }}' } } } }, '/cleanupController/resources/limits/memory'],
];

t('template expressions in placement or resources are refused by the schema, in SCCP and in Helm', () => {
  const { compileValidator } = require('@sccp/core');
  const validate = compileValidator(feature.bundledSchema);
  const { dir } = build(feature.defaults, STANDALONE);
  for (const [what, over, pointer] of INJECTIONS) {
    const problems = validate(valuesWith(over));
    assert.ok(problems.some((p: { pointer: string }) => p.pointer.startsWith(pointer)), `${what}: ${JSON.stringify(problems)}`);
    const r = helmTemplate(dir, { values: [valuesFile(require('yaml').stringify({ sccp: valuesWith(over) }))] });
    assert.is.not(r.status, 0, `${what}: helm accepted it`);
    assert.match(r.stderr, /schema/i, what);
  }
});

t('legitimate placement passes SCCP and Helm', () => {
  const { compileValidator } = require('@sccp/core');
  const over = {
    placement: { nodeSelector: { 'node-role.kubernetes.io/infra': 'true', 'topology.kubernetes.io/zone': 'eu-1a' }, tolerations: [{ key: 'node-role.kubernetes.io/infra', operator: 'Exists', effect: 'NoSchedule' }] },
    admissionController: { placement: { tolerations: [{ operator: 'Exists' }, { key: 'dedicated', operator: 'Equal', value: 'policy', effect: 'NoExecute', tolerationSeconds: 60 }] } },
  };
  assert.equal(compileValidator(feature.bundledSchema)(valuesWith(over)), []);
  const { received } = template(valuesWith(over), STANDALONE);
  assert.equal(received.admissionController.tolerations[1], { key: 'dedicated', operator: 'Equal', value: 'policy', effect: 'NoExecute', tolerationSeconds: 60 });
  assert.equal(received.backgroundController.nodeSelector, over.placement.nodeSelector);
});

t('helm enforces the schema: replicas >= 1, no exceptions namespace knob', () => {
  const { dir } = build(feature.defaults, STANDALONE);
  const zero = helmTemplate(dir, { set: ['sccp.admissionController.replicas=0'] });
  assert.is.not(zero.status, 0);
  assert.match(zero.stderr, /schema/i);
  const ns = helmTemplate(dir, { set: ['sccp.policyExceptions.namespace=shop'] });
  assert.is.not(ns.status, 0, 'the exceptions namespace is not configurable');
  assert.match(ns.stderr, /schema/i);
  const ok = helmTemplate(dir, { set: ['sccp.admissionController.replicas=5'] });
  assert.is(ok.status, 0, ok.stderr);
});

t.run();
