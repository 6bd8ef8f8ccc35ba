// The policy tenants-rbac-bounded spells the lists of src/constants.ts literally in both engines:
// the copies must not drift. And the owners' own ClusterRole stays within what it asks of a Role.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { regoMetadata } from '@sccp/core';
import { opaDeny, runEngine } from '@sccp/test-kit';
import feature from '../src';
import { ESCALATING_VERBS, GUARDRAIL_RESOURCES, TENANT_BINDABLE_CLUSTER_ROLES, TENANT_LABEL, WRITE_VERBS } from '../src/constants';
import { OWNER_RULES } from '../src/objects/rbac';

const ID = 'tenants-rbac-bounded';
const t = suite('tenants-rbac-bounded: the policy carries the lists of src/constants.ts');

const dir = path.join(feature.packageDir, 'policies');
const rego = fs.readFileSync(path.join(dir, 'rego', `${ID}.rego`), 'utf8');
const kyverno = parse(fs.readFileSync(path.join(dir, 'kyverno', `${ID}.yaml`), 'utf8'));
const rule = (name: string) => kyverno.spec.rules.find((r: any) => r.name === name);
const opaValue = (ref: string) => {
  const r = runEngine('opa', ['eval', '--format', 'json', '--data', path.join(dir, 'rego'), `data.sccp.tenants_rbac_bounded.${ref}`]);
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).result[0].expressions[0].value;
};
const sorted = (xs: readonly string[]) => [...xs].sort();
/** The JSON list literal of a JMESPath expression that contains `word`. */
const jsonListWith = (expr: string, word: string) => {
  const m = [...expr.matchAll(/`(\[[^`]*\])`/g)].map((x) => JSON.parse(x[1]) as string[]).find((l) => l.includes(word));
  assert.ok(m, `a list with ${word} in ${expr}`);
  return m!;
};

t('Rego: the bindable ClusterRoles, write verbs, guardrail resources and escalating verbs', () => {
  assert.equal(sorted(opaValue('bindable_cluster_roles')), sorted(TENANT_BINDABLE_CLUSTER_ROLES));
  assert.equal(sorted(opaValue('write_verbs')), sorted(WRITE_VERBS));
  assert.equal(sorted(opaValue('guardrail_resources')), sorted(GUARDRAIL_RESOURCES));
  assert.equal(sorted(opaValue('escalating_verbs')), sorted(ESCALATING_VERBS));
});

t('Kyverno: the same lists in the role-reference and Role rules', () => {
  const [, names] = rule('tenant-rolebinding-bindable-role').validate.deny.conditions.any;
  assert.equal(sorted(names.value), sorted(TENANT_BINDABLE_CLUSTER_ROLES));
  const [, escalating, writes] = rule('tenant-role-bounded-rules').validate.deny.conditions.any.map((c: any) => String(c.key));
  assert.equal(sorted(jsonListWith(escalating, 'bind')), sorted(ESCALATING_VERBS));
  assert.equal(sorted(jsonListWith(writes, 'create')), sorted(WRITE_VERBS));
  assert.equal(sorted(jsonListWith(writes, 'networkpolicies')), sorted(GUARDRAIL_RESOURCES));
});

t('tenant namespaces: the namespaceSelector of both engines is the tenant label; Kyverno also matches objects labelled with it', () => {
  const selector = { matchExpressions: [{ key: TENANT_LABEL, operator: 'Exists' }] };
  assert.equal(regoMetadata(rego)?.custom?.namespaceSelector, selector);
  assert.equal(regoMetadata(rego)?.custom?.kinds, [{ apiGroups: ['rbac.authorization.k8s.io'], kinds: ['Role', 'RoleBinding'] }]);
  for (const r of kyverno.spec.rules) {
    assert.equal(r.match.any[0].resources.namespaceSelector, selector, r.name);
    assert.equal(r.match.any[1].resources.selector, selector, r.name);
  }
  assert.is(kyverno.spec.background, true, 'static: background scans evaluate it');
});

t('the owners\' ClusterRole, as a Role of a tenant, passes the policy (and a guardrail write added to it does not)', () => {
  const asRole = (rules: unknown) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'owner-copy', namespace: 'shop' }, rules });
  assert.equal(opaDeny(feature.packageDir, ID, asRole(OWNER_RULES)), []);
  const widened = [...OWNER_RULES, { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['patch'] }];
  assert.is(opaDeny(feature.packageDir, ID, asRole(widened)).length, 1);
});

t.run();
