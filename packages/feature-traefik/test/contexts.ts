// Shared render contexts and helpers of the traefik tests (no suites here).
import { DEFAULT_PLATFORM, deepMerge, standaloneContext, type Capabilities, type IpFamily, type RenderContext } from '@sccp/core';
import feature, { type TraefikValues } from '../src';

export const METALLB: NonNullable<Capabilities['loadBalancer']> = {
  annotation: 'metallb.io/address-pool',
  pools: [
    { name: 'v6-only', families: ['IPv6'] },
    { name: 'public-v4', families: ['IPv4'] },
    { name: 'dual', families: ['IPv4', 'IPv6'] },
  ],
};

export const METRICS: NonNullable<Capabilities['metrics']> = {
  serviceMonitorLabels: { release: 'kube-prometheus-stack' },
  url: 'http://prometheus.monitoring.svc:9090',
  namespace: 'monitoring',
};

export const TLS: NonNullable<Capabilities['tls']> = { clusterIssuer: 'letsencrypt-prod' };

/** A context: standalone by default, with the given capabilities and IP families. */
export function ctxWith(provides: Capabilities = {}, ipFamilies: IpFamily[] = ['IPv4'], production = false): RenderContext {
  const enabled = ['traefik', ...(provides.loadBalancer ? ['metallb'] : []), ...(provides.tls ? ['cert-manager'] : []), ...(provides.metrics ? ['prometheus'] : [])].sort();
  return standaloneContext(feature, { ...DEFAULT_PLATFORM, ipFamilies, production }, { provides, enabled });
}

/** Every capability traefik reads, on a dual-stack platform. */
export const WIRED = ctxWith({ loadBalancer: METALLB, tls: TLS, metrics: METRICS }, ['IPv4', 'IPv6']);

/** Schema defaults ← overrides, as the platform merges them. */
export function valuesWith(over: unknown = {}): TraefikValues {
  return deepMerge<TraefikValues>(feature.defaults, over);
}
