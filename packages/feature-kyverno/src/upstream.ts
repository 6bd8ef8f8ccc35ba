import type { RenderContext } from '@sccp/core';
import type { KyvernoValues } from './values.generated';

/** The namespace Kyverno runs in, and the only one whose PolicyExceptions it honours. */
export const NAMESPACE = 'kyverno';

/**
 * The four controllers: our values key → the upstream chart's key, and where the upstream chart
 * reads the main container's resources (the admission controller nests them under `container`).
 */
export const CONTROLLERS = {
  admissionController: { upstream: 'admissionController', resourcesAt: ['container', 'resources'] },
  backgroundController: { upstream: 'backgroundController', resourcesAt: ['resources'] },
  cleanupController: { upstream: 'cleanupController', resourcesAt: ['resources'] },
  reportsController: { upstream: 'reportsController', resourcesAt: ['resources'] },
} as const;

export type ControllerKey = keyof typeof CONTROLLERS;

type Placement = NonNullable<KyvernoValues['placement']>;
type Controller = NonNullable<KyvernoValues['admissionController']>;

/** nodeSelector and tolerations of one controller: its own placement, else the top-level one. */
export function placementOf(own: Placement | undefined, top: Placement | undefined): { nodeSelector: Record<string, string>; tolerations: unknown[] } {
  const nodeSelector = own?.nodeSelector && Object.keys(own.nodeSelector).length ? own.nodeSelector : (top?.nodeSelector ?? {});
  const tolerations = own?.tolerations?.length ? own.tolerations : (top?.tolerations ?? []);
  return { nodeSelector: { ...nodeSelector }, tolerations: tolerations.map((t) => ({ ...t })) };
}

/**
 * PodDisruptionBudget of a controller. The 3.9.1 chart always creates one when replicas > 1
 * (`podDisruptionBudget.enabled` or `gt replicas 1`, templates/<controller>/poddisruptionbudget.yaml),
 * so `enabled` only states that. `maxUnavailable: 1` lets a drain evict one pod at a time whatever
 * the replica count; `minAvailable: 0` clears the chart's default `minAvailable: 1` (the chart's
 * `kyverno.pdb.spec` fails when both are truthy and renders `maxUnavailable` when it is set).
 * With one replica there is no PodDisruptionBudget, so a drain is never blocked.
 */
function pdb(replicas: number) {
  return replicas > 1 ? { enabled: true, minAvailable: 0, maxUnavailable: 1 } : { enabled: false };
}

/**
 * ServiceMonitor of a controller: on with the metrics capability (prometheus feature), carrying the
 * labels its Prometheus selects; off without it. The chart creates it without an API check.
 */
function serviceMonitor(ctx: RenderContext) {
  const metrics = ctx.provides.metrics;
  return metrics ? { enabled: true, additionalLabels: { ...metrics.serviceMonitorLabels } } : { enabled: false };
}

function setAt(target: Record<string, unknown>, at: readonly string[], value: unknown) {
  let node = target;
  for (const k of at.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[at[at.length - 1]] = value;
}

/**
 * Values handed to the upstream `kyverno` chart (3.9.1). Every key below exists in that chart's
 * values.yaml (kyverno/kyverno charts/kyverno/values.yaml @ v1.19.1).
 */
export function kyvernoValues(values: KyvernoValues, ctx: RenderContext): Record<string, unknown> {
  const out: Record<string, unknown> = {
    crds: { install: true, migration: { ...placementOf(undefined, values.placement) } },
    features: {
      policyExceptions: {
        enabled: values.policyExceptions?.enabled ?? true,
        // Kyverno 1.19.1 ignores every exception when the namespace flag is empty
        // (cmd/internal/engine.go NewExceptionSelector), so it is always set.
        namespace: NAMESPACE,
      },
    },
    webhooksCleanup: { ...placementOf(undefined, values.placement) },
  };
  for (const [key, { upstream, resourcesAt }] of Object.entries(CONTROLLERS)) {
    const c: Controller = values[key as ControllerKey] ?? {};
    const replicas = c.replicas ?? 1;
    const controller: Record<string, unknown> = {
      replicas,
      // The ClusterRoles the chart creates with rbac.create (`<release>:<controller>:core`) grant
      // get/list/watch on ConfigMaps in every namespace: the policies' apiCall parameter lookups
      // (/api/v1/namespaces/kyverno/configmaps/<name>) depend on them.
      rbac: { create: true },
      ...placementOf(c.placement, values.placement),
      podDisruptionBudget: pdb(replicas),
      serviceMonitor: serviceMonitor(ctx),
    };
    if (key !== 'admissionController') controller.enabled = true;
    if (c.resources && Object.keys(c.resources).length) setAt(controller, resourcesAt, structuredClone(c.resources));
    out[upstream] = controller;
  }
  return out;
}

/**
 * Kyverno's controllers use aggregated ClusterRoles (`aggregationRule`): the API server fills their
 * `rules`, which the chart leaves empty, so ArgoCD would report them OutOfSync forever. Names are
 * `<fullname>:<controller>`; with release and chart both named kyverno the fullname is `kyverno`
 * (templates/_helpers/_names.tpl).
 */
export function aggregatedClusterRoleDiffs(release: string): Record<string, unknown>[] {
  const fullname = release.includes('kyverno') ? release : `${release}-kyverno`;
  return ['admission-controller', 'background-controller', 'cleanup-controller', 'reports-controller'].map((c) => ({
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    name: `${fullname}:${c}`,
    jsonPointers: ['/rules'],
  }));
}
