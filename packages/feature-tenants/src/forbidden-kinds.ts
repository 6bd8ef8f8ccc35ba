/**
 * The cluster-scoped kinds a tenant may never hold, in one place. validate() refuses a
 * clusterResourceAllowList entry that matches one of them, and the admission policy
 * tenants-appproject-no-cluster-wildcard (policies/kyverno and policies/rego) carries the same list,
 * kept equal by test/forbidden-kinds.test.ts.
 *
 * Argo CD lets a cluster-scoped object in when a clusterResourceWhitelist entry matches its group
 * and its kind (argoproj/argo-cd pkg/apis/application/v1alpha1 `isResourceInList`: Go's
 * `filepath.Match(item.Kind, kind)` and `filepath.Match(item.Group, group)`; `*` any run of
 * characters, `?` one character). An entry is refused when it can match a forbidden kind: so
 * `{group: '*', kind: 'ClusterRole*'}` is refused for ClusterRoleBinding, and a group of `*` is
 * always refused (it matches rbac.authorization.k8s.io). Matching here ignores case (stricter
 * than Argo CD). `[...]` classes and `\` escapes are refused outright by the schema and the policy.
 */

export interface ForbiddenKind {
  /** API group ('' is the core group). */
  group: string;
  /** Kind, or '*' for every kind of the group. */
  kind: string;
  /** What the tenant would get, for messages. */
  what: string;
}

export const FORBIDDEN_CLUSTER_KINDS: readonly ForbiddenKind[] = [
  { group: '', kind: 'Namespace', what: 'Namespaces, outside the quota, limits and network policies of its own' },
  { group: '', kind: 'Node', what: 'Nodes' },
  { group: '', kind: 'PersistentVolume', what: "PersistentVolumes: a hostPath volume mounts the node's filesystem" },
  { group: 'rbac.authorization.k8s.io', kind: '*', what: 'ClusterRoles and ClusterRoleBindings: cluster-wide RBAC' },
  { group: 'admissionregistration.k8s.io', kind: '*', what: 'admission webhooks and admission policies: every API request' },
  { group: 'apiextensions.k8s.io', kind: '*', what: 'CustomResourceDefinitions' },
  { group: 'apiregistration.k8s.io', kind: '*', what: 'APIServices: serving part of the Kubernetes API' },
  { group: 'scheduling.k8s.io', kind: '*', what: 'PriorityClasses: preempting other workloads' },
  { group: 'storage.k8s.io', kind: '*', what: 'StorageClasses, CSIDrivers and VolumeAttachments' },
  { group: 'snapshot.storage.k8s.io', kind: '*', what: 'VolumeSnapshotContents and VolumeSnapshotClasses' },
  { group: 'certificates.k8s.io', kind: '*', what: 'CertificateSigningRequests and ClusterTrustBundles' },
  { group: 'networking.k8s.io', kind: '*', what: 'IngressClasses, ServiceCIDRs and IPAddresses' },
  { group: 'node.k8s.io', kind: '*', what: 'RuntimeClasses' },
  { group: 'flowcontrol.apiserver.k8s.io', kind: '*', what: 'FlowSchemas: API priority and fairness' },
  { group: 'resource.k8s.io', kind: '*', what: 'DeviceClasses and ResourceSlices' },
  { group: 'policy', kind: '*', what: 'PodSecurityPolicies' },
  { group: 'kyverno.io', kind: '*', what: 'Kyverno ClusterPolicies: the platform policies' },
  { group: 'policies.kyverno.io', kind: '*', what: 'Kyverno policies: the platform policies' },
  { group: 'templates.gatekeeper.sh', kind: '*', what: 'Gatekeeper ConstraintTemplates: the platform policies' },
  { group: 'constraints.gatekeeper.sh', kind: '*', what: 'Gatekeeper Constraints: the platform policies' },
  { group: 'cert-manager.io', kind: '*', what: "cert-manager ClusterIssuers: the platform's certificates" },
  { group: 'argoproj.io', kind: '*', what: 'Argo CD objects: the delivery of every tenant and of the platform' },
];

/** Characters an allow-list entry may use: names, `*` and `?` (anything else cannot be matched like Argo CD everywhere). */
export const PLAIN_KIND_PATTERN = /^[-a-z0-9.*?]*$/i;

/** Go's filepath.Match for `*` and `?` (no `/` occurs in groups and kinds), ignoring case. */
export function kindGlobMatch(pattern: string, value: string): boolean {
  const re = pattern
    .toLowerCase()
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`, 's').test(value.toLowerCase());
}

/** The forbidden kinds an allow-list entry lets in (empty: the entry is safe). */
export function forbiddenKindsAllowedBy(entry: { group: string; kind: string }): ForbiddenKind[] {
  return FORBIDDEN_CLUSTER_KINDS.filter((f) => kindGlobMatch(entry.group, f.group) && (f.kind === '*' || kindGlobMatch(entry.kind, f.kind)));
}

/** `rbac.authorization.k8s.io/*`, `core/Namespace`: how a forbidden kind is named in messages. */
export function forbiddenKindName(f: ForbiddenKind): string {
  return `${f.group || 'core'}/${f.kind}`;
}
