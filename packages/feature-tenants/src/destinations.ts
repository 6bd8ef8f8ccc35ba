import { IN_CLUSTER, RESERVED_NAMESPACES } from './constants';

/**
 * How Argo CD matches an Application's destination against its AppProject's destinations
 * (argoproj/argo-cd pkg/apis/application/v1alpha1 `AppProject.IsDestinationPermitted`): server,
 * name and namespace are each `glob.Match` patterns (gobwas/glob: `*`, `?`, `[...]`, `{a,b}`,
 * `\` escapes; `!` negation in newer versions), so `https://*` or `https://kubernetes.default.sv?`
 * is this cluster with any namespace. A tenant destination is therefore literal: no glob
 * character in server or namespace (the schema refuses them; the admission policy too, and a
 * `name` as well).
 */
export const GLOB_CHARACTERS_SOURCE = String.raw`[*?\[\]{}\\!]`;
export const GLOB_CHARACTERS = new RegExp(GLOB_CHARACTERS_SOURCE);

/** Host names and addresses under which this cluster's API server answers from inside it. */
const IN_CLUSTER_HOST = /^(kubernetes(\.default(\.svc(\..*)?)?)?|localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)\.?$/;

/**
 * A server URL that names this cluster's API server other than as `https://kubernetes.default.svc`
 * (another port spelling, a trailing slash or dot, upper case, kubernetes.default,
 * kubernetes.default.svc.cluster.local, a loopback address). Argo CD compares destinations as
 * strings, so such a spelling would slip past the in-cluster namespace check: it is refused.
 */
export function inClusterAlias(server: string): boolean {
  if (server === IN_CLUSTER) return false;
  let host: string;
  try {
    host = new URL(server).hostname.toLowerCase();
  } catch {
    return false;
  }
  return IN_CLUSTER_HOST.test(host);
}

/** Namespaces no tenant destination may name, on any cluster: default, argocd and kube-*. */
export function reservedNamespace(namespace: string): boolean {
  return RESERVED_NAMESPACES.includes(namespace) || namespace.startsWith('kube-');
}
