import type { UpstreamChart } from '@sccp/core';

/**
 * Rook v1.19.6 (latest 1.19 patch confirmed). v1.20 no longer deploys the CSI drivers (a third chart,
 * ceph-csi-drivers, would be needed), so the feature stays on 1.19. Both charts always share a version.
 */
export const ROOK_VERSION = 'v1.19.6';
export const ROOK_REPOSITORY = 'https://charts.rook.io/release';

export const OPERATOR_CHART: UpstreamChart = {
  name: 'rook-ceph',
  version: ROOK_VERSION,
  repository: ROOK_REPOSITORY,
  source: 'rook/rook deploy/charts/rook-ceph/values.yaml @ 8ebf07bbfe32b22650d16678160f6de588264838 (v1.19 era: cephcsi v3.16.0, ceph-csi-operator subchart)',
};

export const CLUSTER_CHART: UpstreamChart = {
  name: 'rook-ceph-cluster',
  version: ROOK_VERSION,
  repository: ROOK_REPOSITORY,
  source:
    'rook/rook deploy/charts/rook-ceph-cluster/values.yaml @ a47b7040a5d80d477cc910e846fdb8dfbc325df5 (v1.19 era: top-level cephImage); ' +
    'templates cephcluster.yaml @ 090fc3c36960b48f24a712101767feabfdff8eec, cephblockpool.yaml @ 103033bd223e38e9a90079534c41b5ba6a416f2b, ' +
    'cephfilesystem.yaml and cephobjectstore.yaml @ 039f1589506a24ee160d36a4a260e8383e376cff, ingress.yaml @ 2cc90d191ed03ac7757d7c15f1391450b9e0270c, ' +
    'prometheusrules.yaml @ 1f183bd6750899a41fcfe5a4f80487fad5de42f9',
};

/** Names of the Ceph resources the cluster chart creates (upstream's default names, kept). */
export const BLOCK_POOL = 'ceph-blockpool';
export const FILESYSTEM = 'ceph-filesystem';
export const OBJECT_STORE = 'ceph-objectstore';
/** RADOS gateway HTTP port (CephObjectStore spec.gateway.port; the Service `rook-ceph-rgw-<store>` exposes it). */
export const RGW_PORT = 80;
/** The feature's namespace: operator and cluster share it (the bucket provisioner name uses it). */
export const NAMESPACE = 'rook-ceph';

/** In-cluster S3 endpoint of the object store (Service rook-ceph-rgw-<store name>, port gateway.port). */
export function rgwEndpoint(namespace: string = NAMESPACE): string {
  return `http://rook-ceph-rgw-${OBJECT_STORE}.${namespace}.svc:${RGW_PORT}`;
}
