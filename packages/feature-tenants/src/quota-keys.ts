import { isLabelKey } from '@sccp/core';

/**
 * The ResourceQuota `hard` keys the API server accepts without a '/' (k8s.io/kubernetes
 * pkg/apis/core/helper: standardQuotaResources that are also standardResources; hugepages apart).
 */
const STANDARD_QUOTA_KEYS = new Set([
  'cpu', 'memory', 'ephemeral-storage',
  'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);

/** Counted in whole units (integerResources of the same helper). */
const INTEGER_QUOTA_KEYS = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);

/** Why the API server refuses `key` in a ResourceQuota's hard (ValidateResourceQuotaResourceName), or undefined. */
export function quotaKeyProblem(key: string): string | undefined {
  if (!isLabelKey(key)) return `"${key}" is not a resource name: a qualified name such as count/deployments.apps or requests.nvidia.com/gpu`;
  if (key.includes('/') || STANDARD_QUOTA_KEYS.has(key) || key.startsWith('hugepages-') || key.startsWith('requests.hugepages-')) return undefined;
  return `"${key}" is not a resource a ResourceQuota limits: use a standard one (${[...STANDARD_QUOTA_KEYS].join(', ')}, hugepages-<size>) or a fully qualified name such as count/deployments.apps or requests.nvidia.com/gpu`;
}

/**
 * Whether the API server wants a whole number for `key` (IsIntegerResourceName): the object counts,
 * and extended resources (a '/' outside kubernetes.io/, not requests.-prefixed), count/<resource> included.
 */
export function wholeQuotaResource(key: string): boolean {
  if (INTEGER_QUOTA_KEYS.has(key)) return true;
  return key.includes('/') && !key.includes('kubernetes.io/') && !key.startsWith('requests.') && isLabelKey(`requests.${key}`);
}
