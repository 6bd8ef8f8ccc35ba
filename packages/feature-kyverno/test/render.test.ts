import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import feature, { NAMESPACE, aggregatedClusterRoleDiffs } from '../src';
import { CONTROLLER_KEYS, METRICS, STANDALONE, WIRED, ctxWith, kindValues, valuesWith } from './contexts';

const upstream = (values = valuesWith(), ctx = STANDALONE) => feature.render(values, ctx).values.kyverno as any;

/**
 * Every key render hands to the upstream chart, as a path under the `kyverno` values. Each one was
 * looked up in kyverno/kyverno charts/kyverno/values.yaml @ v1.19.1 (chart 3.9.1); see README.md.
 * Map- and list-valued keys (nodeSelector, tolerations, resources, additionalLabels) are leaves.
 */
const CHECKED_UPSTREAM_KEYS = new Set([
  'crds.install',
  'crds.migration.nodeSelector',
  'crds.migration.tolerations',
  'webhooksCleanup.nodeSelector',
  'webhooksCleanup.tolerations',
  'features.policyExceptions.enabled',
  'features.policyExceptions.namespace',
  ...['admissionController', 'backgroundController', 'cleanupController', 'reportsController'].flatMap((c) => [
    `${c}.replicas`,
    `${c}.rbac.create`,
    `${c}.nodeSelector`,
    `${c}.tolerations`,
    `${c}.podDisruptionBudget.enabled`,
    `${c}.podDisruptionBudget.minAvailable`,
    `${c}.podDisruptionBudget.maxUnavailable`,
    `${c}.serviceMonitor.enabled`,
    `${c}.serviceMonitor.additionalLabels`,
    c === 'admissionController' ? `${c}.container.resources` : `${c}.resources`,
    ...(c === 'admissionController' ? [] : [`${c}.enabled`]),
  ]),
]);
const MAP_LEAVES = /(^|\.)(nodeSelector|tolerations|resources|additionalLabels)$/;

function leafPaths(node: unknown, at = ''): string[] {
  if (at && MAP_LEAVES.test(at)) return [at];
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    return Object.entries(node).flatMap(([k, v]) => leafPaths(v, at ? `${at}.${k}` : k));
  }
  return [at];
}

const t = suite('kyverno render');

t('defaults: HA replicas 3/2/2/2, one-at-a-time PodDisruptionBudgets, upstream resources, exceptions in kyverno', () => {
  const out = feature.render(feature.defaults, STANDALONE);
  const v = out.values.kyverno as any;
  assert.equal(Object.keys(out.values).sort(), ['kyverno', 'sccp']);
  assert.equal(out.values.sccp, feature.defaults);
  const pdb = { enabled: true, minAvailable: 0, maxUnavailable: 1 };
  const off = { enabled: false };
  const rbac = { create: true };
  const small = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } };
  assert.equal(v, {
    crds: { install: true, migration: { nodeSelector: {}, tolerations: [] } },
    features: { policyExceptions: { enabled: true, namespace: 'kyverno' } },
    webhooksCleanup: { nodeSelector: {}, tolerations: [] },
    admissionController: {
      replicas: 3, rbac, nodeSelector: {}, tolerations: [], podDisruptionBudget: pdb, serviceMonitor: off,
      container: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '384Mi' } } },
    },
    backgroundController: { replicas: 2, rbac, nodeSelector: {}, tolerations: [], podDisruptionBudget: pdb, serviceMonitor: off, enabled: true, resources: small },
    cleanupController: { replicas: 2, rbac, nodeSelector: {}, tolerations: [], podDisruptionBudget: pdb, serviceMonitor: off, enabled: true, resources: small },
    reportsController: { replicas: 2, rbac, nodeSelector: {}, tolerations: [], podDisruptionBudget: pdb, serviceMonitor: off, enabled: true, resources: small },
  });
  assert.equal(out.templates, {}, 'no extra templates: the chart already grants what the policies need');
});

t('every key handed to the upstream chart is one checked in values.yaml @ v1.19.1', () => {
  const variants = [
    feature.render(feature.defaults, STANDALONE),
    feature.render(feature.defaults, WIRED),
    feature.render(kindValues({ policyExceptions: { enabled: false } }), WIRED),
    feature.render(valuesWith({ placement: { nodeSelector: { a: 'b' } }, admissionController: { placement: { tolerations: [{ operator: 'Exists' }] } } }), WIRED),
  ];
  for (const out of variants) {
    const unknown = leafPaths(out.values.kyverno).filter((p) => !CHECKED_UPSTREAM_KEYS.has(p));
    assert.equal(unknown, [], `keys not checked against the upstream values.yaml: ${unknown.join(', ')}`);
  }
});

t('policy exceptions: restricted to namespace kyverno; turning them off keeps the namespace (the flag is then ignored)', () => {
  assert.equal(upstream().features.policyExceptions, { enabled: true, namespace: 'kyverno' });
  assert.equal(upstream(valuesWith({ policyExceptions: { enabled: false } })).features.policyExceptions, { enabled: false, namespace: 'kyverno' });
  assert.is(NAMESPACE, feature.namespace, 'the exceptions namespace is the feature namespace');
});

t('HA: replicas per controller reach the chart, a PodDisruptionBudget only with more than one pod', () => {
  const v = upstream(valuesWith({ admissionController: { replicas: 5 }, backgroundController: { replicas: 1 }, cleanupController: { replicas: 3 }, reportsController: { replicas: 1 } }));
  assert.is(v.admissionController.replicas, 5);
  assert.equal(v.admissionController.podDisruptionBudget, { enabled: true, minAvailable: 0, maxUnavailable: 1 });
  assert.is(v.backgroundController.replicas, 1);
  assert.equal(v.backgroundController.podDisruptionBudget, { enabled: false });
  assert.is(v.cleanupController.replicas, 3);
  assert.equal(v.cleanupController.podDisruptionBudget, { enabled: true, minAvailable: 0, maxUnavailable: 1 });
  assert.is(v.reportsController.replicas, 1);
  assert.equal(v.reportsController.podDisruptionBudget, { enabled: false });
});

t('profile kind: one replica per controller and no PodDisruptionBudget', () => {
  assert.equal(feature.profiles?.kind, {
    admissionController: { replicas: 1 },
    backgroundController: { replicas: 1 },
    cleanupController: { replicas: 1 },
    reportsController: { replicas: 1 },
  });
  const v = upstream(kindValues(), ctxWith({}, 'kind'));
  for (const c of CONTROLLER_KEYS) {
    assert.is(v[c].replicas, 1, c);
    assert.equal(v[c].podDisruptionBudget, { enabled: false }, c);
  }
});

t('resources: the admission controller nests them under container; others at the controller', () => {
  const cpu = { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } };
  const v = upstream(valuesWith({ admissionController: { resources: cpu }, reportsController: { resources: { limits: { memory: '512Mi' } } } }));
  assert.equal(v.admissionController.container.resources, cpu);
  assert.is(v.admissionController.resources, undefined, 'admissionController.resources is not a key of the chart');
  assert.equal(v.reportsController.resources, { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '512Mi' } }, 'merged over the defaults');
  assert.is(v.reportsController.container, undefined);
});

t('placement: top-level for every pod and the hook Jobs; a controller field replaces it field by field', () => {
  const infra = { nodeSelector: { 'node-role.kubernetes.io/infra': 'true' }, tolerations: [{ key: 'node-role.kubernetes.io/infra', operator: 'Exists', effect: 'NoSchedule' }] };
  const v = upstream(valuesWith({ placement: infra, reportsController: { placement: { nodeSelector: { pool: 'reports' } } }, cleanupController: { placement: { tolerations: [{ operator: 'Exists' }] } } }));
  for (const c of ['admissionController', 'backgroundController']) {
    assert.equal(v[c].nodeSelector, infra.nodeSelector, c);
    assert.equal(v[c].tolerations, infra.tolerations, c);
  }
  assert.equal(v.reportsController.nodeSelector, { pool: 'reports' });
  assert.equal(v.reportsController.tolerations, infra.tolerations, 'tolerations still from the top level');
  assert.equal(v.cleanupController.nodeSelector, infra.nodeSelector);
  assert.equal(v.cleanupController.tolerations, [{ operator: 'Exists' }]);
  assert.equal(v.crds.migration, infra);
  assert.equal(v.webhooksCleanup, infra);
});

t('without the metrics capability: every ServiceMonitor off', () => {
  const v = upstream(valuesWith(), STANDALONE);
  for (const c of CONTROLLER_KEYS) assert.equal(v[c].serviceMonitor, { enabled: false }, c);
});

t('with the metrics capability: a ServiceMonitor per controller with the labels Prometheus selects', () => {
  const v = upstream(valuesWith(), WIRED);
  for (const c of CONTROLLER_KEYS) assert.equal(v[c].serviceMonitor, { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } }, c);
  const other = upstream(valuesWith(), ctxWith({ metrics: { ...METRICS, serviceMonitorLabels: { team: 'obs', prometheus: 'main' } } }));
  assert.equal(other.admissionController.serviceMonitor.additionalLabels, { team: 'obs', prometheus: 'main' }, 'labels come from the capability, not a constant');
  v.admissionController.serviceMonitor.additionalLabels.x = 'y';
  assert.equal(METRICS.serviceMonitorLabels, { release: 'kube-prometheus-stack' }, 'the capability is not aliased');
});

t('the ArgoCD Application: server-side apply, aggregated ClusterRoles ignored, ordered after prometheus', () => {
  assert.is(feature.serverSideApply, true);
  const out = feature.render(feature.defaults, WIRED);
  assert.equal(out.ignoreDifferences, [
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kyverno:admission-controller', jsonPointers: ['/rules'] },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kyverno:background-controller', jsonPointers: ['/rules'] },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kyverno:cleanup-controller', jsonPointers: ['/rules'] },
    { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'kyverno:reports-controller', jsonPointers: ['/rules'] },
  ]);
  assert.is(aggregatedClusterRoleDiffs('policy')[0].name, 'policy-kyverno:admission-controller', 'the chart fullname rule');
  assert.is(out.syncOptions, undefined);
  assert.equal(feature.dependsOn, []);
  assert.equal(feature.optionalDependsOn, ['prometheus']);
  assert.is(feature.namespace, 'kyverno');
});

t('the pinned upstream chart', () => {
  assert.equal(feature.upstream.map((u) => [u.name, u.version, u.repository]), [['kyverno', '3.9.1', 'https://kyverno.github.io/kyverno/']]);
  assert.match(feature.upstream[0].source, /charts\/kyverno\/values\.yaml/);
  assert.match(feature.upstream[0].source, /v1\.19\.1/);
  assert.is(feature.packageName, '@sccp/feature-kyverno');
  assert.is(feature.version, '0.1.0');
});

t.run();
