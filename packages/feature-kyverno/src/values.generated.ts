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
 * Kyverno, the platform's policy engine: replicas, resources and placement of its four controllers, and whether PolicyExceptions are honoured (only in the kyverno namespace).
 */
export interface KyvernoValues {
  /**
   * The admission controller Deployment: the validating and mutating webhooks every API request to a matched resource goes through, and policy exceptions at admission.
   */
  admissionController?: {
    /**
     * Number of admission controller pods. The webhooks fail closed for enforced policies, so three keep admission answering while one pod restarts and another is on a draining node. With more than one, the chart also creates a PodDisruptionBudget that lets a node drain evict one pod at a time.
     */
    replicas?: number;
    resources?: Resources;
    placement?: Placement;
  };
  /**
   * The background controller Deployment: generate and mutate-existing rules (update requests).
   */
  backgroundController?: {
    /**
     * Number of background controller pods. Two keep generate and mutate-existing rules running during a node drain (one leader works, the other takes over). With more than one, the chart also creates a PodDisruptionBudget that lets a node drain evict one pod at a time.
     */
    replicas?: number;
    resources?: Resources1;
    placement?: Placement1;
  };
  /**
   * The cleanup controller Deployment: cleanup policies and the TTL label (cleanup.kyverno.io/ttl), with its own webhook that validates cleanup policies.
   */
  cleanupController?: {
    /**
     * Number of cleanup controller pods. Two keep its webhook answering during a node drain. With more than one, the chart also creates a PodDisruptionBudget that lets a node drain evict one pod at a time.
     */
    replicas?: number;
    resources?: Resources2;
    placement?: Placement2;
  };
  /**
   * The reports controller Deployment: background scans and policy reports (PolicyReport objects); Audit results of existing resources come from here.
   */
  reportsController?: {
    /**
     * Number of reports controller pods. Two keep background scans and reports going during a node drain (one leader works, the other takes over). With more than one, the chart also creates a PodDisruptionBudget that lets a node drain evict one pod at a time.
     */
    replicas?: number;
    resources?: Resources3;
    placement?: Placement3;
  };
  placement?: Placement4;
  /**
   * Kyverno PolicyExceptions (kyverno.io/v2): named resources exempted from named policy rules. The platform bundles its exceptions into the kyverno namespace, and Kyverno honours exceptions only there (a PolicyException elsewhere has no effect), so nobody can exempt themselves by writing an exception in their own namespace.
   */
  policyExceptions?: {
    /**
     * Honour PolicyExceptions in the kyverno namespace. false: Kyverno ignores every PolicyException, including the ones the platform bundles, so every matching resource is held to every policy.
     */
    enabled?: boolean;
  };
}
/**
 * Compute requests and limits of the admission controller container (default: the upstream chart's).
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
 * Nodes the admission controller pods run on. Its nodeSelector and its tolerations, when set, each replace the top-level one for these pods.
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
 * Compute requests and limits of the background controller container (default: the upstream chart's).
 */
export interface Resources1 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Nodes the background controller pods run on. Its nodeSelector and its tolerations, when set, each replace the top-level one for these pods.
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
/**
 * Compute requests and limits of the cleanup controller container (default: the upstream chart's).
 */
export interface Resources2 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Nodes the cleanup controller pods run on. Its nodeSelector and its tolerations, when set, each replace the top-level one for these pods.
 */
export interface Placement2 {
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
 * Compute requests and limits of the reports controller container (default: the upstream chart's).
 */
export interface Resources3 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Nodes the reports controller pods run on. Its nodeSelector and its tolerations, when set, each replace the top-level one for these pods.
 */
export interface Placement3 {
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
 * Nodes every Kyverno pod runs on: the four controllers (unless a controller sets its own placement) and the chart's hook Jobs (CRD storage-version migration after upgrades, webhook cleanup on uninstall). Empty nodeSelector: the chart's default kubernetes.io/os: linux.
 */
export interface Placement4 {
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
