import * as path from 'node:path';
import { definePolicyPack, parametersConfigMap } from '@sccp/core';

/** Parameters of the baseline pack (Rego `data.parameters`, Gatekeeper Constraint `spec.parameters`). */
export interface BaselineParameters {
  /**
   * Namespaces of the platform itself, where node agents may use the host (baseline-no-host-access).
   * The platform generates it from the enabled features' namespaces.
   */
  platformNamespaces: string[];
}

/** The defaults every engine applies without parameters (kept equal to the Rego and Kyverno defaults by a test). */
export const PARAMETER_DEFAULTS: BaselineParameters = {
  platformNamespaces: [
    'argocd',
    'cert-manager',
    'gatekeeper-system',
    'grafana',
    'kube-node-lease',
    'kube-public',
    'kube-system',
    'kyverno',
    'logging',
    'metallb-system',
    'monitoring',
    'rook-ceph',
    'traefik',
  ],
};

const UPSTREAM = 'the platform\'s own workloads come from pinned upstream charts whose pod specs SCCP does not author';

/**
 * Policies the platform's own (upstream chart) workloads are excepted from, in the platform
 * namespaces only, with the reason the generated README lists. Node agents (storage, load balancer
 * speakers, log collectors) need privileges, and upstream pods carry neither SCCP's ownership labels
 * nor, in every chart, the restricted security context. Tenants get no such exception.
 */
export const PLATFORM_EXEMPTIONS: Record<string, string> = {
  'baseline-drop-all-capabilities': `${UPSTREAM}; node agents (Ceph, MetalLB speaker, log collector) need capabilities`,
  'baseline-no-privilege-escalation': `${UPSTREAM}; node agents run privileged`,
  'baseline-no-privileged': `${UPSTREAM}; node agents (Ceph OSDs, CSI plugins) run privileged`,
  'baseline-ownership-labels': `${UPSTREAM}; their pods carry the charts' own labels, not sccp.dev/owner`,
  'baseline-resources-required': `${UPSTREAM}; not every chart sets requests and a memory limit on every container`,
  'baseline-run-as-non-root': `${UPSTREAM}; some components (Ceph, CSI, node exporters) run as root`,
  'baseline-seccomp-profile': `${UPSTREAM}; not every chart sets a seccomp profile`,
};

/** Where the Kyverno policies of the pack read their parameters (namespace of the kyverno feature). */
export const PARAMETERS_CONFIGMAP = { namespace: 'kyverno', name: 'sccp-policy-pack-baseline' } as const;

/** The parameters with defaults filled in (what Rego reads as data.parameters and Gatekeeper gets as spec.parameters). */
export function parameters(over: Partial<BaselineParameters> = {}): BaselineParameters {
  return { ...PARAMETER_DEFAULTS, ...over, platformNamespaces: [...new Set(over.platformNamespaces ?? PARAMETER_DEFAULTS.platformNamespaces)].sort() };
}

/** The ConfigMap the Kyverno policies read (add it to the bundled policies when admission is kyverno). */
export function kyvernoParameters(over: Partial<BaselineParameters> = {}): Record<string, any> {
  return parametersConfigMap(PARAMETERS_CONFIGMAP.name, PARAMETERS_CONFIGMAP.namespace, { ...parameters(over) });
}

export default definePolicyPack({
  packageDir: path.join(__dirname, '..'),
  name: 'baseline',
  description:
    'Baseline for every workload: Pod Security Standards (restricted), resource requests and a memory limit, pinned image tags, ownership labels, no host access outside platform namespaces',
});
