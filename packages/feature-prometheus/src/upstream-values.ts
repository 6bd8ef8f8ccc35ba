import type { RenderContext } from '@sccp/core';
import { exposure } from './exposure';
import { MONITORING_LABELS, OPERATOR_SIDECAR_ENV, THANOS_SIDECAR_CONTAINER } from './names';
import { escapeMapForTpl } from './tpl';
import type { PrometheusValues } from './values.generated';

type Obj = Record<string, any>;

/** Control-plane scrapers of the upstream chart (each has `<key>.enabled`). */
export const CONTROL_PLANE_COMPONENTS = ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy'] as const;

/**
 * The chart's monitors whose Service it writes into kube-system (hard-coded in
 * templates/exporters/<component>/service.yaml), for these values: CoreDNS with `coreDnsMetrics`, the
 * control-plane components with `controlPlaneMetrics`. Non-empty means the Application writes into
 * kube-system (docs/adr/0011-upstream-charts-writing-outside-their-namespace.md).
 */
export function kubeSystemServices(values: PrometheusValues): string[] {
  return [...(values.coreDnsMetrics ?? true ? ['coreDns'] : []), ...(values.controlPlaneMetrics ?? true ? CONTROL_PLANE_COMPONENTS : [])];
}

/** `defaultRules.rules.<group>` switches of the control-plane rule groups. */
export const CONTROL_PLANE_RULE_GROUPS = ['kubeControllerManager', 'kubeSchedulerAlerting', 'kubeSchedulerRecording', 'etcd', 'kubeProxy'] as const;

/** The label selector Prometheus uses for ServiceMonitors, PodMonitors and PrometheusRules. */
export function monitoringSelector(): Obj {
  return { matchLabels: { ...MONITORING_LABELS } };
}

/** External labels of the Prometheus instance: the user's plus `cluster: <platform name>`. */
export function externalLabels(values: PrometheusValues, ctx: RenderContext): Record<string, string> {
  return { ...(values.externalLabels ?? {}), cluster: ctx.platform.name };
}

/** nodeSelector / tolerations of the placement, only the keys that are set. */
function placementKeys(values: PrometheusValues): Obj {
  const out: Obj = {};
  const p = values.placement;
  if (p?.nodeSelector && Object.keys(p.nodeSelector).length) out.nodeSelector = { ...p.nodeSelector };
  if (p?.tolerations?.length) out.tolerations = p.tolerations.map((t) => ({ ...t }));
  return out;
}

/** prometheus.prometheusSpec.storageSpec: a PVC template per replica. */
export function storageSpec(values: PrometheusValues, ctx: RenderContext): Obj {
  const spec: Obj = {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: values.storage?.size ?? '50Gi' } },
  };
  const storageClassName = values.storage?.storageClass || ctx.provides.storage?.block;
  if (storageClassName) spec.storageClassName = storageClassName;
  return { volumeClaimTemplate: { spec } };
}

/**
 * `prometheus.prometheusSpec.containers`: with an archive that asks for environment variables
 * (`metricsArchive.env`, e.g. the bucket of a Rook claim its objstore config refers to as `$(VAR)`),
 * a patch of the operator-generated `thanos-sidecar` container holding only its name and that env. The
 * operator merges `spec.containers` into its own containers by name with a strategic merge patch
 * (prometheus-operator `k8sutil.MergePatchContainers`), and `env` merges by variable name, so the
 * sidecar keeps its image, args and `OBJSTORE_CONFIG`. Empty otherwise (the key is then left out).
 */
export function sidecarContainers(ctx: RenderContext): Obj[] {
  const archive = ctx.provides.metricsArchive;
  const env = archive?.env ?? [];
  if (!archive || !env.length) return [];
  for (const e of env) {
    if (OPERATOR_SIDECAR_ENV.includes(e.name)) {
      throw new Error(`metricsArchive.env must not set ${e.name}: the Prometheus Operator sets it in the ${THANOS_SIDECAR_CONTAINER} container, and the merge would replace it`);
    }
  }
  return [{ name: THANOS_SIDECAR_CONTAINER, env: structuredClone(env) }];
}

function prometheusSpec(values: PrometheusValues, ctx: RenderContext): Obj {
  const ex = exposure(values, ctx);
  const spec: Obj = {
    replicas: values.replicas ?? 2,
    retention: values.retention ?? '15d',
    // The upstream template passes externalLabels through `tpl`: escape `{{` so values stay literal.
    externalLabels: escapeMapForTpl(externalLabels(values, ctx)),
    // Select monitors and rules cluster-wide by the platform label (not by the Helm release label).
    serviceMonitorSelectorNilUsesHelmValues: false,
    serviceMonitorSelector: monitoringSelector(),
    serviceMonitorNamespaceSelector: {},
    podMonitorSelectorNilUsesHelmValues: false,
    podMonitorSelector: monitoringSelector(),
    podMonitorNamespaceSelector: {},
    ruleSelectorNilUsesHelmValues: false,
    ruleSelector: monitoringSelector(),
    ruleNamespaceSelector: {},
    storageSpec: storageSpec(values, ctx),
    ...placementKeys(values),
  };
  if (values.retentionSize) spec.retentionSize = values.retentionSize;
  if (values.resources && Object.keys(values.resources).length) spec.resources = structuredClone(values.resources);
  if (ex.enabled) spec.externalUrl = ex.url;
  const archive = ctx.provides.metricsArchive;
  if (archive) {
    // Thanos sidecar: uploads blocks with the objstore config the thanos feature keeps in this namespace.
    spec.thanos = { objectStorageConfig: { existingSecret: { name: archive.objstoreSecret.name, key: archive.objstoreSecret.key } } };
    // ... and the variables that config refers to, in the sidecar container itself.
    const containers = sidecarContainers(ctx);
    if (containers.length) spec.containers = containers;
  }
  return spec;
}

function prometheusIngress(values: PrometheusValues, ctx: RenderContext): Obj {
  const ex = exposure(values, ctx);
  if (!ex.enabled) return { enabled: false };
  const ingress: Obj = {
    enabled: true,
    hosts: [ex.host],
    paths: ['/'],
    pathType: 'Prefix',
    annotations: {},
    tls: [],
  };
  if (ctx.provides.ingress?.className) ingress.ingressClassName = ctx.provides.ingress.className;
  if (ex.tls) {
    ingress.annotations = { 'cert-manager.io/cluster-issuer': ctx.provides.tls!.clusterIssuer };
    ingress.tls = [{ secretName: ex.tlsSecret, hosts: [ex.host] }];
  }
  return ingress;
}

/** The values handed to the upstream kube-prometheus-stack chart (key `kube-prometheus-stack`). */
export function kubePrometheusStackValues(values: PrometheusValues, ctx: RenderContext): Obj {
  const placement = placementKeys(values);
  const archive = !!ctx.provides.metricsArchive;
  const controlPlane = values.controlPlaneMetrics ?? true;
  const out: Obj = {
    // kube-prometheus-stack.labels (on every object of the chart, ServiceMonitors and PrometheusRules
    // included) carries commonLabels: the chart's own monitors and rules match the selectors above.
    commonLabels: { ...MONITORING_LABELS },
    crds: { enabled: true },
    // Grafana is its own feature; keep the default dashboards (ConfigMaps for Grafana's sidecar) when it is enabled.
    grafana: { enabled: false, forceDeployDashboards: ctx.enabled.includes('grafana') },
    kubeStateMetrics: { enabled: values.kubeStateMetrics?.enabled ?? true },
    'kube-state-metrics': { prometheus: { monitor: { additionalLabels: { ...MONITORING_LABELS } } }, ...structuredClone(placement) },
    nodeExporter: { enabled: values.nodeExporter?.enabled ?? true },
    'prometheus-node-exporter': { prometheus: { monitor: { additionalLabels: { ...MONITORING_LABELS } } } },
    alertmanager: {
      enabled: values.alertmanager?.enabled ?? true,
      alertmanagerSpec: { replicas: values.alertmanager?.replicas ?? 2, ...structuredClone(placement) },
    },
    prometheus: {
      ingress: prometheusIngress(values, ctx),
      // Headless `<fullname>-thanos-discovery` Service so Thanos Query finds the sidecars, and its ServiceMonitor.
      thanosService: { enabled: archive },
      thanosServiceMonitor: { enabled: archive },
      prometheusSpec: prometheusSpec(values, ctx),
    },
  };
  if (Object.keys(placement).length) {
    // The operator and its admission-webhook certificate Job (a Helm hook).
    out.prometheusOperator = { ...structuredClone(placement), admissionWebhooks: { patch: structuredClone(placement) } };
  }
  // Their Services go into kube-system: render declares that namespace exactly when one is on (kubeSystemServices).
  out.coreDns = { enabled: values.coreDnsMetrics ?? true };
  for (const c of CONTROL_PLANE_COMPONENTS) out[c] = { enabled: controlPlane };
  if (!controlPlane) out.defaultRules = { rules: Object.fromEntries(CONTROL_PLANE_RULE_GROUPS.map((g) => [g, false])) };
  return out;
}
