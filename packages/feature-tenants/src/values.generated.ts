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
 * An IPv4 or IPv6 network in CIDR notation, e.g. 192.168.10.0/24 or fd00:10::/64.
 */
export type Cidr = string;
/**
 * A group or user name as the identity provider sends it (no commas, no leading or trailing spaces).
 */
export type SubjectName = string;

/**
 * Application teams onboarded as tenants: each gets namespaces with a ResourceQuota, a LimitRange, default-deny NetworkPolicies and RoleBindings for its owners, an Argo CD AppProject that fences what it may deploy, and an Argo CD Application that syncs its environment repository.
 */
export interface TenantsValues {
  /**
   * The tenants. Each one is written to tenants/<name>/ in the generated repository (project.yaml, namespaces.yaml, resource-quota.yaml, limit-range.yaml, network-policy.yaml, rbac.yaml, application.yaml).
   */
  tenants?: Tenant[];
}
/**
 * One application team.
 */
export interface Tenant {
  /**
   * Cluster-scoped kinds the tenant may deploy (AppProject clusterResourceWhitelist). Empty: none; the tenant's namespaces are created here, not by the tenant. An entry that matches, as Argo CD globs group and kind, a kind a tenant may never hold is refused: Namespace, Node, PersistentVolume, and every kind of rbac.authorization.k8s.io, admissionregistration.k8s.io, apiextensions.k8s.io, apiregistration.k8s.io, scheduling.k8s.io, storage.k8s.io, snapshot.storage.k8s.io, certificates.k8s.io, networking.k8s.io, node.k8s.io, flowcontrol.apiserver.k8s.io, resource.k8s.io, policy and of the platform's kyverno.io, policies.kyverno.io, templates.gatekeeper.sh, constraints.gatekeeper.sh, cert-manager.io and argoproj.io (src/forbidden-kinds.ts). So group '*' is always refused.
   *
   * Items: An API group and kind.
   */
  clusterResourceAllowList?: {
    /**
     * API group ('' for the core group, '*' for any).
     */
    group: string;
    /**
     * Kind ('*' for any).
     */
    kind: string;
  }[];
  /**
   * The tenant runs services whose outage matters (grid control, billing): with the operations policy pack, its Deployments and StatefulSets must run at least 2 replicas and its HorizontalPodAutoscalers keep minReplicas at 2 or more (policy operations-critical-replicas).
   */
  critical?: boolean;
  /**
   * What the tenant runs; shown as the AppProject description in Argo CD. Written as data, never templated.
   */
  description?: string;
  /**
   * Where the tenant's AppProject may deploy (Argo CD destinations). Default: each tenant namespace on the in-cluster API server. In-cluster destinations must be tenant namespaces, and this cluster is written https://kubernetes.default.svc only (another spelling of it is refused). No destination, on any cluster, may name default, argocd or kube-*. Server and namespace are literal: Argo CD reads them as patterns.
   */
  destinations?: Destination[];
  environment?: Environment;
  limitRange?: LimitRange;
  /**
   * Tenant name: the AppProject and Application name in argocd, the value of the sccp.dev/tenant label and the default namespace. Not 'default' or 'platform' (Argo CD projects that already exist).
   */
  name: string;
  /**
   * The tenant's namespaces. Default: one namespace named like the tenant. Each gets the quota, limit range, network policies and owner RoleBinding below. Names must be unique across tenants and may not be default, argocd or kube-*.
   *
   * @minItems 1
   */
  namespaces?: [Namespace, ...Namespace[]];
  networkPolicy?: NetworkPolicy;
  /**
   * Who owns the tenant: bound to the `sccp-tenant-owner` ClusterRole in every tenant namespace (no write on its guardrails or RBAC), and (groups only) given the AppProject role `owners` in Argo CD. At least one group or user.
   */
  owners: {
    /**
     * Identity-provider groups (RBAC subjects of kind Group, and the groups of the Argo CD project role).
     */
    groups?: SubjectName[];
    /**
     * Individual users (RBAC subjects of kind User). Argo CD project roles bind groups only, so users get Kubernetes access but no Argo CD role.
     */
    users?: SubjectName[];
  };
  quota?: Quota;
  /**
   * Repositories the tenant's AppProject may deploy from (Argo CD sourceRepos): URLs or patterns where `*` matches within one path segment, `**` across segments and `?` one character. Default: exactly environment.repoURL. Each entry starts with a literal scheme, host and owner (`https://host/owner/`, `http://host/owner/`, `ssh://user@host/owner/` or `user@host:owner/`), or is one exact repository URL: globs only after the owner, so `*`, `**`, `* /*`, `https://**`, `https://*.example.com/x` (repositories on any host) and `https://host/**` (every repository of that host) are refused, and so are Argo CD's `!` deny patterns (any deny pattern lets every other repository in).
   *
   * Items: A repository URL or pattern (no leading '!', no spaces, brackets, braces or backslashes).
   */
  sourceRepos?: string[];
}
/**
 * An Argo CD destination: a cluster (by API server URL; cluster names are not accepted) and a namespace.
 */
export interface Destination {
  /**
   * Namespace on that cluster.
   */
  namespace: string;
  /**
   * API server URL, literal: no glob character (* ? [ ] { } \ !), since Argo CD matches it as a pattern and `https://*` would be every cluster, this one included. https://kubernetes.default.svc is this cluster.
   */
  server?: string;
}
/**
 * The repository the tenant's Argo CD Application syncs. Unset: no Application.
 */
export interface Environment {
  /**
   * helm only: how the chart is rendered.
   */
  helm?: {
    /**
     * Values files, relative to path, in order.
     *
     * Items: A values file.
     */
    valueFiles?: string[];
  };
  /**
   * Folder inside the repository (relative, no '..').
   */
  path?: string;
  /**
   * directory only: also read manifests in subfolders.
   */
  recurse?: boolean;
  /**
   * Git repository URL (https, ssh or git@host:path), literal (no glob character: without sourceRepos it is the AppProject's pattern). Must match one of sourceRepos.
   */
  repoURL: string;
  /**
   * Branch, tag or commit (Application targetRevision).
   */
  revision?: string;
  /**
   * directory: plain manifests, read recursively when `recurse` is true; helm: a chart (Chart.yaml) in path.
   */
  type?: 'directory' | 'helm';
}
/**
 * LimitRange of each tenant namespace: container defaults and maximums.
 */
export interface LimitRange {
  default?: ResourceList;
  defaultRequest?: ResourceList1;
  max?: ResourceList2;
}
/**
 * Limits of a container that sets none (at least defaultRequest).
 */
export interface ResourceList {
  cpu?: Quantity;
  memory?: Bytes;
}
/**
 * Requests of a container that sets none.
 */
export interface ResourceList1 {
  cpu?: Quantity;
  memory?: Bytes;
}
/**
 * Largest limits a container may set (at least default).
 */
export interface ResourceList2 {
  cpu?: Quantity;
  memory?: Bytes;
}
/**
 * A tenant namespace.
 */
export interface Namespace {
  labels?: Labels;
  /**
   * Namespace name.
   */
  name: string;
  /**
   * Pod Security Standard of the namespace: Kubernetes enforces it (pod-security.kubernetes.io/enforce, also used for warn and audit), and the baseline policy pack evaluates the namespace's workloads, controllers included, at this level instead of policies.packs.baseline.level. Tenants never get privileged.
   */
  podSecurity?: 'restricted' | 'baseline';
}
/**
 * Extra labels of the namespace. sccp.dev/tenant, kubernetes.io/metadata.name and pod-security.kubernetes.io/* are set by SCCP and refused here.
 */
export interface Labels {
  /**
   * A label value.
   */
  [k: string]: string;
}
/**
 * NetworkPolicies of each tenant namespace: default deny, and what is allowed.
 */
export interface NetworkPolicy {
  /**
   * Allow DNS (UDP and TCP 53) to kube-system (NetworkPolicy allow-dns).
   */
  allowDns?: boolean;
  /**
   * Allow ingress from the ingress controller's namespace, when the platform has one (NetworkPolicy allow-from-ingress).
   */
  allowFromIngress?: boolean;
  /**
   * Allow ingress from the metrics namespace (Prometheus scrapes), when the platform has one (NetworkPolicy allow-from-monitoring).
   */
  allowFromMonitoring?: boolean;
  /**
   * Allow traffic to and from every namespace of the same tenant, by the sccp.dev/tenant label (NetworkPolicy allow-same-tenant).
   */
  allowFromSameTenant?: boolean;
  /**
   * Deny all ingress and egress that the policies below do not allow (NetworkPolicy default-deny). false: no NetworkPolicy is written for the tenant (and extra rules are refused).
   */
  defaultDeny?: boolean;
  /**
   * Further egress rules, in order (NetworkPolicy allow-extra-egress).
   */
  extraEgress?: EgressRule[];
  /**
   * Further ingress rules, in order (NetworkPolicy allow-extra-ingress).
   */
  extraIngress?: IngressRule[];
}
/**
 * Traffic allowed out: to any of the peers, on any of the ports.
 */
export interface EgressRule {
  /**
   * Destination ports. Empty: every port.
   */
  ports?: Port[];
  /**
   * Destinations (any of them).
   *
   * @minItems 1
   */
  to: [Peer, ...Peer[]];
}
/**
 * A port (or range) and protocol.
 */
export interface Port {
  /**
   * Last port of a range starting at port (numeric port only).
   */
  endPort?: number;
  /**
   * Port number, or a named container port.
   */
  port: number | string;
  /**
   * Protocol.
   */
  protocol?: 'TCP' | 'UDP' | 'SCTP';
}
/**
 * A NetworkPolicy peer: either a network (cidr, except) or pods chosen by namespace (namespace or namespaceLabels) and/or pod labels (podLabels alone: pods in the same namespace).
 */
export interface Peer {
  /**
   * A network (ipBlock.cidr); its IP family must be one of the platform's.
   */
  cidr?: string;
  /**
   * Networks inside cidr that are excluded (ipBlock.except).
   */
  except?: Cidr[];
  /**
   * Pods in this namespace (by its kubernetes.io/metadata.name label).
   */
  namespace?: string;
  namespaceLabels?: Labels1;
  podLabels?: Labels2;
}
/**
 * Pods in the namespaces with these labels.
 */
export interface Labels1 {
  /**
   * A label value.
   */
  [k: string]: string;
}
/**
 * Pods with these labels.
 */
export interface Labels2 {
  /**
   * A label value.
   */
  [k: string]: string;
}
/**
 * Traffic allowed in: from any of the peers, to any of the ports.
 */
export interface IngressRule {
  /**
   * Sources (any of them).
   *
   * @minItems 1
   */
  from: [Peer, ...Peer[]];
  /**
   * Destination ports on the tenant's pods. Empty: every port.
   */
  ports?: Port[];
}
/**
 * ResourceQuota of each tenant namespace.
 */
export interface Quota {
  /**
   * Further ResourceQuota `hard` entries, e.g. count/deployments.apps or requests.nvidia.com/gpu: a standard quota resource (secrets, configmaps, requests.ephemeral-storage, hugepages-2Mi, ...) or a fully qualified name. Counts and extended resources are whole numbers. Keys the fields above set are refused.
   */
  additional?: {
    [k: string]: Quantity;
  };
  /**
   * A Kubernetes quantity, e.g. 500m, 1, 256Mi, 10Gi.
   */
  cpu?: string;
  /**
   * A Kubernetes quantity, e.g. 500m, 1, 256Mi, 10Gi.
   */
  limitsCpu?: string;
  /**
   * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
   */
  limitsMemory?: string;
  /**
   * Number of Services of type LoadBalancer (services.loadbalancers). Tenants are reached through the ingress controller by default.
   */
  loadBalancers?: number;
  /**
   * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
   */
  memory?: string;
  /**
   * Number of NodePort Services (services.nodeports).
   */
  nodePorts?: number;
  /**
   * Number of PersistentVolumeClaims (persistentvolumeclaims).
   */
  persistentVolumeClaims?: number;
  /**
   * Number of pods (pods).
   */
  pods?: number;
  /**
   * A whole number of bytes as a Kubernetes quantity, e.g. 512Mi, 20Gi, 1G.
   */
  storage?: string;
}
