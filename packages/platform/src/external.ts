import * as fs from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';
import { CONTRACT_VERSION, UserError, isDnsLabel, toPointer, type Diagnostic, type Feature, type SourceDoc } from '@sccp/core';
import { Registry } from './load';
import { reservedFeatureName } from './reserved-names';

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** Require a feature package the way Node would from the platform file's folder (then the working directory). */
export function requireFeature(pkg: string, from: string[]): Feature {
  const resolved = require.resolve(pkg, { paths: from });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(resolved);
  return (mod?.default ?? mod) as Feature;
}

const isFeature = (f: any): f is Feature => !!f && typeof f === 'object' && typeof f.name === 'string' && typeof f.render === 'function' && 'contract' in f;

/**
 * Features enabled from npm packages outside sccp: `features.<name>.package: "@acme/sccp-feature-x"`.
 * Loads each from the platform file's folder, checks it is a feature for this contract version
 * under the same name, and returns a registry of the built-in features plus these.
 */
export function withExternalFeatures(base: Registry, src: SourceDoc): Registry {
  const features = (src.data as any)?.features;
  if (!features || typeof features !== 'object') return base;
  const problems: Diagnostic[] = [];
  const added: Feature[] = [];
  const at = (name: string, message: string): Diagnostic => {
    const pointer = toPointer(['features', name, 'package']);
    return { file: src.file, ...src.locate(pointer), pointer, message };
  };
  const from = [path.dirname(path.resolve(src.file)), process.cwd()];
  for (const [name, entry] of Object.entries(features as Record<string, any>)) {
    const pkg = entry?.package;
    if (pkg === undefined) continue;
    if (typeof pkg !== 'string' || !PACKAGE_NAME.test(pkg)) {
      problems.push(at(name, `expected an npm package name such as "@acme/sccp-feature-${name}", got ${JSON.stringify(pkg)}`));
      continue;
    }
    const builtin = base.features.get(name);
    const reserved = builtin ? undefined : reservedFeatureName(name);
    if (reserved || !isDnsLabel(name)) {
      problems.push(at(name, reserved ?? `a feature name is a DNS-1123 label (lower-case letters, digits and "-"), got ${JSON.stringify(name)}`));
      continue;
    }
    if (builtin) {
      if (builtin.packageName !== pkg) problems.push(at(name, `"${name}" is a built-in feature (${builtin.packageName}); remove "package" or give the external feature another name`));
      continue;
    }
    let feature: Feature;
    try {
      feature = requireFeature(pkg, from);
    } catch (e) {
      const notFound = (e as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND';
      problems.push(at(name, notFound ? `package ${pkg} is not installed (run \`npm install ${pkg}\` next to the platform file)` : `package ${pkg} failed to load: ${(e as Error).message}`));
      continue;
    }
    if (!isFeature(feature)) {
      problems.push(at(name, `package ${pkg} does not export an SCCP feature (made with defineFeature from @sccp/core)`));
      continue;
    }
    if (feature.contract !== CONTRACT_VERSION) {
      problems.push(at(name, `package ${pkg} ${feature.version ?? ''} implements feature contract ${feature.contract}; this sccp supports contract ${CONTRACT_VERSION}: install a version of the feature built for it, or a matching sccp`));
      continue;
    }
    if (feature.name !== name) {
      problems.push(at(name, `package ${pkg} provides feature "${feature.name}", not "${name}": enable it as features.${feature.name}`));
      continue;
    }
    added.push(feature);
  }
  if (problems.length) throw new UserError(problems);
  return added.length ? new Registry([...base.list(), ...added]) : base;
}

/** An npm package name: no path, no `file:` or URL, no version, not a Node.js built-in module. */
export function isPackageName(s: string): boolean {
  return PACKAGE_NAME.test(s) && !isBuiltin(s);
}

/**
 * Load a feature package for `sccp verify`, by a name the repository under verification gives
 * (an Application's `sccp.dev/package`). That repository is untrusted (CI verifies pull requests),
 * so the package is looked up only where sccp itself is installed (the folders Node searches from
 * sccp's own files: the project that installed sccp, or the global folder) and in the folders the
 * user names (`--feature-path`), never from the repository nor from the working directory (CI runs
 * verify inside the pull request's checkout, which may carry a node_modules/ of its own). A package
 * whose real path is inside the repository is refused even where the user pointed.
 */
export function loadInstalledFeature(pkg: string, opts: { repo: string; featurePaths?: string[] }): { feature: Feature } | { problem: string; notInstalled?: true } {
  if (!isPackageName(pkg)) return { problem: `${JSON.stringify(pkg)} is not an npm package name (no path, "file:", URL or built-in module): verify loads features only from installed packages` };
  let resolved: string;
  try {
    resolved = require.resolve(pkg, { paths: [...(opts.featurePaths ?? []), __dirname] });
  } catch {
    return { problem: 'not installed', notInstalled: true };
  }
  const real = fs.realpathSync(resolved);
  const repo = fs.realpathSync(opts.repo);
  if (real === repo || real.startsWith(repo + path.sep)) return { problem: `package ${pkg} resolves to ${real}, inside the repository being verified: verify never runs code from it` };
  let feature: Feature;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(real);
    feature = (mod?.default ?? mod) as Feature;
  } catch (e) {
    return { problem: `package ${pkg} failed to load: ${(e as Error).message}` };
  }
  if (!isFeature(feature)) return { problem: `package ${pkg} does not export an SCCP feature (made with defineFeature from @sccp/core)` };
  if (feature.contract !== CONTRACT_VERSION) return { problem: `package ${pkg} implements feature contract ${feature.contract}; this sccp supports contract ${CONTRACT_VERSION}` };
  return { feature };
}
