import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PLATFORM, deepMerge, type PlatformInfo } from '@sccp/core';
import feature from '../src';
import type { Tenant, TenantsValues } from '../src';
import { dualStackPlatform, ipv6Platform } from './contexts';
import { validateSchema } from './helpers';
import { FULL, MINIMAL, values } from './tenants';

const problems = (v: TenantsValues, platform: PlatformInfo = DEFAULT_PLATFORM) => {
  const merged = deepMerge<TenantsValues>(feature.defaults, v);
  assert.equal(validateSchema(merged), [], 'the values are schema-valid');
  return feature.validate!(merged, platform);
};
const pointers = (v: TenantsValues, platform?: PlatformInfo) => problems(v, platform).map((p) => p.pointer);
const one = (v: TenantsValues, platform?: PlatformInfo) => {
  const ps = problems(v, platform);
  assert.is(ps.length, 1, JSON.stringify(ps));
  return ps[0];
};
const shop = (over: Partial<Tenant>): Tenant => ({ ...MINIMAL, ...over });

const t = suite('tenants validate');

t('the full and the minimal tenant are valid, on IPv4 and dual-stack platforms', () => {
  assert.equal(problems(values(FULL, MINIMAL)), []);
  assert.equal(problems(values(FULL, MINIMAL), dualStackPlatform), []);
});

t('duplicate tenant names', () => {
  const p = one(values(MINIMAL, shop({ namespaces: [{ name: 'shop-two' }] })));
  assert.equal(p.pointer, '/tenants/1/name');
  assert.match(p.message, 'defined twice (also at /tenants/0)');
});

t('reserved tenant names: the platform project and Argo CD default project', () => {
  for (const name of ['platform', 'default']) {
    const ps = problems(values(shop({ name, namespaces: [{ name: `${name}-apps` }] })));
    assert.equal(ps.map((p) => p.pointer), ['/tenants/0/name']);
    assert.match(ps[0].message, 'reserved');
  }
});

t('duplicate namespaces across tenants, including a defaulted one (pointer at the tenant name)', () => {
  const p = one(values(MINIMAL, { name: 'blog', owners: { groups: ['b'] }, namespaces: [{ name: 'blog' }, { name: 'shop' }], environment: { repoURL: 'https://git.example.com/blog.git' } }));
  assert.equal(p.pointer, '/tenants/1/namespaces/1/name');
  assert.match(p.message, 'already belongs to tenant "shop" (/tenants/0/name)');
});

t('duplicate namespace within one tenant', () => {
  assert.equal(pointers(values(shop({ namespaces: [{ name: 'shop' }, { name: 'shop' }] }))), ['/tenants/0/namespaces/1/name']);
});

t('reserved namespaces: default, argocd, kube-*', () => {
  assert.equal(pointers(values(shop({ namespaces: [{ name: 'shop' }, { name: 'kube-system' }, { name: 'argocd' }, { name: 'default' }] }))), [
    '/tenants/0/namespaces/1/name',
    '/tenants/0/namespaces/2/name',
    '/tenants/0/namespaces/3/name',
  ]);
  const p = one(values(shop({ name: 'kube-tools', owners: { groups: ['x'] } })));
  assert.equal(p.pointer, '/tenants/0/name');
  assert.match(p.message, 'set namespaces');
});

t('labels SCCP sets are refused on namespaces (pointer escapes the slash)', () => {
  const ps = problems(values(shop({ namespaces: [{ name: 'shop', labels: { 'sccp.dev/tenant': 'other', 'pod-security.kubernetes.io/enforce': 'privileged', team: 'x' } }] })));
  assert.equal(ps.map((p) => p.pointer), ['/tenants/0/namespaces/0/labels/sccp.dev~1tenant', '/tenants/0/namespaces/0/labels/pod-security.kubernetes.io~1enforce']);
});

t('a tenant without owners', () => {
  const p = one(values(shop({ owners: {} })));
  assert.equal(p.pointer, '/tenants/0/owners');
  const q = one(values(shop({ owners: { groups: [], users: [] } })));
  assert.equal(q.pointer, '/tenants/0/owners');
});

t('CIDR families: IPv6 on an IPv4 platform and IPv4 on an IPv6 platform are refused; dual-stack takes both', () => {
  const tenant = shop({ networkPolicy: { extraIngress: [{ from: [{ cidr: 'fd00:10::/64' }] }], extraEgress: [{ to: [{ cidr: '10.0.0.0/8' }] }] } });
  const v4 = one(values(tenant));
  assert.equal(v4.pointer, '/tenants/0/networkPolicy/extraIngress/0/from/0/cidr');
  assert.match(v4.message, 'fd00:10::/64 is an IPv6 network');
  const v6 = one(values(tenant), ipv6Platform);
  assert.equal(v6.pointer, '/tenants/0/networkPolicy/extraEgress/0/to/0/cidr');
  assert.match(v6.message, 'IPv4 network');
  assert.equal(problems(values(tenant), dualStackPlatform), []);
});

t('except must lie inside cidr and needs cidr', () => {
  assert.equal(pointers(values(shop({ networkPolicy: { extraEgress: [{ to: [{ cidr: '10.0.0.0/16', except: ['10.0.1.0/24', '10.1.0.0/24', 'fd00::/8'] }] }] } }))), [
    '/tenants/0/networkPolicy/extraEgress/0/to/0/except/1',
    '/tenants/0/networkPolicy/extraEgress/0/to/0/except/2',
  ]);
  assert.equal(pointers(values(shop({ networkPolicy: { extraEgress: [{ to: [{ except: ['10.0.1.0/24'] }] }] } }))), ['/tenants/0/networkPolicy/extraEgress/0/to/0/except']);
});

t('a peer is a network or selectors, not both; namespace and namespaceLabels exclude each other', () => {
  const p = one(values(shop({ networkPolicy: { extraIngress: [{ from: [{ cidr: '10.0.0.0/8', podLabels: { a: 'b' } }] }] } })));
  assert.equal(p.pointer, '/tenants/0/networkPolicy/extraIngress/0/from/0');
  assert.match(p.message, 'not both');
  assert.equal(pointers(values(shop({ networkPolicy: { extraIngress: [{ from: [{ namespace: 'a', namespaceLabels: { a: 'b' } }] }] } }))), [
    '/tenants/0/networkPolicy/extraIngress/0/from/0/namespaceLabels',
  ]);
});

t('endPort: numeric port only, not below port', () => {
  const ports = [{ port: 'http', endPort: 90 }, { port: 100, endPort: 90 }, { port: 100, endPort: 100 }];
  assert.equal(pointers(values(shop({ networkPolicy: { extraEgress: [{ to: [{ namespace: 'x' }], ports }] } }))), [
    '/tenants/0/networkPolicy/extraEgress/0/ports/0/endPort',
    '/tenants/0/networkPolicy/extraEgress/0/ports/1/endPort',
  ]);
});

t('extra rules without defaultDeny have no effect', () => {
  const np: Tenant['networkPolicy'] = { defaultDeny: false, extraIngress: [{ from: [{ namespace: 'x' }] }], extraEgress: [{ to: [{ namespace: 'x' }] }] };
  assert.equal(pointers(values(shop({ networkPolicy: np }))), ['/tenants/0/networkPolicy/extraIngress', '/tenants/0/networkPolicy/extraEgress']);
});

t('environment.repoURL must match one of sourceRepos (Argo CD glob semantics)', () => {
  const repo = (repoURL: string, sourceRepos: string[]) => pointers(values(shop({ sourceRepos, environment: { repoURL } })));
  assert.equal(repo('https://git.example.com/shop/deploy.git', ['https://git.example.com/shop/*']), []);
  assert.equal(repo('https://git.example.com/shop/deploy.git', ['https://git.example.com/shop/deploy']), []);
  assert.equal(repo('https://GIT.example.com/shop/deploy', ['https://git.example.com/shop/deploy.git']), []);
  assert.equal(repo('https://git.example.com/shop/sub/deploy.git', ['https://git.example.com/shop/**']), []);
  assert.equal(repo('https://git.example.com/shop/sub/deploy.git', ['https://git.example.com/shop/*']), ['/tenants/0/environment/repoURL']);
  assert.equal(repo('https://git.example.com/blog/deploy.git', ['https://git.example.com/shop/*', 'https://git.example.com/shop/other']), ['/tenants/0/environment/repoURL']);
  const p = one(values(shop({ sourceRepos: ['https://git.example.com/shop/*'], environment: { repoURL: 'https://evil.example.com/shop/deploy.git' } })));
  assert.match(p.message, 'matches none of sourceRepos');
});

t('sourceRepos that let in every repository are refused', () => {
  assert.equal(pointers(values(shop({ sourceRepos: ['https://git.example.com/shop/deploy', '*', '**'] }))), ['/tenants/0/sourceRepos/1', '/tenants/0/sourceRepos/2']);
});

t('no environment and no sourceRepos: nothing to deploy from', () => {
  const { environment, ...rest } = MINIMAL;
  const p = one(values(rest as Tenant));
  assert.equal(p.pointer, '/tenants/0/sourceRepos');
});

t('clusterResourceAllowList: an entry that matches a forbidden kind is refused, a literal group outside them is not', () => {
  const list = [{ group: 'payments.example.com', kind: '*' }, { group: '*', kind: '*' }, { group: '', kind: 'Namespace' }, { group: '', kind: 'ComponentStatus' }];
  assert.equal(pointers(values(shop({ clusterResourceAllowList: list }))), ['/tenants/0/clusterResourceAllowList/1', '/tenants/0/clusterResourceAllowList/2']);
});

t('in-cluster destinations must be tenant namespaces; the Application namespace must be a destination', () => {
  assert.equal(pointers(values(shop({ destinations: [{ namespace: 'shop' }, { namespace: 'kube-system' }] }))), ['/tenants/0/destinations/1/namespace']);
  const p = one(values(shop({ namespaces: [{ name: 'shop' }, { name: 'shop-dev' }], destinations: [{ namespace: 'shop-dev' }] })));
  assert.equal(p.pointer, '/tenants/0/destinations');
  assert.match(p.message, '"shop"');
});

t('environment: helm settings need type helm; no ".." in path or values files', () => {
  const env = MINIMAL.environment!;
  assert.equal(pointers(values(shop({ environment: { ...env, helm: { valueFiles: ['v.yaml'] } } }))), ['/tenants/0/environment/helm']);
  assert.equal(pointers(values(shop({ environment: { ...env, path: 'apps/../..', type: 'helm', helm: { valueFiles: ['../secrets.yaml'] } } }))), [
    '/tenants/0/environment/path',
    '/tenants/0/environment/helm/valueFiles/0',
  ]);
});

t('limit range: defaultRequest <= default <= max, and a max needs a default', () => {
  assert.equal(pointers(values(shop({ limitRange: { defaultRequest: { cpu: '2' }, default: { cpu: '1500m' }, max: { cpu: '1' } } }))), [
    '/tenants/0/limitRange/defaultRequest/cpu',
    '/tenants/0/limitRange/default/cpu',
  ]);
  assert.equal(pointers(values(shop({ limitRange: { defaultRequest: { memory: '1Gi' }, default: { memory: '1024Mi' }, max: { memory: '1Gi' } } }))), []);
  assert.equal(pointers(values(shop({ limitRange: { defaultRequest: { memory: '2Gi' }, default: { memory: '1Gi' } } }))), ['/tenants/0/limitRange/defaultRequest/memory']);
});

t('quota.additional: keys a ResourceQuota takes (standard, hugepages, qualified), whole numbers where the API server counts', () => {
  const ok = { secrets: '10', 'requests.ephemeral-storage': '10Gi', 'hugepages-2Mi': '1Gi', 'count/deployments.apps': '20', 'requests.nvidia.com/gpu': '2', 'nvidia.com/gpu': '4', 'example.com/dongle': '1' };
  assert.equal(problems(values(shop({ quota: { additional: ok } }))), []);
  // as apiserver-apply.test.ts saw the API server refuse them (spec.hard[Q]: must be a standard resource type or fully qualified)
  assert.equal(pointers(values(shop({ quota: { additional: { Q: '1', e: '2' } } }))), ['/tenants/0/quota/additional/Q', '/tenants/0/quota/additional/e']);
  assert.match(one(values(shop({ quota: { additional: { Q: '1' } } }))).message, /"Q" is not a resource a ResourceQuota limits: use a standard one \(cpu, memory, .*\) or a fully qualified name/);
  const fraction = one(values(shop({ quota: { additional: { secrets: '500m', 'requests.example.com/x': '500m' } } })));
  assert.equal([fraction.pointer, fraction.message], ['/tenants/0/quota/additional/secrets', '"secrets" counts whole units: 500m is not a whole number']);
  assert.equal(pointers(values(shop({ quota: { additional: { 'count/jobs.batch': '1.5' } } }))), ['/tenants/0/quota/additional/count~1jobs.batch']);
});

t('quota: requests no larger than limits (the API server warns, the quota admits nothing above either)', () => {
  assert.equal(problems(values(shop({ quota: { memory: '1Gi', limitsMemory: '1024Mi', cpu: '2', limitsCpu: '2' } }))), []);
  const memory = one(values(shop({ quota: { limitsMemory: '4090M' } })));
  assert.equal([memory.pointer, memory.message], ['/tenants/0/quota/memory', 'quota.memory 8Gi (requests.memory) is more than quota.limitsMemory 4090M (limits.memory)'], 'the default request above a lower limit');
  assert.equal(pointers(values(shop({ quota: { cpu: '4k', limitsCpu: '24m' } }))), ['/tenants/0/quota/cpu']);
});

t('quota.additional may not repeat a named field', () => {
  const p = one(values(shop({ quota: { additional: { pods: '10', 'count/jobs.batch': '5' } } })));
  assert.equal(p.pointer, '/tenants/0/quota/additional/pods');
});

t('problems of several tenants are all reported, each under its own tenant', () => {
  const ps = pointers(values(shop({ owners: {} }), { name: 'blog', owners: { groups: ['b'] }, sourceRepos: ['*'], environment: { repoURL: 'https://x.example.com/a.git' } }));
  assert.equal(ps, ['/tenants/0/owners', '/tenants/1/sourceRepos/0']);
});

const schemaPointers = (v: unknown) => validateSchema(deepMerge(feature.defaults, v)).map((d: any) => d.pointer);

t('schema: names, subjects, labels, patterns and kinds are checked before validate()', () => {
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, name: 'Shop' }] }).includes('/tenants/0/name'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, owners: { groups: ['a,b'] } }] }).includes('/tenants/0/owners/groups/0'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, owners: { groups: ['dup', 'dup'] } }] }).includes('/tenants/0/owners/groups'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, sourceRepos: ['!https://git.example.com/x'] }] }).includes('/tenants/0/sourceRepos/0'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, namespaces: [{ name: 'shop', podSecurity: 'privileged' }] }] }).includes('/tenants/0/namespaces/0/podSecurity'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, namespaces: [{ name: 'shop', labels: { team: 'has space' } }] }] }).includes('/tenants/0/namespaces/0/labels/team'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, namespaces: [] }] }).includes('/tenants/0/namespaces'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, networkPolicy: { extraIngress: [{ from: [{ cidr: '10.0.0.1/8' }] }] } }] }).includes('/tenants/0/networkPolicy/extraIngress/0/from/0/cidr'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, networkPolicy: { extraIngress: [{ from: [{}] }] } }] }).includes('/tenants/0/networkPolicy/extraIngress/0/from/0'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, quota: { cpu: 'lots' } }] }).includes('/tenants/0/quota/cpu'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, environment: { repoURL: 'file:///etc' } }] }).includes('/tenants/0/environment/repoURL'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, environment: { repoURL: 'https://x/y', path: '/abs' } }] }).includes('/tenants/0/environment/path'));
  assert.ok(schemaPointers({ tenants: [{ ...MINIMAL, tennant: 1 }] }).includes('/tenants/0/tennant'));
  assert.ok(schemaPointers({ tenants: [{ name: 'x' }] }).includes('/tenants/0'));
});

t.run();
