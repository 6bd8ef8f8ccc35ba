/** Names and fixed identifiers of the Grafana feature. */

export const NAME = 'grafana';
export const NAMESPACE = 'grafana';

/** Port of the chart's Service (`service.port`, left at its default). */
export const SERVICE_PORT = 80;

/** Label (and value) the dashboard sidecar selects ConfigMaps by; kube-prometheus-stack puts the same on its dashboards. */
export const DASHBOARD_LABEL = 'grafana_dashboard';
export const DASHBOARD_LABEL_VALUE = '1';

/** Stable datasource uids: dashboards (ours and contributed ones) refer to datasources by these. */
export const METRICS_DATASOURCE_UID = 'sccp-metrics';
export const LOGS_DATASOURCE_UID = 'sccp-logs';

const trimDash = (s: string) => s.replace(/-+$/, '');

/**
 * `grafana.fullname` (templates/_helpers.tpl): the release name when it contains the chart name,
 * else `<release>-grafana`, truncated to 63 characters without a trailing dash. No fullnameOverride is set.
 */
export function chartFullname(release: string): string {
  return trimDash((release.includes('grafana') ? release : `${release}-grafana`).slice(0, 63));
}

/** In-cluster URL of the Grafana Service (the Application installs the chart with release name = feature name). */
export function serviceUrl(release: string = NAME, namespace: string = NAMESPACE): string {
  return `http://${chartFullname(release)}.${namespace}.svc:${SERVICE_PORT}`;
}
