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
 * Traefik, the platform's ingress controller: replicas, the IngressClass, the Service that receives traffic, HTTPS redirection, default TLS options, the optional dashboard, logs and placement.
 */
export interface TraefikValues {
  /**
   * Number of Traefik pods (a Deployment). Two or more keep ingress available while a node drains.
   */
  replicas?: number;
  /**
   * PodDisruptionBudget of the Traefik pods.
   */
  podDisruptionBudget?: {
    /**
     * Create a PodDisruptionBudget.
     */
    enabled?: boolean;
    /**
     * How many Traefik pods a voluntary disruption (node drain) may take down at once.
     */
    maxUnavailable?: number;
  };
  /**
   * The IngressClass Traefik serves; every platform Ingress uses it.
   */
  ingressClass?: {
    /**
     * Name of the IngressClass (handed to other features as the ingress class name).
     */
    name?: string;
    /**
     * Mark the IngressClass as the cluster default (Ingresses without spec.ingressClassName get it).
     */
    isDefault?: boolean;
  };
  /**
   * The Service that receives HTTP and HTTPS traffic.
   */
  service?: {
    /**
     * Service type. LoadBalancer gets an address from MetalLB (when enabled) or the cloud provider.
     */
    type?: 'LoadBalancer' | 'NodePort' | 'ClusterIP';
    /**
     * Load balancer address pool to take the address from (a MetalLB pool name). Empty: the first pool that serves every IP family of the platform. Only for type LoadBalancer.
     */
    pool?: string;
    /**
     * Fixed load balancer addresses, at most one per IP family of the platform. Only for type LoadBalancer.
     *
     * @maxItems 2
     *
     * Items: An IPv4 or IPv6 address (checked exactly when the values are validated).
     */
    loadBalancerIPs?: [] | [string] | [string, string];
    /**
     * Local keeps the client source IP and only routes to nodes that run a Traefik pod; Cluster reaches Traefik from every node. Ignored for type ClusterIP.
     */
    externalTrafficPolicy?: 'Cluster' | 'Local';
  };
  /**
   * Permanently redirect every plain HTTP request (entry point web) to HTTPS (entry point websecure).
   */
  redirectToHttps?: boolean;
  /**
   * Default TLS options of every HTTPS router (Traefik's TLSOption named default).
   */
  tls?: {
    /**
     * Oldest TLS version clients may use.
     */
    minVersion?: 'VersionTLS12' | 'VersionTLS13';
    /**
     * Refuse TLS connections whose SNI matches no known certificate instead of serving the default certificate.
     */
    sniStrict?: boolean;
  };
  /**
   * Traefik's read-only dashboard, served on HTTPS at its own host name.
   */
  dashboard?: {
    /**
     * Expose the dashboard (an IngressRoute on the websecure entry point for /dashboard and /api).
     */
    enabled?: boolean;
    /**
     * Host name of the dashboard; defaults to traefik.<platform domain>.
     */
    host?: string;
    /**
     * Name of an existing Secret in the traefik namespace holding htpasswd lines under the key users (or of type kubernetes.io/basic-auth); protects the dashboard with HTTP basic authentication. Required on production platforms when the dashboard is enabled.
     */
    basicAuthSecret?: string;
  };
  /**
   * Level of Traefik's own logs.
   */
  logLevel?: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'PANIC';
  /**
   * Access logs (one line per request) on the pods' standard output.
   */
  accessLogs?: {
    /**
     * Write access logs.
     */
    enabled?: boolean;
    /**
     * Access log format: json (structured, for log collectors), common or genericCLF.
     */
    format?: 'json' | 'common' | 'genericCLF';
  };
  resources?: Resources;
  placement?: Placement;
}
/**
 * Compute requests and limits of the Traefik container.
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
 * Node selector and tolerations of the Traefik pods.
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
