import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { regoMetadata, type NamedPolicySource } from '@sccp/core';

/** Who ships a policy: a feature package or a policy pack. */
export interface PolicyOwner {
  type: 'feature' | 'pack';
  name: string;
  packageName: string;
}

/** A policy source with its owner: the unit the bundle and `sccp policies` work on. */
export interface OwnedSource {
  owner: PolicyOwner;
  source: NamedPolicySource;
}

export type PolicyEngine = 'kyverno' | 'rego';

/** One policy id with what both engines' files say about it. */
export interface PolicyInfo {
  id: string;
  title: string;
  description: string;
  category: string;
  severity: string;
  /** Engines the policy is written for (a Kyverno ClusterPolicy, a Rego module). */
  engines: PolicyEngine[];
  owner: PolicyOwner;
  /** Files relative to the owner's package. */
  files: Partial<Record<PolicyEngine, string>>;
  /** Rule names of the Kyverno policy (what a PolicyException lists). */
  kyvernoRules: string[];
  /** Kinds the Kyverno policy matches (for autogen rule names of pod policies). */
  kyvernoKinds: string[];
  /** The Kyverno policy opts out of rules generated for pod controllers. */
  kyvernoAutogenOff: boolean;
}

const idOf = (file: string) => path.basename(file).replace(/\.(rego|yaml)$/, '');

function kyvernoPolicy(dir: string, file: string): Record<string, any> | undefined {
  for (const d of parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8'))) {
    const o = d.toJS();
    if (o?.kind === 'ClusterPolicy' || o?.kind === 'Policy') return o;
  }
  return undefined;
}

/** Every policy of the sources, sorted by id. Throws when two sources ship the same id. */
export function policyCatalog(sources: OwnedSource[]): PolicyInfo[] {
  const byId = new Map<string, PolicyInfo>();
  for (const { owner, source } of sources) {
    const ids = new Set([...source.policies.kyverno, ...source.policies.rego].map(idOf));
    for (const id of ids) {
      const prev = byId.get(id);
      if (prev) throw new Error(`policy id "${id}" is shipped by both ${prev.owner.packageName} and ${owner.packageName}`);
      const kFile = source.policies.kyverno.find((f) => idOf(f) === id);
      const rFile = source.policies.rego.find((f) => idOf(f) === id);
      const k = kFile ? kyvernoPolicy(source.packageDir, kFile) : undefined;
      const ann: Record<string, string> = k?.metadata?.annotations ?? {};
      const meta = rFile ? regoMetadata(fs.readFileSync(path.join(source.packageDir, rFile), 'utf8')) : undefined;
      const rules: any[] = k?.spec?.rules ?? [];
      byId.set(id, {
        id,
        title: ann['policies.kyverno.io/title'] ?? meta?.title ?? id,
        description: String(ann['policies.kyverno.io/description'] ?? meta?.description ?? '').replace(/\s+/g, ' ').trim(),
        category: ann['policies.kyverno.io/category'] ?? meta?.custom?.category ?? '-',
        severity: ann['policies.kyverno.io/severity'] ?? meta?.custom?.severity ?? '-',
        engines: [...(kFile ? (['kyverno'] as const) : []), ...(rFile ? (['rego'] as const) : [])],
        owner,
        files: { ...(kFile ? { kyverno: kFile } : {}), ...(rFile ? { rego: rFile } : {}) },
        kyvernoRules: rules.map((r) => String(r.name)),
        kyvernoKinds: [...new Set(rules.flatMap((r) => [...(r.match?.any ?? []), ...(r.match?.all ?? []), ...(r.match?.resources ? [{ resources: r.match.resources }] : [])].flatMap((m: any) => m.resources?.kinds ?? [])))].map(String),
        kyvernoAutogenOff: ann['pod-policies.kyverno.io/autogen-controllers'] === 'none',
      });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The rule names a Kyverno PolicyException must list to cover a policy: its own rules, plus the
 * rules Kyverno generates for pod controllers (`autogen-<rule>`, `autogen-cronjob-<rule>`) when a
 * rule matches Pods and autogen is not turned off.
 */
export function exceptionRuleNames(p: PolicyInfo): string[] {
  const autogen = !p.kyvernoAutogenOff && p.kyvernoKinds.includes('Pod');
  return p.kyvernoRules.flatMap((r) => (autogen ? [r, `autogen-${r}`, `autogen-cronjob-${r}`] : [r]));
}
