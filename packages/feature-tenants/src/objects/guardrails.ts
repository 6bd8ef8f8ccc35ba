import { NAMES, tenantLabels } from '../constants';
import type { ResolvedTenant } from '../tenant';
import type { ResourceList } from '../values.generated';

/** ResourceQuota `hard` of each tenant namespace, from the quota values. */
export function quotaHard(t: ResolvedTenant): Record<string, string> {
  const q = t.quota;
  return {
    'requests.cpu': q.cpu,
    'requests.memory': q.memory,
    ...(q.limitsCpu ? { 'limits.cpu': q.limitsCpu } : {}),
    'limits.memory': q.limitsMemory,
    pods: String(q.pods),
    'requests.storage': q.storage,
    persistentvolumeclaims: String(q.persistentVolumeClaims),
    'services.loadbalancers': String(q.loadBalancers),
    'services.nodeports': String(q.nodePorts),
    ...q.additional,
  };
}

/** The `hard` keys the named quota fields set (additional may not repeat them). */
export const NAMED_QUOTA_KEYS = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'pods', 'requests.storage', 'persistentvolumeclaims', 'services.loadbalancers', 'services.nodeports'];

export function resourceQuotas(t: ResolvedTenant): Record<string, unknown>[] {
  const hard = quotaHard(t);
  return t.namespaces.map((ns) => ({
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: NAMES.quota, namespace: ns.name, labels: tenantLabels(t.name) },
    spec: { hard: { ...hard } },
  }));
}

const list = (r: ResourceList | undefined) => Object.fromEntries(Object.entries(r ?? {}).filter(([, v]) => v !== undefined));

export function limitRanges(t: ResolvedTenant): Record<string, unknown>[] {
  const limit: Record<string, unknown> = { type: 'Container' };
  for (const key of ['defaultRequest', 'default', 'max'] as const) {
    const l = list(t.limitRange[key]);
    if (Object.keys(l).length) limit[key] = l;
  }
  return t.namespaces.map((ns) => ({
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: NAMES.limits, namespace: ns.name, labels: tenantLabels(t.name) },
    spec: { limits: [structuredClone(limit)] },
  }));
}
