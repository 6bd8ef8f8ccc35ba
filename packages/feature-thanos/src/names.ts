/**
 * Names the upstream chart gives its objects, computed the way its templates do (release name =
 * feature name, no nameOverride/fullnameOverride), so other features can be pointed at them.
 */

/** The upstream chart (its `.Chart.Name`; the dependency has no alias). */
export const CHART_NAME = 'thanos';

/** Namespace of the feature: the one of prometheus, whose Thanos sidecar reads the objstore Secret from its own namespace. */
export const NAMESPACE = 'monitoring';

/** HTTP port of the Query Service (`query.service.httpPort`, left at its default). */
export const QUERY_HTTP_PORT = 10902;

/** Replica label the Prometheus Operator puts on every series (`prometheus_replica`): Query and the compactor deduplicate on it. */
export const PROMETHEUS_REPLICA_LABEL = 'prometheus_replica';

/** The ObjectBucketClaim this feature creates with rook-ceph; Rook writes a ConfigMap and a Secret of the same name next to it. */
export const BUCKET_CLAIM = 'thanos-bucket';

/** Prefix of the bucket name Rook generates for the claim. */
export const BUCKET_NAME_PREFIX = 'thanos';

/** The objstore config Secret used when `objstore.existingSecret` is not set (rook-ceph, or the chart on its own). */
export const DEFAULT_OBJSTORE_SECRET: Readonly<{ name: string; key: string }> = Object.freeze({ name: 'thanos-objstore', key: 'objstore.yml' });

const trimDash = (s: string) => s.replace(/-+$/, '');

/**
 * `thanos.fullname` (templates/_helpers.tpl): the release name when it contains the chart name, else
 * `<release>-thanos`, truncated to 63 characters without a trailing dash.
 */
export function chartFullname(release: string): string {
  const name = release.includes(CHART_NAME) ? release : `${release}-${CHART_NAME}`;
  return trimDash(name.slice(0, 63));
}

/** Service (and Deployment) of Query: `thanos.query.fullname` = `<fullname>-query`. */
export function queryServiceName(release: string): string {
  return `${chartFullname(release)}-query`;
}

/** In-cluster HTTP URL of Thanos Query (Prometheus-compatible API). */
export function queryUrl(release: string, namespace: string): string {
  return `http://${queryServiceName(release)}.${namespace}.svc:${QUERY_HTTP_PORT}`;
}

/**
 * The Store Gateway endpoint the chart itself gives Query (templates/query/deployment.yaml, when
 * `query.enableDnsDiscovery` and `storeGateway.enabled`): `dnssrv+_grpc._tcp.<fullname>-store-gateway-headless.<ns>.svc.<clusterDomain>`.
 */
export function storeGatewayEndpoint(release: string, namespace: string, clusterDomain = 'cluster.local'): string {
  return `dnssrv+_grpc._tcp.${chartFullname(release)}-store-gateway-headless.${namespace}.svc.${clusterDomain}`;
}
