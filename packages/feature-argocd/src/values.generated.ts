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
 * Argo CD, the GitOps engine that deploys the platform. It is installed once with Helm from this chart and manages itself afterwards through its own Application.
 */
export interface ArgocdValues {
  /**
   * High availability: redis-ha (needs at least 3 nodes: its pods use hard anti-affinity) and 2 replicas of the API server, repo server and ApplicationSet controller. The application controller keeps 1 replica (upstream's HA recommendation).
   */
  ha?: boolean;
  ingress?: Ingress;
  /**
   * The built-in local admin user.
   */
  admin?: {
    /**
     * Enable the local admin user (initial password in the Secret argocd-initial-admin-secret). Disabling it requires SSO (dex.enabled).
     */
    enabled?: boolean;
  };
  /**
   * The bundled Dex server for single sign-on.
   */
  dex?: {
    /**
     * Deploy Dex (connectors are configured in argocd-cm dex.config, outside SCCP).
     */
    enabled?: boolean;
  };
  /**
   * The Argo CD notifications controller.
   */
  notifications?: {
    /**
     * Deploy the notifications controller.
     */
    enabled?: boolean;
  };
  /**
   * Argo CD RBAC (argocd-rbac-cm).
   */
  rbac?: {
    /**
     * Role every authenticated user gets when no other rule applies (policy.default); empty: none.
     */
    defaultPolicy?: 'role:readonly' | 'role:admin' | '';
    /**
     * SSO groups that get role:admin (one `g, <group>, role:admin` line each in policy.csv). Names are words separated by single spaces, without commas, quotes, '#' or line breaks.
     *
     * Items: An SSO group name as the identity provider sends it.
     */
    adminGroups?: string[];
  };
  /**
   * GnuPG public keys for commit signature verification (argocd-gpg-keys-cm). Enforcement is set per AppProject (spec.signatureKeys).
   */
  gpg?: {
    /**
     * Key ID (16 upper-case hex digits, `gpg --list-keys --keyid-format long`) to the ASCII-armoured public key (`gpg --export --armor <KEY>`). Public keys only: private key blocks are rejected.
     */
    keys?: {
      /**
       * An ASCII-armoured PGP public key block.
       */
      [k: string]: string;
    };
  };
  /**
   * Compute requests and limits per component; unset leaves the upstream chart's (none).
   */
  resources?: {
    controller?: Resources;
    server?: Resources1;
    repoServer?: Resources2;
    applicationSet?: Resources3;
    redis?: Resources4;
  };
  placement?: Placement;
}
/**
 * Expose the Argo CD UI and API through the platform's ingress controller. The host defaults to argocd.<platform domain>. TLS is served when the platform has a cluster issuer (cert-manager) and ends at the ingress controller, which then talks plain HTTP to the Argo CD server.
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
 * Application controller.
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
 * API server and UI.
 */
export interface Resources1 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Repository server (renders manifests).
 */
export interface Resources2 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * ApplicationSet controller.
 */
export interface Resources3 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Single-node Redis cache (when ha is false).
 */
export interface Resources4 {
  limits?: ResourceList;
  requests?: ResourceList;
}
/**
 * Node selector and tolerations for every Argo CD component (the chart's global defaults; tolerations also go to redis-ha when ha is true).
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
