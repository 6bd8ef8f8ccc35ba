import { UserError, topoDepths, type Capabilities, type Contributions, type Profile } from '@sccp/core';
import { platformExceptions, type PolicyExceptionSpec } from './admission';
import { commitSigningKeys, type EnabledFeature, type PlatformSpec } from './load';

/** Gap between the sync waves of successive dependency levels, leaving room for in-between steps. */
export const WAVE_STEP = 10;

/** What a profile offers before any feature: the storage classes its clusters come with. */
export const PROFILE_CAPABILITIES: Record<Profile, Capabilities> = {
  'bare-metal': {},
  kind: { storage: { block: 'standard' } },
  aks: { storage: { block: 'managed-csi', filesystem: 'azurefile-csi' } },
  eks: { storage: { block: 'gp2', filesystem: 'efs-sc' } },
  gke: { storage: { block: 'standard-rwo', filesystem: 'standard-rwx' } },
};

export interface PlannedFeature extends EnabledFeature {
  wave: number;
  /** Enabled features it depends on (required or optional), sorted. */
  after: string[];
}

export interface Plan {
  spec: PlatformSpec;
  /** Enabled features in sync order (wave, then name). */
  features: PlannedFeature[];
  provides: Capabilities;
  providers: Record<string, string>;
  contributions: Record<string, Contributions>;
  /** Sync wave of the bundled policies (after every feature, so the CRDs their rules match exist); undefined without an admission controller. */
  policyWave?: number;
  /** Declared exceptions, then the platform's own (sorted by policy). */
  exceptions: PolicyExceptionSpec[];
}

/** Order features into sync waves and gather what they provide and contribute to each other. */
export function planPlatform(spec: PlatformSpec): Plan {
  const byName = new Map(spec.features.map((e) => [e.feature.name, e]));
  const edges = (n: string) => {
    const f = byName.get(n)!.feature;
    return [...(f.dependsOn ?? []), ...(f.optionalDependsOn ?? [])].filter((d) => byName.has(d));
  };
  let topo;
  try {
    topo = topoDepths([...byName.keys()], edges);
  } catch (e) {
    throw new UserError(`${spec.file}: the enabled features depend on each other in a circle: ${(e as Error).message}`);
  }
  const features = topo.order.map((n) => ({ ...byName.get(n)!, wave: topo.depth[n] * WAVE_STEP, after: [...new Set(edges(n))].sort() }));
  const provides: Capabilities = { ...PROFILE_CAPABILITIES[spec.info.profile] };
  const providers: Record<string, string> = Object.fromEntries(Object.keys(provides).map((k) => [k, `profile ${spec.info.profile}`]));
  const contributions: Record<string, Contributions> = {};
  for (const p of features) {
    const offered = p.feature.provides?.(p.values, spec.info) ?? {};
    for (const [key, value] of Object.entries(offered)) {
      if (value === undefined) continue;
      const prev = providers[key];
      if (prev && !prev.startsWith('profile ')) {
        throw new UserError(`${spec.file}: features "${prev}" and "${p.feature.name}" both provide "${key}"; enable only one of them`);
      }
      provides[key] = value;
      providers[key] = p.feature.name;
    }
    const c = p.feature.contributes?.(p.values, spec.info);
    if (c && Object.keys(c).length) contributions[p.feature.name] = c;
  }
  const keyIds = spec.admission.trustedExecution?.requireSignedCommits ? commitSigningKeys(spec.features) : [];
  if (keyIds.length) {
    provides.commitSigning = { keyIds };
    providers.commitSigning = 'policies.packs.trusted-execution';
  }
  const policyWave = spec.admission.controller === 'none' ? undefined : Math.max(0, ...features.map((p) => p.wave)) + WAVE_STEP;
  const platform = platformExceptions(spec.admission, spec.policies, features.map((p) => p.feature.namespace));
  const exceptions = [...spec.admission.exceptions, ...platform.sort((a, b) => a.policy.localeCompare(b.policy))];
  return { spec, features, provides, providers, contributions, ...(policyWave !== undefined ? { policyWave } : {}), exceptions };
}
