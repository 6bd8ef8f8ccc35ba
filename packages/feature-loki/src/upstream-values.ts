import { UserError, type RenderContext } from '@sccp/core';
import { collectorConfig } from './alloy-config';
import { pushUrl } from './endpoints';
import { resolveBackend, storageClass, storageValues, type Backend } from './storage';
import type { LokiValues } from './values.generated';

/** First day of the (only) schema period: TSDB index, schema v13, daily index tables. */
export const SCHEMA_FROM = '2024-04-01';

/** Ingester replication factor for N single-binary pods: 3 once there are 3, else 1 (a factor of 2 would stop writes whenever one pod is down). */
export function replicationFactor(replicas: number): number {
  return replicas >= 3 ? 3 : 1;
}

/** Values of the upstream loki chart (SingleBinary). */
export function lokiValues(values: LokiValues, ctx: RenderContext, backend: Backend = resolveBackend(values, ctx)): Record<string, unknown> {
  const replicas = values.replicas ?? 1;
  if (backend.kind === 'filesystem' && replicas > 1) {
    // validate() catches storage.type filesystem; whether `auto` has object storage only the platform knows
    throw new UserError([
      {
        pointer: `/features/${ctx.feature.name}/values/replicas`,
        message: `loki: ${replicas} replicas need object storage, but logs are stored on the filesystem (storage.type ${values.storage?.type ?? 'auto'}${ctx.provides.objectStorage ? '' : ', no object storage on this platform'}); use 1 replica or storage.type s3`,
      },
    ]);
  }
  const objectStore = backend.kind === 'filesystem' ? 'filesystem' : 's3';
  const { storage, extraArgs, extraEnvFrom } = storageValues(backend);
  const sc = storageClass(values, ctx);
  const metrics = ctx.provides.metrics;
  return {
    deploymentMode: 'SingleBinary',
    // Stable names whatever the release is called: Service `loki`, port 3100.
    fullnameOverride: 'loki',
    loki: {
      // One tenant: clients need no X-Scope-OrgID header.
      auth_enabled: false,
      commonConfig: { replication_factor: replicationFactor(replicas) },
      storage,
      schemaConfig: {
        configs: [{ from: SCHEMA_FROM, store: 'tsdb', object_store: objectStore, schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } }],
      },
      limits_config: { retention_period: values.retention },
      compactor: { retention_enabled: true, delete_request_store: objectStore },
      analytics: { reporting_enabled: false },
    },
    singleBinary: {
      replicas,
      resources: values.resources ?? {},
      nodeSelector: values.placement?.nodeSelector ?? {},
      tolerations: values.placement?.tolerations ?? [],
      extraArgs,
      extraEnvFrom,
      persistence: {
        enabled: true,
        size: values.persistence?.size,
        ...(sc ? { storageClass: sc } : {}),
        // Keep the data when the StatefulSet is deleted or scaled down.
        enableStatefulSetAutoDeletePVC: false,
      },
    },
    // SingleBinary: the simple-scalable targets must be 0 or the chart refuses to render.
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    // Clients use the single-binary Service directly; no nginx gateway.
    gateway: { enabled: false },
    // The memcached caches default to ~9 GiB of memory requests; a single binary does without.
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    // The canary DaemonSet pushes synthetic logs; the Helm test needs it (validate.yaml): both off.
    lokiCanary: { enabled: false },
    test: { enabled: false },
    ...(metrics
      ? {
          monitoring: {
            serviceMonitor: {
              enabled: true,
              labels: { ...metrics.serviceMonitorLabels },
              // Grafana Agent Operator object: no such CRD on this platform.
              metricsInstance: { enabled: false },
            },
          },
        }
      : {}),
  };
}

/** Values of the upstream alloy chart: a DaemonSet shipping every pod log to Loki. */
export function alloyValues(values: LokiValues, ctx: RenderContext): Record<string, unknown> {
  const collector = values.collector ?? {};
  const metrics = ctx.provides.metrics;
  // collector.enabled: false: the wrapper's dependency condition (sccp.collector.enabled) leaves the chart out
  if (collector.enabled === false) return {};
  return {
    // The PodLogs CRD (monitoring.grafana.com) is not used.
    crds: { create: false },
    controller: {
      type: 'daemonset',
      nodeSelector: collector.placement?.nodeSelector ?? {},
      tolerations: collector.placement?.tolerations ?? [],
    },
    alloy: {
      configMap: { create: true, content: collectorConfig(pushUrl(ctx.feature.namespace)) },
      // host /var/log mounted read-only: /var/log/pods holds every container's log files.
      mounts: { varlog: true },
      resources: collector.resources ?? {},
      enableReporting: false,
    },
    ...(metrics ? { serviceMonitor: { enabled: true, additionalLabels: { ...metrics.serviceMonitorLabels } } } : {}),
  };
}
