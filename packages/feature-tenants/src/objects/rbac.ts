import { NAMES, tenantLabels } from '../constants';
import type { ResolvedTenant } from '../tenant';

/** A RoleBinding of the owners (groups, then users) to the `admin` ClusterRole in each tenant namespace. */
export function roleBindings(t: ResolvedTenant): Record<string, unknown>[] {
  const subjects = [
    ...t.owners.groups.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name })),
    ...t.owners.users.map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
  ];
  return t.namespaces.map((ns) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: NAMES.owners, namespace: ns.name, labels: tenantLabels(t.name) },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
    subjects: structuredClone(subjects),
  }));
}
