import { standaloneContext, type RenderContext } from '@sccp/core';
import feature from '../src';

/** Loki on its own: no object storage, no Prometheus, no storage classes. */
export const standalone: RenderContext = standaloneContext(feature);

/** Every capability the feature reads: rook-ceph (object + block storage) and prometheus (metrics). */
export const wired: RenderContext = standaloneContext(feature, undefined, {
  enabled: ['loki', 'prometheus', 'rook-ceph'],
  namespaces: { loki: 'logging', prometheus: 'monitoring', 'rook-ceph': 'rook-ceph' },
  provides: {
    storage: { block: 'ceph-block', filesystem: 'ceph-filesystem', object: 'ceph-bucket' },
    objectStorage: { bucketStorageClass: 'ceph-bucket', endpoint: 'http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc:80' },
    metrics: { serviceMonitorLabels: { release: 'kube-prometheus-stack' }, url: 'http://prometheus.monitoring.svc:9090', namespace: 'monitoring' },
  },
});

/** Prometheus only (no object storage): filesystem storage with ServiceMonitors. */
export const metricsOnly: RenderContext = standaloneContext(feature, undefined, {
  enabled: ['loki', 'prometheus'],
  namespaces: { loki: 'logging', prometheus: 'monitoring' },
  provides: {
    metrics: { serviceMonitorLabels: { release: 'kube-prometheus-stack', team: 'platform' }, url: 'http://prometheus.monitoring.svc:9090', namespace: 'monitoring' },
  },
});
