import type { UpstreamChart } from '@sccp/core';

/**
 * grafana-community/grafana 11.1.7 (Grafana 12.3.3). The Grafana OSS chart moved from
 * grafana/helm-charts to grafana-community/helm-charts. Keys checked in the stored copies listed in
 * `source` (see README.md for which file confirmed which key).
 */
export const GRAFANA_CHART: UpstreamChart = {
  name: 'grafana',
  version: '11.1.7',
  repository: 'https://grafana-community.github.io/helm-charts',
  source:
    'grafana-community/helm-charts charts/grafana: Chart.yaml @ 12e12d954e7314bd394564c03dca2f6b9f449963 (11.1.7, app 12.3.3); ' +
    'values.yaml @ 309f281c71e0603f92f6a381fc4023f43592af73 (11.x); templates/_config.tpl @ f8b5c54dd181d379f87a28432d5ea121a64d4892; ' +
    'templates/_pod.tpl @ b836dd8e535e10b8bdb7d13a43b9457434f21e61; templates/_helpers.tpl @ 33699f6270ac892d2862637fd03b54b314e9d8a4; ' +
    'templates/servicemonitor.yaml @ 87f4cd7b56ea5c1aaeb58191ac8a960ba5ec19ad; templates/clusterrole.yaml @ b85d8fc97784abfcba0f6946e6041462d382913e',
};
