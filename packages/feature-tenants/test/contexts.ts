import { DEFAULT_PLATFORM, standaloneContext, type PlatformInfo, type RenderContext } from '@sccp/core';
import feature from '../src';

/** Tenants on their own: no ingress controller, no metrics. */
export const standalone: RenderContext = standaloneContext(feature);

const wiredExtra = {
  enabled: ['argocd', 'prometheus', 'tenants', 'traefik'],
  namespaces: { argocd: 'argocd', prometheus: 'monitoring', tenants: 'argocd', traefik: 'traefik' },
  provides: {
    ingress: { className: 'traefik', namespace: 'traefik' },
    metrics: { serviceMonitorLabels: { release: 'kube-prometheus-stack' }, url: 'http://prometheus.monitoring.svc:9090', namespace: 'monitoring' },
  },
};

/** Every capability the feature reads: the ingress controller's and the metrics namespace. */
export const wired: RenderContext = standaloneContext(feature, undefined, wiredExtra);

export const dualStackPlatform: PlatformInfo = { ...DEFAULT_PLATFORM, ipFamilies: ['IPv4', 'IPv6'] };
export const ipv6Platform: PlatformInfo = { ...DEFAULT_PLATFORM, ipFamilies: ['IPv6'] };

/** Wired, on a dual-stack platform. */
export const dualStack: RenderContext = standaloneContext(feature, dualStackPlatform, wiredExtra);
