import type { PolicyExceptionSpec } from './admission';

/**
 * One kind of object a controller creates for an excepted resource: an object of `kind` whose
 * controller (`metadata.ownerReferences[]` with `controller: true`) is of `ownerKind`, named
 * `<name>` (the excepted resource itself) or, with `ownerSuffix`, `<name>-<suffix>` (an object that
 * resource's controller created: a CronJob's Job `<name>-<minutes>`, a Deployment's ReplicaSet
 * `<name>-<pod-template-hash>`). The object's own name starts with `<its owner's name>-`.
 */
export interface OwnedRule {
  kind: string;
  ownerKind: string;
  /** Regular expression (no anchors) the part of the owner's name after `<name>-` matches; absent: the owner is `<name>` itself. */
  ownerSuffix?: string;
}

/**
 * What a resource-level exception (kind + name) covers besides the resource itself: the objects its
 * controller creates, tied to it through their controller owner reference, never by name alone (a
 * hand-made Pod `ledger-export-x` is not covered by an exception for CronJob `ledger-export`).
 * Kyverno (PolicyException conditions), Gatekeeper (the template's entry Rego) and `sccp verify`
 * apply the same rules.
 *
 * What an owner reference proves: it is written by whoever creates the object, and the API server
 * does not check it against the owner. Someone allowed to create Pods in the namespace could forge
 * one naming a real Job of the excepted CronJob; with a made-up uid the garbage collector deletes
 * the Pod soon after, so a lasting forgery needs the uid of a live Job. A Job's and ReplicaSet's
 * own owner are not visible on the Pod: a Pod owned by Job `<name>-<digits>` is covered without
 * checking that the Job belongs to the CronJob (Jobs named that way are covered only when they do).
 */
export const OWNER_CHAINS: Record<string, OwnedRule[]> = {
  Deployment: [
    { kind: 'ReplicaSet', ownerKind: 'Deployment' },
    { kind: 'Pod', ownerKind: 'ReplicaSet', ownerSuffix: '[a-z0-9]+' },
  ],
  CronJob: [
    { kind: 'Job', ownerKind: 'CronJob' },
    { kind: 'Pod', ownerKind: 'Job', ownerSuffix: '[0-9]+' },
  ],
  StatefulSet: [{ kind: 'Pod', ownerKind: 'StatefulSet' }],
  DaemonSet: [{ kind: 'Pod', ownerKind: 'DaemonSet' }],
  ReplicaSet: [{ kind: 'Pod', ownerKind: 'ReplicaSet' }],
  Job: [{ kind: 'Pod', ownerKind: 'Job' }],
};

/** The derived objects an exception covers (none without a name: "every Deployment" covers no Pod). */
export function ownedRules(e: PolicyExceptionSpec): OwnedRule[] {
  return e.kind && e.name !== undefined ? (OWNER_CHAINS[e.kind] ?? []) : [];
}

/**
 * The anchored pattern (RE2 and JavaScript alike) the owner's name of a derived object matches:
 * `^<name>$` or `^<name>-<suffix>$`; the dots of a name as `[.]` (no backslash to escape through
 * YAML, JMESPath and Rego strings).
 */
export function ownerNamePattern(rule: OwnedRule, name: string): string {
  const literal = name.replace(/[^a-z0-9-]/gi, (c) => `[${c}]`);
  return `^${literal}${rule.ownerSuffix ? `-${rule.ownerSuffix}` : ''}$`;
}

/** The controller owner reference of an object (Kubernetes allows at most one), if any. */
export function controllerOwner(resource: any): { kind?: unknown; name?: unknown } | undefined {
  const refs = resource?.metadata?.ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  const controllers = refs.filter((r) => r && typeof r === 'object' && r.controller === true);
  return controllers.length === 1 ? controllers[0] : undefined;
}

/** Does the exception cover this policy on this resource? */
export function exceptionCovers(e: PolicyExceptionSpec, policy: string, resource: any): boolean {
  if (e.policy !== policy) return false;
  const ns = resource?.metadata?.namespace ?? '';
  if (!e.namespaces.includes(ns)) return false;
  if (!e.kind) return true;
  const kind = resource?.kind;
  const name = String(resource?.metadata?.name ?? '');
  if (kind === e.kind) return e.name === undefined || name === e.name;
  const owner = controllerOwner(resource);
  if (!owner || typeof owner.name !== 'string') return false;
  const ownerName = owner.name;
  return ownedRules(e).some((r) => r.kind === kind && owner.kind === r.ownerKind && new RegExp(ownerNamePattern(r, e.name!)).test(ownerName) && name.startsWith(`${ownerName}-`));
}

/** The controller owner reference's field, as a JMESPath expression over the admission request ('' when absent). */
const ownerField = (field: string) => `request.object.metadata.ownerReferences[?controller == \`true\`].${field} | [0] || ''`;

/**
 * The Kyverno form of an exception: one resource filter for the excepted resource, and one filter
 * with conditions for each kind of object its controller creates (a PolicyException's conditions
 * apply to all its filters, so each derived kind is an exception object of its own).
 */
export function exceptionMatches(e: PolicyExceptionSpec): { kinds?: string[]; names?: string[]; conditions?: Record<string, unknown> }[] {
  if (!e.kind) return [{}];
  if (e.name === undefined) return [{ kinds: [e.kind] }];
  return [
    { kinds: [e.kind], names: [e.name] },
    ...ownedRules(e).map((r) => ({
      kinds: [r.kind],
      names: [`${e.name}-*`],
      conditions: {
        all: [
          { key: `{{ ${ownerField('kind')} }}`, operator: 'Equals', value: r.ownerKind },
          { key: `{{ regex_match('${ownerNamePattern(r, e.name!)}', ${ownerField('name')}) }}`, operator: 'Equals', value: true },
          { key: `{{ starts_with(request.object.metadata.name, join('', [${ownerField('name')}, '-'])) }}`, operator: 'Equals', value: true },
        ],
      },
    })),
  ];
}

/** The object name of an exception: `<policy>.<namespace>[.<kind>.<name>]`, or `<policy>.platform`. */
export function exceptionName(e: PolicyExceptionSpec): string {
  if (e.origin.type === 'platform') return `${e.policy}.platform`;
  return [e.policy, e.namespaces[0], ...(e.kind ? [e.kind.toLowerCase()] : []), ...(e.name ? [e.name] : [])].join('.');
}
