/**
 * The cert-manager chart's values keys SCCP may set, transcribed from its strict values.schema.json
 * (cert-manager/cert-manager deploy/charts/cert-manager/values.schema.json @ 686afa62160249022a0205d3a9bf5f059476c684).
 * `true`: a leaf (scalar, or a free-form object/array such as resources, labels, tolerations).
 * Anything SCCP sends outside this tree would be rejected by `helm template` against the real chart.
 */
type Tree = { [key: string]: true | Tree };

const workload: Tree = {
  replicaCount: true,
  resources: true,
  nodeSelector: true,
  tolerations: true,
  podDisruptionBudget: { enabled: true, minAvailable: true, maxUnavailable: true },
};

export const CERT_MANAGER_KEYS: Tree = {
  ...workload,
  crds: { enabled: true, keep: true },
  global: { leaderElection: { namespace: true } },
  webhook: workload,
  cainjector: workload,
  startupapicheck: { nodeSelector: true, tolerations: true },
  prometheus: {
    enabled: true,
    servicemonitor: { enabled: true, labels: true },
    podmonitor: { enabled: true, labels: true },
  },
};

/** Paths in `values` that `tree` does not allow. */
export function unknownKeys(values: Record<string, unknown>, tree: Tree = CERT_MANAGER_KEYS, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    const allowed = tree[k];
    const p = prefix ? `${prefix}.${k}` : k;
    if (!allowed) out.push(p);
    else if (allowed !== true) {
      if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...unknownKeys(v as Record<string, unknown>, allowed, p));
      else out.push(`${p} (expected an object)`);
    }
  }
  return out;
}
