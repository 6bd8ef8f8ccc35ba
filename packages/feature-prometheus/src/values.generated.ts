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
 * Prometheus monitoring (kube-prometheus-stack): the Prometheus Operator, a Prometheus server that scrapes every ServiceMonitor, PodMonitor and PrometheusRule labelled sccp.dev/monitoring=platform in the cluster, Alertmanager, node-exporter and kube-state-metrics. Grafana is a separate feature.
 */
export interface PrometheusValues {
  /**
   * How long Prometheus keeps samples on its own disk (a Prometheus duration such as 15d, 12h or 1w2d). Long-term storage is the thanos feature's job.
   */
  retention?: string;
  /**
   * Optional cap on the size of the stored blocks (Prometheus byte size such as 40GB or 40GiB); the oldest blocks are removed first. Keep it below storage.size so the volume never fills. Unset: no size cap.
   */
  retentionSize?: string;
  /**
   * Prometheus replicas. Each replica scrapes every target and keeps its own copy of the data (high availability, not sharding).
   */
  replicas?: number;
  storage?: Storage;
  resources?: Resources;
  placement?: Placement;
  /**
   * The Alertmanager that Prometheus sends alerts to. Routing and receivers are configured outside SCCP (AlertmanagerConfig resources or the upstream defaults).
   */
  alertmanager?: {
    /**
     * Deploy Alertmanager.
     */
    enabled?: boolean;
    /**
     * Alertmanager replicas (they gossip to form one cluster).
     */
    replicas?: number;
  };
  ingress?: Ingress;
  /**
   * Labels added to every series and alert Prometheus sends outside (Thanos, Alertmanager, remote write). The platform always adds cluster=<platform name>; `cluster`, `prometheus` and `prometheus_replica` are reserved.
   */
  externalLabels?: {
    /**
     * Label value (any printable text).
     */
    [k: string]: string;
  };
  /**
   * prometheus-node-exporter: host metrics from every node (a privileged DaemonSet using the host network and PID namespace).
   */
  nodeExporter?: {
    /**
     * Deploy node-exporter.
     */
    enabled?: boolean;
  };
  /**
   * kube-state-metrics: metrics about the state of Kubernetes objects (Deployments, Pods, Nodes, ...).
   */
  kubeStateMetrics?: {
    /**
     * Deploy kube-state-metrics.
     */
    enabled?: boolean;
  };
  /**
   * Scrape kube-controller-manager, kube-scheduler, etcd and kube-proxy and keep their alerting rules. The chart puts the Services its monitors select into kube-system, which the platform AppProject then allows as a destination. Managed clusters (aks, eks, gke) and kind do not expose these endpoints to pods, so their profiles turn this off (otherwise the targets are down and alerts fire).
   */
  controlPlaneMetrics?: boolean;
  /**
   * Scrape CoreDNS (and render its dashboard): the chart puts a headless Service selecting the cluster DNS pods (label k8s-app=kube-dns, port 9153) into kube-system, which the platform AppProject then allows as a destination. GKE runs kube-dns or Cloud DNS, not CoreDNS, and Autopilot refuses writes to kube-system, so its profile turns this off. With this and controlPlaneMetrics off, nothing is written into kube-system.
   */
  coreDnsMetrics?: boolean;
}
/**
 * Persistent volume of each Prometheus replica. The storage class defaults to the platform's block storage class, else the cluster default.
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
 * Compute requests and limits of the Prometheus container.
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
 * Node selector and tolerations of Prometheus, Alertmanager, the operator (and its webhook job) and kube-state-metrics. node-exporter runs on every node regardless.
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
 * Expose the Prometheus UI and API through the platform's ingress controller at prometheus.<platform domain> unless host is set. Prometheus has no authentication of its own: only enable this behind an authenticating ingress or on a trusted network.
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
