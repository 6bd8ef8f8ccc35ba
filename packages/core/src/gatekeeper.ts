import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { regoPackage } from './opa';
import type { PolicySource } from './policy-pack';

/**
 * Rego → OPA Gatekeeper.
 *
 * SCCP's Rego convention (docs/feature-authoring.md "Policies"): `package sccp.<id with - as _>`,
 * `deny contains msg if {...}` over `input` = ONE Kubernetes resource, parameters in
 * `data.parameters`. Gatekeeper's: a ConstraintTemplate whose target rego defines
 * `violation[{"msg": msg}]` over `input.review.object`, parameters in `input.parameters`, and which
 * may only reference `data.lib.*` (its `libs`) and `data.inventory`.
 *
 * The adaptation keeps the policy module byte-for-byte except two renames and runs it as a lib:
 *   libs[0]  the policy, `package sccp.<x>` → `package lib.sccp.<x>`, `data.parameters` → `data.lib.sccp_parameters`
 *   rego     violation contains {"msg": msg} if {
 *              denies := data.lib.sccp.<x>.deny with input as input.review.object
 *                                              with data.lib.sccp_parameters as input.parameters
 *              some msg in denies }
 * (the way gatekeeper-library ships shared code under `libs`, here the whole policy). Both are
 * Rego v1 (`code[].source.version: "v1"`, Gatekeeper ≥ 3.19).
 *
 * A policy with admission-only rules reads the admission request (operation, userInfo, oldObject,
 * subResource) as `data.request`, absent when a resource is evaluated on its own (`sccp verify`,
 * fixtures). In the template `data.request` → `data.lib.sccp_request`, set from `input.review`
 * (on DELETE Gatekeeper puts the old object in `input.review.object`, so `input` is the object under
 * review in every operation). Its `# METADATA` `custom.namespaceSelector` becomes the Constraint's
 * `match.namespaceSelector`, like `custom.kinds` its `match.kinds`.
 */

export const GATEKEEPER_TARGET = 'admission.k8s.gatekeeper.sh';
/** Package prefix of the policy module inside the template (Gatekeeper only allows libs under `lib.`). */
const LIB_PREFIX = 'lib.';
/** Where `data.parameters` of a policy points inside the template (set from `input.parameters` with `with`). */
const LIB_PARAMETERS = 'data.lib.sccp_parameters';
/** Where `data.request` of a policy points inside the template (set from `input.review` with `with`). */
const LIB_REQUEST = 'data.lib.sccp_request';
const REQUEST_REF = /(?<![\w.$])data\.request\b/g;

/** Whether a policy module reads the admission request (`data.request`) outside comments. */
export function regoReadsRequest(regoSource: string): boolean {
  const code = regoSource
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
  return new RegExp(REQUEST_REF.source).test(code);
}

export type GatekeeperEnforcementAction = 'deny' | 'dryrun' | 'warn';

/** One entry of a Constraint's `spec.match.kinds`. */
export interface GatekeeperKinds {
  apiGroups: string[];
  kinds: string[];
}

/** A Constraint's `spec.match` (subset SCCP uses; see Gatekeeper's match schema). */
export interface GatekeeperMatch {
  kinds?: GatekeeperKinds[];
  scope?: 'Namespaced' | 'Cluster' | '*';
  namespaces?: string[];
  excludedNamespaces?: string[];
  labelSelector?: Record<string, unknown>;
  namespaceSelector?: Record<string, unknown>;
}

export interface ConstraintTemplateOptions {
  /** `spec.enforcementAction` of the Constraint. Default `dryrun` (audit only), as the Kyverno policies ship `Audit`. */
  enforcementAction?: GatekeeperEnforcementAction;
  /**
   * Merged over the derived match: `kinds` replaces the kinds from the policy's METADATA
   * (`custom.kinds`), other keys (excludedNamespaces, namespaces, ...) are added.
   */
  match?: GatekeeperMatch;
  /** The Constraint's `spec.parameters`: what the policy reads as `data.parameters`. */
  parameters?: Record<string, unknown>;
  /** openAPIV3Schema of the parameters (structural). Default: inferred from `parameters`. */
  parametersSchema?: Record<string, unknown>;
  /** Extra labels on both objects. */
  labels?: Record<string, string>;
  /** Resources the Constraint does not apply to (added to its parameters as `sccpExemptions`). */
  exemptions?: GatekeeperExemption[];
}

export interface GatekeeperPolicy {
  id: string;
  template: Record<string, any>;
  constraint: Record<string, any>;
}

/** `metallb-no-loadbalancerip` → `SccpMetallbNoLoadbalancerip` (the Constraint kind; the template name is its lower case). */
export function gatekeeperKind(policyId: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(policyId)) throw new Error(`policy id "${policyId}" is not a DNS-1123 label`);
  return 'Sccp' + policyId.split('-').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/**
 * The OPA `# METADATA` block directly above the package statement (package scope), parsed as
 * YAML: `{ title, description, custom: { kinds: [{apiGroups, kinds}] } }`. Undefined when absent.
 */
export function regoMetadata(regoSource: string): Record<string, any> | undefined {
  const lines = regoSource.split('\n');
  const pkg = lines.findIndex((l) => /^package\s/.test(l));
  if (pkg < 0) return undefined;
  let start = pkg - 1;
  while (start >= 0 && /^#/.test(lines[start]) && !/^#\s*METADATA\s*$/.test(lines[start])) start--;
  if (start < 0 || !/^#\s*METADATA\s*$/.test(lines[start])) return undefined;
  const body = lines.slice(start + 1, pkg).map((l) => l.replace(/^# ?/, '')).join('\n');
  const doc = parseYaml(body);
  return doc && typeof doc === 'object' ? doc : undefined;
}

/** A structural openAPIV3Schema describing `value` (used when no parameters schema is given). */
export function inferSchema(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return { type: 'array', items: value.length ? inferSchema(value[0]) : { type: 'string' } };
  if (value === null || value === undefined) return { type: 'string' };
  switch (typeof value) {
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return Number.isInteger(value) ? { type: 'integer' } : { type: 'number' };
    case 'string':
      return { type: 'string' };
    case 'object': {
      const properties: Record<string, unknown> = {};
      for (const k of Object.keys(value as object).sort()) properties[k] = inferSchema((value as any)[k]);
      return { type: 'object', properties };
    }
    default:
      throw new Error(`cannot describe a ${typeof value} parameter in an openAPIV3Schema`);
  }
}

const DATA_REF = /(?<![\w.$])data\.([A-Za-z_][\w]*)/g;

/** The policy module rewritten as a Gatekeeper lib (see the file comment); throws on what Gatekeeper would reject. */
export function regoAsGatekeeperLib(policyId: string, regoSource: string): string {
  const pkg = regoPackage(policyId);
  const m = /^package\s+(\S+)\s*$/m.exec(regoSource);
  if (!m || m[1] !== pkg) throw new Error(`${policyId}: the Rego module must declare \`package ${pkg}\` (found ${m ? m[1] : 'none'})`);
  const code = regoSource
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n');
  for (const ref of code.matchAll(DATA_REF)) {
    if (ref[1] !== 'parameters' && ref[1] !== 'inventory' && ref[1] !== 'request')
      throw new Error(`${policyId}: Gatekeeper only lets a template read data.parameters (→ input.parameters), data.request (→ input.review) and data.inventory, not data.${ref[1]}`);
  }
  // Gatekeeper sets the lib's parameters with `with data.lib.sccp_parameters as ...`; a field of it
  // (data.parameters.level) sees that value, the document as a whole (object.get(data.parameters,
  // ...)) does not: gator v3.23.1 evaluated such a policy as if it had no parameters.
  const whole = /(?<![\w.$])data\.parameters(?![\w.[])/.exec(code);
  if (whole) throw new Error(`${policyId}: Gatekeeper does not pass data.parameters as a whole to a template lib; read its fields (data.parameters.<name>)`);
  for (const imp of code.matchAll(/^\s*import\s+(\S+)/gm)) {
    if (!/^(rego\.v1|future\.keywords(\.\w+)?)$/.test(imp[1])) throw new Error(`${policyId}: Gatekeeper rejects \`import ${imp[1]}\` (only data.lib.*)`);
  }
  return regoSource
    .replace(/^package\s+\S+\s*$/m, `package ${LIB_PREFIX}${pkg}`)
    .replace(/(?<![\w.$])data\.parameters\b/g, LIB_PARAMETERS)
    .replace(REQUEST_REF, LIB_REQUEST);
}

/** Constraint parameter holding the resource-level exemptions (never passed to the policy). */
export const EXEMPTIONS_PARAMETER = 'sccpExemptions';

/**
 * A resource the Constraint does not apply to: `kind` in `namespace` (every one of that kind when
 * `name` is ""), and the objects its controller creates, each `owned` rule naming their kind, the
 * kind of their controller owner reference (`metadata.ownerReferences[]` with `controller: true`)
 * and a regular expression the owner's name matches; their own name starts with `<owner name>-`.
 */
export interface GatekeeperExemption {
  namespace: string;
  kind: string;
  name: string;
  owned: GatekeeperOwnedRule[];
}

export interface GatekeeperOwnedRule {
  kind: string;
  ownerKind: string;
  /** Anchored RE2 pattern of the owner's name. */
  ownerName: string;
}

const STRING = { type: 'string' };
/** openAPIV3Schema of the exemptions parameter (written out: an exemption without owned rules would make an inferred one wrong). */
const EXEMPTIONS_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      kind: STRING,
      name: STRING,
      namespace: STRING,
      owned: { type: 'array', items: { type: 'object', properties: { kind: STRING, ownerKind: STRING, ownerName: STRING } } },
    },
  },
};

/**
 * The template's entry module: Gatekeeper's `violation` over the lib's `deny`, minus the exempted
 * resources. `readsRequest`: the policy reads `data.request`, which is then `input.review`.
 */
export function gatekeeperEntryRego(policyId: string, opts: { readsRequest?: boolean } = {}): string {
  const lib = `data.${LIB_PREFIX}${regoPackage(policyId)}`;
  return [
    `package ${regoPackage(policyId)}.gatekeeper`,
    '',
    '# Generated by @sccp/core constraintTemplateFor: the SCCP policy (libs[0]) evaluated on the',
    '# object under review, with the Constraint parameters as its data.parameters, except on the',
    `# resources listed in parameters.${EXEMPTIONS_PARAMETER} (declared exceptions).`,
    'violation contains {"msg": msg} if {',
    '\tresource := input.review.object',
    '\tnot exempt(resource)',
    `\tparameters := object.remove(object.get(input, "parameters", {}), ["${EXEMPTIONS_PARAMETER}"])`,
    `\tdenies := ${lib}.deny with input as resource with ${LIB_PARAMETERS} as parameters${opts.readsRequest ? ` with ${LIB_REQUEST} as input.review` : ''}`,
    '\tsome msg in denies',
    '}',
    '',
    'exempt(resource) if {',
    `\tsome e in object.get(input, ["parameters", "${EXEMPTIONS_PARAMETER}"], [])`,
    '\te.namespace == object.get(resource, ["metadata", "namespace"], "")',
    '\tcovers(e, resource)',
    '}',
    '',
    'covers(e, resource) if {',
    '\te.kind == resource.kind',
    '\te.name in {"", object.get(resource, ["metadata", "name"], "")}',
    '}',
    '',
    '# an object the exempted resource\'s controller created: tied to it by its controller owner reference',
    'covers(e, resource) if {',
    '\te.name != ""',
    '\tsome rule in e.owned',
    '\trule.kind == resource.kind',
    '\towners := [ref | some ref in object.get(resource, ["metadata", "ownerReferences"], []); object.get(ref, "controller", false) == true]',
    '\tcount(owners) == 1',
    '\towners[0].kind == rule.ownerKind',
    '\tregex.match(rule.ownerName, owners[0].name)',
    '\tstartswith(object.get(resource, ["metadata", "name"], ""), concat("", [owners[0].name, "-"]))',
    '}',
    '',
  ].join('\n');
}

/** Every kind of every group: used when a policy declares no `custom.kinds` (its Rego filters by kind itself). */
export const ALL_KINDS: GatekeeperKinds[] = [{ apiGroups: ['*'], kinds: ['*'] }];

function kindsFromMetadata(policyId: string, meta: Record<string, any> | undefined): GatekeeperKinds[] | undefined {
  const kinds = meta?.custom?.kinds;
  if (kinds === undefined) return undefined;
  const ok =
    Array.isArray(kinds) &&
    kinds.length > 0 &&
    kinds.every((k) => k && Array.isArray(k.apiGroups) && Array.isArray(k.kinds) && [...k.apiGroups, ...k.kinds].every((s) => typeof s === 'string'));
  if (!ok) throw new Error(`${policyId}: METADATA custom.kinds must be a non-empty list of {apiGroups: [..], kinds: [..]}`);
  return kinds.map((k: GatekeeperKinds) => ({ apiGroups: [...k.apiGroups], kinds: [...k.kinds] }));
}

function namespaceSelectorFromMetadata(policyId: string, meta: Record<string, any> | undefined): Record<string, unknown> | undefined {
  const sel = meta?.custom?.namespaceSelector;
  if (sel === undefined) return undefined;
  if (!sel || typeof sel !== 'object' || Array.isArray(sel) || !Object.keys(sel).every((k) => k === 'matchLabels' || k === 'matchExpressions'))
    throw new Error(`${policyId}: METADATA custom.namespaceSelector must be a label selector ({matchLabels, matchExpressions})`);
  return structuredClone(sel);
}

/**
 * A Gatekeeper ConstraintTemplate (templates.gatekeeper.sh/v1) and its Constraint
 * (constraints.gatekeeper.sh/v1beta1, named after the policy id) for one SCCP Rego policy.
 * Match kinds: `opts.match.kinds`, else the policy's `# METADATA` `custom.kinds`, else every kind;
 * `custom.namespaceSelector` (unless `opts.match` sets one) limits it to the namespaces it selects.
 */
export function constraintTemplateFor(policyId: string, regoSource: string, opts: ConstraintTemplateOptions = {}): GatekeeperPolicy {
  const kind = gatekeeperKind(policyId);
  const meta = regoMetadata(regoSource);
  const lib = regoAsGatekeeperLib(policyId, regoSource);
  const labels = { 'app.kubernetes.io/part-of': 'sccp', 'sccp.dev/policy': policyId, ...(opts.labels ?? {}) };
  const exemptions = opts.exemptions?.length ? opts.exemptions.map((e) => ({ kind: e.kind, name: e.name, namespace: e.namespace, owned: e.owned.map((o) => ({ kind: o.kind, ownerKind: o.ownerKind, ownerName: o.ownerName })) })) : undefined;
  if (opts.parameters && EXEMPTIONS_PARAMETER in opts.parameters) throw new Error(`${policyId}: parameter ${EXEMPTIONS_PARAMETER} is reserved for exemptions`);
  const own = opts.parameters && Object.keys(opts.parameters).length ? opts.parameters : undefined;
  const parameters = own || exemptions ? { ...(own ?? {}), ...(exemptions ? { [EXEMPTIONS_PARAMETER]: exemptions } : {}) } : undefined;
  const base = opts.parametersSchema ?? (own ? inferSchema(own) : { type: 'object' });
  if (base.type !== 'object') throw new Error(`${policyId}: the parameters schema must be of type object`);
  const schema = exemptions
    ? { ...base, properties: { ...((base.properties as Record<string, unknown>) ?? {}), [EXEMPTIONS_PARAMETER]: EXEMPTIONS_SCHEMA } }
    : base;
  const annotations: Record<string, string> = {};
  if (typeof meta?.title === 'string') annotations['metadata.gatekeeper.sh/title'] = meta.title;
  if (typeof meta?.description === 'string') annotations.description = meta.description.trim();
  const template = {
    apiVersion: 'templates.gatekeeper.sh/v1',
    kind: 'ConstraintTemplate',
    metadata: { name: kind.toLowerCase(), labels, ...(Object.keys(annotations).length ? { annotations } : {}) },
    spec: {
      crd: { spec: { names: { kind }, validation: { openAPIV3Schema: schema } } },
      targets: [
        {
          target: GATEKEEPER_TARGET,
          code: [{ engine: 'Rego', source: { version: 'v1', rego: gatekeeperEntryRego(policyId, { readsRequest: regoReadsRequest(regoSource) }), libs: [lib] } }],
        },
      ],
    },
  };
  const { kinds: kindsOverride, ...extraMatch } = opts.match ?? {};
  const namespaceSelector = namespaceSelectorFromMetadata(policyId, meta);
  const match: GatekeeperMatch = { kinds: kindsOverride ?? kindsFromMetadata(policyId, meta) ?? ALL_KINDS, ...(namespaceSelector ? { namespaceSelector } : {}), ...extraMatch };
  const constraint = {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1',
    kind,
    metadata: { name: policyId, labels },
    spec: {
      enforcementAction: opts.enforcementAction ?? 'dryrun',
      match,
      ...(parameters ? { parameters } : {}),
    },
  };
  return { id: policyId, template, constraint };
}

/**
 * Gatekeeper templates and constraints for every Rego policy of a feature or policy pack, sorted by
 * id. `perPolicy` refines the options of one policy (e.g. its match.excludedNamespaces).
 */
export function gatekeeperPolicies(
  source: PolicySource,
  opts: ConstraintTemplateOptions & { perPolicy?: Record<string, ConstraintTemplateOptions> } = {},
): GatekeeperPolicy[] {
  const { perPolicy, ...common } = opts;
  return source.policies.rego
    .map((file) => {
      const id = path.basename(file, '.rego');
      const own = perPolicy?.[id] ?? {};
      return constraintTemplateFor(id, fs.readFileSync(path.join(source.packageDir, file), 'utf8'), {
        ...common,
        ...own,
        match: { ...(common.match ?? {}), ...(own.match ?? {}) },
        labels: { ...(common.labels ?? {}), ...(own.labels ?? {}) },
      });
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}
