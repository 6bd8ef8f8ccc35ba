import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, isDnsLabel, toPointer, type Diagnostic, type Feature } from '@sccp/core';
import type { PolicyExceptionSpec } from './admission';
import { loadInstalledFeature } from './external';
import type { Registry } from './load';
import { BUILTIN_PACK_PACKAGES } from './packs';
import { POLICY_RECORD, type PolicyRecord } from './policy-bundle';
import { readRepoText, readRepoYaml, readRepoYamlDocument, repoPath, decodeRepoText } from './repo-yaml';

/**
 * What `sccp verify` reads from the repository under verification, read as untrusted input: a pull
 * request may have changed any of it. No symbolic links, YAML as Argo CD reads it (repo-yaml.ts),
 * every shape checked, every problem a located UserError.
 */

export interface RepoResource {
  /** Repository-relative file (forward slashes), or `charts/<name> (rendered)`. */
  file: string;
  resource: any;
}

const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The Kubernetes resources of one YAML stream, as Argo CD and kubectl would apply them: empty
 * documents are skipped, a `kind: ...List` with `items` is its items, anything else must be a
 * resource (a mapping with a `kind`): Argo CD fails on it, and verify must not read it another way.
 */
export function resourcesOf(text: string, file: string): RepoResource[] {
  const out: RepoResource[] = [];
  const problems: Diagnostic[] = [];
  const add = (value: unknown, at: { line: number; col: number }, where: string) => {
    if (value === null || value === undefined) return;
    if (!isObject(value) || typeof value.kind !== 'string' || !value.kind) {
      problems.push({ file, ...at, ...(where ? { pointer: where } : {}), message: 'expected a Kubernetes resource (a mapping with apiVersion and kind): Argo CD cannot apply it' });
      return;
    }
    if (value.kind.endsWith('List') && Array.isArray(value.items)) value.items.forEach((item: unknown, i: number) => add(item, at, `${where}/items/${i}`));
    else out.push({ file, resource: value });
  };
  for (const doc of readRepoYaml(text, file)) add(doc.value, doc, '');
  if (problems.length) throw new UserError(problems);
  return out;
}

/** Every resource in the YAML and JSON files under a folder of the repository (what Argo CD reads from a directory source). */
export function repoResources(repo: string, relDir: string): RepoResource[] {
  const top = repoPath(repo, relDir);
  if (!top) return [];
  if (!top.stat.isDirectory()) throw new UserError([{ file: relDir, message: 'expected a folder' }]);
  const out: RepoResource[] = [];
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const f = path.join(dir, e.name);
      const r = `${rel}/${e.name}`;
      if (e.isSymbolicLink()) throw new UserError([{ file: r, message: 'is a symbolic link: sccp verify reads only files inside the repository (Argo CD refuses links that leave it)' }]);
      if (e.isDirectory()) walk(f, r);
      else if (e.isFile() && /\.(ya?ml|json)$/.test(e.name)) out.push(...resourcesOf(decodeRepoText(fs.readFileSync(f), r), r));
    }
  };
  walk(top.abs, relDir);
  return out;
}

/** A chart's `values.yaml` `sccp` block (the parameters its policies read), `{}` when there is none. */
export function chartParameters(repo: string, feature: string): Record<string, unknown> {
  const rel = `charts/${feature}/values.yaml`;
  const text = readRepoText(repo, rel);
  if (text === undefined) return {};
  const values = readRepoYamlDocument(text, rel);
  if (values === undefined || values === null) return {};
  if (!isObject(values)) throw new UserError([{ file: rel, message: 'expected a mapping of chart values' }]);
  if (values.sccp === undefined || values.sccp === null) return {};
  if (!isObject(values.sccp)) throw new UserError([{ file: rel, pointer: '/sccp', message: 'expected a mapping (the parameters SCCP gives the feature)' }]);
  return values.sccp;
}

/** A chart's Chart.yaml, checked to be a mapping. */
export function chartMetadata(text: string, rel: string): Record<string, any> {
  const chart = readRepoYamlDocument(text, rel);
  if (!isObject(chart)) throw new UserError([{ file: rel, message: 'expected a Chart.yaml mapping (apiVersion, name, version, ...)' }]);
  return chart;
}

const stringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** `.sccp/policies.json`: the packs and exceptions the build recorded, checked to be what `sccp build` writes. */
export function readPolicyRecord(repo: string): PolicyRecord | undefined {
  const file = POLICY_RECORD;
  const text = readRepoText(repo, file);
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UserError([{ file, message: `is not valid JSON (${(e as Error).message}); expected what \`sccp build\` writes: {"packs": {...}, "exceptions": [...]}` }]);
  }
  const problems: Diagnostic[] = [];
  const at = (parts: (string | number)[], message: string) => problems.push({ file, pointer: toPointer(parts.map(String)), message });
  if (!isObject(data)) throw new UserError([{ file, message: 'expected an object with "packs" and "exceptions" (what `sccp build` writes)' }]);
  const packs = data.packs ?? {};
  if (!isObject(packs)) at(['packs'], 'expected an object of enabled policy packs and their parameters');
  else {
    for (const [name, params] of Object.entries(packs)) {
      if (!Object.prototype.hasOwnProperty.call(BUILTIN_PACK_PACKAGES, name)) at(['packs', name], `unknown policy pack ${JSON.stringify(name)}: expected one of ${Object.keys(BUILTIN_PACK_PACKAGES).join(', ')}`);
      else if (!isObject(params)) at(['packs', name], 'expected an object of pack parameters');
    }
  }
  const exceptions = data.exceptions ?? [];
  if (!Array.isArray(exceptions)) at(['exceptions'], 'expected an array of policy exceptions');
  else {
    exceptions.forEach((e: unknown, i: number) => {
      if (!isObject(e)) return at(['exceptions', i], 'expected an object (policy, namespaces, kind, name, reason)');
      if (typeof e.policy !== 'string') at(['exceptions', i, 'policy'], 'expected a policy id (string)');
      if (!stringList(e.namespaces)) at(['exceptions', i, 'namespaces'], 'expected an array of strings (the namespaces the exception covers)');
      for (const k of ['kind', 'name'] as const) if (e[k] !== undefined && typeof e[k] !== 'string') at(['exceptions', i, k], 'expected a string');
      if (typeof e.reason !== 'string') at(['exceptions', i, 'reason'], 'expected a string (why the exception exists)');
    });
  }
  if (problems.length) throw new UserError(problems);
  return { ...(data as any), packs: packs as PolicyRecord['packs'], exceptions: exceptions as PolicyExceptionSpec[] };
}

/**
 * The feature an Application in apps/ deploys (label `sccp.dev/feature`): a built-in one, or one
 * from the installed package its `sccp.dev/package` annotation names (see loadInstalledFeature:
 * never from the repository). Returns undefined for an Application without the label.
 */
export function applicationFeature(d: RepoResource, registry: Registry, opts: { repo: string; featurePaths?: string[] }): Feature | undefined {
  const name = d.resource.metadata?.labels?.['sccp.dev/feature'];
  if (name === undefined) return undefined;
  if (typeof name !== 'string' || !isDnsLabel(name)) {
    throw new UserError([{ file: d.file, message: `label sccp.dev/feature must be a feature name (a DNS-1123 label), got ${JSON.stringify(name)}` }]);
  }
  const builtin = registry.features.get(name);
  if (builtin) return builtin;
  // a feature from an npm package outside sccp: the Application names its package (name@version)
  const annotation = d.resource.metadata?.annotations?.['sccp.dev/package'];
  const pkg = typeof annotation === 'string' ? annotation.replace(/(.)@[^@/]*$/, '$1') : '';
  if (!pkg) throw new UserError([{ file: d.file, message: `feature "${name}" is not built into sccp and the Application names no package (annotation sccp.dev/package)` }]);
  const r = loadInstalledFeature(pkg, opts);
  if ('problem' in r) {
    const message = r.notInstalled
      ? `feature "${name}" (package ${pkg}) is not installed where sccp is; install it next to sccp, or pass --feature-path DIR (the folder whose node_modules holds it) to verify its policies`
      : `feature "${name}": ${r.problem}`;
    throw new UserError([{ file: d.file, message }]);
  }
  if (r.feature.name !== name) throw new UserError([{ file: d.file, message: `package ${pkg} provides feature "${r.feature.name}", not "${name}"` }]);
  return r.feature;
}
