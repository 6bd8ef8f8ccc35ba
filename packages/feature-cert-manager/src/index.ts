import * as path from 'node:path';
import { defineFeature, groupKinds } from '@sccp/core';
import { clusterIssuerName, templates, wiring } from './pki';
import { certManagerValues } from './upstream-values';
import { validateValues } from './validate';
import type { CertManagerValues } from './values.generated';

export type { CertManagerValues } from './values.generated';
export { NAMES, WAVES } from './pki';

/** Upstream chart: cert-manager v1.21.1; values keys checked in its values.schema.json (see README). */
export const CERT_MANAGER_CHART = {
  name: 'cert-manager',
  version: 'v1.21.1',
  repository: 'https://charts.jetstack.io',
  source:
    'cert-manager/cert-manager deploy/charts/cert-manager/values.schema.json @ 686afa62160249022a0205d3a9bf5f059476c684 and @ 008162be3475483d891696b2cbdf5be817a00e08, templates/rbac.yaml @ 038260fb556b3eeb3dea64e8a963c284c76a770e; release v1.21.1 per cert-manager/website content/docs/releases/release-notes/release-notes-1.21.md @ 0fa17c945ff3aec91b221d8972d282dcf59edd98',
};

export default defineFeature<CertManagerValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'cert-manager',
  description: 'cert-manager: the platform PKI (internal CA, optional ACME) and TLS for every ingress',
  namespace: 'cert-manager',
  dependsOn: [],
  // Sync order follows CRDs: its ServiceMonitor needs prometheus first. The ACME solver only names
  // the ingress class (traefik may sync later: it uses this feature's Certificate CRD).
  optionalDependsOn: ['prometheus'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'admissionregistration.k8s.io/MutatingWebhookConfiguration',
      'admissionregistration.k8s.io/ValidatingWebhookConfiguration', 'apiextensions.k8s.io/CustomResourceDefinition',
      'cert-manager.io/ClusterIssuer', 'rbac.authorization.k8s.io/ClusterRole',
      'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'ConfigMap', 'Service', 'ServiceAccount', 'apps/Deployment', 'batch/Job', 'cert-manager.io/Certificate',
      'monitoring.coreos.com/ServiceMonitor', 'policy/PodDisruptionBudget', 'rbac.authorization.k8s.io/Role',
      'rbac.authorization.k8s.io/RoleBinding',
    ),
  },
  upstream: [CERT_MANAGER_CHART],
  profiles: {
    kind: { replicas: { controller: 1, webhook: 1, cainjector: 1 } },
  },
  // The ClusterIssuer/Issuer CRDs (~320 kB) exceed client-side apply's last-applied annotation limit.
  serverSideApply: true,
  validate: (values, platform) => validateValues(values, platform),
  provides: (values) => ({ tls: { clusterIssuer: clusterIssuerName(values), maxCertificateDuration: values.maxCertificateDuration } }),
  render(values, ctx) {
    return {
      values: { 'cert-manager': certManagerValues(values, ctx), sccp: values, wiring: wiring(values, ctx) },
      templates: templates(),
      // The issuers and the CA Certificate need the CRDs this same sync installs.
      syncOptions: ['SkipDryRunOnMissingResource=true'],
      endpoints: [],
    };
  },
});
