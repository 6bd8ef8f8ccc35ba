import * as path from 'node:path';
import { defineFeature, groupKinds, renderTemplateFile } from '@sccp/core';
import { dashboardEntries } from './dashboards';
import { logsUrl, metricsSource } from './datasources';
import { exposure } from './exposure';
import { DASHBOARD_LABEL, DASHBOARD_LABEL_VALUE, NAME, NAMESPACE, serviceUrl } from './names';
import { GRAFANA_CHART } from './upstream';
import { grafanaValues } from './upstream-values';
import { validateValues } from './validate';
import type { GrafanaValues } from './values.generated';

export type { GrafanaValues } from './values.generated';
export { GRAFANA_CHART } from './upstream';
export { LOGS_DATASOURCE_UID, METRICS_DATASOURCE_UID, chartFullname, serviceUrl } from './names';
export { overviewDashboard } from './overview-dashboard';

const TEMPLATES = path.join(__dirname, '..', 'templates');

export default defineFeature<GrafanaValues>({
  packageDir: path.join(__dirname, '..'),
  name: NAME,
  description: 'Grafana: dashboards over the platform metrics and logs',
  namespace: NAMESPACE,
  dependsOn: [],
  // Datasources (prometheus, thanos, loki), ServiceMonitor (prometheus), Ingress (traefik, cert-manager).
  optionalDependsOn: ['prometheus', 'thanos', 'loki', 'traefik', 'cert-manager'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'ConfigMap', 'PersistentVolumeClaim', 'Service', 'ServiceAccount', 'apps/Deployment',
      'monitoring.coreos.com/ServiceMonitor', 'networking.k8s.io/Ingress', 'rbac.authorization.k8s.io/Role',
      'rbac.authorization.k8s.io/RoleBinding',
    ),
  },
  upstream: [GRAFANA_CHART],
  profiles: {
    kind: {
      replicas: 1,
      persistence: { size: '1Gi' },
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } },
    },
  },
  validate: (values) => validateValues(values),
  render(values, ctx) {
    const ex = exposure(values, ctx);
    const dashboards = dashboardEntries(ctx, { metrics: !!metricsSource(ctx), logs: !!logsUrl(ctx) });
    return {
      values: {
        grafana: grafanaValues(values, ctx),
        sccp: values,
        wiring: { dashboardLabels: { [DASHBOARD_LABEL]: DASHBOARD_LABEL_VALUE }, dashboards },
      },
      templates: { 'dashboards.yaml': renderTemplateFile(path.join(TEMPLATES, 'dashboards.yaml.hbs')) },
      endpoints: [ex.enabled ? { name: 'Grafana', url: ex.url } : { name: 'Grafana (in-cluster)', url: serviceUrl(ctx.feature.name, ctx.feature.namespace) }],
    };
  },
});
