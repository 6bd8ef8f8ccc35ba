import { DEFAULT_PLATFORM, standaloneContext, type RenderContext } from '@sccp/core';
import feature from '../src';

export const BARE_METAL = { ...DEFAULT_PLATFORM, profile: 'bare-metal' as const, domain: 'lab.example.org' };

/** Rook-Ceph on its own on bare metal: no ingress controller, no cert-manager, no Prometheus. */
export const standalone: RenderContext = standaloneContext(feature, BARE_METAL);

/** Rook-Ceph on kind, alone (the profile's storage class is what the platform would offer besides). */
export const kind: RenderContext = standaloneContext(feature, undefined, { provides: { storage: { block: 'standard' } } });

/** Every capability the feature reads: traefik (ingress), cert-manager (tls), prometheus (metrics). */
export const wired: RenderContext = standaloneContext(feature, BARE_METAL, {
  enabled: ['cert-manager', 'prometheus', 'rook-ceph', 'traefik'],
  namespaces: { 'cert-manager': 'cert-manager', prometheus: 'monitoring', 'rook-ceph': 'rook-ceph', traefik: 'traefik' },
  provides: {
    ingress: { className: 'traefik', namespace: 'traefik' },
    tls: { clusterIssuer: 'letsencrypt-prod' },
    metrics: { serviceMonitorLabels: { release: 'kube-prometheus-stack' }, url: 'http://prometheus.monitoring:9090', namespace: 'monitoring' },
  },
});

/** Ingress controller without cert-manager. */
export const ingressOnly: RenderContext = standaloneContext(feature, BARE_METAL, {
  enabled: ['rook-ceph', 'traefik'],
  namespaces: { 'rook-ceph': 'rook-ceph', traefik: 'traefik' },
  provides: { ingress: { className: 'traefik', namespace: 'traefik' } },
});
