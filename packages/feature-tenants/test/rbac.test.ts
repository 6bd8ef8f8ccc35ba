import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { manifests } from './helpers';
import { wired } from './contexts';
import { MINIMAL, values } from './tenants';
import type { Tenant } from '../src';
import { OWNER_CLUSTER_ROLE } from '../src/constants';

/**
 * The owners' RBAC: a ClusterRole of SCCP's own, not the built-in `admin`, with no write on the
 * guardrails and nothing that grants access. Kubernetes' escalation check then also refuses an
 * owner's RoleBinding to admin, edit or cluster-admin, which hold permissions this role lacks.
 */
const t = suite('tenants rbac: the owners cannot change their guardrails');

const WRITE = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', '*']);
const GUARDRAILS = [
  ['', 'resourcequotas'],
  ['', 'limitranges'],
  ['networking.k8s.io', 'networkpolicies'],
  ['rbac.authorization.k8s.io', 'roles'],
  ['rbac.authorization.k8s.io', 'rolebindings'],
];

/** A second tenant with two namespaces and a user among its owners. */
const PAYMENTS: Tenant = {
  name: 'payments',
  owners: { groups: ['payments-devs'], users: ['alice@example.com'] },
  namespaces: [{ name: 'payments-prod' }, { name: 'payments-batch' }],
  environment: { repoURL: 'https://git.example.com/payments/deploy.git' },
};
const both = () => manifests(values(MINIMAL, PAYMENTS), wired);
const role = () => {
  const files = both();
  const roles = Object.values(files).flat().filter((o) => o.kind === 'ClusterRole');
  assert.is(roles.length, 1, 'one ClusterRole for every tenant');
  return roles[0];
};
/** Whether a rule of the role covers group/resource with a verb (wildcards included). */
const allows = (r: any, group: string, resource: string, verb: string) =>
  r.rules.some(
    (rule: any) =>
      (rule.apiGroups.includes(group) || rule.apiGroups.includes('*')) &&
      (rule.resources.includes(resource) || rule.resources.includes('*')) &&
      (rule.verbs.includes(verb) || rule.verbs.includes('*')),
  );

t('the ClusterRole is cluster-scoped, labelled managed-by sccp, written once next to the tenant folders', () => {
  const files = both();
  assert.equal(Object.keys(files).filter((f) => !f.includes('/')), ['owner-cluster-role.yaml']);
  const r = role();
  assert.is(r.apiVersion, 'rbac.authorization.k8s.io/v1');
  assert.equal(r.metadata, { name: OWNER_CLUSTER_ROLE, labels: { 'app.kubernetes.io/managed-by': 'sccp' } });
  assert.not.ok('aggregationRule' in r, 'an explicit rule list, no aggregation');
});

t('no write verb on resourcequotas, limitranges, networkpolicies, roles or rolebindings; read on each', () => {
  const r = role();
  for (const [group, resource] of GUARDRAILS) {
    for (const verb of WRITE) assert.not.ok(allows(r, group, resource, verb), `${verb} ${group}/${resource}`);
    for (const verb of ['get', 'list', 'watch']) assert.ok(allows(r, group, resource, verb), `${verb} ${group}/${resource}: owners see their guardrails`);
  }
});

t('no bind, escalate or impersonate, no wildcard, nothing cluster-wide or on namespaces beyond reading', () => {
  const r = role();
  for (const rule of r.rules) {
    for (const verb of rule.verbs) assert.not.ok(['bind', 'escalate', 'impersonate', '*'].includes(verb), `verb ${verb} in ${JSON.stringify(rule)}`);
    assert.not.ok(rule.apiGroups.includes('*') || rule.resources.includes('*'), `wildcard in ${JSON.stringify(rule)}`);
    assert.not.ok('resourceNames' in rule || 'nonResourceURLs' in rule, JSON.stringify(rule));
    for (const res of rule.resources) assert.not.ok(['clusterroles', 'clusterrolebindings', 'users', 'groups', 'serviceaccounts/impersonate'].includes(res), res);
  }
  for (const verb of WRITE) assert.not.ok(allows(r, '', 'namespaces', verb), `${verb} namespaces: the sccp.dev/tenant label stays the platform's`);
});

t('what application owners need: workloads, configuration, secrets, services, ingresses, jobs, exec and logs', () => {
  const r = role();
  for (const [group, resource, verb] of [
    ['apps', 'deployments', 'patch'],
    ['apps', 'statefulsets/scale', 'update'],
    ['', 'configmaps', 'create'],
    ['', 'secrets', 'delete'],
    ['', 'services', 'update'],
    ['', 'pods', 'delete'],
    ['', 'pods/exec', 'create'],
    ['', 'pods/log', 'get'],
    ['batch', 'jobs', 'create'],
    ['networking.k8s.io', 'ingresses', 'create'],
    ['policy', 'poddisruptionbudgets', 'create'],
  ])
    assert.ok(allows(r, group, resource, verb), `${verb} ${group}/${resource}`);
});

t('every owner RoleBinding of every tenant references the ClusterRole, none references admin', () => {
  const bindings = Object.values(both())
    .flat()
    .filter((o) => o.kind === 'RoleBinding');
  assert.ok(bindings.length >= 3, 'two tenants, three namespaces');
  for (const b of bindings) assert.equal(b.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: OWNER_CLUSTER_ROLE }, `${b.metadata.namespace}/${b.metadata.name}`);
});

t('no tenant, no ClusterRole', () => {
  assert.equal(manifests({ tenants: [] }, wired), {});
});

t.run();
