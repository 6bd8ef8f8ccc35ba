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
 * Thanos long-term metrics: Prometheus' Thanos sidecars upload their blocks to an object storage bucket; Thanos Query answers PromQL over the sidecars (recent data) and the Store Gateway (the bucket); the Compactor compacts, downsamples and applies retention in the bucket.
 */
export interface ThanosValues {
  /**
   * Thanos Query: the PromQL API and UI over every StoreAPI (Prometheus sidecars and the Store Gateway), deduplicating Prometheus replicas on the prometheus_replica label.
   */
  query?: {
    /**
     * Query replicas (stateless; more than one for availability).
     */
    replicas?: number;
    ingress?: Ingress;
    resources?: Resources;
  };
  /**
   * Thanos Store Gateway: serves the blocks in the bucket to Query (a StatefulSet; every replica serves every block).
   */
  storeGateway?: {
    /**
     * Store Gateway replicas (each serves the whole bucket: availability, not sharding).
     */
    replicas?: number;
    persistence?: Storage;
    resources?: Resources1;
  };
  /**
   * Thanos Compactor: compacts and downsamples the blocks in the bucket and deletes what is older than the retention. Always exactly one pod per bucket.
   */
  compactor?: {
    /**
     * How long the bucket keeps samples at each resolution (Prometheus durations such as 30d, 26w or 1y; 0d keeps them forever). The compactor refuses to start when raw is below 40h or fiveMinutes below 10d (except 0d): downsampling needs that much data.
     */
    retention?: {
      /**
       * Retention of raw samples (--retention.resolution-raw). At least 40h, or 0d for forever.
       */
      raw?: string;
      /**
       * Retention of 5-minute downsampled data (--retention.resolution-5m). At least 10d, or 0d for forever.
       */
      fiveMinutes?: string;
      /**
       * Retention of 1-hour downsampled data (--retention.resolution-1h); 0d for forever.
       */
      oneHour?: string;
    };
    persistence?: Storage1;
    resources?: Resources2;
  };
  /**
   * Where the metrics archive lives. SCCP never writes credentials. With rook-ceph and no existingSecret, SCCP provisions the bucket (ObjectBucketClaim thanos-bucket) and renders Secret thanos-objstore (key objstore.yml) holding only $(VAR) references to the claim's ConfigMap and Secret, which every Thanos component and Prometheus' Thanos sidecar get as environment variables (see README). Otherwise the Thanos objstore configuration (one Secret key holding `type: S3` / `config: {bucket, endpoint, access_key, secret_key, ...}`) is a Secret you create in namespace monitoring (existingSecret).
   */
  objstore?: {
    existingSecret?: SecretKeyRef;
  };
  placement?: Placement;
}
/**
 * Expose the Thanos Query UI and API through the platform's ingress controller at thanos.<platform domain> unless host is set. Thanos Query has no authentication of its own: only enable this behind an authenticating ingress or on a trusted network.
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
 * Compute requests and limits of each Query pod.
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
 * Volume of each Store Gateway replica (index headers and caches; rebuilt from the bucket when lost). The storage class defaults to the platform's block storage class, else the cluster default.
 */
export interface Storage {
  /**
   * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
   */
  size?: string;
  /**
   * Storage class; empty uses the platform default.
   */
  storageClass?: string;
}
/**
 * Compute requests and limits of each Store Gateway pod.
 */
export interface Resources1 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Scratch volume of the compactor (blocks are downloaded, compacted and uploaded again; Thanos suggests about 100GB for large buckets). The storage class defaults to the platform's block storage class, else the cluster default.
 */
export interface Storage1 {
  /**
   * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
   */
  size?: string;
  /**
   * Storage class; empty uses the platform default.
   */
  storageClass?: string;
}
/**
 * Compute requests and limits of the compactor pod.
 */
export interface Resources2 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * An existing Secret in namespace monitoring whose key (default objstore.yml) holds the Thanos objstore YAML (any Thanos provider: S3, GCS, Azure, ...). Used by the Thanos components and by Prometheus' Thanos sidecar. Required unless rook-ceph provides object storage; when set, no bucket is provisioned.
 */
export interface SecretKeyRef {
  /**
   * Key inside the Secret.
   */
  key?: string;
  /**
   * Name of the Secret.
   */
  name: string;
}
/**
 * Node selector and tolerations of every Thanos pod (Query, Store Gateway, Compactor).
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
