import * as path from 'node:path';
import { definePolicyPack, parametersConfigMap } from '@sccp/core';

/** The two Pod Security Standards levels the pack enforces. */
export type PodSecurityLevel = 'baseline' | 'restricted';
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['baseline', 'restricted'];

/**
 * The Pod Security Admission checks (Go module k8s.io/pod-security-admission, its check IDs as of
 * Kubernetes 1.37) each policy of the pack implements, by the level the check belongs to. A policy
 * with a restricted check only denies nothing at level baseline. The pack's other policies
 * (ownership labels, resources, image tags) are SCCP's own, beyond the standard.
 */
export const POD_SECURITY_CHECKS: Record<string, Partial<Record<PodSecurityLevel, string[]>>> = {
  'baseline-apparmor-profile': { baseline: ['appArmorProfile'] },
  'baseline-drop-all-capabilities': { baseline: ['capabilities_baseline'], restricted: ['capabilities_restricted'] },
  'baseline-host-ports': { baseline: ['hostPorts'] },
  'baseline-host-probes': { baseline: ['hostProbesAndHostLifecycle'] },
  'baseline-no-host-access': { baseline: ['hostNamespaces', 'hostPathVolumes'] },
  'baseline-no-privilege-escalation': { restricted: ['allowPrivilegeEscalation'] },
  'baseline-no-privileged': { baseline: ['privileged'] },
  'baseline-proc-mount': { baseline: ['procMount'], restricted: ['procMount_restricted'] },
  'baseline-restricted-volumes': { restricted: ['restrictedVolumes'] },
  'baseline-run-as-non-root': { restricted: ['runAsNonRoot', 'runAsUser'] },
  'baseline-seccomp-profile': { baseline: ['seccompProfile_baseline'], restricted: ['seccompProfile_restricted'] },
  'baseline-selinux-options': { baseline: ['seLinuxOptions'] },
  'baseline-sysctls': { baseline: ['sysctls'] },
  'baseline-windows-host-process': { baseline: ['windowsHostProcess'] },
};

/** Parameters of the baseline pack (Rego `data.parameters`, Gatekeeper Constraint `spec.parameters`). */
export interface BaselineParameters {
  /**
   * The Pod Security Standards level: `restricted` (every check) or `baseline` (the checks that
   * prevent known privilege escalations; the restricted-only policies then deny nothing). Any other
   * value means restricted in every engine.
   */
  level: PodSecurityLevel;
  /**
   * Namespaces of the platform itself, where node agents may use the host (baseline-no-host-access).
   * The platform generates it from the enabled features' namespaces.
   */
  platformNamespaces: string[];
  /**
   * Namespaces evaluated at their own level instead of `level`, by name. The platform lists every
   * tenant namespace with its `podSecurity` (the level Kubernetes' Pod Security Admission enforces
   * there through the namespace labels), so a tenant's workloads meet one standard in both places.
   */
  namespaceLevels: Record<string, PodSecurityLevel>;
}

/** The defaults every engine applies without parameters (kept equal to the Rego and Kyverno defaults by a test). */
export const PARAMETER_DEFAULTS: BaselineParameters = {
  level: 'restricted',
  namespaceLevels: {},
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
  'baseline-host-ports': `${UPSTREAM}; node agents (node exporter, MetalLB speaker) listen on host ports`,
  'baseline-no-privilege-escalation': `${UPSTREAM}; node agents run privileged`,
  'baseline-no-privileged': `${UPSTREAM}; node agents (Ceph OSDs, CSI plugins) run privileged`,
  'baseline-ownership-labels': `${UPSTREAM}; their pods carry the charts' own labels, not sccp.dev/owner`,
  'baseline-resources-required': `${UPSTREAM}; not every chart sets requests and a memory limit on every container`,
  'baseline-restricted-volumes': `${UPSTREAM}; node agents (Ceph, CSI plugins, log collector, node exporter) mount hostPath volumes`,
  'baseline-run-as-non-root': `${UPSTREAM}; some components (Ceph, CSI, node exporters) run as root`,
  'baseline-seccomp-profile': `${UPSTREAM}; not every chart sets a seccomp profile`,
};

/**
 * openAPIV3Schema of the parameters: the Gatekeeper ConstraintTemplates' parameter schema, so that
 * namespaceLevels is a map (any namespace name as a key), not the keys of one platform's values.
 */
export const PARAMETERS_SCHEMA: Record<string, unknown> = {
  type: 'object',
  properties: {
    level: { type: 'string', enum: [...POD_SECURITY_LEVELS] },
    namespaceLevels: { type: 'object', additionalProperties: { type: 'string', enum: [...POD_SECURITY_LEVELS] } },
    platformNamespaces: { type: 'array', items: { type: 'string' } },
  },
};

/** Where the Kyverno policies of the pack read their parameters (namespace of the kyverno feature). */
export const PARAMETERS_CONFIGMAP = { namespace: 'kyverno', name: 'sccp-policy-pack-baseline' } as const;

/** The parameters with defaults filled in (what Rego reads as data.parameters and Gatekeeper gets as spec.parameters). */
export function parameters(over: Partial<BaselineParameters> = {}): BaselineParameters {
  const level = over.level ?? PARAMETER_DEFAULTS.level;
  if (!POD_SECURITY_LEVELS.includes(level)) throw new Error(`policy pack baseline: level must be one of ${POD_SECURITY_LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  const namespaceLevels: Record<string, PodSecurityLevel> = {};
  for (const ns of Object.keys(over.namespaceLevels ?? {}).sort()) {
    const l = over.namespaceLevels![ns];
    if (!POD_SECURITY_LEVELS.includes(l)) throw new Error(`policy pack baseline: namespaceLevels.${ns} must be one of ${POD_SECURITY_LEVELS.join(', ')}, got ${JSON.stringify(l)}`);
    namespaceLevels[ns] = l;
  }
  return {
    ...PARAMETER_DEFAULTS,
    ...over,
    level,
    namespaceLevels,
    platformNamespaces: [...new Set(over.platformNamespaces ?? PARAMETER_DEFAULTS.platformNamespaces)].sort(),
  };
}

/** The ConfigMap the Kyverno policies read (add it to the bundled policies when admission is kyverno). */
export function kyvernoParameters(over: Partial<BaselineParameters> = {}): Record<string, any> {
  return parametersConfigMap(PARAMETERS_CONFIGMAP.name, PARAMETERS_CONFIGMAP.namespace, { ...parameters(over) });
}

export default definePolicyPack({
  packageDir: path.join(__dirname, '..'),
  name: 'baseline',
  description:
    'Baseline for every workload: the Pod Security Standards at the chosen level (restricted by default, or baseline), resource requests and a memory limit, pinned image tags, ownership labels; host namespaces and hostPath only in platform namespaces',
});
