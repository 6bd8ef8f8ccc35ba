import * as path from 'node:path';
import { defineFeature, groupKinds, renderTemplateFile, type RenderOutput, type UpstreamChart } from '@sccp/core';
import { exposure } from './exposure';
import { CHART_NAME, NAMESPACE, queryUrl } from './names';
import { archiveEnv, bucketClaimWiring, objstoreSecret, objstoreSecretWiring, resolveArchive } from './objstore';
import { thanosValues } from './upstream-values';
import { validateValues } from './validate';
import type { ThanosValues } from './values.generated';

export type { ThanosValues } from './values.generated';
export { chartFullname, queryServiceName, queryUrl, storeGatewayEndpoint, BUCKET_CLAIM, DEFAULT_OBJSTORE_SECRET } from './names';
export { bucketEnv, objstoreConfig } from './objstore';

export const NAME = 'thanos';

const TEMPLATES = path.join(__dirname, '..', 'templates');

/**
 * Upstream chart: stevehipwell/helm-charts `thanos` 1.23.0 (Thanos v0.40.1, image quay.io/thanos/thanos).
 * Chart.yaml, query/deployment.yaml, store-gateway/statefulset.yaml and compact/statefulset.yaml read
 * at the 1.23.0 commit; the values keys in values.yaml of 1.22.0 (see README.md).
 */
export const THANOS_CHART: UpstreamChart = {
  name: CHART_NAME,
  version: '1.23.0',
  repository: 'https://stevehipwell.github.io/helm-charts/',
  source:
    'stevehipwell/helm-charts charts/thanos: Chart.yaml @ 041c4d12eeccc21968dd06945eb0982782f5cd8b (1.23.0); ' +
    'templates/{query/deployment,store-gateway/statefulset,compact/statefulset}.yaml @ 041c4d12eeccc21968dd06945eb0982782f5cd8b; ' +
    'values.yaml @ 015c3c6b296d8ac4d15a2d6adc4c11e3632621fe (1.22.0); templates/_helpers.tpl @ 255cf3e8635200068a25792a8d8f0392ff55e0ed',
};

export default defineFeature<ThanosValues>({
  packageDir: path.join(__dirname, '..'),
  name: NAME,
  description: 'Thanos: long-term metrics in object storage, global query, compaction',
  // Prometheus' Thanos sidecar reads the objstore Secret from its own namespace: share it.
  namespace: NAMESPACE,
  // Sync order follows CRDs: the chart's ServiceMonitors need prometheus' CRDs (and Query reads its
  // sidecars); the ObjectBucketClaim needs rook-ceph's. The ingress class and issuer are only names.
  dependsOn: ['prometheus'],
  optionalDependsOn: ['rook-ceph'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: [],
    namespaced: groupKinds(
      'Secret', 'Service', 'ServiceAccount', 'apps/Deployment', 'apps/StatefulSet',
      'monitoring.coreos.com/ServiceMonitor', 'objectbucket.io/ObjectBucketClaim',
    ),
  },
  upstream: [THANOS_CHART],
  profiles: {
    kind: {
      query: { replicas: 1, resources: { requests: { cpu: '50m', memory: '128Mi' } } },
      storeGateway: { replicas: 1, persistence: { size: '2Gi' }, resources: { requests: { cpu: '50m', memory: '256Mi' } } },
      compactor: {
        retention: { raw: '2d', fiveMinutes: '10d', oneHour: '30d' },
        persistence: { size: '5Gi' },
        resources: { requests: { cpu: '50m', memory: '256Mi' } },
      },
    },
  },
  validate: (values) => validateValues(values),
  provides: (values) => {
    const env = archiveEnv(values);
    return {
      // The ArgoCD Application installs the chart with release name = feature name.
      metricsQuery: { url: queryUrl(NAME, NAMESPACE) },
      // Without existingSecret (rook-ceph): the rendered objstore config refers to the claim's
      // variables, so the Prometheus sidecar needs them too (see src/objstore.ts archiveEnv).
      metricsArchive: { objstoreSecret: objstoreSecret(values), ...(env.length ? { env } : {}) },
    };
  },
  render(values, ctx) {
    const archive = resolveArchive(values, ctx);
    const ex = exposure(values, ctx);
    const out: RenderOutput = {
      values: { [CHART_NAME]: thanosValues(values, ctx, archive), sccp: values },
      templates: {},
      syncOptions: [],
      endpoints: [
        { name: 'Thanos Query (in-cluster)', url: queryUrl(NAME, ctx.feature.namespace) },
        ...(ex.enabled ? [{ name: 'Thanos Query', url: ex.url }] : []),
      ],
    };
    if (archive.kind === 'rook-ceph') {
      out.values.wiring = { objectBucket: bucketClaimWiring(archive), objstoreSecret: objstoreSecretWiring(archive) };
      out.templates!['object-bucket-claim.yaml'] = renderTemplateFile(path.join(TEMPLATES, 'object-bucket-claim.yaml.hbs'));
      // The objstore config itself: `$(VAR)` references only, expanded from the claim's ConfigMap and Secret.
      out.templates!['objstore-secret.yaml'] = renderTemplateFile(path.join(TEMPLATES, 'objstore-secret.yaml.hbs'));
      // The ObjectBucketClaim CRD comes with rook-ceph, possibly in the same sync.
      out.syncOptions!.push('SkipDryRunOnMissingResource=true');
    }
    return out;
  },
});
