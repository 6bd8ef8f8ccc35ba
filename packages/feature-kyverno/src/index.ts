import * as path from 'node:path';
import { defineFeature, groupKinds } from '@sccp/core';
import { NAMESPACE, aggregatedClusterRoleDiffs, kyvernoValues } from './upstream';
import type { KyvernoValues } from './values.generated';

export type { KyvernoValues } from './values.generated';
export { CONTROLLERS, NAMESPACE, aggregatedClusterRoleDiffs, kyvernoValues, placementOf } from './upstream';

/** Annotation every PolicyException must carry (policy kyverno-exception-has-reason). */
export const REASON_ANNOTATION = 'sccp.dev/reason';

export default defineFeature<KyvernoValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'kyverno',
  description: 'Kyverno: the policy engine and admission controller that enforces the platform policies, with PolicyExceptions honoured only in its own namespace',
  namespace: NAMESPACE,
  dependsOn: [],
  // The chart's ServiceMonitors (with the metrics capability) need prometheus' CRDs.
  optionalDependsOn: ['prometheus'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'apiextensions.k8s.io/CustomResourceDefinition', 'rbac.authorization.k8s.io/ClusterRole',
      'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'ConfigMap', 'Pod', 'Service', 'ServiceAccount', 'apps/Deployment', 'batch/Job',
      'monitoring.coreos.com/ServiceMonitor', 'policy/PodDisruptionBudget', 'rbac.authorization.k8s.io/Role',
      'rbac.authorization.k8s.io/RoleBinding',
    ),
  },
  upstream: [
    {
      name: 'kyverno',
      version: '3.9.1',
      repository: 'https://kyverno.github.io/kyverno/',
      source:
        'kyverno/kyverno charts/kyverno/Chart.yaml (version 3.9.1, appVersion v1.19.1), charts/kyverno/values.yaml and charts/kyverno/templates/ @ tag v1.19.1, read from the Go module zip github.com/kyverno/kyverno@v1.19.1 (h1:/MkgFii3/VlQfKR1JpC9tVwNNVNQTt2S4U6qCsafsTU=; the module tools/kyverno/go.mod pins for the kyverno CLI)',
    },
  ],
  // kind: one node, one pod per controller (no PodDisruptionBudgets then).
  profiles: {
    kind: {
      admissionController: { replicas: 1 },
      backgroundController: { replicas: 1 },
      cleanupController: { replicas: 1 },
      reportsController: { replicas: 1 },
    },
  },
  // Kyverno's CRDs (ClusterPolicy, the policies.kyverno.io family) exceed the client-side
  // last-applied annotation limit.
  serverSideApply: true,

  render(values, ctx) {
    return {
      values: { kyverno: kyvernoValues(values, ctx), sccp: values },
      templates: {},
      ignoreDifferences: aggregatedClusterRoleDiffs(ctx.feature.name),
    };
  },
});
