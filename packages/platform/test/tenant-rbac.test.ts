import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emitYaml } from '@sccp/core';
import { ARGOCD, buildExample, docs, exampleRepoToEdit, gatorSuite, kyvernoApply, kyvernoBundle, requestLabel, type GatorCase, type Request } from './tenant-bundles';
import { sccp } from './helpers';

/**
 * A tenant cannot grant itself more through RBAC it deploys with Argo CD. Argo CD's application
 * controller applies the tenant's environment repository with cluster-admin power, so Kubernetes'
 * RBAC escalation check does not stop a Role or RoleBinding the tenant commits there: a binding of
 * its owners to `cluster-admin`, a Role with `*`, a Role that writes NetworkPolicies, a binding of
 * another namespace's ServiceAccount. Proven on the bundle `sccp build` writes for the bare-metal
 * example (tenant `shop`, owners group shop-developers) with the real engines: `kyverno apply` of
 * the bundled policies, `gator verify` of the Gatekeeper bundle with AdmissionReviews, and `sccp
 * verify` of the repository with the objects under tenants/shop/. SCCP's own binding `tenant-owners`
 * is admitted.
 */
const t = suite('tenant RBAC through Argo CD stays bounded (kyverno CLI, gator, sccp verify)');

const POLICY_FILE = 'policies/tenants/tenants-rbac-bounded.yaml';
const RBAC = 'rbac.authorization.k8s.io/v1';
const group = (name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name });

/** What a tenant's environment repository brings into namespace shop, by name. */
const ATTACKS: any[] = [
  {
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'to-cluster-admin', namespace: 'shop' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [group('shop-developers')],
  },
  {
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'to-edit', namespace: 'shop' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
    subjects: [group('shop-developers')],
  },
  {
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: 'everything', namespace: 'shop' },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  },
  {
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: 'network-policy-writer', namespace: 'shop' },
    rules: [{ apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'] }],
  },
  {
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: 'kube-system-default', namespace: 'shop' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'sccp-tenant-owner' },
    subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' }],
  },
];

/** SCCP's RoleBinding of the owners, and the tenant namespace, from the built repository. */
function generated(out: string) {
  const binding = docs(path.join(out, 'tenants/shop/rbac.yaml')).find((o) => o.metadata.name === 'tenant-owners');
  const namespace = docs(path.join(out, 'tenants/shop/namespaces.yaml')).find((o) => o.metadata.name === 'shop');
  assert.is(binding?.kind, 'RoleBinding');
  assert.is(namespace?.kind, 'Namespace');
  return { binding, namespace };
}

const byArgo = (object: any): Request => ({ op: 'CREATE', object, user: { username: ARGOCD, groups: ['system:serviceaccounts', 'system:serviceaccounts:argocd'] } });
const failures = (results: { policy: string; result: string }[]) => results.filter((x) => x.result === 'fail' || x.result === 'error');

// --- Kyverno -------------------------------------------------------------------------------

t('kyverno apply of the bundled policies/: every attack Argo CD would apply in namespace shop is refused by tenants-rbac-bounded', () => {
  const out = buildExample('kyverno');
  const { namespace } = generated(out);
  const bundle = kyvernoBundle(out);
  assert.ok(bundle.policies.some((f) => f.endsWith('tenants/tenants-guardrails.yaml')) && bundle.exceptions.length > 0, JSON.stringify(bundle));
  const admitted: string[] = [];
  for (const object of ATTACKS) {
    const results = kyvernoApply(bundle, byArgo(object), namespace.metadata.labels);
    assert.ok(results.length > 0, `the bundle evaluates ${object.kind}/${object.metadata.name}`);
    const mine = results.filter((x) => x.policy === 'tenants-rbac-bounded' && x.result === 'fail');
    if (!mine.length) admitted.push(`${requestLabel(byArgo(object))}: ${JSON.stringify(failures(results))}`);
    for (const m of mine) assert.match(m.message!, /tenants-rbac-bounded: /, JSON.stringify(m));
  }
  assert.equal(admitted, [], `admitted by the bundle:\n${admitted.join('\n')}`);
});

t('kyverno apply: SCCP\'s tenant-owners binding is admitted; outside a tenant namespace the policy does not apply', () => {
  const out = buildExample('kyverno');
  const { binding, namespace } = generated(out);
  const policy = path.join(out, POLICY_FILE);
  const own = kyvernoApply(policy, byArgo(binding), namespace.metadata.labels);
  assert.ok(own.some((x) => x.rule && x.result === 'pass'), `tenant-owners is checked: ${JSON.stringify(own)}`);
  assert.equal(failures(own), [], JSON.stringify(own));
  const elsewhere = { ...ATTACKS[0], metadata: { name: 'to-cluster-admin', namespace: 'monitoring' } };
  const results = kyvernoApply(policy, byArgo(elsewhere), { 'kubernetes.io/metadata.name': 'monitoring' });
  assert.equal(failures(results), [], JSON.stringify(results));
});

t('kyverno: the bundled policy is Enforce and evaluated in background scans', () => {
  const out = buildExample('kyverno');
  const [policy] = docs(path.join(out, POLICY_FILE));
  assert.is(policy.kind, 'ClusterPolicy');
  assert.is(policy.spec.background, true);
  for (const rule of policy.spec.rules) assert.is(rule.validate.failureAction, 'Enforce', rule.name);
});

// --- Gatekeeper ----------------------------------------------------------------------------

function gatorCases(binding: any): GatorCase[] {
  return [...ATTACKS.map((object) => ({ ...byArgo(object), denied: `^tenants-rbac-bounded: ${object.kind} shop/${object.metadata.name} ` })), { ...byArgo(binding), denied: false as const }];
}

t('gator verify of the Gatekeeper bundle: every attack is denied, tenant-owners admitted, in a namespace labelled sccp.dev/tenant', () => {
  const out = buildExample('gatekeeper');
  const { binding, namespace } = generated(out);
  const [, constraint] = docs(path.join(out, POLICY_FILE));
  assert.is(constraint.spec.enforcementAction, 'deny');
  assert.equal(constraint.spec.match.namespaceSelector, { matchExpressions: [{ key: 'sccp.dev/tenant', operator: 'Exists' }] });
  const list = gatorCases(binding);
  const r = gatorSuite(path.join(out, POLICY_FILE), list, [namespace]);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is((r.stdout.match(/^\s*--- PASS: /gm) ?? []).length, list.length + 1, r.stdout);
});

t('gator verify: the suite fails when an attack is expected to pass, and a namespace without the tenant label is not checked', () => {
  const out = buildExample('gatekeeper');
  const { namespace } = generated(out);
  const bad = gatorSuite(path.join(out, POLICY_FILE), [{ ...byArgo(ATTACKS[0]), denied: false }], [namespace]);
  assert.is.not(bad.status, 0, bad.stdout);
  assert.match(bad.stdout + bad.stderr, /CREATE RoleBinding\/to-cluster-admin/);
  const plain = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } } };
  const outside = gatorSuite(path.join(out, POLICY_FILE), [{ ...byArgo(ATTACKS[0]), denied: false }], [plain]);
  assert.is(outside.status, 0, outside.stdout + outside.stderr);
});

// --- sccp verify ---------------------------------------------------------------------------

t('sccp verify: the generated repository passes; the attacks under tenants/shop/ are tenants-rbac-bounded violations', () => {
  const out = exampleRepoToEdit('kyverno');
  const ok = sccp(['verify', out]);
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  assert.not.match(ok.stdout + ok.stderr, /tenants-rbac-bounded/);
  fs.writeFileSync(path.join(out, 'tenants/shop/tenant-rbac.yaml'), ATTACKS.map((o) => emitYaml(o)).join('---\n'));
  const bad = sccp(['verify', out]);
  assert.is(bad.code, 1, bad.stdout + bad.stderr);
  for (const o of ATTACKS) assert.match(bad.stdout + bad.stderr, new RegExp(`tenants-rbac-bounded: ${o.kind} shop/${o.metadata.name} `), `${o.kind}/${o.metadata.name}:\n${bad.stdout}${bad.stderr}`);
});

t('sccp verify: a pull request that drops the guardrail kinds from the project\'s namespaceResourceBlacklist is a violation', () => {
  const out = exampleRepoToEdit('kyverno');
  const file = path.join(out, 'tenants/shop/project.yaml');
  const [project] = docs(file);
  assert.equal(project.spec.namespaceResourceBlacklist.map((e: any) => e.kind), ['ResourceQuota', 'LimitRange', 'NetworkPolicy']);
  delete project.spec.namespaceResourceBlacklist;
  fs.writeFileSync(file, emitYaml(project));
  const bad = sccp(['verify', out]);
  assert.is(bad.code, 1, bad.stdout + bad.stderr);
  for (const kind of ['core/ResourceQuota', 'core/LimitRange', 'networking.k8s.io/NetworkPolicy'])
    assert.match(bad.stdout + bad.stderr, `tenants-appproject-no-cluster-wildcard: AppProject shop of a tenant does not list ${kind} in namespaceResourceBlacklist`);
});

t.run();
