import type { RenderContext } from '@sccp/core';
import { exposure } from './exposure';
import { bucketEnv, type Archive } from './objstore';
import { PROMETHEUS_REPLICA_LABEL } from './names';
import { escapeForTpl } from './tpl';
import type { ThanosValues } from './values.generated';

type Obj = Record<string, any>;

/** nodeSelector / tolerations of the placement, only the keys that are set. */
function placementKeys(values: ThanosValues): Obj {
  const out: Obj = {};
  const p = values.placement;
  if (p?.nodeSelector && Object.keys(p.nodeSelector).length) out.nodeSelector = { ...p.nodeSelector };
  if (p?.tolerations?.length) out.tolerations = p.tolerations.map((t) => ({ ...t }));
  return out;
}

function resourcesKey(resources: { requests?: object; limits?: object } | undefined): Obj {
  return resources && Object.keys(resources).length ? { resources: structuredClone(resources) } : {};
}

/**
 * `<component>.persistence` of the chart. Its storageClass defaults to `standard` (not the cluster
 * default), so it is always set: the value's class, else the platform's block class, else `""`
 * (the chart then writes no storageClassName and the cluster default class applies).
 */
export function persistence(storage: { size?: string; storageClass?: string } | undefined, fallbackSize: string, ctx: RenderContext): Obj {
  return {
    enabled: true,
    size: storage?.size ?? fallbackSize,
    storageClass: storage?.storageClass || ctx.provides.storage?.block || '',
  };
}

/** Compactor retention flags (the chart has no retention keys: `compact.extraArgs`). */
export function retentionArgs(values: ThanosValues): string[] {
  const r = values.compactor?.retention ?? {};
  return [
    `--retention.resolution-raw=${r.raw ?? '30d'}`,
    `--retention.resolution-5m=${r.fiveMinutes ?? '180d'}`,
    `--retention.resolution-1h=${r.oneHour ?? '1y'}`,
  ];
}

/**
 * StoreAPI endpoints Query gets on top of the chart's own Store Gateway endpoint: the Prometheus
 * sidecars' address when prometheus provides one (`metrics.storeApi`). Escaped: the chart runs them through `tpl`.
 */
export function additionalEndpoints(ctx: RenderContext): string[] {
  const storeApi = ctx.provides.metrics?.storeApi;
  return storeApi ? [escapeForTpl(storeApi)] : [];
}

function queryIngress(values: ThanosValues, ctx: RenderContext): Obj {
  const ex = exposure(values, ctx);
  if (!ex.enabled) return { enabled: false };
  const ingress: Obj = { enabled: true, hosts: [ex.host], annotations: {}, tls: [] };
  if (ctx.provides.ingress?.className) ingress.ingressClassName = ctx.provides.ingress.className;
  if (ex.tls) {
    ingress.annotations = { 'cert-manager.io/cluster-issuer': ctx.provides.tls!.clusterIssuer };
    ingress.tls = [{ secretName: ex.tlsSecret, hosts: [ex.host] }];
  }
  return ingress;
}

/**
 * `<component>.extraEnv` of the components that read the bucket (Store Gateway, Compactor): with
 * rook-ceph, the claim's variables the rendered objstore config refers to. Query reads no bucket
 * (the chart gives it no objstore config), so it gets none.
 */
export function bucketEnvKeys(archive: Archive): Obj {
  return archive.kind === 'rook-ceph' ? { extraEnv: bucketEnv() } : {};
}

/** The values handed to the upstream thanos chart (key `thanos`). */
export function thanosValues(values: ThanosValues, ctx: RenderContext, archive: Archive): Obj {
  const placement = placementKeys(values);
  const metrics = ctx.provides.metrics;
  return {
    // The objstore config is always an existing Secret: the chart must not create its FILESYSTEM default.
    objstoreConfig: { create: false, name: archive.secret.name, key: archive.secret.key },
    additionalEndpoints: additionalEndpoints(ctx),
    // Prometheus Operator replicas differ only in this external label: Query and the compactor deduplicate on it.
    additionalReplicaLabels: [PROMETHEUS_REPLICA_LABEL],
    serviceMonitor: metrics ? { enabled: true, additionalLabels: { ...metrics.serviceMonitorLabels } } : { enabled: false },
    query: {
      enabled: true,
      // The chart adds the Store Gateway endpoint (dnssrv+_grpc._tcp.<fullname>-store-gateway-headless...) itself.
      enableDnsDiscovery: true,
      replicas: values.query?.replicas ?? 2,
      ingress: queryIngress(values, ctx),
      ...resourcesKey(values.query?.resources),
      ...structuredClone(placement),
    },
    queryFrontend: { enabled: false },
    storeGateway: {
      enabled: true,
      replicas: values.storeGateway?.replicas ?? 2,
      persistence: persistence(values.storeGateway?.persistence, '10Gi', ctx),
      ...bucketEnvKeys(archive),
      ...resourcesKey(values.storeGateway?.resources),
      ...structuredClone(placement),
    },
    compact: {
      enabled: true,
      // HA Prometheus replicas: the penalty function is the one meant for them (vertical compaction dedup).
      deduplication: { enabled: true, func: 'penalty' },
      extraArgs: retentionArgs(values),
      persistence: persistence(values.compactor?.persistence, '50Gi', ctx),
      ...bucketEnvKeys(archive),
      ...resourcesKey(values.compactor?.resources),
      ...structuredClone(placement),
    },
    rule: { enabled: false },
    receive: { enabled: false },
  };
}
