import * as path from 'node:path';
import { defineFeature, groupKinds, type UpstreamChart } from '@sccp/core';
import { exposure } from './exposure';
import { CHART_NAME, MONITORING_LABELS, prometheusUrl, thanosStoreApi } from './names';
import { kubePrometheusStackValues, kubeSystemServices } from './upstream-values';
import { validateValues } from './validate';
import type { PrometheusValues } from './values.generated';

export type { PrometheusValues } from './values.generated';
export { chartFullname, prometheusServiceName, prometheusUrl, thanosDiscoveryServiceName, thanosStoreApi, MONITORING_LABELS, THANOS_SIDECAR_CONTAINER } from './names';

export const NAME = 'prometheus';
export const NAMESPACE = 'monitoring';

/**
 * Upstream chart: kube-prometheus-stack 81.4.3 (Prometheus Operator v0.88.1), the released tag
 * kube-prometheus-stack-81.4.3. Every values key this feature sets, and the templates that read them,
 * were checked in that released package (see README.md).
 */
export const KUBE_PROMETHEUS_STACK_CHART: UpstreamChart = {
  name: CHART_NAME,
  version: '81.4.3',
  repository: 'https://prometheus-community.github.io/helm-charts',
  source:
    'prometheus-community/helm-charts charts/kube-prometheus-stack @ d43b29960e2d31ef0790a64f56f1d62b36ff8ec4 (tag kube-prometheus-stack-81.4.3): ' +
    'Chart.yaml, values.yaml, templates/_helpers.tpl, templates/prometheus/{prometheus,service,ingress,serviceThanosSidecar}.yaml, ' +
    'templates/exporters/*/service.yaml (the released package)',
};

/**
 * The admission webhook configurations get their caBundle from the chart's certgen Job (a hook),
 * not from the rendered manifests.
 */
const WEBHOOK_CA_BUNDLE_DIFFS = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'].map((kind) => ({
  group: 'admissionregistration.k8s.io',
  kind,
  jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
}));

export default defineFeature<PrometheusValues>({
  packageDir: path.join(__dirname, '..'),
  name: NAME,
  description: 'Prometheus (kube-prometheus-stack): metrics, alerting rules, Alertmanager, node and kube-state metrics',
  namespace: NAMESPACE,
  dependsOn: [],
  // Sync order follows CRDs: Prometheus brings the monitoring.coreos.com CRDs every other feature's
  // ServiceMonitors and rules need, so it syncs first and lists nothing. What it reads from others
  // (storage class, ingress class, issuer, thanos archive Secret) are names that need no ordering:
  // its PVCs bind once the storage class exists.
  optionalDependsOn: [],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'admissionregistration.k8s.io/MutatingWebhookConfiguration',
      'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'apiextensions.k8s.io/CustomResourceDefinition',
      'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'apps/DaemonSet', 'apps/Deployment', 'batch/Job',
      'monitoring.coreos.com/Alertmanager', 'monitoring.coreos.com/Prometheus', 'monitoring.coreos.com/PrometheusRule',
      'monitoring.coreos.com/ServiceMonitor', 'networking.k8s.io/Ingress', 'rbac.authorization.k8s.io/Role',
      'rbac.authorization.k8s.io/RoleBinding',
    ),
  },
  upstream: [KUBE_PROMETHEUS_STACK_CHART],
  profiles: {
    kind: {
      retention: '2d',
      replicas: 1,
      storage: { size: '5Gi' },
      resources: { requests: { cpu: '100m', memory: '512Mi' } },
      alertmanager: { replicas: 1 },
      controlPlaneMetrics: false,
    },
    aks: { controlPlaneMetrics: false },
    eks: { controlPlaneMetrics: false },
    // GKE's cluster DNS is kube-dns or Cloud DNS, not CoreDNS (and Autopilot refuses writes to kube-system).
    gke: { controlPlaneMetrics: false, coreDnsMetrics: false },
  },
  // The operator's CRDs exceed the client-side apply annotation limit.
  serverSideApply: true,
  validate: (values) => validateValues(values),
  provides: () => ({
    metrics: {
      serviceMonitorLabels: { ...MONITORING_LABELS },
      // The ArgoCD Application installs the chart with release name = feature name.
      url: prometheusUrl(NAME, NAMESPACE),
      namespace: NAMESPACE,
      // The sidecars' StoreAPI (headless discovery Service). provides() cannot see whether an archive is
      // wired, so it is always given; it resolves once the sidecars run, i.e. when thanos (its only
      // consumer) provides metricsArchive and render turns on the sidecar and the Service.
      storeApi: thanosStoreApi(NAME, NAMESPACE),
    },
  }),
  render(values, ctx) {
    const ex = exposure(values, ctx);
    return {
      values: { [CHART_NAME]: kubePrometheusStackValues(values, ctx), sccp: values },
      // The chart's Prometheus, Alertmanager, ServiceMonitors and PrometheusRules need the CRDs of the same sync.
      syncOptions: ['SkipDryRunOnMissingResource=true', 'RespectIgnoreDifferences=true'],
      ignoreDifferences: WEBHOOK_CA_BUNDLE_DIFFS.map((d) => structuredClone(d)),
      // The chart writes the Services of the CoreDNS and control-plane monitors into kube-system.
      ...(kubeSystemServices(values).length ? { extraNamespaces: ['kube-system'] } : {}),
      endpoints: ex.enabled ? [{ name: 'Prometheus', url: ex.url }] : [],
    };
  },
});
