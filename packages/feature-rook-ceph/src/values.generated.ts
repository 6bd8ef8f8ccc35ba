/* Generated from schema.json by json-schema-to-typescript. Do not edit: run `npm run generate`. */

/**
 * A Kubernetes quantity, e.g. 500m, 1, 256Mi, 10Gi.
 */
export type Quantity = string;
/**
 * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
 */
export type Bytes = string;

/**
 * Rook-Ceph: a Ceph cluster on the nodes' raw disks, managed by the Rook operator. It offers block (RBD), shared file system (CephFS) and S3 object storage (RGW) through storage classes.
 */
export interface RookCephValues {
  /**
   * Ceph monitors (cluster membership and maps; they keep quorum).
   */
  mon?: {
    /**
     * Number of monitors; an odd number (1 for a single-node test cluster, 3 or 5 in production), each on its own node.
     */
    count?: number;
  };
  /**
   * Ceph managers (dashboard, metrics, orchestration).
   */
  mgr?: {
    /**
     * Number of managers: 2 gives an active one and a standby, 1 for a single-node cluster. At most 5 (the CephCluster CRD's limit).
     */
    count?: number;
  };
  /**
   * Which nodes and disks become OSDs (cephClusterSpec.storage). Either every node (useAllNodes) with a device filter, or an explicit node list. Devices must be empty raw disks or partitions without a file system.
   */
  storage?: {
    /**
     * Use every node of the cluster for OSDs. Set false to list the nodes in `nodes`.
     */
    useAllNodes?: boolean;
    /**
     * Consume every empty raw device on the selected nodes. Dangerous on shared machines; prefer deviceFilter or per-node devices.
     */
    useAllDevices?: boolean;
    /**
     * Regular expression of device names (under /dev) to use on every selected node; empty: none. Ignored by Rook when useAllDevices is true.
     */
    deviceFilter?: string;
    /**
     * Storage nodes and their devices (requires useAllNodes: false).
     *
     * Items: One storage node.
     */
    nodes?: {
      /**
       * The node's kubernetes.io/hostname label.
       */
      name: string;
      /**
       * Devices of this node to use: names under /dev (sdb, nvme0n1) or full udev paths.
       *
       * Items: One device.
       */
      devices?: {
        /**
         * Device name (sdb) or path (/dev/disk/by-id/...).
         */
        name: string;
      }[];
      /**
       * Regular expression of device names to use on this node (instead of listing devices).
       */
      deviceFilter?: string;
    }[];
  };
  /**
   * CRUSH failure domain of every pool: replicas are placed on distinct hosts (or OSDs, racks, zones). `host` needs at least as many storage nodes as replicas; `osd` suits single-node clusters. rack/zone need the matching topology labels on the nodes.
   */
  failureDomain?: 'osd' | 'host' | 'rack' | 'zone';
  /**
   * The replicated RBD block pool and its storage class (ReadWriteOnce volumes; the platform's default for PVCs).
   */
  blockPool?: {
    /**
     * Copies of every block of data. 1 loses data with any disk: test clusters only.
     */
    replicas?: number;
    /**
     * Name of the block StorageClass.
     */
    storageClass?: string;
    /**
     * Mark the block StorageClass as the cluster's default (storageclass.kubernetes.io/is-default-class). Turn off when another class is already the default.
     */
    default?: boolean;
  };
  /**
   * A CephFS shared file system and its storage class (ReadWriteMany volumes).
   */
  filesystem?: {
    /**
     * Create the file system (runs metadata servers: an active one and a standby).
     */
    enabled?: boolean;
    /**
     * Copies of the file system's metadata and data.
     */
    replicas?: number;
    /**
     * Name of the CephFS StorageClass.
     */
    storageClass?: string;
    resources?: Resources;
  };
  /**
   * An S3 object store (RADOS gateway) and the bucket storage class ObjectBucketClaims use.
   */
  objectStore?: {
    /**
     * Create the object store and its bucket StorageClass.
     */
    enabled?: boolean;
    /**
     * Copies of the object store's metadata and data (replicated pools).
     */
    replicas?: number;
    /**
     * Name of the bucket StorageClass (ObjectBucketClaim spec.storageClassName).
     */
    storageClass?: string;
    /**
     * Number of RADOS gateway pods.
     */
    instances?: number;
    resources?: Resources1;
  };
  /**
   * The Ceph dashboard (served by the active manager; the admin password is in the Secret rook-ceph-dashboard-password).
   */
  dashboard?: {
    /**
     * Enable the Ceph dashboard.
     */
    enabled?: boolean;
    ingress?: Ingress;
  };
  /**
   * Integration with the platform's Prometheus (only when a feature provides metrics).
   */
  monitoring?: {
    /**
     * When the platform has Prometheus: enable Ceph metrics, and let the operator create ServiceMonitors labelled for that Prometheus.
     */
    enabled?: boolean;
    /**
     * Also install the upstream PrometheusRule with the Ceph alerts (needs the Prometheus operator's CRDs).
     */
    prometheusRules?: boolean;
  };
  resources?: Resources2;
  /**
   * Requests and limits of the Ceph daemons, merged over the upstream chart's (mon: 1 CPU / 1Gi requested, 2Gi limit; mgr: 500m / 512Mi, 1Gi limit; osd: 1 CPU / 4Gi, 4Gi limit per OSD).
   */
  daemonResources?: {
    mon?: Resources3;
    mgr?: Resources4;
    osd?: Resources5;
  };
  /**
   * The Ceph CSI drivers deployed by the operator.
   */
  csi?: {
    /**
     * Replicas of each CSI provisioner (they avoid sharing a node: 1 on single-node clusters).
     */
    provisionerReplicas?: number;
  };
  placement?: Placement;
}
/**
 * Requests and limits of each metadata server (MDS).
 */
export interface Resources {
  limits?: ResourceList;
  requests?: ResourceList;
}
export interface ResourceList {
  cpu?: Quantity;
  memory?: Bytes;
}
/**
 * Requests and limits of each RADOS gateway pod.
 */
export interface Resources1 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Expose the dashboard through the platform's ingress controller. The host defaults to ceph.<platform domain>. TLS ends at the ingress controller (certificate from the platform's cluster issuer), which talks plain HTTP to the dashboard.
 */
export interface Ingress {
  /**
   * Create an Ingress.
   */
  enabled?: boolean;
  /**
   * Host name; defaults to <feature>.<platform domain>.
   */
  host?: string;
  /**
   * Serve TLS with a certificate from the platform's cluster issuer.
   */
  tls?: boolean;
}
/**
 * Requests and limits of the Rook operator pod.
 */
export interface Resources2 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Each monitor.
 */
export interface Resources3 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Each manager.
 */
export interface Resources4 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Each OSD (one per device).
 */
export interface Resources5 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Where the operator and the Ceph daemons (mon, mgr, OSD, MDS, RGW) run: the node selector becomes a required node affinity of the Ceph daemons. CSI node plugins still run on every node.
 */
export interface Placement {
  /**
   * Node labels the pods require: label keys and values as the API server accepts them.
   */
  nodeSelector?: {
    [k: string]: string;
  };
  /**
   * Kubernetes tolerations, with the API server's rules: without a key the operator is Exists (it matches every taint); with Exists there is no value; tolerationSeconds only with the NoExecute effect.
   */
  tolerations?: {
    effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
    /**
     * The taint key. Left out: every taint, with operator Exists.
     */
    key?: string;
    /**
     * Equal (the default) matches the value, Exists any value.
     */
    operator?: 'Exists' | 'Equal';
    /**
     * How long a NoExecute taint is tolerated before eviction.
     */
    tolerationSeconds?: number;
    value?: string;
  }[];
}
