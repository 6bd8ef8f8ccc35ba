import type { RenderContext } from '@sccp/core';
import type { CertManagerValues } from './values.generated';

type Obj = Record<string, any>;

/**
 * cert-manager v1.21.1 ships a strict values.schema.json (additionalProperties: false): every key
 * below exists in deploy/charts/cert-manager/values.schema.json (see README "Upstream").
 */
export const COMPONENTS = ['controller', 'webhook', 'cainjector'] as const;
export type Component = (typeof COMPONENTS)[number];

function nonEmpty(o: object | undefined): boolean {
  return !!o && Object.keys(o).length > 0;
}

/** Replicas, PodDisruptionBudget, resources and placement of one component. */
function workload(values: CertManagerValues, c: Component): Obj {
  const replicas = values.replicas?.[c] ?? 1;
  const out: Obj = {
    replicaCount: replicas,
    // One replica with minAvailable 1 would block every node drain: only guard real HA.
    podDisruptionBudget: replicas > 1 ? { enabled: true, minAvailable: 1 } : { enabled: false },
  };
  const resources = values.resources?.[c];
  if (nonEmpty(resources)) out.resources = resources;
  Object.assign(out, placement(values));
  return out;
}

function placement(values: CertManagerValues): Obj {
  const out: Obj = {};
  if (nonEmpty(values.placement?.nodeSelector)) out.nodeSelector = values.placement!.nodeSelector;
  if (values.placement?.tolerations?.length) out.tolerations = values.placement.tolerations;
  return out;
}

/** The values handed to the upstream cert-manager chart (key `cert-manager` of the wrapper's values.yaml). */
export function certManagerValues(values: CertManagerValues, ctx: RenderContext): Obj {
  const metrics = ctx.provides.metrics;
  return {
    crds: { enabled: true, keep: true },
    // The leader election Roles default to kube-system, outside the platform's AppProject destinations.
    global: { leaderElection: { namespace: ctx.feature.namespace } },
    ...workload(values, 'controller'),
    webhook: workload(values, 'webhook'),
    cainjector: workload(values, 'cainjector'),
    ...(nonEmpty(placement(values)) ? { startupapicheck: placement(values) } : {}),
    prometheus: {
      enabled: true,
      servicemonitor: metrics ? { enabled: true, labels: { ...metrics.serviceMonitorLabels } } : { enabled: false },
    },
  };
}
