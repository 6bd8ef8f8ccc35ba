import type { GroupKind, ResourceKinds } from '@sccp/core';

/**
 * Cluster-scoped kinds of Kubernetes itself (and the CRDs of the platform's own output), by
 * `group/kind`. Anything else is namespaced when it carries metadata.namespace.
 */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'node.k8s.io/RuntimeClass',
  'kyverno.io/ClusterPolicy',
  'templates.gatekeeper.sh/ConstraintTemplate',
]);

export const groupOf = (apiVersion: unknown) => (typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

/** Whether an object is cluster-scoped: a known cluster-scoped kind, a Gatekeeper constraint, or (else) an object without a namespace. */
export function isClusterScoped(o: { apiVersion?: unknown; kind?: unknown; metadata?: { namespace?: unknown } }): boolean {
  const group = groupOf(o.apiVersion);
  if (CLUSTER_SCOPED.has(`${group}/${o.kind}`) || group === 'constraints.gatekeeper.sh') return true;
  return !o.metadata?.namespace;
}

/** The kinds of a list of rendered objects, by scope. */
export function kindsOf(objects: Iterable<Record<string, any>>): ResourceKinds {
  const out: ResourceKinds = { cluster: [], namespaced: [] };
  for (const o of objects) {
    if (!o || typeof o.kind !== 'string') continue;
    (isClusterScoped(o) ? out.cluster : out.namespaced).push({ group: groupOf(o.apiVersion), kind: o.kind });
  }
  return out;
}

const key = (g: GroupKind) => `${g.group}/${g.kind}`;

/** Union of kind lists: deduplicated and sorted by group, then kind. */
export function mergeKinds(lists: (ResourceKinds | undefined)[]): ResourceKinds {
  const pick = (scope: keyof ResourceKinds) => {
    const m = new Map<string, GroupKind>();
    for (const l of lists) for (const g of l?.[scope] ?? []) m.set(key(g), { group: g.group, kind: g.kind });
    return [...m.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  };
  return { cluster: pick('cluster'), namespaced: pick('namespaced') };
}

/** Glob match as Argo CD does it for AppProject whitelists (`*` any run of characters, `?` one). */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(value);
}

/** Whether an AppProject whitelist (clusterResourceWhitelist or namespaceResourceWhitelist) allows a kind. */
export function whitelistAllows(list: GroupKind[] | undefined, gk: GroupKind): boolean {
  return (list ?? []).some((w) => globMatch(w.group, gk.group) && globMatch(w.kind, gk.kind));
}
