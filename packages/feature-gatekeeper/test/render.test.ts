import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { chartFiles, compileValidator, DEFAULT_PLATFORM, deepMerge, standaloneContext } from '@sccp/core';
import { helmTemplate, materializeChart } from '@sccp/test-kit';
import feature from '../src';
import { METRICS, PLATFORM_NAMESPACES, WIRED, ctxWith, helmRender, upstream, valuesWith } from './contexts';

const standalone = standaloneContext(feature);
const UPSTREAM_RESOURCES = { requests: { cpu: '100m', memory: '512Mi' }, limits: { memory: '512Mi' } };
const PLATFORM_EXEMPT = ['argocd', 'cert-manager', 'kube-system', 'metallb-system', 'monitoring', 'traefik'];

const t = suite('gatekeeper render');

t('defaults: HA webhook, PDB, fail-open webhook, no mutation, audit every 60 s, kube-system exempt', () => {
  const { out, received, manifests } = helmRender();
  assert.equal(received, JSON.parse(JSON.stringify(out.values.gatekeeper)), 'the stand-in receives exactly the rendered upstream values');
  assert.equal(received, {
    replicas: 3,
    pdb: { controllerManager: { minAvailable: 1 } },
    logLevel: 'INFO',
    logDenies: false,
    validatingWebhookFailurePolicy: 'Ignore',
    validatingWebhookTimeoutSeconds: 3,
    validatingWebhookExemptNamespacesLabels: { 'kubernetes.io/metadata.name': ['kube-system'] },
    enableDeleteOperations: true,
    disableMutation: true,
    mutatingWebhookExemptNamespacesLabels: { 'kubernetes.io/metadata.name': ['kube-system'] },
    metricsBackends: ['prometheus'],
    auditInterval: 60,
    constraintViolationsLimit: 20,
    auditMatchKindOnly: false,
    admissionEventsInvolvedNamespace: false,
    auditEventsInvolvedNamespace: false,
    controllerManager: { exemptNamespaces: ['kube-system'], exemptNamespacePrefixes: [], resources: UPSTREAM_RESOURCES },
    audit: { resources: UPSTREAM_RESOURCES },
  });
  assert.not.ok('emitAdmissionEvents' in received);
  assert.not.ok('emitAuditEvents' in received);
  assert.is(manifests.filter((m) => m.kind === 'PodMonitor').length, 0);
  assert.equal(out.values.sccp, feature.defaults);
  assert.is(out.values.wiring, undefined);
  assert.equal(out.templates, {});
});

t('Application settings: server-side apply, own namespace labels, cert rotation ignored', () => {
  assert.is(feature.serverSideApply, true);
  assert.is(feature.namespace, 'gatekeeper-system');
  assert.equal(feature.upstream.map((u) => [u.name, u.version, u.repository]), [['gatekeeper', '3.23.1', 'https://open-policy-agent.github.io/gatekeeper/charts']]);
  assert.match(feature.upstream[0].source, /@ v3\.23\.1/);
  const out = feature.render(valuesWith(), standalone);
  assert.equal(out.namespaceLabels, { 'admission.gatekeeper.sh/ignore': 'no-self-managing', 'pod-security.kubernetes.io/enforce': 'restricted' });
  assert.equal(out.ignoreDifferences!.map((d) => `${d.kind}/${d.name}`), [
    'ValidatingWebhookConfiguration/gatekeeper-validating-webhook-configuration',
    'MutatingWebhookConfiguration/gatekeeper-mutating-webhook-configuration',
    'Secret/gatekeeper-webhook-server-cert',
  ]);
});

t('replicas and the PDB reach the chart; the kind profile runs one pod with a drainable PDB', () => {
  assert.is(upstream(valuesWith({ replicas: 5, podDisruptionBudget: { minAvailable: 3 } })).replicas, 5);
  assert.equal(upstream(valuesWith({ replicas: 5, podDisruptionBudget: { minAvailable: 3 } })).pdb, { controllerManager: { minAvailable: 3 } });
  assert.is(feature.defaults.replicas, 3);
  assert.equal(feature.profiles?.kind, { replicas: 1, podDisruptionBudget: { minAvailable: 0 } });
  const kind = valuesWith(feature.profiles!.kind);
  assert.equal(feature.validate!(kind, { ...DEFAULT_PLATFORM, profile: 'kind' }), []);
  const { received } = helmRender(kind);
  assert.is(received.replicas, 1);
  assert.equal(received.pdb, { controllerManager: { minAvailable: 0 } });
});

t('exempt namespaces: every enabled feature namespace (deduplicated, without gatekeeper-system) plus kube-system', () => {
  const { received } = helmRender(valuesWith(), WIRED);
  assert.equal(received.controllerManager.exemptNamespaces, PLATFORM_EXEMPT);
  assert.equal(received.validatingWebhookExemptNamespacesLabels, { 'kubernetes.io/metadata.name': PLATFORM_EXEMPT });
  assert.equal(received.mutatingWebhookExemptNamespacesLabels, { 'kubernetes.io/metadata.name': PLATFORM_EXEMPT });
  assert.equal(received.controllerManager.exemptNamespacePrefixes, []);
});

t('exempt namespaces: platform off, own list and prefixes; nothing at all leaves the labels empty', () => {
  const ctx = ctxWith({}, PLATFORM_NAMESPACES);
  const v = upstream(valuesWith({ exemptNamespaces: { platform: false, namespaces: ['velero', 'kube-system'], prefixes: ['kube-', 'openshift-'] } }), ctx);
  assert.equal(v.controllerManager.exemptNamespaces, ['kube-system', 'velero']);
  assert.equal(v.controllerManager.exemptNamespacePrefixes, ['kube-', 'openshift-']);
  assert.equal(v.validatingWebhookExemptNamespacesLabels, { 'kubernetes.io/metadata.name': ['kube-system', 'velero'] });
  const none = upstream(valuesWith({ exemptNamespaces: { platform: false, namespaces: [] } }), ctx);
  assert.equal(none.controllerManager.exemptNamespaces, []);
  assert.equal(none.validatingWebhookExemptNamespacesLabels, {});
  assert.equal(none.mutatingWebhookExemptNamespacesLabels, {});
});

t('wired to prometheus: a PodMonitor for the controller-manager and audit pods, with the selector labels', () => {
  const { out, of, received } = helmRender(valuesWith(), WIRED);
  assert.equal(out.values.wiring, { metrics: { labels: METRICS.serviceMonitorLabels, port: 'metrics' } });
  assert.equal(received.metricsBackends, ['prometheus']);
  const [pm, ...more] = of('PodMonitor');
  assert.is(more.length, 0);
  assert.is(pm.apiVersion, 'monitoring.coreos.com/v1');
  assert.is(pm.metadata.name, 'gatekeeper');
  assert.is(pm.metadata.namespace, 'gatekeeper-system');
  assert.is(pm.metadata.labels.release, 'kube-prometheus-stack', 'Prometheus selects PodMonitors by this label');
  assert.is(pm.metadata.labels['app.kubernetes.io/name'], 'gatekeeper');
  assert.equal(pm.spec.namespaceSelector, { matchNames: ['gatekeeper-system'] });
  // the labels the 3.23.1 templates put on both Deployments' pods (release = the Helm release)
  assert.equal(pm.spec.selector, {
    matchLabels: { app: 'gatekeeper', 'gatekeeper.sh/system': 'yes', release: 'gatekeeper' },
    matchExpressions: [{ key: 'control-plane', operator: 'In', values: ['controller-manager', 'audit-controller'] }],
  });
  assert.equal(pm.spec.podMetricsEndpoints, [{ port: 'metrics', path: '/metrics' }]);
  assert.ok(feature.optionalDependsOn?.includes('prometheus'), 'the PodMonitor CRD comes from the prometheus feature');
});

t('metrics labels cannot break the PodMonitor: a colliding key wins, Go-template text stays literal', () => {
  const labels = { 'app.kubernetes.io/name': 'scraped', prometheus: '{{ .Release.Name }}' };
  const { of } = helmRender(valuesWith(), ctxWith({ metrics: { ...METRICS, serviceMonitorLabels: labels } }));
  const [pm] = of('PodMonitor');
  assert.is(pm.metadata.labels['app.kubernetes.io/name'], 'scraped');
  assert.is(pm.metadata.labels.prometheus, '{{ .Release.Name }}');
});

t('audit, events, logs, webhook and mutation options reach the chart', () => {
  const v = upstream(valuesWith({
    audit: { interval: 0, constraintViolationsLimit: 100, matchKindOnly: true },
    events: { admission: true, audit: true, involvedNamespace: true },
    logLevel: 'DEBUG',
    logDenies: true,
    webhook: { failurePolicy: 'Fail', timeoutSeconds: 10 },
    mutation: true,
  }));
  assert.is(v.auditInterval, 0);
  assert.is(v.constraintViolationsLimit, 100);
  assert.is(v.auditMatchKindOnly, true);
  assert.is(v.emitAdmissionEvents, true);
  assert.is(v.emitAuditEvents, true);
  assert.is(v.admissionEventsInvolvedNamespace, true);
  assert.is(v.auditEventsInvolvedNamespace, true);
  assert.is(v.logLevel, 'DEBUG');
  assert.is(v.logDenies, true);
  assert.is(v.validatingWebhookFailurePolicy, 'Fail');
  assert.is(v.validatingWebhookTimeoutSeconds, 10);
  assert.is(v.disableMutation, false);
  const onlyAdmission = upstream(valuesWith({ events: { admission: true } }));
  assert.is(onlyAdmission.emitAdmissionEvents, true);
  assert.not.ok('emitAuditEvents' in onlyAdmission);
});

t('resources and placement of the controller-manager and the audit pod', () => {
  const resources = { requests: { cpu: '200m', memory: '1Gi' }, limits: { memory: '1Gi' } };
  const tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'system', effect: 'NoSchedule' }];
  const { received } = helmRender(valuesWith({
    resources,
    placement: { nodeSelector: { 'node-role.kubernetes.io/system': 'true' }, tolerations },
    audit: { resources: { requests: { cpu: '50m' } }, placement: { tolerations } },
  }));
  assert.equal(received.controllerManager.resources, resources);
  assert.equal(received.controllerManager.nodeSelector, { 'node-role.kubernetes.io/system': 'true' });
  assert.equal(received.controllerManager.tolerations, tolerations);
  // the platform merges the user's object over the schema default (the upstream default)
  assert.equal(received.audit.resources, { requests: { cpu: '50m', memory: '512Mi' }, limits: { memory: '512Mi' } });
  assert.equal(received.audit.tolerations, tolerations);
  assert.is(received.audit.nodeSelector, undefined);
});

t('validate(): minAvailable must stay below replicas', () => {
  assert.equal(feature.validate!(valuesWith(), DEFAULT_PLATFORM), []);
  assert.equal(feature.validate!(valuesWith({ replicas: 1 }), DEFAULT_PLATFORM), [
    { pointer: '/podDisruptionBudget/minAvailable', message: 'podDisruptionBudget.minAvailable (1) must be lower than replicas (1): otherwise a node drain can never evict a Gatekeeper webhook pod (set it to 0)' },
  ]);
  assert.equal(feature.validate!(valuesWith({ replicas: 2, podDisruptionBudget: { minAvailable: 1 } }), DEFAULT_PLATFORM), []);
});

t('schema: the sccp key holds schema-valid values; bad values are refused by SCCP and by Helm', () => {
  const validate = compileValidator(feature.bundledSchema);
  assert.equal(validate((feature.render(valuesWith(), WIRED).values as any).sccp), []);
  assert.ok(validate(valuesWith({ replicas: 0 })).some((p) => p.pointer === '/replicas'));
  assert.ok(validate(valuesWith({ exemptNamespaces: { namespaces: ['Not_A_Namespace'] } })).some((p) => (p.pointer ?? '').startsWith('/exemptNamespaces/namespaces')));
  assert.ok(validate(valuesWith({ logLevel: 'TRACE' })).some((p) => p.pointer === '/logLevel'));
  const dir = materializeChart(chartFiles(feature, feature.render(valuesWith(), standalone)), feature.upstream, feature.name);
  for (const set of ['sccp.webhook.failurePolicy=Sometimes', 'sccp.replicas=0', 'sccp.exemptNamespaces.prefixes[0]=UPPER']) {
    const bad = helmTemplate(dir, { set: [set] });
    assert.is.not(bad.status, 0, set);
    assert.match(bad.stderr, /schema/i);
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gk-values-')), 'values.yaml');
  fs.writeFileSync(file, 'sccp:\n  exemptNamespaces:\n    namespaces: ["{{ .Release.Name }}"]\n');
  const tpl = helmTemplate(dir, { values: [file] });
  assert.is.not(tpl.status, 0, 'a template expression is not a namespace name');
  assert.equal(deepMerge(feature.defaults, {}), feature.defaults);
});

t.run();
