import { standaloneContext, type RenderContext } from '@sccp/core';
import feature from '../src';

/** cert-manager on its own: no ingress controller, no Prometheus. */
export const standalone: RenderContext = standaloneContext(feature);

/** Every capability the feature reads: traefik (ingress class for HTTP-01), prometheus (ServiceMonitor labels). */
export const wired: RenderContext = standaloneContext(feature, undefined, {
  enabled: ['cert-manager', 'prometheus', 'traefik'],
  namespaces: { 'cert-manager': 'cert-manager', prometheus: 'monitoring', traefik: 'traefik' },
  provides: {
    ingress: { className: 'traefik', namespace: 'traefik' },
    metrics: { serviceMonitorLabels: { release: 'kube-prometheus-stack' }, url: 'http://prometheus.monitoring:9090', namespace: 'monitoring' },
  },
});
