import type { PolicyExceptionSpec } from './admission';

/**
 * What a resource-level exception (kind + name) covers besides the resource itself: the objects its
 * controller creates, named `<name>-...` (a Deployment's ReplicaSets and Pods, a CronJob's Jobs and
 * their Pods, a StatefulSet's or DaemonSet's Pods). Kyverno, Gatekeeper and `sccp verify` apply the
 * same rule.
 */
export const OWNED_KINDS: Record<string, string[]> = {
  Deployment: ['ReplicaSet', 'Pod'],
  StatefulSet: ['Pod'],
  DaemonSet: ['Pod'],
  ReplicaSet: ['Pod'],
  Job: ['Pod'],
  CronJob: ['Job', 'Pod'],
};

/** Does the exception cover this policy on this resource? */
export function exceptionCovers(e: PolicyExceptionSpec, policy: string, resource: any): boolean {
  if (e.policy !== policy) return false;
  const ns = resource?.metadata?.namespace ?? '';
  if (!e.namespaces.includes(ns)) return false;
  if (!e.kind) return true;
  const kind = resource?.kind;
  const name = String(resource?.metadata?.name ?? '');
  if (kind === e.kind) return e.name === undefined || name === e.name;
  return e.name !== undefined && (OWNED_KINDS[e.kind] ?? []).includes(kind) && name.startsWith(`${e.name}-`);
}

/** The `{kinds, names}` pairs of an exception's match (Kyverno resource filters). */
export function exceptionMatches(e: PolicyExceptionSpec): { kinds?: string[]; names?: string[] }[] {
  if (!e.kind) return [{}];
  if (e.name === undefined) return [{ kinds: [e.kind] }];
  const owned = OWNED_KINDS[e.kind] ?? [];
  return [{ kinds: [e.kind], names: [e.name] }, ...(owned.length ? [{ kinds: owned, names: [`${e.name}-*`] }] : [])];
}

/** The object name of an exception: `<policy>.<namespace>[.<kind>.<name>]`, or `<policy>.platform`. */
export function exceptionName(e: PolicyExceptionSpec): string {
  if (e.origin.type === 'platform') return `${e.policy}.platform`;
  return [e.policy, e.namespaces[0], ...(e.kind ? [e.kind.toLowerCase()] : []), ...(e.name ? [e.name] : [])].join('.');
}
