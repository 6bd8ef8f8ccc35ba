import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { manifests } from './helpers';
import { standalone, wired } from './contexts';
import { MINIMAL, values } from './tenants';
import type { Tenant } from '../src';

const t = suite('tenants render: defaults');
const files = (tenant: Tenant = MINIMAL, ctx = standalone) => manifests(values(tenant), ctx);

t('no tenants: no files', () => {
  assert.equal(manifests({}, standalone), {});
  assert.equal(manifests({ tenants: [] }, wired), {});
});

t('one namespace named like the tenant, restricted, with the tenant label', () => {
  const [ns, ...rest] = files()['shop/namespaces.yaml'];
  assert.equal(rest, []);
  assert.is(ns.metadata.name, 'shop');
  assert.equal(ns.metadata.labels, {
    'app.kubernetes.io/managed-by': 'sccp',
    'sccp.dev/tenant': 'shop',
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/audit': 'restricted',
  });
});

t('default quota: 4 CPU / 8Gi requested, 16Gi memory limits, 50 pods, 50Gi and 10 claims, no load balancers or node ports, no CPU limit total', () => {
  const [q] = files()['shop/resource-quota.yaml'];
  assert.is(q.metadata.namespace, 'shop');
  assert.equal(q.spec.hard, {
    'requests.cpu': '4',
    'requests.memory': '8Gi',
    'limits.memory': '16Gi',
    pods: '50',
    'requests.storage': '50Gi',
    persistentvolumeclaims: '10',
    'services.loadbalancers': '0',
    'services.nodeports': '0',
  });
});

t('default limit range: 100m/128Mi requests, 1/512Mi limits, at most 4/8Gi', () => {
  const [lr] = files()['shop/limit-range.yaml'];
  assert.equal(lr.spec.limits, [{ type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '1', memory: '512Mi' }, max: { cpu: '4', memory: '8Gi' } }]);
});

t('default project: exactly the environment repository, the tenant namespace in-cluster, no cluster kinds, no description', () => {
  const [p] = files()['shop/project.yaml'];
  assert.equal(p.spec.sourceRepos, ['https://git.example.com/shop/deploy.git']);
  assert.equal(p.spec.destinations, [{ server: 'https://kubernetes.default.svc', namespace: 'shop' }]);
  assert.equal(p.spec.clusterResourceWhitelist, []);
  assert.not.ok('description' in p.spec);
  assert.equal(p.spec.roles[0].groups, ['shop-devs']);
});

t('default application: directory, recursive, path ".", revision main, into the tenant namespace', () => {
  const [a] = files()['shop/application.yaml'];
  assert.equal(a.spec.source, { repoURL: 'https://git.example.com/shop/deploy.git', targetRevision: 'main', path: '.', directory: { recurse: true } });
  assert.equal(a.spec.destination, { server: 'https://kubernetes.default.svc', namespace: 'shop' });
  assert.is(a.spec.project, 'shop');
});

t('default network policies without capabilities: deny, DNS, same tenant; no ingress or monitoring policy', () => {
  const names = files()['shop/network-policy.yaml'].map((p) => p.metadata.name);
  assert.equal(names, ['default-deny', 'allow-dns', 'allow-same-tenant']);
});

t('users only: RoleBinding of users, no Argo CD role', () => {
  const f = files({ ...MINIMAL, owners: { users: ['bob@example.com'] } });
  assert.equal(f['shop/rbac.yaml'][0].subjects, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob@example.com' }]);
  assert.not.ok('roles' in f['shop/project.yaml'][0].spec);
});

t('no environment: no application.yaml; the project allows sourceRepos', () => {
  const { environment, ...rest } = MINIMAL;
  const f = files({ ...rest, sourceRepos: ['https://git.example.com/shop/*'] });
  assert.not.ok('shop/application.yaml' in f);
  assert.equal(f['shop/project.yaml'][0].spec.sourceRepos, ['https://git.example.com/shop/*']);
});

t('helm environment without values files: helm {} (Argo CD finds Chart.yaml), no directory', () => {
  const f = files({ ...MINIMAL, environment: { repoURL: MINIMAL.environment!.repoURL, type: 'helm', path: 'chart' } });
  assert.equal(f['shop/application.yaml'][0].spec.source, { repoURL: 'https://git.example.com/shop/deploy.git', targetRevision: 'main', path: 'chart', helm: {} });
});

t('directory environment without recursion', () => {
  const f = files({ ...MINIMAL, environment: { repoURL: MINIMAL.environment!.repoURL, recurse: false } });
  assert.equal(f['shop/application.yaml'][0].spec.source.directory, { recurse: false });
});

t('several tenants: each in its own folder, namespaces labelled with their own tenant', () => {
  const f = manifests(values(MINIMAL, { name: 'blog', owners: { groups: ['blog'] }, environment: { repoURL: 'git@git.example.com:blog/env.git' } }), standalone);
  assert.equal(Object.keys(f).filter((k) => k.endsWith('/project.yaml')).sort(), ['blog/project.yaml', 'shop/project.yaml']);
  assert.is(f['blog/namespaces.yaml'][0].metadata.labels['sccp.dev/tenant'], 'blog');
  assert.equal(f['blog/project.yaml'][0].spec.sourceRepos, ['git@git.example.com:blog/env.git']);
});

t('explicit destinations replace the default', () => {
  const f = files({ ...MINIMAL, namespaces: [{ name: 'shop' }, { name: 'shop-dev' }], destinations: [{ namespace: 'shop' }, { server: 'https://remote.example.com:6443', namespace: 'shop-edge' }] });
  assert.equal(f['shop/project.yaml'][0].spec.destinations, [
    { server: 'https://kubernetes.default.svc', namespace: 'shop' },
    { server: 'https://remote.example.com:6443', namespace: 'shop-edge' },
  ]);
});

t('feature-level defaults only hold an empty tenant list: per-tenant defaults never leak between tenants', () => {
  const f = manifests(values({ ...MINIMAL, quota: { pods: 5 } }, { name: 'blog', owners: { groups: ['blog'] }, environment: { repoURL: 'https://git.example.com/blog/env.git' } }), standalone);
  assert.is(f['shop/resource-quota.yaml'][0].spec.hard.pods, '5');
  assert.is(f['blog/resource-quota.yaml'][0].spec.hard.pods, '50');
  assert.is(f['shop/resource-quota.yaml'][0].spec.hard['requests.cpu'], '4');
});

t('a partly set object keeps the other defaults (deep merge, like the platform)', () => {
  const f = files({ ...MINIMAL, limitRange: { default: { memory: '1Gi' } }, quota: { pods: 7 }, networkPolicy: { allowDns: false } });
  assert.equal(f['shop/limit-range.yaml'][0].spec.limits[0].default, { cpu: '1', memory: '1Gi' });
  assert.equal(f['shop/limit-range.yaml'][0].spec.limits[0].max, { cpu: '4', memory: '8Gi' });
  assert.is(f['shop/resource-quota.yaml'][0].spec.hard['requests.memory'], '8Gi');
  assert.equal(f['shop/network-policy.yaml'].map((p: any) => p.metadata.name), ['default-deny', 'allow-same-tenant']);
});

t.run();
