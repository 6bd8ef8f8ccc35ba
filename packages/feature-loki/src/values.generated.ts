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
 * Loki (single binary) stores and indexes the logs of every pod; a Grafana Alloy DaemonSet collects them from each node's /var/log/pods and pushes them to Loki.
 */
export interface LokiValues {
  /**
   * How long logs are kept before the compactor deletes them: a whole number of hours (h), days (d) or weeks (w), at least 24h.
   */
  retention?: string;
  /**
   * Loki single-binary pods. More than 1 needs object storage (Ceph or external S3). The ingester replication factor is 3 from 3 replicas on, else 1 (a lost pod then loses only what its WAL on the volume cannot replay).
   */
  replicas?: number;
  /**
   * Where Loki keeps chunks and index.
   */
  storage?: {
    /**
     * auto: a bucket on the platform's Ceph object store (an ObjectBucketClaim) when rook-ceph provides one, else the volume below. filesystem: the volume below (1 replica only). s3: the external S3 bucket in `s3`.
     */
    type?: 'auto' | 'filesystem' | 's3';
  };
  persistence?: Storage;
  /**
   * External S3-compatible bucket (used when storage.type is s3). Credentials come from an existing Secret; SCCP never sees them.
   */
  s3?: {
    /**
     * S3 endpoint host, optionally with :port, without scheme.
     */
    endpoint?: string;
    /**
     * Bucket name (chunks, index and ruler data share it).
     */
    bucket?: string;
    /**
     * Bucket region; empty leaves it to the S3 client.
     */
    region?: string;
    /**
     * Existing Secret in the logging namespace with the keys AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.
     */
    secret?: {
      /**
       * Name of the Secret.
       */
      name: string;
    };
    /**
     * Talk plain HTTP to the endpoint instead of HTTPS.
     */
    insecure?: boolean;
    /**
     * Path-style bucket addressing (endpoint/bucket) instead of virtual-host style; needed by most self-hosted S3 servers.
     */
    forcePathStyle?: boolean;
  };
  resources?: Resources;
  placement?: Placement;
  /**
   * The Grafana Alloy DaemonSet that reads every pod's log files on each node and pushes them to Loki.
   */
  collector?: {
    /**
     * Run the collector. Off: Loki only receives what other clients push.
     */
    enabled?: boolean;
    resources?: Resources1;
    placement?: Placement1;
  };
}
/**
 * Volume of each Loki pod (WAL, index cache, compactor work files; with filesystem storage also the chunks). The storage class defaults to the platform's block storage class, else the cluster default.
 */
export interface Storage {
  /**
   * Requested capacity, e.g. 10Gi.
   */
  size?: string;
  /**
   * Storage class; empty uses the platform default.
   */
  storageClass?: string;
}
/**
 * Compute requests and limits of each Loki pod.
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
 * Where the Loki pods run.
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
/**
 * Compute requests and limits of each collector pod.
 */
export interface Resources1 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Which nodes the collector runs on. The default tolerates every taint so the logs of control-plane and tainted nodes are collected too.
 */
export interface Placement1 {
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
