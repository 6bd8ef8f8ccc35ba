import * as path from 'node:path';
import { defineFeature } from '@sccp/core';
import { renderTenants } from './render';
import { bundledSchema } from './schema';
import { resolveTenants, tenantNamespaceCapability } from './tenant';
import { validateValues } from './validate';
import type { TenantsValues } from './values.generated';

export type { TenantsValues, Tenant } from './values.generated';
export { resolveTenant, resolveTenants, type ResolvedTenant } from './tenant';
export { sourceRepoMatches, normalizeGitUrl } from './glob';

export default defineFeature<TenantsValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'tenants',
  description: 'Application teams as tenants: namespaces with quotas, limit ranges, network policies and owner RBAC, an Argo CD project and Application each',
  // AppProjects and Applications live in Argo CD's namespace; the other objects name their own.
  namespace: 'argocd',
  dependsOn: [],
  // argocd: the AppProject/Application CRDs; traefik (ingress) and prometheus (metrics): the
  // namespaces the NetworkPolicies admit traffic from.
  optionalDependsOn: ['argocd', 'traefik', 'prometheus'],
  upstream: [],
  delivery: 'manifests',
  validate: (values, platform) => validateValues(values, platform),
  // Every tenant namespace, for the policy packs.
  provides: (values) => {
    const tenantNamespaces = tenantNamespaceCapability(resolveTenants(values, bundledSchema()));
    return Object.keys(tenantNamespaces).length ? { tenantNamespaces } : {};
  },
  render: (values, ctx) => renderTenants(values, ctx),
});
