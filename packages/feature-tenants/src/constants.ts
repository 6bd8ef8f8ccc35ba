/** Names and labels shared by the objects a tenant gets. */

/** The Argo CD destination server of this cluster. */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Label every tenant namespace, AppProject and Application carries; NetworkPolicies select namespaces by it. */
export const TENANT_LABEL = 'sccp.dev/tenant';

/** The namespace label Kubernetes sets to the namespace's name (selects a namespace in NetworkPolicies). */
export const NAME_LABEL = 'kubernetes.io/metadata.name';

export const POD_SECURITY_PREFIX = 'pod-security.kubernetes.io/';

/** Argo CD projects that exist already: the platform's own and Argo CD's default. */
export const RESERVED_TENANTS = ['default', 'platform'];

/** Namespaces a tenant may never own (besides kube-*). */
export const RESERVED_NAMESPACES = ['default', 'argocd'];

/** Kinds a tenant may not change inside its namespaces: its guardrails. */
export const GUARDRAIL_KINDS = [
  { group: '', kind: 'ResourceQuota' },
  { group: '', kind: 'LimitRange' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
];

/** The ClusterRole the owners are bound to in each tenant namespace (src/objects/rbac.ts), once per platform. */
export const OWNER_CLUSTER_ROLE = 'sccp-tenant-owner';

/**
 * The ClusterRoles a RoleBinding in a tenant namespace may bind (policy tenants-rbac-bounded):
 * read-only `view` and the owners' role. Never `cluster-admin`, `admin` or `edit` (the last two
 * write NetworkPolicies, `admin` also Roles and RoleBindings), nor any other: Argo CD applies the
 * tenant's repository with cluster-admin power, so Kubernetes' escalation check does not apply.
 */
export const TENANT_BINDABLE_CLUSTER_ROLES = ['view', OWNER_CLUSTER_ROLE];

/** Verbs that change an object. */
export const WRITE_VERBS = ['create', 'delete', 'deletecollection', 'patch', 'update'];

/**
 * The resources that hold a tenant's guardrails and access: no Role of a tenant grants a write verb
 * on them (nor on their subresources), and the owners' ClusterRole only reads them.
 */
export const GUARDRAIL_RESOURCES = ['resourcequotas', 'limitranges', 'networkpolicies', 'roles', 'rolebindings'];

/** Verbs that grant more than the granter holds, or act as someone else: no Role of a tenant has them. */
export const ESCALATING_VERBS = ['bind', 'escalate', 'impersonate'];

/**
 * Who may change a tenant's guardrails (policy tenants-guardrails, literal in its Kyverno and Rego
 * forms): Argo CD's application controller, as the argocd chart names its ServiceAccount
 * (controller.serviceAccount.name in argo-cd 9.6.0) in the argocd feature's namespace, and the
 * namespace controller, which empties a namespace that is being deleted.
 */
export const GUARDRAIL_WRITERS = ['system:serviceaccount:argocd:argocd-application-controller', 'system:serviceaccount:kube-system:namespace-controller'];

/** Object names inside each tenant namespace. */
/** Quota requests and the limits they may not exceed: [requests field, limits field] of a tenant's quota. */
export const QUOTA_REQUEST_LIMITS = [['cpu', 'limitsCpu'], ['memory', 'limitsMemory']] as const;

export const NAMES = {
  quota: 'tenant-quota',
  limits: 'tenant-limits',
  owners: 'tenant-owners',
  projectRole: 'owners',
};

export function tenantLabels(tenant: string): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'sccp', [TENANT_LABEL]: tenant };
}
