import * as fs from 'node:fs';
import {
  CONTRACT_VERSION,
  UserError,
  bundle,
  compileValidator,
  deepMerge,
  parseYamlSource,
  resourceProblems,
  schemaDefaults,
  sortDiagnostics,
  toPointer,
  type Diagnostic,
  type Feature,
  type PlatformInfo,
  type SourceDoc,
  type Validator,
} from '@sccp/core';
import { admissionEntries, resolveAdmission, type AdmissionSpec } from './admission';
import type { PolicyInfo } from './catalog';
import { composeSchema, platformLevelSchema } from './compose';
import { guardrailDiagnostics, runGuardrails } from './guardrails';
import type { PlatformDocument } from './platform.generated';
import { reservedFeatureName } from './reserved-names';

const validators = new WeakMap<Feature, Validator>();
function featureValidator(f: Feature): Validator {
  let v = validators.get(f);
  if (!v) validators.set(f, (v = compileValidator(f.bundledSchema)));
  return v;
}

export interface EnabledFeature {
  feature: Feature;
  /** Merged values: schema defaults ← profile ← platform.yaml. */
  values: any;
}

export interface PlatformSpec {
  file: string;
  /** The registry the file was resolved with (built-in features plus any it loads from npm packages). */
  registry?: Registry;
  /** The parsed file, to locate problems found after validation (render-time errors). */
  source?: SourceDoc;
  info: PlatformInfo;
  description?: string;
  sync: { automated: boolean; prune: boolean; selfHeal: boolean; retryLimit: number };
  /** Enabled features, sorted by name. */
  features: EnabledFeature[];
  /** Entries present but `enabled: false`. */
  disabled: string[];
  /** Admission controller, enforcement, policy packs and declared exceptions. */
  admission: AdmissionSpec;
  /** Every policy the enabled features and packs ship. */
  policies: PolicyInfo[];
}

/** A set of known features and the validator of platform.yaml composed from them. */
export class Registry {
  readonly features: Map<string, Feature>;
  private validator?: Validator;
  constructor(features: Feature[]) {
    this.features = new Map();
    for (const f of features) {
      if (f.contract !== CONTRACT_VERSION) {
        throw new UserError(`feature ${f.name} (${f.packageName} ${f.version}) implements feature contract ${f.contract}; this sccp supports contract ${CONTRACT_VERSION}: upgrade one of them`);
      }
      const reserved = reservedFeatureName(f.name, f.packageName);
      if (reserved) throw new UserError(`feature ${f.name} (${f.packageName}): ${reserved}`);
      if (this.features.has(f.name)) throw new UserError(`two packages provide feature "${f.name}": ${this.features.get(f.name)!.packageName} and ${f.packageName}`);
      this.features.set(f.name, f);
    }
  }
  list(): Feature[] {
    return [...this.features.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
  validate(data: unknown, src?: SourceDoc): Diagnostic[] {
    this.validator ??= compileValidator(composeSchema(this.list()));
    return this.validator(data, src);
  }
}

/** The file's bytes as UTF-8 text; anything else (UTF-16, Latin-1, binary) is refused, not read as U+FFFD. */
function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // where: the first replacement character of a lenient decoding
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).split('\uFFFD')[0].split('\n');
    throw new UserError([{ file, line: before.length, col: before[before.length - 1].length + 1, message: 'is not UTF-8 text (an invalid byte sequence here); save it as UTF-8' }]);
  }
}

export function readSource(file: string): SourceDoc {
  let text: string;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw new UserError([{ file, message: 'is a directory; expected a platform.yaml file' }]);
    text = decodeUtf8(fs.readFileSync(file), file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError([{ file, message: code === 'ENOENT' ? 'no such file (create one with `sccp init`)' : `cannot read: ${(e as Error).message}` }]);
  }
  return parseYamlSource(text, file);
}

/** Read, validate and resolve platform.yaml. Throws UserError with every located problem. */
export function loadPlatform(file: string, registry: Registry): PlatformSpec {
  const src = readSource(file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { withExternalFeatures } = require('./external') as typeof import('./external');
  return resolvePlatform(src, withExternalFeatures(registry, src));
}

export function resolvePlatform(src: SourceDoc, registry: Registry): PlatformSpec {
  const diags = registry.validate(src.data, src);
  if (diags.length) throw new UserError(diags);
  const doc = deepMerge<PlatformDocument>(schemaDefaults(bundle(platformLevelSchema())), src.data);
  const info: PlatformInfo = {
    name: doc.name,
    domain: doc.domain,
    profile: doc.profile!,
    production: doc.production!,
    ipFamilies: [...doc.network!.ipFamilies!],
    nodeCidrs: [...(doc.network?.nodeCidrs ?? [])],
    repo: { url: doc.repository.url, revision: doc.repository.revision!, path: doc.repository.path! },
  };
  const entries = { ...doc.features } as Record<string, { enabled?: boolean; values?: unknown; package?: string }>;
  const problems: Diagnostic[] = [];
  const at = (pointer: string, message: string, key = false): Diagnostic => ({ file: src.file, ...src.locate(pointer, key), pointer, message });
  problems.push(...admissionEntries(doc, entries, at, new Set(registry.features.keys())));
  const enabled: EnabledFeature[] = [];
  const disabled: string[] = [];
  for (const name of Object.keys(entries).sort()) {
    const entry = entries[name] ?? {};
    if (entry.enabled === false) {
      disabled.push(name);
      continue;
    }
    const feature = registry.features.get(name)!;
    const supported = feature.supportedProfiles;
    if (supported && !supported.profiles.includes(info.profile)) {
      problems.push(at(toPointer(['features', name]), `${name} runs on the ${supported.profiles.join(' and ')} profiles, not ${info.profile}: ${supported.reason}`, true));
      continue;
    }
    const values = deepMerge(feature.defaults, feature.profiles?.[info.profile] ?? {}, entry.values ?? {});
    const base = toPointer(['features', name, 'values']);
    const own = featureValidator(feature)(values);
    for (const d of own) problems.push({ ...at(base + d.pointer, d.message), hint: d.hint });
    if (!own.length) for (const p of [...resourceProblems(feature.schema, values), ...(feature.validate?.(values, info) ?? [])]) problems.push(at(base + p.pointer, p.message));
    enabled.push({ feature, values });
  }
  const names = new Set(enabled.map((e) => e.feature.name));
  for (const { feature } of enabled) {
    for (const dep of feature.dependsOn ?? []) {
      if (names.has(dep)) continue;
      const why = disabled.includes(dep) ? `features.${dep} has enabled: false` : `features.${dep} is missing`;
      problems.push(at(toPointer(['features', feature.name]), `feature "${feature.name}" requires feature "${dep}", which is not enabled (${why}); enable ${dep} or disable ${feature.name}`, true));
    }
  }
  if (problems.length) throw new UserError(sortDiagnostics(problems));
  const admission = resolveAdmission(doc, src.data, enabled.map((e) => e.feature), at);
  problems.push(...admission.problems, ...signedCommitProblems(admission.spec, enabled, at));
  if (problems.length) throw new UserError(sortDiagnostics(problems));
  const resolved = { ...doc, features: Object.fromEntries(enabled.map((e) => [e.feature.name, { enabled: true, values: e.values }])) };
  const failed = guardrailDiagnostics(src.file, runGuardrails({ platform: resolved as Record<string, unknown>, source: src.data }));
  if (failed.length) throw new UserError(failed);
  return {
    file: src.file,
    source: src,
    registry,
    info,
    description: doc.description,
    sync: doc.sync as PlatformSpec['sync'],
    features: enabled,
    disabled,
    admission: admission.spec,
    policies: admission.catalog,
  };
}

/** GnuPG key ids Argo CD verifies commits with (features.argocd.values.gpg.keys), sorted. */
export function commitSigningKeys(enabled: EnabledFeature[]): string[] {
  const argocd = enabled.find((e) => e.feature.name === 'argocd');
  return Object.keys(argocd?.values?.gpg?.keys ?? {}).sort();
}

function signedCommitProblems(admission: AdmissionSpec, enabled: EnabledFeature[], at: (p: string, m: string) => Diagnostic): Diagnostic[] {
  if (!admission.trustedExecution?.requireSignedCommits || commitSigningKeys(enabled).length) return [];
  return [
    at(
      '/policies/packs/trusted-execution/requireSignedCommits',
      'requireSignedCommits needs the GnuPG public keys Argo CD verifies commits with: add at least one under features.argocd.values.gpg.keys (key id → armoured public key)',
    ),
  ];
}
