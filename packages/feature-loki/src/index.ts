import * as path from 'node:path';
import { defineFeature, groupKinds, renderTemplateFile } from '@sccp/core';
import { NAMESPACE, pushUrl, queryUrl } from './endpoints';
import { BUCKET_CLAIM, resolveBackend } from './storage';
import { ALLOY_CHART, LOKI_CHART } from './upstream';
import { alloyValues, lokiValues } from './upstream-values';
import { validateValues } from './validate';
import type { LokiValues } from './values.generated';

export type { LokiValues } from './values.generated';
export { ALLOY_CHART, LOKI_CHART } from './upstream';

const TEMPLATES = path.join(__dirname, '..', 'templates');

export default defineFeature<LokiValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'loki',
  description: 'Loki and a log collector: every pod log, stored and queryable',
  namespace: NAMESPACE,
  dependsOn: [],
  // rook-ceph: object storage (bucket) and block storage class; prometheus: ServiceMonitors.
  optionalDependsOn: ['rook-ceph', 'prometheus'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'ConfigMap', 'Service', 'ServiceAccount', 'apps/DaemonSet', 'apps/StatefulSet',
      'monitoring.coreos.com/ServiceMonitor', 'objectbucket.io/ObjectBucketClaim',
    ),
  },
  upstream: [LOKI_CHART, ALLOY_CHART],
  profiles: {
    kind: {
      retention: '72h',
      storage: { type: 'filesystem' },
      persistence: { size: '5Gi' },
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
      collector: { resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { memory: '256Mi' } } },
    },
  },
  validate: (values) => validateValues(values),
  provides: () => ({ logs: { pushUrl: pushUrl(), queryUrl: queryUrl(), namespace: NAMESPACE } }),
  render(values, ctx) {
    const backend = resolveBackend(values, ctx);
    const out = {
      values: {
        loki: lokiValues(values, ctx, backend),
        alloy: alloyValues(values, ctx),
        sccp: values,
      } as Record<string, unknown>,
      templates: {} as Record<string, string>,
      syncOptions: [] as string[],
      endpoints: [{ name: 'Loki API (in-cluster)', url: queryUrl(ctx.feature.namespace) }],
    };
    if (backend.kind === 'ceph') {
      out.values.wiring = {
        objectBucket: { claimName: BUCKET_CLAIM, generateBucketName: BUCKET_CLAIM, storageClassName: backend.bucketStorageClass },
      };
      out.templates['object-bucket-claim.yaml'] = renderTemplateFile(path.join(TEMPLATES, 'object-bucket-claim.yaml.hbs'));
      // The ObjectBucketClaim CRD comes with rook-ceph, possibly in the same sync.
      out.syncOptions.push('SkipDryRunOnMissingResource=true');
    }
    return out;
  },
});
