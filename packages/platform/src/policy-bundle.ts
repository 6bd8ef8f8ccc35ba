import * as fs from 'node:fs';
import * as path from 'node:path';
import { constraintTemplateFor, kyvernoPolicies, PROFILE_KUBERNETES, type GatekeeperExemption } from '@sccp/core';
import { platformNamespaces, policySources, type PolicyExceptionSpec } from './admission';
import { exceptionRuleNames, type OwnedSource, type PolicyInfo } from './catalog';
import { exceptionMatches, exceptionName, ownedRules, ownerNamePattern } from './exceptions';
import { loadPack } from './packs';
import type { Plan } from './plan';

type Obj = Record<string, any>;

/** Folder of the bundled policies in the generated repository, and the name of their Application. */
export const POLICIES_DIR = 'policies';
export const POLICIES_APP = 'policies';

/** Where Kyverno PolicyExceptions live (the kyverno feature allows exceptions in this namespace only). */
export const KYVERNO_NAMESPACE = 'kyverno';

const LABELS = { 'app.kubernetes.io/part-of': 'sccp', 'app.kubernetes.io/managed-by': 'sccp' };

/** The parameters of every enabled pack, as the platform sets them. */
export function packParameters(plan: Plan): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const namespaces = platformNamespaces(plan.features.map((p) => p.feature.namespace));
  for (const name of plan.spec.admission.packs) {
    const pack = loadPack(name);
    if (name === 'baseline')
      out[name] = pack.parameters({
        platformNamespaces: namespaces,
        level: plan.spec.admission.podSecurityLevel ?? 'restricted',
        namespaceLevels: Object.fromEntries(Object.entries(plan.provides.tenantNamespaces ?? {}).map(([ns, t]) => [ns, t.podSecurity])),
      });
    else if (name === 'operations')
      out[name] = pack.parameters({
        kubernetesVersion: PROFILE_KUBERNETES[plan.spec.info.profile].max,
        tenantNamespaces: Object.fromEntries(Object.entries(plan.provides.tenantNamespaces ?? {}).map(([ns, t]) => [ns, { tenant: t.tenant, critical: t.critical, serviceTypes: t.serviceTypes }])),
      });
    else if (name === 'trusted-execution') {
      const te = plan.spec.admission.trustedExecution!;
      out[name] = pack.parameters({ allowedRegistries: te.allowedRegistries, requireSignedCommits: te.requireSignedCommits });
    } else out[name] = pack.parameters();
  }
  return out;
}

/** What a source's Rego policies read as data.parameters: a pack's parameters, or `{<feature>: values}`. */
export function sourceParameters(plan: Plan, s: OwnedSource): Record<string, unknown> {
  if (s.owner.type === 'pack') return packParameters(plan)[s.owner.name] ?? {};
  const f = plan.features.find((p) => p.feature.name === s.owner.name);
  return { [s.owner.name]: f?.values ?? {} };
}

function readsParameters(s: OwnedSource, file: string): boolean {
  return /(?<![\w.$])data\.parameters\b/.test(fs.readFileSync(path.join(s.source.packageDir, file), 'utf8'));
}

const waveAnnotation = (w: number) => ({ 'argocd.argoproj.io/sync-wave': String(w) });

function kyvernoBundle(plan: Plan, sources: OwnedSource[], catalog: PolicyInfo[]): Record<string, Obj[]> {
  const action = plan.spec.admission.enforcement === 'enforce' ? 'Enforce' : 'Audit';
  const files: Record<string, Obj[]> = {};
  const params = packParameters(plan);
  for (const name of Object.keys(params)) {
    const cm = loadPack(name).kyvernoParameters(params[name]);
    cm.metadata.labels = { ...LABELS };
    // parameters before the policies that read them
    cm.metadata.annotations = waveAnnotation(0);
    files[`parameters/${name}.yaml`] = [cm];
  }
  for (const s of sources) {
    for (const policy of kyvernoPolicies(s.source, { failureAction: action })) {
      policy.metadata.labels = { ...(policy.metadata.labels ?? {}), ...LABELS, 'sccp.dev/policy-owner': s.owner.name };
      policy.metadata.annotations = { ...(policy.metadata.annotations ?? {}), ...waveAnnotation(1) };
      files[`${s.owner.name}/${policy.metadata.name}.yaml`] = [policy];
    }
  }
  const verify = plan.spec.admission.trustedExecution?.verifyImages;
  if (verify) {
    const te = require('@sccp/policy-pack-trusted-execution') as typeof import('@sccp/policy-pack-trusted-execution');
    const p = te.verifyImagesPolicy({ ...verify, failureAction: action } as any)!;
    p.metadata.labels = { ...LABELS, 'sccp.dev/policy-owner': 'trusted-execution' };
    p.metadata.annotations = { ...p.metadata.annotations, ...waveAnnotation(1) };
    files[`trusted-execution/${p.metadata.name}.yaml`] = [p];
  }
  for (const e of plan.exceptions) {
    const policy = catalog.find((p) => p.id === e.policy)!;
    files[`exceptions/${exceptionName(e)}.yaml`] = kyvernoExceptions(e, policy);
  }
  return files;
}

/**
 * The Kyverno PolicyExceptions (kyverno.io/v2) of one exception: the first for the excepted
 * resource, then one per kind of object its controller creates (`<name>.<kind>`), whose conditions
 * tie the object to that controller through its owner reference (exceptions.ts).
 */
export function kyvernoExceptions(e: PolicyExceptionSpec, policy: PolicyInfo): Obj[] {
  return exceptionMatches(e).map(({ conditions, ...resources }, i) => ({
    apiVersion: 'kyverno.io/v2',
    kind: 'PolicyException',
    metadata: {
      name: i === 0 ? exceptionName(e) : `${exceptionName(e)}.${resources.kinds![0].toLowerCase()}`,
      namespace: KYVERNO_NAMESPACE,
      labels: { ...LABELS, 'sccp.dev/policy': e.policy },
      annotations: {
        'sccp.dev/reason': e.reason,
        ...(e.expires ? { 'sccp.dev/expires': e.expires } : {}),
        'sccp.dev/origin': e.origin.type === 'platform' ? 'platform' : `platform.yaml${e.origin.pointer}`,
        ...waveAnnotation(0),
      },
    },
    spec: {
      exceptions: [{ policyName: e.policy, ruleNames: exceptionRuleNames(policy) }],
      match: { any: [{ resources: { ...resources, namespaces: [...e.namespaces] } }] },
      ...(conditions ? { conditions } : {}),
    },
  }));
}

/** The Gatekeeper form of the exceptions of one policy: namespaces to exclude, resources to exempt. */
export function gatekeeperExclusions(exceptions: PolicyExceptionSpec[], policy: string): { excludedNamespaces: string[]; exemptions: GatekeeperExemption[] } {
  const mine = exceptions.filter((e) => e.policy === policy);
  const excludedNamespaces = [...new Set(mine.filter((e) => !e.kind).flatMap((e) => e.namespaces))].sort();
  const exemptions = mine
    .filter((e) => e.kind)
    .flatMap((e) =>
      e.namespaces.map((namespace) => ({
        namespace,
        kind: e.kind!,
        name: e.name ?? '',
        owned: ownedRules(e).map((r) => ({ kind: r.kind, ownerKind: r.ownerKind, ownerName: ownerNamePattern(r, e.name!) })),
      })),
    );
  return { excludedNamespaces, exemptions };
}

function gatekeeperBundle(plan: Plan, sources: OwnedSource[]): Record<string, Obj[]> {
  const action = plan.spec.admission.enforcement === 'enforce' ? 'deny' : 'dryrun';
  const files: Record<string, Obj[]> = {};
  for (const s of sources) {
    for (const file of s.source.policies.rego) {
      const id = path.basename(file, '.rego');
      const { excludedNamespaces, exemptions } = gatekeeperExclusions(plan.exceptions, id);
      const parameters = readsParameters(s, file) ? sourceParameters(plan, s) : undefined;
      // Feature values are free-form: keep them as they are instead of inferring a structural schema.
      const parametersSchema =
        parameters && s.owner.type === 'feature'
          ? { type: 'object', properties: { [s.owner.name]: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }
          : undefined;
      const p = constraintTemplateFor(id, fs.readFileSync(path.join(s.source.packageDir, file), 'utf8'), {
        enforcementAction: action,
        labels: { ...LABELS, 'sccp.dev/policy-owner': s.owner.name },
        ...(parameters ? { parameters } : {}),
        ...(parametersSchema ? { parametersSchema } : {}),
        ...(exemptions.length ? { exemptions } : {}),
        ...(excludedNamespaces.length ? { match: { excludedNamespaces } } : {}),
      });
      // The template first: its CRD (the Constraint kind) must exist before the Constraint syncs.
      p.template.metadata.annotations = { ...(p.template.metadata.annotations ?? {}), ...waveAnnotation(0) };
      p.constraint.metadata.annotations = { ...waveAnnotation(1), 'argocd.argoproj.io/sync-options': 'SkipDryRunOnMissingResource=true' };
      files[`${s.owner.name}/${id}.yaml`] = [p.template, p.constraint];
    }
  }
  return files;
}

/**
 * The bundled policies for the platform's admission controller, by file under policies/: the
 * enabled features' and packs' policies in the chosen enforcement, the packs' parameters and the
 * exceptions. Empty without an admission controller.
 */
export function policyBundle(plan: Plan): Record<string, Obj[]> {
  const { controller } = plan.spec.admission;
  if (controller === 'none') return {};
  const sources = policySources(
    plan.features.map((p) => p.feature),
    plan.spec.admission.packs,
  );
  return controller === 'kyverno' ? kyvernoBundle(plan, sources, plan.spec.policies) : gatekeeperBundle(plan, sources);
}

/** The repository's record of its policy setup, read by `sccp verify` (which has only the repository). */
export const POLICY_RECORD = '.sccp/policies.json';

export interface PolicyRecord {
  admission: string;
  enforcement: string;
  /** Enabled packs and the parameters the platform gives them. */
  packs: Record<string, Record<string, unknown>>;
  exceptions: PolicyExceptionSpec[];
}

export function policyRecord(plan: Plan): PolicyRecord {
  return { admission: plan.spec.admission.controller, enforcement: plan.spec.admission.enforcement, packs: packParameters(plan), exceptions: plan.exceptions };
}
