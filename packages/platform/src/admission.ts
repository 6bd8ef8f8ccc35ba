import { closest, toPointer, type Diagnostic, type Feature } from '@sccp/core';
import { ARGOCD_NAMESPACE } from './argo';
import { policyCatalog, type OwnedSource, type PolicyEngine, type PolicyInfo } from './catalog';
import { BUILTIN_PACK_PACKAGES, loadPack } from './packs';

export const ADMISSION_CONTROLLERS = ['kyverno', 'gatekeeper'] as const;
export type AdmissionController = (typeof ADMISSION_CONTROLLERS)[number] | 'none';
export type Enforcement = 'enforce' | 'audit';

/** The engine an admission controller runs: Kyverno policies, or Rego (as Gatekeeper templates). */
export function controllerEngine(controller: Exclude<AdmissionController, 'none'>): PolicyEngine {
  return controller === 'kyverno' ? 'kyverno' : 'rego';
}

/** Does the controller run this policy (it has a form for the controller's engine)? Never with `none`. */
export function controllerRuns(controller: AdmissionController, policy: PolicyInfo): boolean {
  return controller !== 'none' && policy.engines.includes(controllerEngine(controller));
}

/** One declared exception: a policy does not apply to a namespace (or to one resource in it). */
export interface PolicyExceptionSpec {
  policy: string;
  /** Namespaces covered (one for a declared exception; the platform's own for a platform exception). */
  namespaces: string[];
  kind?: string;
  name?: string;
  reason: string;
  expires?: string;
  /** Declared in platform.yaml (`/policies/exceptions/<i>`), or generated for the platform's own upstream workloads. */
  origin: { type: 'declared'; pointer: string } | { type: 'platform' };
}

export interface TrustedExecutionConfig {
  allowedRegistries: string[];
  requireSignedCommits: boolean;
  verifyImages?: {
    imageReferences: string[];
    skipImageReferences?: string[];
    keys?: Record<string, any>[];
    keyless?: Record<string, any>[];
  };
}

export interface AdmissionSpec {
  controller: AdmissionController;
  enforcement: Enforcement;
  /** Enabled policy packs, sorted. */
  packs: string[];
  /** The Pod Security Standards level of the baseline pack (when enabled). */
  podSecurityLevel?: 'baseline' | 'restricted';
  trustedExecution?: TrustedExecutionConfig;
  exceptions: PolicyExceptionSpec[];
}

interface AdmissionDoc {
  admission?: AdmissionController;
  features?: Record<string, { values?: any } | undefined>;
  enforcement?: Enforcement;
  policies?: {
    packs?: Record<string, ({ enabled?: boolean } & Record<string, unknown>) | undefined>;
    exceptions?: { policy: string; namespace: string; kind?: string; name?: string; reason: string; expires?: string }[];
  };
}

type At = (pointer: string, message: string, key?: boolean) => Diagnostic;

/**
 * The admission controller's feature entry: `admission: kyverno` enables features.kyverno (with its
 * defaults when absent); the other controller, or a controller without `admission` naming it, is an
 * error (the policies are bundled for exactly one). Mutates `entries`.
 */
export function admissionEntries(doc: AdmissionDoc, entries: Record<string, { enabled?: boolean } | undefined>, at: At, known: Set<string>): Diagnostic[] {
  const controller = doc.admission ?? 'none';
  const problems: Diagnostic[] = [];
  if (controller !== 'none' && !known.has(controller)) return [at('/admission', `no feature package provides the ${controller} admission controller here; install @sccp/feature-${controller}`)];
  for (const c of ADMISSION_CONTROLLERS) {
    const entry = entries[c];
    const on = entry !== undefined && entry?.enabled !== false;
    if (c === controller) {
      if (entry === undefined) entries[c] = {};
      else if (entry?.enabled === false)
        problems.push(at(toPointer(['features', c, 'enabled']), `admission is ${c}, so ${c} cannot be disabled; remove \`enabled: false\` or choose another admission controller`));
    } else if (on) {
      problems.push(
        at(
          toPointer(['features', c]),
          controller === 'none'
            ? `${c} is enabled but admission is none, so no policy would be bundled for it; set \`admission: ${c}\` (or remove features.${c})`
            : `admission is ${controller}: the policies are bundled for one admission controller; remove features.${c} or set \`admission: ${c}\``,
          true,
        ),
      );
    }
  }
  return problems;
}

/** The policy sources of a platform: every enabled feature with policies, then every enabled pack. */
export function policySources(features: Feature[], packs: string[]): OwnedSource[] {
  const out: OwnedSource[] = [];
  for (const f of [...features].sort((a, b) => a.name.localeCompare(b.name))) {
    if (f.policies.kyverno.length || f.policies.rego.length)
      out.push({ owner: { type: 'feature', name: f.name, packageName: f.packageName }, source: f });
  }
  for (const name of packs) {
    const pack = loadPack(name).default;
    out.push({ owner: { type: 'pack', name, packageName: pack.packageName }, source: pack });
  }
  return out;
}

/** Today as YYYY-MM-DD (UTC): exceptions expire at the end of their `expires` day. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Resolve `admission`, `enforcement` and `policies` once the enabled features are known (`doc` with
 * defaults applied, `written` as platform.yaml has it): the packs,
 * their parameters, and the declared exceptions, each checked against the bundled policies
 * (unknown id with a suggestion, an engine the controller does not run, expired).
 */
export function resolveAdmission(
  doc: AdmissionDoc,
  written: unknown,
  features: Feature[],
  at: At,
  now = today(),
): { spec: AdmissionSpec; catalog: PolicyInfo[]; problems: Diagnostic[] } {
  const controller = doc.admission ?? 'none';
  const problems: Diagnostic[] = [];
  const packEntries = doc.policies?.packs ?? {};
  // Schema defaults fill every pack entry in: a pack is enabled only when platform.yaml names it.
  const named = Object.keys(((written as AdmissionDoc | undefined)?.policies?.packs ?? {}) as object);
  const packs = named
    .filter((n) => n in BUILTIN_PACK_PACKAGES && packEntries[n]?.enabled !== false)
    .sort();
  const podSecurityLevel = packs.includes('baseline') ? ((packEntries.baseline?.level as 'baseline' | 'restricted' | undefined) ?? 'restricted') : undefined;
  const te = packs.includes('trusted-execution') ? (packEntries['trusted-execution'] as Record<string, any>) : undefined;
  const trustedExecution: TrustedExecutionConfig | undefined = te
    ? { allowedRegistries: [...(te.allowedRegistries ?? [])].sort(), requireSignedCommits: te.requireSignedCommits ?? false, ...(te.verifyImages ? { verifyImages: te.verifyImages } : {}) }
    : undefined;
  if (trustedExecution?.verifyImages && !(trustedExecution.verifyImages.keys?.length || trustedExecution.verifyImages.keyless?.length))
    problems.push(at('/policies/packs/trusted-execution/verifyImages', 'verifyImages needs at least one of keys or keyless: there is nothing to verify the signatures against'));
  // what the pack's verifyImages policy requires of each key and identity, located here (the pack throws)
  const verifyAt = '/policies/packs/trusted-execution/verifyImages';
  (trustedExecution?.verifyImages?.keys ?? []).forEach((k, i) => {
    if ([k.publicKey, k.secret, k.kms].filter((x) => x !== undefined).length !== 1) problems.push(at(`${verifyAt}/keys/${i}`, 'a key is exactly one of publicKey, secret or kms'));
  });
  (trustedExecution?.verifyImages?.keyless ?? []).forEach((k, i) => {
    if (!k.issuer === !k.issuerRegExp) problems.push(at(`${verifyAt}/keyless/${i}`, 'a keyless identity names exactly one of issuer or issuerRegExp'));
    if (!k.subject === !k.subjectRegExp) problems.push(at(`${verifyAt}/keyless/${i}`, 'a keyless identity names exactly one of subject or subjectRegExp (without one, any signer would do)'));
  });
  if (trustedExecution?.verifyImages && controller === 'gatekeeper')
    problems.push(at('/policies/packs/trusted-execution/verifyImages', 'Gatekeeper cannot verify image signatures (no verifyImages equivalent; see docs/adr/0003-signature-verification-gatekeeper.md); use admission: kyverno, or remove verifyImages'));
  if (controller === 'kyverno' && (doc.policies?.exceptions ?? []).length && doc.features?.kyverno?.values?.policyExceptions?.enabled === false)
    problems.push(at('/features/kyverno/values/policyExceptions/enabled', 'policies.exceptions are declared, but Kyverno would ignore PolicyExceptions; remove `policyExceptions.enabled: false` or the exceptions'));
  const catalog = policyCatalog(policySources(features, packs));
  const ids = catalog.map((p) => p.id);
  const exceptions: PolicyExceptionSpec[] = [];
  for (const [i, e] of (doc.policies?.exceptions ?? []).entries()) {
    const pointer = toPointer(['policies', 'exceptions', String(i)]);
    const policy = catalog.find((p) => p.id === e.policy);
    if (!policy) {
      const near = closest(e.policy, ids);
      problems.push({ ...at(`${pointer}/policy`, `no bundled policy "${e.policy}" (the enabled features and packs ship: ${ids.join(', ') || 'none'})`), hint: near ? `did you mean "${near}"?` : undefined });
      continue;
    }
    if (e.name !== undefined && e.kind === undefined) problems.push(at(`${pointer}/name`, 'an exception for one resource names its kind too (kind: Deployment, name: ...)'));
    if (e.expires !== undefined && e.expires < now) problems.push(at(`${pointer}/expires`, `the exception expired on ${e.expires}; renew it with a later date or remove it`));
    if (controller !== 'none' && !controllerRuns(controller, policy))
      problems.push(at(`${pointer}/policy`, `${e.policy} has no ${controller === 'kyverno' ? 'Kyverno' : 'Rego'} form, so admission ${controller} does not run it; remove the exception`));
    exceptions.push({
      policy: e.policy,
      namespaces: [e.namespace],
      ...(e.kind ? { kind: e.kind } : {}),
      ...(e.name ? { name: e.name } : {}),
      reason: e.reason,
      ...(e.expires ? { expires: e.expires } : {}),
      origin: { type: 'declared', pointer },
    });
  }
  return {
    spec: { controller, enforcement: doc.enforcement ?? 'audit', packs, ...(podSecurityLevel ? { podSecurityLevel } : {}), ...(trustedExecution ? { trustedExecution } : {}), exceptions },
    catalog,
    problems,
  };
}

/** Namespaces every platform has besides its features' (Kubernetes' own). */
export const SYSTEM_NAMESPACES = ['kube-node-lease', 'kube-public', 'kube-system'];

/** The platform's own namespaces: Argo CD's, every enabled feature's and Kubernetes' own, sorted. */
export function platformNamespaces(featureNamespaces: string[]): string[] {
  return [...new Set([ARGOCD_NAMESPACE, ...featureNamespaces, ...SYSTEM_NAMESPACES])].sort();
}

/**
 * Exceptions for the platform's own upstream workloads: each enabled pack names the policies that
 * upstream charts cannot be expected to meet (`PLATFORM_EXEMPTIONS`, with the reason), and they
 * apply to the features' namespaces only. Listed in the README like the declared ones.
 */
export function platformExceptions(spec: AdmissionSpec, catalog: PolicyInfo[], featureNamespaces: string[]): PolicyExceptionSpec[] {
  const namespaces = platformNamespaces(featureNamespaces);
  const out: PolicyExceptionSpec[] = [];
  for (const name of spec.packs) {
    const exempt = loadPack(name).PLATFORM_EXEMPTIONS ?? {};
    for (const id of Object.keys(exempt).sort()) {
      const p = catalog.find((x) => x.id === id);
      if (!p) throw new Error(`policy pack ${name} exempts unknown policy ${id}`);
      if (spec.controller !== 'none' && !controllerRuns(spec.controller, p)) continue;
      out.push({ policy: id, namespaces, reason: exempt[id], origin: { type: 'platform' } });
    }
  }
  return out;
}
