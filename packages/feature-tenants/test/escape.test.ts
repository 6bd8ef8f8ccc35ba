// A tenant never reaches beyond its own namespaces, nor escalates through its allow-lists: every
// attack is refused by the schema or by validate(), at the pointer of the offending value, and the
// legitimate neighbours still pass.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PLATFORM, deepMerge, type ValuesProblem } from '@sccp/core';
import feature from '../src';
import type { Tenant, TenantsValues } from '../src';
import { inClusterAlias } from '../src/destinations';
import { forbiddenKindsAllowedBy, kindGlobMatch } from '../src/forbidden-kinds';
import { validateSchema } from './helpers';
import { MINIMAL, values } from './tenants';

const shop = (over: Partial<Tenant>): TenantsValues => values({ ...MINIMAL, ...over });
const merged = (v: TenantsValues) => deepMerge<TenantsValues>(feature.defaults, v);
/** What the platform reports: schema problems, else validate()'s. */
const refused = (v: TenantsValues): ValuesProblem[] => {
  const schema = validateSchema(merged(v));
  return schema.length ? schema : feature.validate!(merged(v), DEFAULT_PLATFORM);
};
/** validate() alone (the schema bypassed): the second line of defence. */
const validateOnly = (v: TenantsValues) => feature.validate!(merged(v), DEFAULT_PLATFORM);
const at = (ps: ValuesProblem[]) => ps.map((p) => p.pointer);

const t = suite('tenants: no escape through destinations and allow-lists');

t('destination servers that are patterns are refused by the schema (https://*, a ?, a bare *, braces)', () => {
  for (const server of ['https://*', 'https://kubernetes.default.sv?', '*', 'https://{kubernetes.default.svc,x}', 'https://kubernetes.default.svc[]', 'https://kube\\rnetes', 'https://[::1]:6443']) {
    const ps = refused(shop({ destinations: [{ namespace: 'shop' }, { server, namespace: 'kube-system' }] }));
    assert.equal([...new Set(at(ps))], ['/tenants/0/destinations/1/server'], server);
  }
});

t('validate() refuses a pattern server too, with a message that says why', () => {
  const ps = validateOnly(shop({ destinations: [{ namespace: 'shop' }, { server: 'https://*', namespace: 'shop' }] }));
  assert.equal(at(ps), ['/tenants/0/destinations/1/server']);
  assert.match(ps[0].message, 'is a pattern for Argo CD (it could match this cluster)');
  const ns = validateOnly(shop({ destinations: [{ namespace: 'shop' }, { namespace: 'kube-syste?' }] }));
  assert.equal(at(ns), ['/tenants/0/destinations/1/namespace']);
});

t('destination namespace patterns are refused (kube-*, *, kube-syste?)', () => {
  for (const namespace of ['kube-*', '*', 'kube-syste?', 'shop-*', '!shop']) {
    assert.equal(at(refused(shop({ destinations: [{ namespace: 'shop' }, { namespace }] }))), ['/tenants/0/destinations/1/namespace'], namespace);
  }
});

t('destinations name no cluster by name: a name pattern and name: in-cluster are refused', () => {
  for (const name of ['*', 'in-cluster', 'in-cluste?']) {
    const ps = refused(shop({ destinations: [{ namespace: 'shop' }, { name, namespace: 'shop' } as any] }));
    assert.equal(at(ps), ['/tenants/0/destinations/1/name'], name);
  }
});

t('this cluster spelled differently is refused: write https://kubernetes.default.svc', () => {
  const aliases = [
    'https://kubernetes.default.svc/',
    'https://KUBERNETES.default.svc',
    'https://kubernetes.default.svc:443',
    'https://kubernetes.default.svc.',
    'https://kubernetes.default.svc.cluster.local',
    'https://kubernetes.default.svc.cluster.local:443/',
    'https://kubernetes.default',
    'https://kubernetes',
    'https://localhost:6443',
    'https://127.0.0.1:6443',
  ];
  // An IPv6 literal is a character class for Argo CD's glob: the schema refuses brackets.
  assert.ok(inClusterAlias('https://[::1]:6443'));
  for (const server of aliases) {
    assert.ok(inClusterAlias(server), server);
    const ps = refused(shop({ destinations: [{ namespace: 'shop' }, { server, namespace: 'other-team' }] }));
    assert.equal(at(ps), ['/tenants/0/destinations/1/server'], server);
    assert.match(ps[0].message, "is this cluster's API server; write it as https://kubernetes.default.svc");
  }
  for (const server of ['https://kubernetes.default.svc', 'https://prod.example.com:6443', 'https://kubernetes.example.com', 'https://10.0.0.1:6443']) assert.not.ok(inClusterAlias(server), server);
});

t('on this cluster only the tenant namespaces; on any cluster never default, argocd or kube-*', () => {
  assert.equal(at(refused(shop({ destinations: [{ namespace: 'shop' }, { namespace: 'kyverno' }] }))), ['/tenants/0/destinations/1/namespace']);
  for (const namespace of ['kube-system', 'kube-public', 'argocd', 'default']) {
    const ps = refused(shop({ destinations: [{ namespace: 'shop' }, { server: 'https://prod.example.com:6443', namespace }] }));
    assert.equal(at(ps), ['/tenants/0/destinations/1/namespace'], namespace);
    assert.match(ps[0].message, 'reserved for the cluster and the platform, on every cluster');
  }
});

t('legitimate: a remote cluster with a literal URL and a namespace of its own', () => {
  const v = shop({ destinations: [{ namespace: 'shop' }, { server: 'https://prod.example.com:6443', namespace: 'payments' }, { server: 'https://10.0.0.1:6443/k8s', namespace: 'shop-edge' }] });
  assert.equal(refused(v), []);
});

t('allow-list entries that match a forbidden kind are refused, naming what they would allow', () => {
  const cases: [string, string, string][] = [
    ['rbac.authorization.k8s.io', '*', 'rbac.authorization.k8s.io/*'],
    ['*', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/*'],
    ['rbac.authorization.k8s.io', 'ClusterRole', 'ClusterRoles and ClusterRoleBindings'],
    ['admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/*'],
    ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'admission webhooks'],
    ['apiextensions.k8s.io', 'CustomResourceDefinition', 'apiextensions.k8s.io/*'],
    ['apiregistration.k8s.io', 'APIService', 'apiregistration.k8s.io/*'],
    ['', 'Namespace', 'core/Namespace'],
    ['', '*', 'core/PersistentVolume'],
    ['', 'PersistentVolume', 'core/PersistentVolume'],
    ['scheduling.k8s.io', 'PriorityClass', 'scheduling.k8s.io/*'],
    ['storage.k8s.io', 'StorageClass', 'storage.k8s.io/*'],
    ['kyverno.io', 'ClusterPolicy', 'kyverno.io/*'],
    ['*', 'Ledger', 'rbac.authorization.k8s.io/*'],
  ];
  for (const [group, kind, names] of cases) {
    const ps = refused(shop({ clusterResourceAllowList: [{ group: 'payments.example.com', kind: 'Ledger' }, { group, kind }] }));
    assert.equal(at(ps), ['/tenants/0/clusterResourceAllowList/1'], `${group}/${kind}`);
    assert.match(ps[0].message, names, `${group}/${kind}: ${ps[0].message}`);
    assert.match(ps[0].message, 'a tenant never holds these');
  }
});

t('allow-list globs are matched as Argo CD matches them: {*, *Binding}, {*, ClusterRole*}, {rbac.*, X}', () => {
  // The schema only takes '*' or a name; validate() also holds when an entry gets past it.
  assert.equal(at(refused(shop({ clusterResourceAllowList: [{ group: '*', kind: '*Binding' }] }))), ['/tenants/0/clusterResourceAllowList/0/kind']);
  for (const entry of [
    { group: '*', kind: '*Binding' },
    { group: '*', kind: 'ClusterRole*' },
    { group: 'rbac.*', kind: 'Anything' },
    { group: '', kind: 'Name?pace' },
    { group: 'RBAC.authorization.k8s.io', kind: 'clusterrolebinding' },
  ]) {
    assert.equal(at(validateOnly(shop({ clusterResourceAllowList: [entry] }))), ['/tenants/0/clusterResourceAllowList/0'], JSON.stringify(entry));
  }
  const bracket = validateOnly(shop({ clusterResourceAllowList: [{ group: 'rbac.authorization.k8s.io', kind: '[C]lusterRole' }] }));
  assert.match(bracket[0].message, "only names, '*' and '?' are allowed");
  assert.ok(kindGlobMatch('ClusterRole*', 'ClusterRoleBinding'));
  assert.ok(kindGlobMatch('*Binding', 'ClusterRoleBinding'));
  assert.not.ok(kindGlobMatch('rbac.authorization.k8s.io', 'rbacxauthorization.k8s.io'), 'a dot is literal');
  assert.not.ok(kindGlobMatch('Cluster?', 'ClusterRole'));
});

t('legitimate allow-list entries: literal groups outside the forbidden ones', () => {
  for (const entry of [{ group: 'payments.example.com', kind: 'Ledger' }, { group: 'payments.example.com', kind: '*' }, { group: '', kind: 'ComponentStatus' }]) {
    assert.equal(forbiddenKindsAllowedBy(entry), [], JSON.stringify(entry));
  }
  assert.equal(refused(shop({ clusterResourceAllowList: [{ group: 'payments.example.com', kind: 'Ledger' }, { group: 'payments.example.com', kind: '*' }] })), []);
});

t('sourceRepos that match every repository (no literal scheme and host) are refused', () => {
  const bad = ['**', '?**', '*/*', '*/**', 'https://**', '*://*/*/*', 'https://*/payments/*', 'https://*.example.com/shop/env', 'git@*:shop/*'];
  const ps = refused(shop({ sourceRepos: ['https://git.example.com/shop/*', ...bad] }));
  assert.equal(at(ps), bad.map((_, k) => `/tenants/0/sourceRepos/${k + 1}`));
  assert.match(ps[0].message, 'does not name its host');
});

t('legitimate sourceRepos: a literal host, globs in the path, scp-style and ssh:// forms', () => {
  const ok = ['https://git.example.com/payments/*', 'https://git.example.com/shop/**', 'git@git.example.com:shop/*', 'ssh://git@git.example.com:22/shop/env'];
  assert.equal(refused(shop({ sourceRepos: ok, environment: { repoURL: 'https://git.example.com/shop/deploy.git' } })), []);
});

t('environment.repoURL is the pattern when sourceRepos is unset: it must be literal', () => {
  const { sourceRepos, ...noSources } = MINIMAL;
  for (const repoURL of ['https://**', 'https://git.example.com/*', 'git@*:shop/env']) {
    assert.equal(at(refused(values({ ...noSources, environment: { repoURL } }))), ['/tenants/0/environment/repoURL'], repoURL);
  }
  const ps = validateOnly(values({ ...noSources, environment: { repoURL: 'https://*/shop/env' } }));
  assert.equal(at(ps), ['/tenants/0/environment/repoURL']);
  assert.match(ps[0].message, 'does not name its host');
});

t.run();
