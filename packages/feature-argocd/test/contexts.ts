import { standaloneContext, type RenderContext } from '@sccp/core';
import feature from '../src';

/** Argo CD on its own: no ingress controller, no cert-manager, no Prometheus. */
export const standalone: RenderContext = standaloneContext(feature);

/** Every capability the feature reads: traefik (ingress), cert-manager (tls), prometheus (metrics). */
export const wired: RenderContext = standaloneContext(feature, undefined, {
  enabled: ['argocd', 'cert-manager', 'prometheus', 'traefik'],
  namespaces: { argocd: 'argocd', 'cert-manager': 'cert-manager', prometheus: 'monitoring', traefik: 'traefik' },
  provides: {
    ingress: { className: 'traefik', namespace: 'traefik' },
    tls: { clusterIssuer: 'letsencrypt-prod' },
    metrics: { serviceMonitorLabels: { release: 'kube-prometheus-stack' }, url: 'http://prometheus.monitoring:9090', namespace: 'monitoring' },
  },
});
