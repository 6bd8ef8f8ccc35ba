import * as path from 'node:path';
import { defineFeature, groupKinds } from '@sccp/core';
import { argoCdValues, exposure } from './upstream-values';
export { APPLICATION_HEALTH_KEY, APPLICATION_HEALTH_LUA, applicationHealthLua } from './upstream-values';
import { validateValues } from './validate';
import type { ArgocdValues } from './values.generated';

export type { ArgocdValues } from './values.generated';

/** Upstream chart: argo-cd 9.6.0 (app v3.4.4), the released tag argo-cd-9.6.0; values and templates checked in that package. */
export const ARGO_CD_CHART = {
  name: 'argo-cd',
  version: '9.6.0',
  repository: 'https://argoproj.github.io/argo-helm',
  source:
    'argoproj/argo-helm charts/argo-cd/values.yaml @ 856c062f800cb46ef2bd0fcb4c3095ac88e25bb2 (tag argo-cd-9.6.0, the released package); ' +
    'templates/_helpers.tpl, templates/argocd-configs/argocd-cm.yaml, templates/argocd-server/ingress.yaml at the same tag',
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
