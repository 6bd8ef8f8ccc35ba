import type { UpstreamChart } from '@sccp/core';

/**
 * grafana/loki 6.53.0 (Loki 3.6.5), SingleBinary mode. Keys checked in grafana/loki
 * production/helm/loki/values.yaml @ 0017528b798a2ab1d8157fc598464ccf9d84db97 and the late-6.x values
 * reference (production/helm/loki/reference.md); service names in templates/single-binary/service.yaml
 * @ 0d7d30e439176c17e69dcd063e0d0a5a80a148cb and templates/_helpers.tpl (loki.singleBinaryFullname); container
 * wiring in templates/single-binary/statefulset.yaml @ 01ee6231d3d3f1cbc26be91154ee4537cd5d7675.
 */
export const LOKI_CHART: UpstreamChart = {
  name: 'loki',
  version: '6.53.0',
  repository: 'https://grafana.github.io/helm-charts',
  source:
    'grafana/loki production/helm/loki/values.yaml @ 0017528b798a2ab1d8157fc598464ccf9d84db97, templates/single-binary/service.yaml @ 0d7d30e439176c17e69dcd063e0d0a5a80a148cb, templates/single-binary/statefulset.yaml @ 01ee6231d3d3f1cbc26be91154ee4537cd5d7675, templates/validate.yaml @ f215dff5446dbd3775702a3356c2d39f1ee04dc5 (loki 6.53.0)',
};

/** grafana/alloy chart 1.10.0 (Alloy v1.17.0); keys checked in operations/helm/charts/alloy/values.yaml @ c0f174099a8adfdbe8193a62f6abaf2e49d4a0c1. */
export const ALLOY_CHART: UpstreamChart = {
  name: 'alloy',
  version: '1.10.0',
  // collector.enabled: false leaves the alloy chart out entirely (a Helm dependency condition on the wrapper's own values)
  condition: 'sccp.collector.enabled',
  repository: 'https://grafana.github.io/helm-charts',
  source:
    'grafana/alloy operations/helm/charts/alloy/values.yaml @ c0f174099a8adfdbe8193a62f6abaf2e49d4a0c1, templates/configmap.yaml @ 009e5470caa064eda73a9749ddc1d26cb0b65b09, templates/controllers/deployment.yaml @ 0232638df5c7e24f298631d577fd6f5c8a8703fa (alloy 1.10.0)',
};
