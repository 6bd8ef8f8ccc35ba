import { DEFAULT_PLATFORM, standaloneContext, type Capabilities, type Contributions, type RenderContext } from '@sccp/core';
import feature from '../src';

export const PROMETHEUS_URL = 'http://prometheus-kube-prometheus-prometheus.monitoring.svc:9090';
export const THANOS_URL = 'http://thanos-query.monitoring.svc:9090';
export const LOKI_URL = 'http://loki.logging.svc:3100';
export const MONITORING_LABELS = { 'sccp.dev/monitoring': 'platform' };

const METRICS: Capabilities['metrics'] = { serviceMonitorLabels: MONITORING_LABELS, url: PROMETHEUS_URL, namespace: 'monitoring' };
const LOGS: Capabilities['logs'] = { pushUrl: `${LOKI_URL}/loki/api/v1/push`, queryUrl: LOKI_URL, namespace: 'logging' };

/** Grafana on its own: no capabilities, no other feature. */
export const standalone = (): RenderContext => standaloneContext(feature);

const LAB = { ...DEFAULT_PLATFORM, name: 'lab', domain: 'lab.example.org', profile: 'bare-metal' as const };

function platformContext(enabled: string[], provides: Capabilities, contributions: Record<string, Contributions> = {}): RenderContext {
  const ns: Record<string, string> = {
    'cert-manager': 'cert-manager', grafana: 'grafana', loki: 'logging', prometheus: 'monitoring', 'rook-ceph': 'rook-ceph', thanos: 'monitoring', traefik: 'traefik',
  };
  return standaloneContext(feature, LAB, {
    enabled: [...enabled].sort(),
    namespaces: Object.fromEntries(enabled.map((f) => [f, ns[f]])),
    provides,
    contributions,
  });
}

/** Prometheus only: metrics datasource and ServiceMonitor, nothing else. */
export const prometheusOnly = (): RenderContext => platformContext(['grafana', 'prometheus'], { metrics: METRICS });

/** Thanos and Loki (and the Prometheus they build on), no ingress. */
export const thanosAndLoki = (): RenderContext =>
  platformContext(['grafana', 'loki', 'prometheus', 'thanos'], { metrics: METRICS, metricsQuery: { url: THANOS_URL }, logs: LOGS });

/** Loki only: the logs datasource becomes the default. */
export const lokiOnly = (): RenderContext => platformContext(['grafana', 'loki'], { logs: LOGS });

/** Dashboards other features contribute in the wired context. */
export const CONTRIBUTED: Record<string, Contributions> = {
  loki: {
    dashboards: {
      'loki-overview': {
        uid: 'sccp-loki',
        title: 'Loki <overview> & "logs"',
        panels: [{ id: 1, type: 'timeseries', targets: [{ expr: 'sum(rate(loki_distributor_lines_received_total[5m]))', legendFormat: '{{ .Release.Name }} {{job}}' }] }],
        thresholds: { steps: [{ color: 'green', value: null }, { color: 'red', value: 80.5 }] },
        description: 'ünïcödé — `backticks` \'quotes\' \\ backslash\nnew line',
      },
    },
  },
  prometheus: { dashboards: { 'Alerts Summary': { uid: 'sccp-alerts', title: 'Alerts', panels: [] } } },
};

/** Every capability the feature reads, every neighbour enabled, and contributed dashboards. */
export const wired = (): RenderContext =>
  platformContext(
    ['cert-manager', 'grafana', 'loki', 'prometheus', 'rook-ceph', 'thanos', 'traefik'],
    {
      ingress: { className: 'traefik', namespace: 'traefik' },
      tls: { clusterIssuer: 'platform-issuer' },
      storage: { block: 'ceph-block', filesystem: 'ceph-filesystem' },
      metrics: METRICS,
      metricsQuery: { url: THANOS_URL },
      logs: LOGS,
    },
    CONTRIBUTED,
  );
