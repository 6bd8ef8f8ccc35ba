/* Generated from schema.json by json-schema-to-typescript. Do not edit: run `npm run generate`. */

/**
 * A DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.
 */
export type DnsLabel = string;
/**
 * A Kubernetes quantity, e.g. 500m, 1, 256Mi, 10Gi.
 */
export type Quantity = string;
/**
 * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
 */
export type Bytes = string;

/**
 * OPA Gatekeeper, the admission controller that enforces Rego policies (ConstraintTemplates and Constraints): the webhook (controller-manager) replicas and disruption budget, the webhook's failure policy, namespaces exempt from admission, the periodic audit, Kubernetes events, logs, resources and placement.
 */
export interface GatekeeperValues {
  /**
   * Number of controller-manager pods (the admission webhook). Three keep admission available while a node drains and during rolling updates.
   */
  replicas?: number;
  /**
   * PodDisruptionBudget of the controller-manager pods (the chart always creates it).
   */
  podDisruptionBudget?: {
    /**
     * Controller-manager pods that must stay up during a voluntary disruption (node drain). Must be lower than replicas, or a drain can never evict a webhook pod; 0 allows evicting all of them.
     */
    minAvailable?: number;
  };
  /**
   * The validating admission webhook.
   */
  webhook?: {
    /**
     * What the API server does when Gatekeeper does not answer: Ignore admits the request (fail open), Fail rejects it (fail closed; needs healthy webhook pods for every change in non-exempt namespaces).
     */
    failurePolicy?: 'Ignore' | 'Fail';
    /**
     * Seconds the API server waits for a webhook answer before applying the failure policy.
     */
    timeoutSeconds?: number;
  };
  /**
   * Run Gatekeeper's mutating webhook (Assign, AssignMetadata, ModifySet, AssignImage objects). SCCP ships no mutators, so it is off unless you write your own.
   */
  mutation?: boolean;
  /**
   * Namespaces the admission webhooks skip (Gatekeeper's own namespace always is). Resources there are still audited. Exact names are excluded through the API server's kubernetes.io/metadata.name namespace label, so no one has to label them.
   */
  exemptNamespaces?: {
    /**
     * Exempt the namespace of every enabled platform feature (argocd, cert-manager, monitoring, ...), so a Constraint can never block the platform from repairing itself.
     */
    platform?: boolean;
    /**
     * More namespaces to exempt by exact name.
     */
    namespaces?: DnsLabel[];
    /**
     * Namespace name prefixes whose namespaces may opt out of admission by carrying the label admission.gatekeeper.sh/ignore (Gatekeeper refuses that label on any other namespace). Nothing is exempt until the label is set.
     *
     * Items: The start of a namespace name.
     */
    prefixes?: string[];
  };
  /**
   * The audit Deployment (one pod; the chart has no replicas setting for it): periodically evaluates every Constraint against the existing resources and records violations in the Constraints' status.
   */
  audit?: {
    /**
     * Seconds between two audit runs. 0 turns the periodic audit off.
     */
    interval?: number;
    /**
     * Violations recorded in each Constraint's status per audit run.
     */
    constraintViolationsLimit?: number;
    /**
     * Only audit resources of the kinds some Constraint matches (faster on large clusters; a Constraint without kinds still audits everything).
     */
    matchKindOnly?: boolean;
    resources?: Resources;
    placement?: Placement;
  };
  /**
   * Kubernetes Events for violations (alpha in Gatekeeper), in addition to the Constraints' status and the logs.
   */
  events?: {
    /**
     * Emit an Event for every admission violation (denied, dryrun or warned request).
     */
    admission?: boolean;
    /**
     * Emit an Event for every violation an audit run finds.
     */
    audit?: boolean;
    /**
     * Create the Events in the namespace of the offending object (so its owners see them) instead of Gatekeeper's namespace. Events of cluster-scoped objects always go to Gatekeeper's namespace.
     */
    involvedNamespace?: boolean;
  };
  /**
   * Minimum log level of the controller-manager and audit pods.
   */
  logLevel?: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';
  /**
   * Log every denied admission request with the violated Constraint.
   */
  logDenies?: boolean;
  resources?: Resources1;
  placement?: Placement1;
}
/**
 * Requests and limits of the audit container.
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
 * Nodes the audit pod runs on (the chart already requires kubernetes.io/os: linux).
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
 * Requests and limits of each controller-manager container.
 */
export interface Resources1 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Nodes the controller-manager pods run on (the chart already requires kubernetes.io/os: linux and spreads the pods over nodes).
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
