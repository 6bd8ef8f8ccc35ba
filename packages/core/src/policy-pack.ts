import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isDnsLabel } from './names';

/**
 * Policy files of a package (feature or policy pack), relative to its root, sorted:
 *   policies/kyverno/**\/*.yaml  except kyverno-test.yaml and anything under resources/ or fixtures/
 *   policies/rego/**\/*.rego     except *_test.rego
 */
export function listPolicyFiles(packageDir: string): { kyverno: string[]; rego: string[] } {
  const policyDir = path.join(packageDir, 'policies');
  const kyverno = listFiles(path.join(policyDir, 'kyverno'), (f) => f.endsWith('.yaml') && f !== 'kyverno-test.yaml')
    .filter((f) => !f.split('/').some((s) => s === 'resources' || s === 'fixtures'))
    .map((f) => `policies/kyverno/${f}`);
  const rego = listFiles(path.join(policyDir, 'rego'), (f) => f.endsWith('.rego') && !f.endsWith('_test.rego')).map((f) => `policies/rego/${f}`);
  return { kyverno, rego };
}

function listFiles(dir: string, filter: (f: string) => boolean, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full, filter, base));
    else if (filter(e.name)) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

/** Anything that ships policies/ in the SCCP layout: a Feature or a PolicyPack. */
export interface PolicySource {
  packageDir: string;
  policies: { kyverno: string[]; rego: string[] };
}

/** A policy source with its npm package name (what loads compiled Rego and owns policies). */
export type NamedPolicySource = PolicySource & { packageName: string };

export interface PolicyPackSpec {
  /** Package root (the folder holding package.json and policies/). */
  packageDir: string;
  /** DNS label; prefix of every policy id of the pack (`baseline-...`). */
  name: string;
  description: string;
}

/**
 * A policy pack: admission policies that are not tied to a feature (no chart, no values). Same
 * policies/ layout and conventions as a feature package (docs/feature-authoring.md "Policies").
 * The platform bundles the enabled packs with the features' policies for the chosen admission
 * controller.
 */
export interface PolicyPack {
  kind: 'policy-pack';
  name: string;
  /** npm package name and version. */
  packageName: string;
  version: string;
  description: string;
  /** Policy files, relative to packageDir, sorted. */
  policies: { kyverno: string[]; rego: string[] };
  packageDir: string;
}

/** Build a policy pack object from its spec and its package files (package.json, policies/). */
export function definePolicyPack(spec: PolicyPackSpec): PolicyPack {
  if (!isDnsLabel(spec.name)) throw new Error(`policy pack name "${spec.name}" is not a DNS-1123 label`);
  const pkg = JSON.parse(fs.readFileSync(path.join(spec.packageDir, 'package.json'), 'utf8'));
  return {
    kind: 'policy-pack',
    name: spec.name,
    packageName: pkg.name,
    version: pkg.version,
    description: spec.description,
    policies: listPolicyFiles(spec.packageDir),
    packageDir: spec.packageDir,
  };
}

export type KyvernoFailureAction = 'Audit' | 'Enforce';

/**
 * The Kyverno policies of a feature or policy pack as objects, ready to bundle: every rule's
 * `validate.failureAction` and every `verifyImages[].failureAction` set to `failureAction`
 * (packages ship `Audit`; the platform switches to `Enforce`). Sorted by file.
 */
export function kyvernoPolicies(
  source: PolicySource,
  opts: { failureAction?: KyvernoFailureAction } = {},
): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const file of source.policies.kyverno) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(source.packageDir, file), 'utf8'))) {
      const policy = doc.toJS();
      if (!policy) continue;
      out.push(opts.failureAction ? withFailureAction(policy, opts.failureAction) : policy);
    }
  }
  return out;
}

/** A copy of a Kyverno policy with every validate / verifyImages rule set to `failureAction`. */
export function withFailureAction(policy: Record<string, any>, failureAction: KyvernoFailureAction): Record<string, any> {
  const copy = structuredClone(policy);
  for (const rule of copy.spec?.rules ?? []) {
    if (rule.validate) rule.validate.failureAction = failureAction;
    for (const iv of rule.verifyImages ?? []) iv.failureAction = failureAction;
  }
  return copy;
}

/**
 * The ConfigMap a pack's Kyverno policies read their parameters from (context `apiCall` on
 * `/api/v1/namespaces/<namespace>/configmaps/<name>`, falling back to their defaults without it).
 * ConfigMap data are strings: strings stay as they are, anything else is JSON (arrays, booleans).
 */
export function parametersConfigMap(name: string, namespace: string, parameters: Record<string, unknown>): Record<string, any> {
  if (!isDnsLabel(namespace)) throw new Error(`namespace "${namespace}" is not a DNS-1123 label`);
  const data: Record<string, string> = {};
  for (const k of Object.keys(parameters).sort()) {
    const v = parameters[k];
    if (v !== undefined) data[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels: { 'app.kubernetes.io/part-of': 'sccp' } }, data };
}
