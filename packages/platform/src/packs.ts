import type { PolicyPack } from '@sccp/core';

/** The policy packs bundled with sccp, by the name platform.yaml enables them with (`policies.packs.<name>`). */
export const BUILTIN_PACK_PACKAGES: Record<string, string> = {
  baseline: '@sccp/policy-pack-baseline',
  operations: '@sccp/policy-pack-operations',
  'trusted-execution': '@sccp/policy-pack-trusted-execution',
};

/** A pack module: its default export plus the parameter helpers every SCCP pack exports. */
export interface PackModule {
  default: PolicyPack;
  /** Parameters with defaults filled in (Rego `data.parameters`, Gatekeeper `spec.parameters`). */
  parameters(over?: Record<string, unknown>): Record<string, unknown>;
  /** The ConfigMap its Kyverno policies read their parameters from. */
  kyvernoParameters(over?: Record<string, unknown>): Record<string, any>;
  /** openAPIV3Schema of the parameters (Gatekeeper templates); inferred from the values without it. */
  PARAMETERS_SCHEMA?: Record<string, unknown>;
  /** Policy id → why the platform's own upstream workloads are excepted from it (in the platform namespaces). */
  PLATFORM_EXEMPTIONS?: Record<string, string>;
}

const loaded = new Map<string, PackModule>();

/** Load a built-in pack by name (lazily: commands that need no policies never load them). */
export function loadPack(name: string): PackModule {
  let mod = loaded.get(name);
  if (!mod) {
    // own properties only: a name from a repository file ("constructor", "__proto__") must not reach require()
    const pkg = Object.prototype.hasOwnProperty.call(BUILTIN_PACK_PACKAGES, name) ? BUILTIN_PACK_PACKAGES[name] : undefined;
    if (!pkg) throw new Error(`unknown policy pack "${name}"`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(pkg) as PackModule;
    loaded.set(name, mod);
  }
  return mod;
}
