import { BLOCK_POOL, FILESYSTEM, OBJECT_STORE, RGW_PORT } from './upstream';
import type { RookCephValues } from './values.generated';

type Obj = Record<string, any>;

/**
 * cephBlockPools / cephFileSystems / cephObjectStores are lists in rook-ceph-cluster: a list given in
 * the wrapper's values replaces upstream's default list as a whole, so every entry below is complete
 * (structure copied from upstream values.yaml, including the CSI secret parameters). The
 * `{{ .Release.Namespace }}` strings are upstream's own: the chart passes storageClass.parameters of
 * block pools and file systems through `tpl`. No user value goes into those parameters.
 */
const NS = '{{ .Release.Namespace }}';

function csiSecrets(provisioner: string, node: string): Obj {
  return {
    'csi.storage.k8s.io/provisioner-secret-name': provisioner,
    'csi.storage.k8s.io/provisioner-secret-namespace': NS,
    'csi.storage.k8s.io/controller-expand-secret-name': provisioner,
    'csi.storage.k8s.io/controller-expand-secret-namespace': NS,
    'csi.storage.k8s.io/controller-publish-secret-name': provisioner,
    'csi.storage.k8s.io/controller-publish-secret-namespace': NS,
    'csi.storage.k8s.io/node-stage-secret-name': node,
    'csi.storage.k8s.io/node-stage-secret-namespace': NS,
    'csi.storage.k8s.io/fstype': 'ext4',
  };
}

/** A replicated pool spec; size 1 needs Rook's explicit `requireSafeReplicaSize: false`. */
export function replicated(size: number): Obj {
  return size === 1 ? { size: 1, requireSafeReplicaSize: false } : { size };
}

/** Ceph pod placement (k8s Placement: nodeAffinity + tolerations) from the shared `placement` values. */
export function cephPlacement(values: RookCephValues): Obj | undefined {
  const selector = values.placement?.nodeSelector ?? {};
  const tolerations = values.placement?.tolerations ?? [];
  const out: Obj = {};
  const keys = Object.keys(selector).sort();
  if (keys.length) {
    out.nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: keys.map((key) => ({ key, operator: 'In', values: [selector[key]] })) }],
      },
    };
  }
  if (tolerations.length) out.tolerations = tolerations;
  return Object.keys(out).length ? out : undefined;
}

export function blockPools(values: RookCephValues): Obj[] {
  const size = values.blockPool?.replicas ?? 3;
  const pools: Obj[] = [
    {
      name: BLOCK_POOL,
      spec: { failureDomain: values.failureDomain ?? 'host', replicated: replicated(size) },
      storageClass: {
        enabled: true,
        name: values.blockPool?.storageClass ?? 'ceph-block',
        annotations: {},
        labels: {},
        isDefault: values.blockPool?.default ?? true,
        reclaimPolicy: 'Delete',
        allowVolumeExpansion: true,
        volumeBindingMode: 'Immediate',
        mountOptions: [],
        allowedTopologies: [],
        parameters: { imageFormat: '2', imageFeatures: 'layering', ...csiSecrets('rook-csi-rbd-provisioner', 'rook-csi-rbd-node') },
      },
    },
  ];
  // Single-copy clusters: the manager's built-in pool gets one copy too (as upstream's cluster-test.yaml).
  if (size === 1) pools.push({ name: 'builtin-mgr', spec: { name: '.mgr', replicated: replicated(1) }, storageClass: { enabled: false } });
  return pools;
}

export function fileSystems(values: RookCephValues): Obj[] {
  const fs = values.filesystem ?? {};
  if (fs.enabled === false) return [];
  const size = fs.replicas ?? 3;
  const failureDomain = values.failureDomain ?? 'host';
  const placement = cephPlacement(values);
  return [
    {
      name: FILESYSTEM,
      spec: {
        metadataPool: { failureDomain, replicated: replicated(size) },
        dataPools: [{ name: 'data0', failureDomain, replicated: replicated(size) }],
        metadataServer: {
          activeCount: 1,
          activeStandby: true,
          resources: fs.resources ?? {},
          priorityClassName: 'system-cluster-critical',
          ...(placement ? { placement } : {}),
        },
      },
      storageClass: {
        enabled: true,
        isDefault: false,
        name: fs.storageClass ?? 'ceph-filesystem',
        pool: 'data0',
        reclaimPolicy: 'Delete',
        allowVolumeExpansion: true,
        volumeBindingMode: 'Immediate',
        annotations: {},
        labels: {},
        mountOptions: [],
        parameters: csiSecrets('rook-csi-cephfs-provisioner', 'rook-csi-cephfs-node'),
      },
    },
  ];
}

export function objectStores(values: RookCephValues): Obj[] {
  const os = values.objectStore ?? {};
  if (os.enabled === false) return [];
  const size = os.replicas ?? 3;
  const failureDomain = values.failureDomain ?? 'host';
  const placement = cephPlacement(values);
  return [
    {
      name: OBJECT_STORE,
      spec: {
        metadataPool: { failureDomain, replicated: replicated(size) },
        // Replicated (not upstream's erasure-coded 2+1, which needs 3 failure domains) so that
        // `replicas` means the same for every pool.
        dataPool: { failureDomain, replicated: replicated(size), parameters: { bulk: 'true' } },
        preservePoolsOnDelete: true,
        gateway: {
          port: RGW_PORT,
          resources: os.resources ?? {},
          instances: os.instances ?? 1,
          priorityClassName: 'system-cluster-critical',
          ...(placement ? { placement } : {}),
        },
      },
      storageClass: {
        enabled: true,
        name: os.storageClass ?? 'ceph-bucket',
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'Immediate',
        annotations: {},
        labels: {},
        parameters: { region: 'us-east-1' },
      },
      ingress: { enabled: false },
      route: { enabled: false },
    },
  ];
}
