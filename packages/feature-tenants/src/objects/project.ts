import { GUARDRAIL_KINDS, NAMES, tenantLabels } from '../constants';
import type { ResolvedTenant } from '../tenant';

/**
 * The tenant's Argo CD AppProject: where it may deploy from and to, no cluster-scoped kinds unless
 * allowed, its guardrails (quota, limit range, network policies) out of reach, and a role for its
 * owner groups. With `signatureKeys` (the platform requires signed commits), Argo CD syncs only
 * commits signed by one of those GnuPG keys.
 */
export function appProject(t: ResolvedTenant, argoNamespace: string, signatureKeys: string[] = []): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    ...(t.description ? { description: t.description } : {}),
    sourceRepos: t.effectiveSourceRepos,
    destinations: t.destinations.map((d) => ({ server: d.server, namespace: d.namespace })),
    clusterResourceWhitelist: t.clusterResourceAllowList.map((r) => ({ group: r.group, kind: r.kind })),
    namespaceResourceBlacklist: GUARDRAIL_KINDS.map((r) => ({ ...r })),
    ...(signatureKeys.length ? { signatureKeys: signatureKeys.map((keyID) => ({ keyID })) } : {}),
  };
  if (t.owners.groups.length) {
    const subject = `proj:${t.name}:${NAMES.projectRole}`;
    spec.roles = [
      {
        name: NAMES.projectRole,
        description: `Owners of tenant ${t.name}: manage its Applications and read their logs`,
        groups: [...t.owners.groups],
        policies: [`p, ${subject}, applications, *, ${t.name}/*, allow`, `p, ${subject}, logs, get, ${t.name}/*, allow`],
      },
    ];
  }
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: t.name,
      namespace: argoNamespace,
      labels: tenantLabels(t.name),
      // Argo CD keeps the project until no Application uses it.
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec,
  };
}
