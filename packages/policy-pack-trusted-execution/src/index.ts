import * as path from 'node:path';
import { definePolicyPack, parametersConfigMap } from '@sccp/core';

export { verifyImagesPolicy, VERIFY_IMAGES_POLICY, type CosignKey, type KeylessIdentity, type VerifyImagesOptions } from './verify-images';

/** Parameters of the trusted-execution pack (Rego `data.parameters`, Gatekeeper Constraint `spec.parameters`). */
export interface TrustedExecutionParameters {
  /**
   * Image reference prefixes that are trusted, each ending in "/" (a registry host, or a host and a
   * repository path): `registry.example.com/`, `ghcr.io/acme/`. Empty: no registry is trusted.
   */
  allowedRegistries: string[];
  /** Every Argo CD AppProject must declare spec.signatureKeys (Argo CD then syncs signed commits only). */
  requireSignedCommits: boolean;
}

/** The defaults every engine applies without parameters (kept equal to the Rego and Kyverno defaults by a test). */
export const PARAMETER_DEFAULTS: TrustedExecutionParameters = { allowedRegistries: [], requireSignedCommits: true };

/**
 * Policies the platform's own (upstream chart) workloads are excepted from, in the platform
 * namespaces only, with the reason the generated README lists. Registries are not exempted: list the
 * upstream charts' registries in allowedRegistries.
 */
export const PLATFORM_EXEMPTIONS: Record<string, string> = {
  'trusted-execution-image-digest':
    "the platform's upstream charts reference their images by tag; their versions are pinned by the chart version, and digests cannot be looked up offline",
};

/** Where the Kyverno policies of the pack read their parameters (namespace of the kyverno feature). */
export const PARAMETERS_CONFIGMAP = { namespace: 'kyverno', name: 'sccp-policy-pack-trusted-execution' } as const;

const PREFIX = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?\/([-a-z0-9._/]*\/)?$/;

/** The parameters with defaults filled in; throws on a registry prefix that is not `host[:port]/[path/]`. */
export function parameters(over: Partial<TrustedExecutionParameters> = {}): TrustedExecutionParameters {
  const allowedRegistries = [...new Set(over.allowedRegistries ?? PARAMETER_DEFAULTS.allowedRegistries)].sort();
  for (const p of allowedRegistries) {
    // A prefix without a trailing slash ("ghcr.io/acme") would also trust "ghcr.io/acme-evil/...".
    if (!PREFIX.test(p)) throw new Error(`allowedRegistries: "${p}" must be a registry host (optionally with a port and a repository path) ending in "/", e.g. "registry.example.com/" or "ghcr.io/acme/"`);
  }
  return { allowedRegistries, requireSignedCommits: over.requireSignedCommits ?? PARAMETER_DEFAULTS.requireSignedCommits };
}

/** The ConfigMap the Kyverno policies read (add it to the bundled policies when admission is kyverno). */
export function kyvernoParameters(over: Partial<TrustedExecutionParameters> = {}): Record<string, any> {
  return parametersConfigMap(PARAMETERS_CONFIGMAP.name, PARAMETERS_CONFIGMAP.namespace, { ...parameters(over) });
}

export default definePolicyPack({
  packageDir: path.join(__dirname, '..'),
  name: 'trusted-execution',
  description:
    'Trusted execution: images from allowed registries, pinned by digest and signed (Kyverno verifyImages), Argo CD projects that require signed commits, platform charts pinned to exact versions',
});
