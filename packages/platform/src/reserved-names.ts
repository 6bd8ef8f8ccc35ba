/**
 * Top-level paths of the generated repository that SCCP itself writes, and what they hold. A
 * feature's name becomes a path there too (`apps/<name>.yaml`, `charts/<name>/`, and `<name>/` for
 * a feature delivered as plain manifests), so no third-party feature may take one of these names:
 * `policies` would replace the Application of the bundled policies (`apps/policies.yaml`), a
 * manifests feature named `apps` or `bootstrap` would write into the folders Argo CD trusts most.
 * Names are compared in lower case (case-insensitive file systems).
 */
export const RESERVED_FEATURE_NAMES: Record<string, string> = {
  apps: 'apps/ holds the Argo CD Applications',
  bootstrap: 'bootstrap/ holds the platform AppProject and the root Application',
  charts: 'charts/ holds the wrapper charts',
  policies: 'policies/ and apps/policies.yaml hold the bundled admission policies',
  tenants: 'tenants/ holds the tenants of the built-in tenants feature',
  '.sccp': '.sccp/ holds the record of the managed files and policies',
  sccp: '.sccp/ holds the record of the managed files and policies',
  readme: 'README.md describes the platform',
  'readme.md': 'README.md describes the platform',
};

/** The package allowed to use a reserved name: the built-in feature whose folder it is. */
const OWNERS: Record<string, string> = { tenants: '@sccp/feature-tenants' };

/** Why `name` cannot be the name of a feature from `packageName`, or undefined when it can. */
export function reservedFeatureName(name: string, packageName?: string): string | undefined {
  const key = name.toLowerCase();
  if (!(key in RESERVED_FEATURE_NAMES)) return undefined;
  if (OWNERS[key] && OWNERS[key] === packageName) return undefined;
  return `"${name}" is reserved: ${RESERVED_FEATURE_NAMES[key]} in the generated repository; give the feature another name`;
}
