/* Generated from platform.schema.json by json-schema-to-typescript. Do not edit: run `npm run generate`. */

/**
 * An IPv4 or IPv6 network in CIDR notation, e.g. 192.168.10.0/24 or fd00:10::/64.
 */
export type Cidr = string;
/**
 * A DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.
 */
export type DnsLabel = string;

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
   * Admission controller that enforces the bundled policies (the enabled features' own and the enabled packs'): kyverno or gatekeeper, whose feature is then enabled (with its defaults unless features.<name>.values sets some), or none (policies are only checked before deploy by `sccp verify`).
   */
  admission?: 'kyverno' | 'gatekeeper' | 'none';
  /**
   * What the admission controller does with a violation: enforce rejects the resource (Kyverno failureAction Enforce, Gatekeeper enforcementAction deny); audit admits it and reports it (Audit, dryrun).
   */
  enforcement?: 'enforce' | 'audit';
  /**
   * Policy packs on top of the features' own policies, and declared exceptions.
   */
  policies?: {
    /**
     * Policy packs to bundle, by name.
     */
    packs?: {
      /**
       * Every Pod Security Standards check at the chosen level, requests/limits, no :latest, ownership labels, no host access outside platform namespaces (@sccp/policy-pack-baseline).
       */
      baseline?: {
        /**
         * Set false to keep the entry but not bundle the pack.
         */
        enabled?: boolean;
        /**
         * Pod Security Standards level: restricted (every check: no privilege escalation, non-root, drop ALL capabilities, a seccomp profile, restricted volume types, besides the baseline checks) or baseline (only the checks against known privilege escalations: privileged, host namespaces, ports and paths, capabilities beyond the default set, AppArmor, SELinux, procMount, seccomp Unconfined, unsafe sysctls).
         */
        level?: 'restricted' | 'baseline';
      };
      /**
       * What an operator of critical infrastructure expects: no API version that the profile's newest Kubernetes version deprecates or removed, LoadBalancer and NodePort Services only in the namespaces of tenants that declare them (quota), at least 2 replicas for the workloads of critical tenants (@sccp/policy-pack-operations).
       */
      operations?: {
        /**
         * Set false to keep the entry but not bundle the pack.
         */
        enabled?: boolean;
      };
      /**
       * Only sanctioned code runs: images from allowed registries pinned by digest and signed, Argo CD syncing signed commits only, charts pinned by version (@sccp/policy-pack-trusted-execution).
       */
      'trusted-execution'?: {
        /**
         * Set false to keep the entry but not bundle the pack.
         */
        enabled?: boolean;
        /**
         * Image reference prefixes that are trusted, each a registry host (optionally with a port and a repository path) ending in '/'. Include the registries of the platform's own upstream images.
         */
        allowedRegistries?: string[];
        /**
         * Every Argo CD AppProject (the platform's and each tenant's) lists signatureKeys, so Argo CD syncs only commits signed by one of the GnuPG keys in features.argocd.values.gpg.keys (at least one is then required).
         */
        requireSignedCommits?: boolean;
        /**
         * Cosign signature verification (Kyverno verifyImages; Gatekeeper has no equivalent, see docs/adr/0003). Needs at least one key or keyless identity.
         */
        verifyImages?: {
          /**
           * Image patterns to verify (Kyverno wildcards).
           *
           * @minItems 1
           */
          imageReferences: [string, ...string[]];
          /**
           * Image patterns never verified.
           */
          skipImageReferences?: string[];
          /**
           * Cosign public keys: each exactly one of publicKey (PEM), secret (a Secret holding cosign.pub) or kms (KMS URI).
           */
          keys?: {
            publicKey?: string;
            secret?: {
              name: DnsLabel;
              namespace: DnsLabel;
            };
            kms?: string;
            rekor?: {
              url?: string;
              ignoreTlog?: boolean;
            };
          }[];
          /**
           * Sigstore keyless signers: the OIDC issuer and the certificate identity.
           */
          keyless?: {
            issuer?: string;
            issuerRegExp?: string;
            subject?: string;
            subjectRegExp?: string;
            rekor?: {
              url?: string;
            };
            roots?: string;
          }[];
        };
      };
    };
    /**
     * Resources a policy does not apply to, each with a reason. They become Kyverno PolicyExceptions or Gatekeeper exclusions, are honoured by `sccp verify`, and are listed in the generated README.
     */
    exceptions?: {
      /**
       * A DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.
       */
      policy: string;
      /**
       * A DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.
       */
      namespace: string;
      /**
       * Only resources of this kind (with name: one resource).
       */
      kind?: string;
      /**
       * Only the resource with this name (requires kind).
       */
      name?: string;
      /**
       * Why the exception is acceptable; shown in the README and on the generated object.
       */
      reason: string;
      /**
       * Last day (YYYY-MM-DD) the exception is valid; a build after it fails until the exception is renewed or removed.
       */
      expires?: string;
    }[];
  };
  /**
   * Enabled features, by name. Each takes optional values validated by the feature's schema.
   */
  features: {};
}
