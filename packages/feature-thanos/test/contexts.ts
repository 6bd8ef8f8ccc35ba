import { DEFAULT_PLATFORM, standaloneContext, type Capabilities, type RenderContext } from '@sccp/core';
import feature from '../src';

/** The feature on its own: no capabilities, no other feature (the published chart). */
export const standalone = (): RenderContext => standaloneContext(feature);

export const STORE_API = 'dnssrv+_grpc._tcp.prometheus-kube-prometheus-thanos-discovery.monitoring.svc';
export const LABELS = { 'sccp.dev/monitoring': 'platform' };

/** prometheus' capability, as the seed platform provides it (with the sidecars' StoreAPI). */
export const METRICS: NonNullable<Capabilities['metrics']> = {
  serviceMonitorLabels: LABELS,
  url: 'http://prometheus-kube-prometheus-prometheus.monitoring.svc:9090',
  namespace: 'monitoring',
  storeApi: STORE_API,
};

/** Every capability the feature reads, as a bare-metal platform with rook-ceph provides them. */
export const WIRED_PROVIDES: Capabilities = {
  ingress: { className: 'traefik', namespace: 'traefik' },
  tls: { clusterIssuer: 'platform-issuer' },
  storage: { block: 'ceph-block', filesystem: 'ceph-filesystem', object: 'ceph-bucket' },
  objectStorage: { bucketStorageClass: 'ceph-bucket', endpoint: 'http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc:80' },
  metrics: METRICS,
  metricsQuery: { url: 'http://thanos-query.monitoring.svc:10902' },
  metricsArchive: { objstoreSecret: { name: 'thanos-objstore', key: 'objstore.yml' } },
};

const NAMESPACES = { 'cert-manager': 'cert-manager', grafana: 'grafana', prometheus: 'monitoring', 'rook-ceph': 'rook-ceph', thanos: 'monitoring', traefik: 'traefik' };

/** A bare-metal platform with every neighbour enabled. */
export function wired(provides: Capabilities = WIRED_PROVIDES): RenderContext {
  return standaloneContext(feature, { ...DEFAULT_PLATFORM, name: 'lab', domain: 'lab.example.org', profile: 'bare-metal' }, {
    enabled: Object.keys(NAMESPACES).sort(),
    namespaces: NAMESPACES,
    provides,
  });
}

/** A platform with prometheus but no object storage (kind, or a cloud without rook-ceph). */
export function noObjectStorage(extra: Capabilities = {}): RenderContext {
  return standaloneContext(feature, { ...DEFAULT_PLATFORM, profile: 'kind' }, {
    enabled: ['prometheus', 'thanos'],
    namespaces: { prometheus: 'monitoring', thanos: 'monitoring' },
    provides: { metrics: METRICS, ...extra },
  });
}
