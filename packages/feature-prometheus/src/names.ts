/**
 * Names the upstream chart gives its objects, computed the way its templates do, so other features
 * can be pointed at them.
 */

/** The upstream chart (its `.Chart.Name`: the dependency has no alias). */
export const CHART_NAME = 'kube-prometheus-stack';

/** The label every ServiceMonitor, PodMonitor and PrometheusRule needs to be picked up by the platform Prometheus. */
export const MONITORING_LABELS: Readonly<Record<string, string>> = Object.freeze({ 'sccp.dev/monitoring': 'platform' });

/** Port of the Prometheus Service (`prometheus.service.port`, left at its default). */
export const PROMETHEUS_PORT = 9090;

const trimDash = (s: string) => s.replace(/-+$/, '');

/**
 * `kube-prometheus-stack.fullname` (templates/_helpers.tpl): the release name when it contains the
 * chart name, else `<release>-<chart>`, truncated to 26 characters without a trailing dash.
 * (No fullnameOverride or nameOverride is set by this feature.)
 */
export function chartFullname(release: string): string {
  const name = release.includes(CHART_NAME) ? release : `${release}-${CHART_NAME}`;
  return trimDash(name.slice(0, 26));
}

/** Service of the Prometheus instance (templates/prometheus/service.yaml: `<fullname>-prometheus`). */
export function prometheusServiceName(release: string): string {
  return `${chartFullname(release)}-prometheus`;
}

/** Headless Service of the Thanos sidecars (`prometheus.thanosService`: `<fullname>-thanos-discovery`). */
export function thanosDiscoveryServiceName(release: string): string {
  return `${chartFullname(release)}-thanos-discovery`;
}

/**
 * The Thanos StoreAPI of the Prometheus sidecars: a DNS SRV lookup of the `grpc` port of the headless
 * `<fullname>-thanos-discovery` Service (templates/prometheus/serviceThanosSidecar.yaml; `thanosService`
 * defaults `portName: grpc`, `clusterIP: None`, so the SRV answer lists every sidecar).
 */
export function thanosStoreApi(release: string, namespace: string): string {
  return `dnssrv+_grpc._tcp.${thanosDiscoveryServiceName(release)}.${namespace}.svc`;
}

/** Name of the operator-generated Thanos sidecar container (prometheus-operator `createThanosContainer`). */
export const THANOS_SIDECAR_CONTAINER = 'thanos-sidecar';

/** Variables the operator itself sets in the sidecar (objstore and tracing config); a patch must not replace them. */
export const OPERATOR_SIDECAR_ENV: readonly string[] = Object.freeze(['OBJSTORE_CONFIG', 'TRACING_CONFIG']);

/** In-cluster query URL of Prometheus for a release installed in a namespace. */
export function prometheusUrl(release: string, namespace: string): string {
  return `http://${prometheusServiceName(release)}.${namespace}.svc:${PROMETHEUS_PORT}`;
}
