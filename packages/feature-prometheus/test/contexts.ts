import { DEFAULT_PLATFORM, deepMerge, standaloneContext, type Capabilities, type RenderContext } from '@sccp/core';
import feature from '../src';
import type { PrometheusValues } from '../src/values.generated';

/** The feature on its own: no capabilities, no other feature. */
export const standalone = (): RenderContext => standaloneContext(feature);

/** Every capability the feature reads, as the seed platform provides them. */
export const WIRED_PROVIDES: Capabilities = {
  ingress: { className: 'traefik', namespace: 'traefik' },
  tls: { clusterIssuer: 'platform-issuer' },
  storage: { block: 'ceph-block', filesystem: 'ceph-filesystem' },
  metricsArchive: { objstoreSecret: { name: 'thanos-objstore', key: 'objstore.yml' } },
};

/** thanos' archive with rook-ceph: the objstore config refers to the claim's variables (as feature-thanos provides it). */
export const ARCHIVE_ENV: NonNullable<NonNullable<Capabilities['metricsArchive']>['env']> = [
  { name: 'BUCKET_NAME', valueFrom: { configMapKeyRef: { name: 'thanos-bucket', key: 'BUCKET_NAME', optional: true } } },
  { name: 'BUCKET_HOST', valueFrom: { configMapKeyRef: { name: 'thanos-bucket', key: 'BUCKET_HOST', optional: true } } },
  { name: 'BUCKET_PORT', valueFrom: { configMapKeyRef: { name: 'thanos-bucket', key: 'BUCKET_PORT', optional: true } } },
  { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'thanos-bucket', key: 'AWS_ACCESS_KEY_ID', optional: true } } },
  { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'thanos-bucket', key: 'AWS_SECRET_ACCESS_KEY', optional: true } } },
];

/** WIRED_PROVIDES with the archive of the rook-ceph case (objstore Secret plus env). */
export const WIRED_ROOK_PROVIDES: Capabilities = {
  ...WIRED_PROVIDES,
  metricsArchive: { objstoreSecret: { name: 'thanos-objstore', key: 'objstore.yml' }, env: ARCHIVE_ENV },
};

/** A bare-metal platform with every neighbour enabled. */
export function wired(provides: Capabilities = WIRED_PROVIDES): RenderContext {
  const enabled = ['cert-manager', 'grafana', 'prometheus', 'rook-ceph', 'thanos', 'traefik'];
  return standaloneContext(feature, { ...DEFAULT_PLATFORM, name: 'lab', domain: 'lab.example.org', profile: 'bare-metal' }, {
    enabled,
    namespaces: { 'cert-manager': 'cert-manager', grafana: 'grafana', prometheus: 'monitoring', 'rook-ceph': 'rook-ceph', thanos: 'monitoring', traefik: 'traefik' },
    provides,
  });
}

/** Schema defaults, then the profile's, then the given values (what the platform hands to render). */
export function valuesFor(over: unknown = {}, profile?: keyof NonNullable<typeof feature.profiles>): PrometheusValues {
  return deepMerge<PrometheusValues>(feature.defaults, profile ? feature.profiles?.[profile] : undefined, over);
}
