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
 * Grafana with the platform's metrics (Thanos Query or Prometheus) and logs (Loki) as provisioned datasources, and a dashboard sidecar that loads every dashboard ConfigMap labelled grafana_dashboard=1 (kube-prometheus-stack's, those other features contribute, and an SCCP platform overview).
 */
export interface GrafanaValues {
  /**
   * Grafana pods. With 1 the SQLite database (users, UI-made dashboards, preferences) lives on the persistent volume. With more than 1 there is no volume: each pod keeps its own database in an emptyDir, so only provisioned datasources and dashboards are the same on every pod and UI changes are lost on restart. Keep 1 unless that is acceptable (no external database is configured by this feature).
   */
  replicas?: number;
  /**
   * The initial administrator account. Its credentials always come from an existing Secret; SCCP never writes or generates a password (the upstream chart's generated password would change on every Argo CD render).
   */
  admin?: {
    /**
     * Existing Secret in the grafana namespace holding the admin user name and password. Create it before the first sync, e.g. kubectl -n grafana create secret generic grafana-admin --from-literal=admin-user=admin --from-literal=admin-password=<password>.
     */
    existingSecret?: {
      /**
       * Name of the Secret.
       */
      name?: string;
      /**
       * Key of the admin user name in the Secret.
       */
      userKey?: string;
      /**
       * Key of the admin password in the Secret.
       */
      passwordKey?: string;
    };
  };
  ingress?: Ingress;
  persistence?: Storage;
  resources?: Resources;
  placement?: Placement;
  /**
   * Grafana plugins installed at start (from grafana.com), by plugin id, optionally pinned as <id>@<version>. Download URLs are not accepted.
   *
   * @maxItems 50
   *
   * Items: A plugin id such as grafana-clock-panel, or grafana-clock-panel@2.1.8.
   */
  plugins?: string[];
  /**
   * Let visitors who are not logged in view dashboards (Viewer role of the main organization). Only on trusted networks.
   */
  anonymous?: boolean;
  /**
   * The dashboard sidecar that loads dashboard ConfigMaps (label grafana_dashboard=1).
   */
  sidecar?: {
    /**
     * Load dashboard ConfigMaps from every namespace. false: only from the namespaces of the platform's enabled features (grafana's own included).
     */
    dashboardsSearchAllNamespaces?: boolean;
  };
}
/**
 * Expose Grafana through the platform's ingress controller at grafana.<platform domain> unless host is set. On by default: Grafana has its own login.
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
 * Volume holding Grafana's SQLite database and plugins (used with 1 replica). The storage class defaults to the platform's block storage class, else the cluster default.
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
 * Compute requests and limits of the Grafana container. A memory limit also sets GOMEMLIMIT (done by the upstream chart).
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
 * Node selector and tolerations of the Grafana pods.
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
