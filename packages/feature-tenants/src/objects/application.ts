import { IN_CLUSTER, tenantLabels } from '../constants';
import type { ResolvedTenant } from '../tenant';

/**
 * The Argo CD Application that syncs the tenant's environment repository into its first
 * namespace, in the tenant's project, with automated prune and self-heal. Sync wave 1: after the
 * project and namespaces of the same sync. Namespaces are created here, so CreateNamespace=false.
 */
export function application(t: ResolvedTenant, argoNamespace: string): Record<string, unknown> | undefined {
  const env = t.environment;
  if (!env) return undefined;
  const source: Record<string, unknown> = { repoURL: env.repoURL, targetRevision: env.revision, path: env.path };
  if (env.type === 'helm') source.helm = env.helm.valueFiles.length ? { valueFiles: [...env.helm.valueFiles] } : {};
  else source.directory = { recurse: env.recurse };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: t.name,
      namespace: argoNamespace,
      labels: tenantLabels(t.name),
      annotations: { 'argocd.argoproj.io/sync-wave': '1' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: t.name,
      source,
      destination: { server: IN_CLUSTER, namespace: t.namespaces[0].name },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=false'] },
    },
  };
}
