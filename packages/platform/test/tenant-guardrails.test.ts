import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sccp } from './helpers';
import { ARGOCD, buildExample as build, docs, exampleRepoToEdit, gatorSuite as bundleGatorSuite, kyvernoApply, requestLabel as label, type Request } from './tenant-bundles';

/**
 * Tenant guardrails out of the tenant's reach, proven with the real engines on the bundle `sccp
 * build` writes for the bare-metal example (tenant `shop`, owners group shop-developers):
 * `kyverno apply --userinfo` with the Kyverno bundle and `gator verify` with AdmissionReviews on
 * the Gatekeeper bundle. An owner's UPDATE or DELETE of the quota, a NetworkPolicy or the
 * owners' RoleBinding is denied, and so is creating a NetworkPolicy; the same request by Argo CD's
 * application controller is admitted. `sccp verify` passes the generated guardrails and catches
 * the owners' RoleBinding pointed at `admin`.
 */
const t = suite('tenant guardrails: only Argo CD changes them (kyverno CLI, gator)');

const OWNER = { username: 'alice', groups: ['shop-developers', 'system:authenticated'] };
const POLICY_FILE = 'policies/tenants/tenants-guardrails.yaml';

/** The guardrails SCCP generated for the shop namespace, and a NetworkPolicy the owner would like to add. */
function objects(out: string) {
  const find = (file: string, name: string) => docs(path.join(out, 'tenants/shop', file)).find((o) => o.metadata.name === name);
  const quota = find('resource-quota.yaml', 'tenant-quota');
  const netpol = find('network-policy.yaml', 'default-deny');
  const binding = find('rbac.yaml', 'tenant-owners');
  const namespace = find('namespaces.yaml', 'shop');
  for (const [o, kind] of [[quota, 'ResourceQuota'], [netpol, 'NetworkPolicy'], [binding, 'RoleBinding'], [namespace, 'Namespace']] as const) assert.is(o?.kind, kind);
  const allowAll = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-everything', namespace: 'shop' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{}] },
  };
  return { quota, netpol, binding, namespace, allowAll };
}

interface Case extends Request {
  denied: boolean;
}

function cases(o: ReturnType<typeof objects>): Case[] {
  const out: Case[] = [];
  for (const object of [o.quota, o.netpol, o.binding]) {
    for (const op of ['UPDATE', 'DELETE'] as const) {
      out.push({ op, object, user: OWNER, denied: true });
      out.push({ op, object, user: { username: ARGOCD, groups: ['system:serviceaccounts', 'system:serviceaccounts:argocd'] }, denied: false });
    }
  }
  out.push({ op: 'CREATE', object: o.allowAll, user: OWNER, denied: true });
  out.push({ op: 'CREATE', object: o.allowAll, user: { username: ARGOCD }, denied: false });
  return out;
}

// --- Kyverno -------------------------------------------------------------------------------

t('kyverno: the bundled policy is Enforce, refuses on UPDATE even though the old object fails too, and matches CREATE, UPDATE and DELETE in tenant namespaces', () => {
  const out = build('kyverno');
  const [policy] = docs(path.join(out, POLICY_FILE));
  assert.is(policy.kind, 'ClusterPolicy');
  assert.is(policy.spec.background, false);
  const [admission, binding] = policy.spec.rules;
  assert.is(admission.validate.failureAction, 'Enforce');
  assert.is(admission.validate.allowExistingViolations, false);
  assert.equal(admission.match.any[0].resources.operations, ['CREATE', 'UPDATE', 'DELETE']);
  assert.equal(admission.match.any[0].resources.namespaceSelector, { matchExpressions: [{ key: 'sccp.dev/tenant', operator: 'Exists' }] });
  assert.equal(admission.preconditions.all[1].value, [ARGOCD, 'system:serviceaccount:kube-system:namespace-controller']);
  assert.is(binding.validate.failureAction, 'Enforce');
});

t('kyverno apply --userinfo: the owner is refused quota, NetworkPolicy and RoleBinding changes; Argo CD\'s controller is not', () => {
  const out = build('kyverno');
  const o = objects(out);
  const policy = path.join(out, POLICY_FILE);
  for (const c of cases(o)) {
    const results = kyvernoApply(policy, c, o.namespace.metadata.labels);
    const rule = results.filter((x) => x.rule === 'tenant-guardrails-change-through-argocd');
    if (c.denied) {
      assert.equal(rule.map((x) => x.result), ['fail'], `${label(c)}: ${JSON.stringify(results)}`);
      assert.match(rule[0].message!, new RegExp(`^tenants-guardrails: ${c.op} refused for alice: `), label(c));
    } else assert.not.ok(results.some((x) => x.result === 'fail' || x.result === 'error'), `${label(c)}: ${JSON.stringify(results)}`);
  }
});

t('kyverno apply --userinfo: outside a tenant namespace the owner rule does not apply', () => {
  const out = build('kyverno');
  const o = objects(out);
  const results = kyvernoApply(path.join(out, POLICY_FILE), { op: 'DELETE', object: o.quota, user: OWNER }, { 'kubernetes.io/metadata.name': 'shop' });
  assert.not.ok(results.some((x) => x.result === 'fail'), JSON.stringify(results));
});

// --- Gatekeeper ----------------------------------------------------------------------------

/** A gator suite of the generated ConstraintTemplate and Constraint over AdmissionReviews, with the tenant Namespace as inventory. */
function gatorSuite(out: string, list: Case[], namespace: any) {
  const cases = list.map((c) => ({ ...c, denied: c.denied ? `^tenants-guardrails: ${c.op} of ${c.object.kind} shop/${c.object.metadata.name} refused for alice: ` : (false as const), violations: 1 }));
  return bundleGatorSuite(path.join(out, POLICY_FILE), cases, [namespace]);
}

t('gatekeeper bundle: the Constraint is deny, matches the guardrail kinds in namespaces labelled sccp.dev/tenant, and reads the request', () => {
  const out = build('gatekeeper');
  const [template, constraint] = docs(path.join(out, POLICY_FILE));
  assert.is(template.kind, 'ConstraintTemplate');
  assert.is(constraint.spec.enforcementAction, 'deny');
  assert.equal(constraint.spec.match.namespaceSelector, { matchExpressions: [{ key: 'sccp.dev/tenant', operator: 'Exists' }] });
  assert.equal(constraint.spec.match.kinds.flatMap((k: any) => k.kinds).sort(), ['LimitRange', 'NetworkPolicy', 'ResourceQuota', 'Role', 'RoleBinding']);
  assert.match(template.spec.targets[0].code[0].source.rego, /with data\.lib\.sccp_request as input\.review/);
  const values = docs(path.join(out, 'charts/gatekeeper/values.yaml'))[0];
  assert.is(values.gatekeeper.enableDeleteOperations, true, 'Gatekeeper receives DELETE requests');
});

t('gator verify with AdmissionReviews: the owner is refused quota, NetworkPolicy and RoleBinding changes; Argo CD\'s controller is not', () => {
  const out = build('gatekeeper');
  const o = objects(out);
  const r = gatorSuite(out, cases(o), o.namespace);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is((r.stdout.match(/^\s*--- PASS: /gm) ?? []).length, cases(o).length + 1, r.stdout);
});

t('gator verify fails when a denied request is expected to pass (the suite can fail)', () => {
  const out = build('gatekeeper');
  const o = objects(out);
  const r = gatorSuite(out, [{ op: 'DELETE', object: o.quota, user: OWNER, denied: false }], o.namespace);
  assert.is.not(r.status, 0, r.stdout);
  assert.match(r.stdout + r.stderr, /DELETE ResourceQuota\/tenant-quota by alice/);
});

// --- sccp verify ---------------------------------------------------------------------------

t('sccp verify: the generated guardrails pass; the owners\' RoleBinding pointed at admin is a violation', () => {
  const out = exampleRepoToEdit('kyverno');
  const ok = sccp(['verify', out]);
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  assert.not.match(ok.stdout + ok.stderr, /tenants-guardrails/);
  const rbac = path.join(out, 'tenants/shop/rbac.yaml');
  fs.writeFileSync(rbac, fs.readFileSync(rbac, 'utf8').replace('name: sccp-tenant-owner', 'name: admin'));
  const bad = sccp(['verify', out]);
  assert.is(bad.code, 1);
  assert.match(bad.stdout + bad.stderr, /tenants-guardrails: RoleBinding shop\/tenant-owners of tenant "shop" must bind the ClusterRole sccp-tenant-owner, not ClusterRole "admin"/);
});

t.run();
