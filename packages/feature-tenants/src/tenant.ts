import { deepMerge, schemaDefaults, type Capabilities, type JsonSchema } from '@sccp/core';
import { IN_CLUSTER } from './constants';
import type { Environment, IngressRule, EgressRule, Namespace, Quota, ResourceList, Tenant, TenantsValues } from './values.generated';

/** A tenant with every default applied: what the objects are built from. */
export interface ResolvedTenant {
  name: string;
  description: string;
  /** Marked critical: the operations pack requires replicas for its workloads. */
  critical: boolean;
  owners: { groups: string[]; users: string[] };
  namespaces: Required<Namespace>[];
  quota: Quota & Required<Omit<Quota, 'limitsCpu'>>;
  limitRange: { defaultRequest: ResourceList; default: ResourceList; max: ResourceList };
  networkPolicy: {
    defaultDeny: boolean;
    allowDns: boolean;
    allowFromIngress: boolean;
    allowFromSameTenant: boolean;
    allowFromMonitoring: boolean;
    extraIngress: IngressRule[];
    extraEgress: EgressRule[];
  };
  /** As written (may be empty). */
  sourceRepos: string[];
  /** What the AppProject gets: sourceRepos, or the environment repository. */
  effectiveSourceRepos: string[];
  destinations: { server: string; namespace: string }[];
  clusterResourceAllowList: { group: string; kind: string }[];
  environment?: Required<Omit<Environment, 'helm'>> & { helm: { valueFiles: string[] } };
  /** Which fields were left to their default (for error pointers). */
  defaulted: { namespaces: boolean; destinations: boolean };
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function deref(node: JsonSchema, root: JsonSchema): JsonSchema {
  let n = node;
  for (let i = 0; i < 16 && n && typeof n.$ref === 'string'; i++) {
    const { $ref, ...rest } = n;
    n = { ...root.$defs?.[$ref.slice('#/$defs/'.length)], ...rest };
  }
  return n;
}

/**
 * Apply the schema's defaults inside a value, arrays included. The platform fills the defaults of
 * the top-level object only; a tenant is an array item, so its defaults are applied here, from
 * the same schema. An absent object with required keys stays absent.
 */
export function fillDefaults(root: JsonSchema, node: JsonSchema, value: unknown): unknown {
  const n = deref(node, root);
  if (value === undefined) {
    // An object with required keys cannot come from defaults alone (e.g. environment).
    if (Array.isArray(n.required) && n.required.length) return undefined;
    const d = schemaDefaults(root, n);
    return d === undefined ? undefined : fillDefaults(root, n, d);
  }
  if (n.type === 'object' && n.properties && isPlain(value)) {
    // Like the platform's merge: an object's own default lies under what the user wrote.
    const given: Record<string, unknown> = isPlain(n.default) ? deepMerge(n.default, value) : value;
    const out: Record<string, unknown> = { ...given };
    for (const [k, child] of Object.entries(n.properties as Record<string, JsonSchema>)) {
      const v = fillDefaults(root, child, given[k]);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (n.type === 'array' && n.items && Array.isArray(value)) return value.map((v) => fillDefaults(root, n.items, v));
  return value;
}

/**
 * What the policy packs learn of each tenant namespace, by name (capability tenantNamespaces): its
 * tenant, the Pod Security level it enforces, the Service types beyond ClusterIP its tenant declared
 * (quota.loadBalancers, quota.nodePorts above 0), and whether the tenant is critical.
 */
export function tenantNamespaceCapability(tenants: ResolvedTenant[]): NonNullable<Capabilities['tenantNamespaces']> {
  const out: NonNullable<Capabilities['tenantNamespaces']> = {};
  const rows = tenants.flatMap((t) => t.namespaces.map((ns) => [ns.name, t, ns.podSecurity] as const)).sort(([a], [b]) => a.localeCompare(b));
  for (const [name, t, podSecurity] of rows) {
    const serviceTypes: ('LoadBalancer' | 'NodePort')[] = [];
    if ((t.quota.loadBalancers ?? 0) > 0) serviceTypes.push('LoadBalancer');
    if ((t.quota.nodePorts ?? 0) > 0) serviceTypes.push('NodePort');
    out[name] = { tenant: t.name, podSecurity, serviceTypes, critical: t.critical };
  }
  return out;
}

/** Every tenant of the values with its defaults applied. */
export function resolveTenants(values: TenantsValues, bundledSchema: JsonSchema): ResolvedTenant[] {
  return (values.tenants ?? []).map((t) => resolveTenant(t, bundledSchema));
}

export function resolveTenant(tenant: Tenant, bundledSchema: JsonSchema): ResolvedTenant {
  const itemSchema = bundledSchema.$defs.tenant as JsonSchema;
  const defaultedNamespaces = !tenant.namespaces;
  const withNamespaces = defaultedNamespaces ? deepMerge<Tenant>(tenant, { namespaces: [{ name: tenant.name }] }) : tenant;
  const t = fillDefaults(bundledSchema, itemSchema, withNamespaces) as any;
  const namespaces = t.namespaces as Required<Namespace>[];
  const defaultedDestinations = !tenant.destinations;
  const destinations = defaultedDestinations
    ? namespaces.map((ns) => ({ server: IN_CLUSTER, namespace: ns.name }))
    : (t.destinations as { server: string; namespace: string }[]);
  const environment = t.environment ? { ...t.environment, helm: { valueFiles: t.environment.helm?.valueFiles ?? [] } } : undefined;
  const sourceRepos = (t.sourceRepos ?? []) as string[];
  return {
    name: t.name,
    description: t.description,
    critical: t.critical,
    owners: t.owners,
    namespaces,
    quota: t.quota,
    limitRange: t.limitRange,
    networkPolicy: t.networkPolicy,
    sourceRepos,
    effectiveSourceRepos: sourceRepos.length ? sourceRepos : environment ? [environment.repoURL] : [],
    destinations,
    clusterResourceAllowList: t.clusterResourceAllowList,
    environment,
    defaulted: { namespaces: defaultedNamespaces, destinations: defaultedDestinations },
  };
}
