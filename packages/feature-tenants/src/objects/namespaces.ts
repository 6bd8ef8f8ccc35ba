import { POD_SECURITY_PREFIX, tenantLabels } from '../constants';
import type { ResolvedTenant } from '../tenant';

/**
 * The tenant's Namespaces: its labels, the tenant label and the Pod Security level (enforce, warn
 * and audit). Argo CD never prunes them: removing a tenant leaves its namespaces (and their data)
 * for an operator to delete.
 */
export function namespaces(t: ResolvedTenant): Record<string, unknown>[] {
  return t.namespaces.map((ns) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: ns.name,
      labels: {
        ...ns.labels,
        ...tenantLabels(t.name),
        [`${POD_SECURITY_PREFIX}enforce`]: ns.podSecurity,
        [`${POD_SECURITY_PREFIX}warn`]: ns.podSecurity,
        [`${POD_SECURITY_PREFIX}audit`]: ns.podSecurity,
      },
      annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false' },
    },
  }));
}
