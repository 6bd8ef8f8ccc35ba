/** Upstream's CSI secret parameters of a storage class (copied from rook-ceph-cluster values.yaml). */
export function csiSecrets(provisioner: string, node: string): Record<string, string> {
  const ns = '{{ .Release.Namespace }}';
  return {
    'csi.storage.k8s.io/provisioner-secret-name': provisioner,
    'csi.storage.k8s.io/provisioner-secret-namespace': ns,
    'csi.storage.k8s.io/controller-expand-secret-name': provisioner,
    'csi.storage.k8s.io/controller-expand-secret-namespace': ns,
    'csi.storage.k8s.io/controller-publish-secret-name': provisioner,
    'csi.storage.k8s.io/controller-publish-secret-namespace': ns,
    'csi.storage.k8s.io/node-stage-secret-name': node,
    'csi.storage.k8s.io/node-stage-secret-namespace': ns,
    'csi.storage.k8s.io/fstype': 'ext4',
  };
}

export const RBD_SECRETS = csiSecrets('rook-csi-rbd-provisioner', 'rook-csi-rbd-node');
export const CEPHFS_SECRETS = csiSecrets('rook-csi-cephfs-provisioner', 'rook-csi-cephfs-node');

/** The block pool entry for the schema defaults. */
export const DEFAULT_BLOCK_POOL = {
  name: 'ceph-blockpool',
  spec: { failureDomain: 'host', replicated: { size: 3 } },
  storageClass: {
    enabled: true,
    name: 'ceph-block',
    annotations: {},
    labels: {},
    isDefault: true,
    reclaimPolicy: 'Delete',
    allowVolumeExpansion: true,
    volumeBindingMode: 'Immediate',
    mountOptions: [],
    allowedTopologies: [],
    parameters: { imageFormat: '2', imageFeatures: 'layering', ...RBD_SECRETS },
  },
};

export const DEFAULT_FILESYSTEM = {
  name: 'ceph-filesystem',
  spec: {
    metadataPool: { failureDomain: 'host', replicated: { size: 3 } },
    dataPools: [{ name: 'data0', failureDomain: 'host', replicated: { size: 3 } }],
    metadataServer: {
      activeCount: 1,
      activeStandby: true,
      resources: { limits: { memory: '4Gi' }, requests: { cpu: '1000m', memory: '4Gi' } },
      priorityClassName: 'system-cluster-critical',
    },
  },
  storageClass: {
    enabled: true,
    isDefault: false,
    name: 'ceph-filesystem',
    pool: 'data0',
    reclaimPolicy: 'Delete',
    allowVolumeExpansion: true,
    volumeBindingMode: 'Immediate',
    annotations: {},
    labels: {},
    mountOptions: [],
    parameters: CEPHFS_SECRETS,
  },
};

export const DEFAULT_OBJECT_STORE = {
  name: 'ceph-objectstore',
  spec: {
    metadataPool: { failureDomain: 'host', replicated: { size: 3 } },
    dataPool: { failureDomain: 'host', replicated: { size: 3 }, parameters: { bulk: 'true' } },
    preservePoolsOnDelete: true,
    gateway: {
      port: 80,
      resources: { limits: { memory: '2Gi' }, requests: { cpu: '1000m', memory: '1Gi' } },
      instances: 1,
      priorityClassName: 'system-cluster-critical',
    },
  },
  storageClass: {
    enabled: true,
    name: 'ceph-bucket',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    annotations: {},
    labels: {},
    parameters: { region: 'us-east-1' },
  },
  ingress: { enabled: false },
  route: { enabled: false },
};
