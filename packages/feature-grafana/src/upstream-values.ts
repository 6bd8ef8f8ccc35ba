import type { RenderContext } from '@sccp/core';
import { datasources } from './datasources';
import { exposure } from './exposure';
import { DASHBOARD_LABEL, DASHBOARD_LABEL_VALUE } from './names';
import { assertNoTemplate } from './tpl';
import type { GrafanaValues } from './values.generated';

type Obj = Record<string, any>;

/** Persistence: a PVC only with a single replica (an RWO volume and SQLite cannot be shared). */
export function persistenceValues(values: GrafanaValues, ctx: RenderContext): Obj {
  if ((values.replicas ?? 1) > 1) return { enabled: false };
  const out: Obj = { enabled: true, type: 'pvc', accessModes: ['ReadWriteOnce'], size: values.persistence?.size ?? '10Gi' };
  const storageClassName = values.persistence?.storageClass || ctx.provides.storage?.block;
  if (storageClassName) out.storageClassName = storageClassName;
  return out;
}

function ingressValues(values: GrafanaValues, ctx: RenderContext): Obj {
  const ex = exposure(values, ctx);
  if (!ex.enabled) return { enabled: false };
  const out: Obj = { enabled: true, hosts: [ex.host], path: '/', pathType: 'Prefix', annotations: {}, tls: [] };
  if (ctx.provides.ingress?.className) out.ingressClassName = ctx.provides.ingress.className;
  if (ex.tls) {
    out.annotations = { 'cert-manager.io/cluster-issuer': ctx.provides.tls!.clusterIssuer };
    out.tls = [{ secretName: ex.tlsSecret, hosts: [ex.host] }];
  }
  return out;
}

/** grafana.ini additions (merged by Helm over the chart's defaults). Every string goes through the chart's tpl. */
export function grafanaIni(values: GrafanaValues, ctx: RenderContext): Obj {
  const ex = exposure(values, ctx);
  const ini: Obj = {
    'auth.anonymous': values.anonymous ? { enabled: true, org_role: 'Viewer' } : { enabled: false },
  };
  if (ex.enabled) ini.server = { root_url: ex.url };
  return ini;
}

/** Namespaces the dashboard sidecar searches: ALL, or the platform's feature namespaces. */
export function searchNamespace(values: GrafanaValues, ctx: RenderContext): string | string[] {
  if (values.sidecar?.dashboardsSearchAllNamespaces ?? true) return 'ALL';
  return [...new Set([ctx.feature.namespace, ...Object.values(ctx.namespaces)])].sort();
}

/** The values handed to the upstream grafana chart (key `grafana`). */
export function grafanaValues(values: GrafanaValues, ctx: RenderContext): Obj {
  const secret = values.admin?.existingSecret ?? {};
  const out: Obj = {
    replicas: values.replicas ?? 1,
    // Credentials always from the existing Secret: without it the chart generates a password with
    // `lookup`, which is empty under Argo CD and so changes on every render.
    admin: {
      existingSecret: secret.name ?? 'grafana-admin',
      userKey: secret.userKey ?? 'admin-user',
      passwordKey: secret.passwordKey ?? 'admin-password',
    },
    'grafana.ini': grafanaIni(values, ctx),
    ingress: ingressValues(values, ctx),
    persistence: persistenceValues(values, ctx),
    plugins: [...(values.plugins ?? [])],
    sidecar: {
      dashboards: {
        enabled: true,
        label: DASHBOARD_LABEL,
        labelValue: DASHBOARD_LABEL_VALUE,
        searchNamespace: searchNamespace(values, ctx),
        // Dashboards are ConfigMaps (SCCP's and kube-prometheus-stack's): the sidecar does not watch Secrets.
        resource: 'configmap',
      },
    },
    serviceMonitor: ctx.provides.metrics
      ? { enabled: true, labels: { ...ctx.provides.metrics.serviceMonitorLabels } }
      : { enabled: false },
    // The chart's Helm test pod: Argo CD does not run Helm tests.
    testFramework: { enabled: false },
  };
  if (values.resources && Object.keys(values.resources).length) out.resources = structuredClone(values.resources);
  const p = values.placement;
  if (p?.nodeSelector && Object.keys(p.nodeSelector).length) out.nodeSelector = { ...p.nodeSelector };
  if (p?.tolerations?.length) out.tolerations = p.tolerations.map((t) => ({ ...t }));
  const ds = datasources(ctx);
  if (ds) out.datasources = ds;
  // Values the upstream chart passes through `tpl`: nothing in them may contain a template.
  assertNoTemplate('grafana.ini', out['grafana.ini']);
  assertNoTemplate('admin.existingSecret', out.admin.existingSecret);
  assertNoTemplate('sidecar.dashboards', out.sidecar.dashboards);
  assertNoTemplate('serviceMonitor.labels', out.serviceMonitor.labels ?? {});
  assertNoTemplate('ingress', out.ingress);
  return out;
}
