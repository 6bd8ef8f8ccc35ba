import { NAMES, OWNER_CLUSTER_ROLE, WRITE_VERBS, tenantLabels } from '../constants';
import type { ResolvedTenant } from '../tenant';

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };

const READ = ['get', 'list', 'watch'];
const WRITE = WRITE_VERBS;

/**
 * What the owners of a tenant may do in its namespaces: the workloads and their configuration as
 * Kubernetes' `edit` role has them, read access to everything else a namespace holds (including
 * its quota, limit range, NetworkPolicies, Roles and RoleBindings, so owners see their limits),
 * and nothing that changes a guardrail or grants access: no write on resourcequotas, limitranges,
 * networkpolicies, roles or rolebindings, no `bind`, `escalate` or `impersonate`, no wildcard.
 * Because the role cannot write RBAC and does not hold the permissions of `admin`, `edit` or
 * `cluster-admin`, Kubernetes' escalation check also refuses an owner's RoleBinding to them. The
 * rules obey what the policy tenants-rbac-bounded asks of a tenant's own Roles (GUARDRAIL_RESOURCES,
 * ESCALATING_VERBS in src/constants.ts; test/rbac.test.ts).
 *
 * An explicit list, not an aggregationRule: with aggregation every ClusterRole that some chart
 * labels for it (operators do so for `admin`/`edit`) would widen the tenant's power unreviewed.
 * Argo CD deploys the tenant's repository with its own service account (fenced by the
 * AppProject), so this role is what owners can do by hand (kubectl), not what their repository may hold.
 */
export const OWNER_RULES: readonly Rule[] = [
  { apiGroups: [''], resources: ['configmaps', 'persistentvolumeclaims', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services'], verbs: [...READ, ...WRITE] },
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'services/proxy'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['pods/eviction', 'serviceaccounts/token'], verbs: ['create'] },
  {
    apiGroups: [''],
    resources: ['endpoints', 'events', 'limitranges', 'namespaces', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'],
    verbs: READ,
  },
  { apiGroups: ['apps'], resources: ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], verbs: [...READ, ...WRITE] },
  { apiGroups: ['apps'], resources: ['controllerrevisions', 'daemonsets/status', 'deployments/status', 'replicasets/status', 'statefulsets/status'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: [...READ, ...WRITE] },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: [...READ, ...WRITE] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: [...READ, ...WRITE] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: [...READ, ...WRITE] },
  { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: READ },
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
];

/** The ClusterRole the owners are bound to (cluster-scoped, one for every tenant). */
export function ownerClusterRole(): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: OWNER_CLUSTER_ROLE, labels: { 'app.kubernetes.io/managed-by': 'sccp' } },
    rules: OWNER_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
  };
}

/** A RoleBinding of the owners (groups, then users) to the `sccp-tenant-owner` ClusterRole in each tenant namespace. */
export function roleBindings(t: ResolvedTenant): Record<string, unknown>[] {
  const subjects = [
    ...t.owners.groups.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name })),
    ...t.owners.users.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
  ];
  return t.namespaces.map((ns) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: NAMES.owners, namespace: ns.name, labels: tenantLabels(t.name) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: OWNER_CLUSTER_ROLE },
    subjects: structuredClone(subjects),
  }));
}
