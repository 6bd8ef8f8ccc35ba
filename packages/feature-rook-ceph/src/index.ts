import * as path from 'node:path';
import { defineFeature, groupKinds } from '@sccp/core';
import { dashboardExposure } from './exposure';
import { PROFILES } from './profiles';
import { capabilities } from './provides';
import { CLUSTER_CHART, NAMESPACE, OPERATOR_CHART } from './upstream';
import { clusterValues, operatorValues } from './upstream-values';
import { validateValues } from './validate';
import type { RookCephValues } from './values.generated';

export type { RookCephValues } from './values.generated';
export { CLUSTER_CHART, OPERATOR_CHART, ROOK_VERSION, rgwEndpoint } from './upstream';

export default defineFeature<RookCephValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'rook-ceph',
  description: 'Rook-Ceph: distributed block, file and object storage on the nodes\' disks',
  namespace: NAMESPACE,
  dependsOn: [],
  // Sync order follows CRDs: the Ceph alert rules are PrometheusRules, so rook-ceph syncs after
  // prometheus. The dashboard ingress only names the ingress class and issuer (no ordering needed).
  optionalDependsOn: ['prometheus'],
  // Operator chart first (CRDs + operator), cluster chart second: one release, two dependencies.
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'apiextensions.k8s.io/CustomResourceDefinition', 'rbac.authorization.k8s.io/ClusterRole',
      'rbac.authorization.k8s.io/ClusterRoleBinding', 'storage.k8s.io/StorageClass',
    ),
    namespaced: groupKinds(
      'ConfigMap', 'ServiceAccount', 'apps/Deployment', 'ceph.rook.io/CephBlockPool', 'ceph.rook.io/CephCluster',
      'ceph.rook.io/CephFilesystem', 'ceph.rook.io/CephFilesystemSubVolumeGroup', 'ceph.rook.io/CephObjectStore',
      'monitoring.coreos.com/PrometheusRule', 'networking.k8s.io/Ingress', 'rbac.authorization.k8s.io/Role',
      'rbac.authorization.k8s.io/RoleBinding',
    ),
  },
  upstream: [OPERATOR_CHART, CLUSTER_CHART],
  supportedProfiles: {
    profiles: ['bare-metal', 'kind'],
    reason: 'on a cloud use the provider\'s storage classes (the profile sets them) and its object storage; remove rook-ceph from features',
  },
  profiles: PROFILES,
  // Rook's CRDs are too large for client-side apply's last-applied annotation.
  serverSideApply: true,
  validate: (values) => validateValues(values),
  provides: (values) => capabilities(values),
  render(values, ctx) {
    const ex = dashboardExposure(values, ctx);
    return {
      values: {
        'rook-ceph': operatorValues(values, ctx),
        'rook-ceph-cluster': clusterValues(values, ctx),
        sccp: values,
      },
      // The CephCluster, pools, file system and object store need the CRDs the operator chart
      // installs in the same sync: skip their dry run while the CRDs do not exist yet.
      syncOptions: ['SkipDryRunOnMissingResource=true'],
      // OSDs, the CSI node plugins and the discovery/cleanup jobs are privileged pods with host paths.
      namespaceLabels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
      endpoints: ex.ingress ? [{ name: 'Ceph dashboard', url: ex.url }] : [],
    };
  },
});
