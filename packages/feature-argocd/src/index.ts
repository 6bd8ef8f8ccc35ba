import * as path from 'node:path';
import { defineFeature, groupKinds } from '@sccp/core';
import { argoCdValues, exposure } from './upstream-values';
import { validateValues } from './validate';
import type { ArgocdValues } from './values.generated';

export type { ArgocdValues } from './values.generated';

/** Upstream chart: argo-cd 9.6.1 (app v3.4.4); values checked at this commit of argoproj/argo-helm. */
export const ARGO_CD_CHART = {
  name: 'argo-cd',
  version: '9.6.1',
  repository: 'https://argoproj.github.io/argo-helm',
  source: 'argoproj/argo-helm charts/argo-cd/values.yaml @ aa6978d5e8ae1281c023ea4eb533c11ec8b01d59 (argo-cd 9.6.1)',
};

export default defineFeature<ArgocdValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'argocd',
  description: 'Argo CD: the GitOps engine that deploys this platform, and manages itself after bootstrap',
  // The platform's Applications and AppProject live in namespace argocd (packages/platform/src/argo.ts).
  namespace: 'argocd',
  dependsOn: [],
  // Sync order follows CRDs: ServiceMonitors need prometheus first. The ingress only names the
  // ingress class and the issuer, which needs no ordering.
  optionalDependsOn: ['prometheus'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'apiextensions.k8s.io/CustomResourceDefinition', 'rbac.authorization.k8s.io/ClusterRole',
      'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'ConfigMap', 'Pod', 'Secret', 'Service', 'ServiceAccount', 'apps/Deployment', 'apps/StatefulSet', 'batch/Job',
      'monitoring.coreos.com/ServiceMonitor', 'networking.k8s.io/Ingress', 'policy/PodDisruptionBudget',
      'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding',
    ),
  },
  upstream: [ARGO_CD_CHART],
  // Argo CD's CRDs are too large for client-side apply's last-applied annotation.
  serverSideApply: true,
  validate: (values) => validateValues(values),
  render(values, ctx) {
    const ex = exposure(values, ctx);
    return {
      values: { 'argo-cd': argoCdValues(values, ctx), sccp: values },
      // Deleting the Application must not uninstall Argo CD itself.
      keepOnDelete: true,
      endpoints: ex.ingress ? [{ name: 'Argo CD', url: ex.url }] : [],
    };
  },
});
