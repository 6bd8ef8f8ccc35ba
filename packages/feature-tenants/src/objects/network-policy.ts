import type { Capabilities } from '@sccp/core';
import { NAME_LABEL, TENANT_LABEL, tenantLabels } from '../constants';
import type { ResolvedTenant } from '../tenant';
import type { Peer, Port } from '../values.generated';

type Obj = Record<string, unknown>;

const inNamespace = (name: string) => ({ namespaceSelector: { matchLabels: { [NAME_LABEL]: name } } });

/** A peer of the values as a Kubernetes NetworkPolicyPeer. */
export function peer(p: Peer): Obj {
  if (p.cidr) return { ipBlock: { cidr: p.cidr, ...(p.except?.length ? { except: [...p.except] } : {}) } };
  const out: Obj = {};
  if (p.namespace) Object.assign(out, inNamespace(p.namespace));
  else if (p.namespaceLabels) out.namespaceSelector = { matchLabels: { ...p.namespaceLabels } };
  if (p.podLabels) out.podSelector = { matchLabels: { ...p.podLabels } };
  return out;
}

export function port(p: Port): Obj {
  return { protocol: p.protocol ?? 'TCP', port: p.port, ...(p.endPort !== undefined ? { endPort: p.endPort } : {}) };
}

const DNS_PORTS = [
  { protocol: 'UDP', port: 53 },
  { protocol: 'TCP', port: 53 },
];

/**
 * The NetworkPolicies of one tenant namespace: default deny of ingress and egress, then one
 * policy per allowance (DNS, same tenant, ingress controller, monitoring, extra rules). Nothing
 * when defaultDeny is off.
 */
export function networkPolicies(t: ResolvedTenant, namespace: string, provides: Readonly<Capabilities>): Obj[] {
  const np = t.networkPolicy;
  if (!np.defaultDeny) return [];
  const policy = (name: string, spec: Obj): Obj => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, labels: tenantLabels(t.name) },
    spec: { podSelector: {}, ...spec },
  });
  const out: Obj[] = [policy('default-deny', { policyTypes: ['Ingress', 'Egress'] })];
  if (np.allowDns) {
    out.push(policy('allow-dns', { policyTypes: ['Egress'], egress: [{ to: [inNamespace('kube-system')], ports: DNS_PORTS.map((p) => ({ ...p })) }] }));
  }
  if (np.allowFromSameTenant) {
    const tenant = () => ({ namespaceSelector: { matchLabels: { [TENANT_LABEL]: t.name } } });
    out.push(policy('allow-same-tenant', { policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [tenant()] }], egress: [{ to: [tenant()] }] }));
  }
  if (np.allowFromIngress && provides.ingress?.namespace) {
    out.push(policy('allow-from-ingress', { policyTypes: ['Ingress'], ingress: [{ from: [inNamespace(provides.ingress.namespace)] }] }));
  }
  if (np.allowFromMonitoring && provides.metrics?.namespace) {
    out.push(policy('allow-from-monitoring', { policyTypes: ['Ingress'], ingress: [{ from: [inNamespace(provides.metrics.namespace)] }] }));
  }
  if (np.extraIngress.length) {
    out.push(
      policy('allow-extra-ingress', {
        policyTypes: ['Ingress'],
        ingress: np.extraIngress.map((r) => ({ from: r.from.map(peer), ...(r.ports?.length ? { ports: r.ports.map(port) } : {}) })),
      }),
    );
  }
  if (np.extraEgress.length) {
    out.push(
      policy('allow-extra-egress', {
        policyTypes: ['Egress'],
        egress: np.extraEgress.map((r) => ({ to: r.to.map(peer), ...(r.ports?.length ? { ports: r.ports.map(port) } : {}) })),
      }),
    );
  }
  return out;
}
