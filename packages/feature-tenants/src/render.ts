import { UserError, toPointer, type Diagnostic, type RenderContext, type RenderOutput } from '@sccp/core';
import { application } from './objects/application';
import { limitRanges, resourceQuotas } from './objects/guardrails';
import { namespaces } from './objects/namespaces';
import { networkPolicies } from './objects/network-policy';
import { appProject } from './objects/project';
import { ownerClusterRole, roleBindings } from './objects/rbac';
import { bundledSchema } from './schema';
import { resolveTenants, type ResolvedTenant } from './tenant';
import type { TenantsValues } from './values.generated';

type Obj = Record<string, unknown>;

/** The file of the owners' ClusterRole, next to the tenant folders. */
export const OWNER_ROLE_FILE = 'owner-cluster-role.yaml';

/** The files of one tenant, relative to the feature's folder: `<tenant>/<file>.yaml` → objects. */
export function tenantManifests(t: ResolvedTenant, ctx: RenderContext): Record<string, Obj[]> {
  const argo = ctx.feature.namespace;
  const files: Record<string, Obj[]> = {
    [`${t.name}/project.yaml`]: [appProject(t, argo, ctx.provides.commitSigning?.keyIds)],
    [`${t.name}/namespaces.yaml`]: namespaces(t),
    [`${t.name}/resource-quota.yaml`]: resourceQuotas(t),
    [`${t.name}/limit-range.yaml`]: limitRanges(t),
  };
  const policies = t.namespaces.flatMap((ns) => networkPolicies(t, ns.name, ctx.provides));
  if (policies.length) files[`${t.name}/network-policy.yaml`] = policies;
  files[`${t.name}/rbac.yaml`] = roleBindings(t);
  const app = application(t, argo);
  if (app) files[`${t.name}/application.yaml`] = [app];
  return files;
}

/**
 * Names a tenant shares with the rest of the platform, which only the render context knows: an
 * Application named like a feature's (or the root Application), a namespace of a feature.
 * Pointers are absolute in platform.yaml, so the platform can show the line.
 */
export function platformCollisions(tenants: ResolvedTenant[], ctx: RenderContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  // the features' Applications, the root Application and the one of the bundled policies (admission kyverno or gatekeeper)
  const applications = new Set([...ctx.enabled, `${ctx.platform.name}-root`, 'policies']);
  const featureOfNamespace = new Map(Object.entries(ctx.namespaces).map(([f, ns]) => [ns, f]));
  tenants.forEach((t, i) => {
    const base = ['features', ctx.feature.name, 'values', 'tenants', i];
    if (applications.has(t.name)) {
      out.push({ pointer: toPointer([...base, 'name']), message: `tenant "${t.name}": its Argo CD Application would replace the platform's Application "${t.name}"; rename the tenant` });
    }
    t.namespaces.forEach((ns, k) => {
      const f = featureOfNamespace.get(ns.name);
      const at = t.defaulted.namespaces ? [...base, 'name'] : [...base, 'namespaces', k, 'name'];
      if (f) out.push({ pointer: toPointer(at), message: `tenant "${t.name}": namespace "${ns.name}" belongs to feature ${f}` });
    });
  });
  return out;
}

export function renderTenants(values: TenantsValues, ctx: RenderContext): RenderOutput {
  const tenants = resolveTenants(values, bundledSchema());
  const collisions = platformCollisions(tenants, ctx);
  if (collisions.length) throw new UserError(collisions);
  const manifests: Record<string, Obj[]> = {};
  // Cluster-scoped and shared by every tenant's owner RoleBindings; tenant folders are DNS labels, so no tenant's file can take this name.
  if (tenants.length) manifests[OWNER_ROLE_FILE] = [ownerClusterRole()];
  for (const t of tenants) Object.assign(manifests, tenantManifests(t, ctx));
  return { values: {}, manifests };
}
