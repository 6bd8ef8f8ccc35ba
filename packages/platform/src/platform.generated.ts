/* Generated from platform.schema.json by json-schema-to-typescript. Do not edit: run `npm run generate`. */

/**
 * An IPv4 or IPv6 network in CIDR notation, e.g. 192.168.10.0/24 or fd00:10::/64.
 */
export type Cidr = string;

/**
 * One platform: where it runs, where its Git repository is, and which features it enables with which values.
 */
export interface PlatformDocument {
  /**
   * Version of this file's format.
   */
  apiVersion: 'sccp.dev/v1alpha1';
  kind: 'Platform';
  /**
   * Platform name; prefixes the root Application.
   */
  name: string;
  /**
   * Free text shown in the generated README.
   */
  description?: string;
  /**
   * Where the cluster runs. Sets defaults (storage classes, load balancing) that feature values override.
   */
  profile?: 'bare-metal' | 'kind' | 'aks' | 'eks' | 'gke';
  /**
   * Base DNS domain: features are exposed as <name>.<domain>.
   */
  domain: string;
  /**
   * A production platform: guardrails require TLS and redundancy.
   */
  production?: boolean;
  /**
   * Cluster networking facts.
   */
  network?: {
    /**
     * IP families the cluster runs: [IPv4], [IPv6] or dual-stack [IPv4, IPv6] (the first is the primary family).
     *
     * @minItems 1
     * @maxItems 2
     */
    ipFamilies?: ['IPv4' | 'IPv6'] | ['IPv4' | 'IPv6', 'IPv4' | 'IPv6'];
    /**
     * Networks the nodes live in; load balancer pools must lie inside one of them when given.
     */
    nodeCidrs?: Cidr[];
  };
  /**
   * The Git repository ArgoCD syncs the generated app-of-apps repository from.
   */
  repository: {
    /**
     * Clone URL.
     */
    url: string;
    /**
     * Branch, tag or commit ArgoCD follows.
     */
    revision?: string;
    /**
     * Folder inside the repository that holds the generated files ('.' for the root).
     */
    path?: string;
  };
  /**
   * How ArgoCD syncs every feature Application.
   */
  sync?: {
    /**
     * Sync automatically when Git changes.
     */
    automated?: boolean;
    /**
     * Delete resources removed from Git.
     */
    prune?: boolean;
    /**
     * Revert changes made in the cluster by hand.
     */
    selfHeal?: boolean;
    /**
     * Sync retries before giving up.
     */
    retryLimit?: number;
  };
  /**
   * Enabled features, by name. Each takes optional values validated by the feature's schema.
   */
  features: {};
}
