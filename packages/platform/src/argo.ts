import type { RenderOutput } from '@sccp/core';
import type { Plan, PlannedFeature } from './plan';
import { kindsOf, mergeKinds } from './resource-kinds';

export const ARGOCD_NAMESPACE = 'argocd';
export const PROJECT = 'platform';
export const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Path of a generated folder inside the Git repository ArgoCD reads. */
export function repoPath(plan: Plan, sub: string): string {
  const base = plan.spec.info.repo.path;
  return base === '.' ? sub : `${base.replace(/\/$/, '')}/${sub}`;
}

function syncPolicy(plan: Plan, extraOptions: string[] = [], namespaceLabels?: Record<string, string>) {
  const s = plan.spec.sync;
  return {
    ...(s.automated ? { automated: { prune: s.prune, selfHeal: s.selfHeal } } : {}),
    ...(namespaceLabels && Object.keys(namespaceLabels).length ? { managedNamespaceMetadata: { labels: namespaceLabels } } : {}),
    syncOptions: [...new Set(['CreateNamespace=true', ...extraOptions])],
    retry: { limit: s.retryLimit, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
  };
}

/** The ArgoCD Application that deploys one feature's wrapper chart. */
export function featureApplication(plan: Plan, p: PlannedFeature, out: RenderOutput) {
  const f = p.feature;
  const options = [...(f.serverSideApply ? ['ServerSideApply=true'] : []), ...(out.syncOptions ?? [])];
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: f.name,
      namespace: ARGOCD_NAMESPACE,
      annotations: { 'argocd.argoproj.io/sync-wave': String(p.wave), 'sccp.dev/package': `${f.packageName}@${f.version}` },
      labels: { 'app.kubernetes.io/part-of': plan.spec.info.name, 'app.kubernetes.io/managed-by': 'sccp', 'sccp.dev/feature': f.name },
      ...(out.keepOnDelete ? {} : { finalizers: ['resources-finalizer.argocd.argoproj.io'] }),
    },
    spec: {
      project: PROJECT,
      source:
        f.delivery === 'manifests'
          ? { repoURL: plan.spec.info.repo.url, targetRevision: plan.spec.info.repo.revision, path: repoPath(plan, f.name), directory: { recurse: true } }
          : {
              repoURL: plan.spec.info.repo.url,
              targetRevision: plan.spec.info.repo.revision,
              path: repoPath(plan, `charts/${f.name}`),
              helm: { releaseName: f.name, valueFiles: ['values.yaml'] },
            },
      destination: { server: IN_CLUSTER, namespace: f.namespace },
      syncPolicy: syncPolicy(plan, options, out.namespaceLabels),
      ...(out.ignoreDifferences?.length ? { ignoreDifferences: out.ignoreDifferences } : {}),
    },
  };
}

/** What the platform's own Applications create: the feature Applications (apps/) and their namespaces (CreateNamespace=true). */
const PLATFORM_KINDS = { cluster: [{ group: '', kind: 'Namespace' }], namespaced: [{ group: 'argoproj.io', kind: 'Application' }] };

/**
 * The kinds the platform project allows: what the enabled features declare (their upstream charts
 * and templates), the kinds of the plain manifests they render and of the policy bundle, and the
 * platform's own Applications. Nothing else: a hand-added ClusterRoleBinding is refused by Argo CD.
 */
export function projectKinds(plan: Plan, rendered: { output: RenderOutput }[] = [], bundle: Record<string, unknown>[] = []) {
  const manifests = rendered.flatMap((r) => Object.values(r.output.manifests ?? {}).flat()) as Record<string, any>[];
  return mergeKinds([PLATFORM_KINDS, ...plan.features.map((p) => p.feature.resourceKinds), kindsOf(manifests), kindsOf(bundle as Record<string, any>[])]);
}

/**
 * The platform AppProject: sources from the platform repository; destinations are the features'
 * namespaces on this cluster, every namespace their plain manifests create or write into (tenant
 * namespaces, whose quotas and policies the platform owns) and the namespaces a feature's rendered
 * chart writes into besides its own (`extraNamespaces`, e.g. kube-system for the Services of
 * Prometheus' control-plane monitors; see docs/adr/0011); resources: the kinds of `projectKinds`,
 * never `*`.
 */
export function platformProject(plan: Plan, rendered: { output: RenderOutput }[] = [], bundle: Record<string, unknown>[] = []) {
  const kinds = projectKinds(plan, rendered, bundle);
  const fromManifests = rendered
    .flatMap((r) => Object.values(r.output.manifests ?? {}).flat())
    .map((o: any) => (o?.kind === 'Namespace' ? o.metadata?.name : o?.metadata?.namespace))
    .filter((n): n is string => typeof n === 'string');
  const extra = rendered.flatMap((r) => r.output.extraNamespaces ?? []);
  const namespaces = [...new Set([ARGOCD_NAMESPACE, ...plan.features.map((p) => p.feature.namespace), ...fromManifests, ...extra])].sort();
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: PROJECT,
      namespace: ARGOCD_NAMESPACE,
      annotations: { 'argocd.argoproj.io/sync-wave': '-1' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      description: `Platform components of ${plan.spec.info.name}, generated by SCCP`,
      sourceRepos: [plan.spec.info.repo.url],
      destinations: namespaces.map((namespace) => ({ server: IN_CLUSTER, namespace })),
      clusterResourceWhitelist: kinds.cluster,
      namespaceResourceWhitelist: kinds.namespaced,
      ...(plan.provides.commitSigning ? { signatureKeys: plan.provides.commitSigning.keyIds.map((keyID) => ({ keyID })) } : {}),
    },
  };
}

/**
 * The Application of the bundled policies (policies/): synced after every feature, so the admission
 * controller and the CRDs the rules match exist; ConstraintTemplates and parameters before the
 * Constraints and policies that need them (sync waves inside the folder).
 */
export function policiesApplication(plan: Plan, namespace: string) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: 'policies',
      namespace: ARGOCD_NAMESPACE,
      annotations: { 'argocd.argoproj.io/sync-wave': String(plan.policyWave ?? 0) },
      labels: { 'app.kubernetes.io/part-of': plan.spec.info.name, 'app.kubernetes.io/managed-by': 'sccp', 'sccp.dev/component': 'policies' },
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: PROJECT,
      source: { repoURL: plan.spec.info.repo.url, targetRevision: plan.spec.info.repo.revision, path: repoPath(plan, 'policies'), directory: { recurse: true } },
      destination: { server: IN_CLUSTER, namespace },
      syncPolicy: syncPolicy(plan, ['SkipDryRunOnMissingResource=true', 'ServerSideApply=true']),
    },
  };
}

/** The root Application: syncs apps/ (one Application per feature). The one thing applied by hand. */
export function rootApplication(plan: Plan) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `${plan.spec.info.name}-root`,
      namespace: ARGOCD_NAMESPACE,
      labels: { 'app.kubernetes.io/part-of': plan.spec.info.name, 'app.kubernetes.io/managed-by': 'sccp' },
    },
    spec: {
      project: PROJECT,
      source: { repoURL: plan.spec.info.repo.url, targetRevision: plan.spec.info.repo.revision, path: repoPath(plan, 'apps'), directory: { recurse: false } },
      destination: { server: IN_CLUSTER, namespace: ARGOCD_NAMESPACE },
      syncPolicy: syncPolicy(plan),
    },
  };
}
