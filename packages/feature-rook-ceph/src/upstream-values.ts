import type { RenderContext } from '@sccp/core';
import { dashboardExposure, dashboardIngress } from './exposure';
import { blockPools, cephPlacement, fileSystems, objectStores } from './pools';
import type { RookCephValues } from './values.generated';

type Obj = Record<string, any>;

function nonEmpty(r: Obj | undefined): boolean {
  return !!r && Object.keys(r).length > 0;
}

/** Prometheus integration is on when the platform has metrics and the values allow it. */
export function monitoringOn(values: RookCephValues, ctx: RenderContext): boolean {
  return (values.monitoring?.enabled ?? true) && !!ctx.provides.metrics;
}

/** Values of the operator chart (key `rook-ceph`). */
export function operatorValues(values: RookCephValues, ctx: RenderContext): Obj {
  const out: Obj = {
    // The chart installs the Rook CRDs; upstream warns never to turn this off on a live cluster.
    crds: { enabled: true },
    resources: values.resources ?? {},
    csi: {
      provisionerReplicas: values.csi?.provisionerReplicas ?? 2,
      enableRbdDriver: true,
      enableCephfsDriver: values.filesystem?.enabled ?? true,
    },
    monitoring: { enabled: monitoringOn(values, ctx) },
  };
  const selector = values.placement?.nodeSelector ?? {};
  if (Object.keys(selector).length) out.nodeSelector = selector;
  if (values.placement?.tolerations?.length) out.tolerations = values.placement.tolerations;
  return out;
}

function storageSpec(values: RookCephValues): Obj {
  const s = values.storage ?? {};
  const out: Obj = { useAllNodes: s.useAllNodes ?? true, useAllDevices: s.useAllDevices ?? false };
  if (s.deviceFilter && !out.useAllDevices) out.deviceFilter = s.deviceFilter;
  if (s.nodes?.length) {
    out.nodes = s.nodes.map((n) => ({
      name: n.name,
      ...(n.devices?.length ? { devices: n.devices.map((d) => ({ name: d.name })) } : {}),
      ...(n.deviceFilter ? { deviceFilter: n.deviceFilter } : {}),
    }));
  }
  return out;
}

/** Values of the cluster chart (key `rook-ceph-cluster`). */
export function clusterValues(values: RookCephValues, ctx: RenderContext): Obj {
  const ex = dashboardExposure(values, ctx);
  const metrics = monitoringOn(values, ctx) ? ctx.provides.metrics! : undefined;
  const smLabels = metrics ? { ...metrics.serviceMonitorLabels } : {};

  const daemonResources: Obj = {};
  for (const d of ['mon', 'mgr', 'osd'] as const) {
    const r = values.daemonResources?.[d];
    if (nonEmpty(r)) daemonResources[d] = r;
  }

  const spec: Obj = {
    mon: { count: values.mon?.count ?? 3 },
    mgr: { count: values.mgr?.count ?? 2 },
    dashboard: {
      enabled: values.dashboard?.enabled ?? true,
      // Behind the platform's ingress the dashboard speaks plain HTTP (TLS ends at the ingress
      // controller); the chart's Ingress then targets the service's http-dashboard port.
      ssl: !ex.ingress,
    },
    storage: storageSpec(values),
  };
  if (Object.keys(daemonResources).length) spec.resources = daemonResources;
  const placement = cephPlacement(values);
  if (placement) spec.placement = { all: placement };
  // Labels the operator puts on the ServiceMonitors it creates, so the platform's Prometheus selects them.
  if (Object.keys(smLabels).length) spec.labels = { monitoring: smLabels };
  if ((values.blockPool?.replicas ?? 3) === 1) {
    // Single-copy (test) clusters, as upstream's cluster-test.yaml.
    spec.cephConfig = { global: { osd_pool_default_size: '1', mon_warn_on_pool_no_redundancy: 'false' } };
  }

  return {
    operatorNamespace: ctx.feature.namespace,
    monitoring: {
      enabled: !!metrics,
      createPrometheusRules: !!metrics && (values.monitoring?.prometheusRules ?? true),
      ...(metrics && Object.keys(smLabels).length ? { prometheusRule: { labels: smLabels } } : {}),
    },
    cephClusterSpec: spec,
    ingress: { dashboard: dashboardIngress(ex, ctx) },
    cephBlockPools: blockPools(values),
    cephFileSystems: fileSystems(values),
    cephObjectStores: objectStores(values),
  };
}
