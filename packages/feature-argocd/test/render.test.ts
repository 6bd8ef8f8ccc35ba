import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValidator, deepMerge } from '@sccp/core';
import { standinValues } from '@sccp/test-kit';
import feature, { APPLICATION_HEALTH_KEY, applicationHealthLua } from '../src';
import { render, template, upstreamReceived, valuesWith } from './chart';
import { standalone, wired } from './contexts';

const argo = (out: { values: Record<string, unknown> }) => out.values['argo-cd'] as any;
const validate = compileValidator(feature.bundledSchema);

const PUBLIC_KEY = [
  '-----BEGIN PGP PUBLIC KEY BLOCK-----',
  '',
  'mDMEZQ0x0RYJKwYBBAHaRw8BAQdAtestkeymaterialonlyfortheunittestsAAAA',
  'tBlTQ0NQIFRlc3QgPHRlc3RAZXhhbXBsZS5jb20+iJMEExYKADsWIQQ=',
  '=Ab12',
  '-----END PGP PUBLIC KEY BLOCK-----',
  '',
].join('\n');

const t = suite('argocd render');

t('feature metadata: namespace argocd, optional integrations, server-side apply', () => {
  assert.is(feature.name, 'argocd');
  assert.is(feature.namespace, 'argocd');
  assert.equal(feature.dependsOn, []);
  assert.equal(feature.optionalDependsOn, ['prometheus']);
  assert.is(feature.serverSideApply, true);
  assert.equal(feature.upstream.map((u) => [u.name, u.version, u.repository]), [['argo-cd', '9.6.0', 'https://argoproj.github.io/argo-helm']]);
  assert.match(feature.upstream[0].source, /^argoproj\/argo-helm charts\/argo-cd\/values\.yaml @ [0-9a-f]{40}/);
});

t('schema defaults', () => {
  assert.equal(feature.defaults, {
    ha: false,
    ingress: { enabled: true, tls: true },
    admin: { enabled: true },
    dex: { enabled: false },
    notifications: { enabled: false },
    rbac: { defaultPolicy: 'role:readonly', adminGroups: [] },
    gpg: { keys: {} },
  });
});

t('defaults, standalone: plain HTTP ingress without class, no TLS, no ServiceMonitors', () => {
  const out = render({}, standalone);
  assert.is(out.keepOnDelete, true);
  assert.equal(out.endpoints, [{ name: 'Argo CD', url: 'http://argocd.example.com' }]);
  assert.equal(out.templates ?? {}, {});
  assert.equal(out.values.sccp, feature.defaults);
  const a = argo(out);
  assert.equal(a.global, { domain: 'argocd.example.com' });
  assert.equal(a.crds, { install: true, keep: true });
  assert.equal(a.server, { ingress: { enabled: true, controller: 'generic', hostname: 'argocd.example.com', tls: false } });
  assert.equal(a.configs.params, { 'server.insecure': true });
  assert.equal(a.configs.cm, { 'admin.enabled': true, url: 'http://argocd.example.com', [APPLICATION_HEALTH_KEY]: applicationHealthLua() });
  assert.equal(a.configs.rbac, { 'policy.default': 'role:readonly', 'policy.csv': '' });
  assert.equal(a.configs.gpg, { keys: {} });
  assert.equal(a.dex, { enabled: false });
  assert.equal(a.notifications, { enabled: false });
  assert.equal(a['redis-ha'], { enabled: false });
  for (const c of ['controller', 'repoServer', 'applicationSet']) assert.is(a[c], undefined, c);
});

t('defaults, standalone: helm hands the same values to argo-cd, with the dotted keys intact', () => {
  const got = upstreamReceived(render({}, standalone));
  assert.is(got.configs.params['server.insecure'], true);
  assert.is(got.configs.params.server, undefined, 'server.insecure is one key, not a nested map');
  assert.is(got.configs.cm['admin.enabled'], true);
  assert.is(got.configs.rbac['policy.default'], 'role:readonly');
  assert.equal(got.server.ingress, { enabled: true, controller: 'generic', hostname: 'argocd.example.com', tls: false });
  assert.equal(got['redis-ha'], { enabled: false });
  assert.equal(got.crds, { install: true, keep: true });
});

t('wired: ingress class, cert-manager issuer annotation, TLS, https endpoint', () => {
  const out = render({}, wired);
  assert.equal(out.endpoints, [{ name: 'Argo CD', url: 'https://argocd.example.com' }]);
  const a = argo(out);
  assert.equal(a.server.ingress, {
    enabled: true,
    controller: 'generic',
    hostname: 'argocd.example.com',
    ingressClassName: 'traefik',
    tls: true,
    annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
  });
  assert.equal(a.configs.params, { 'server.insecure': true });
  assert.is(a.configs.cm.url, 'https://argocd.example.com');
  const got = upstreamReceived(out);
  assert.equal(got.server.ingress, a.server.ingress);
});

t('wired: ServiceMonitors for controller, server, repoServer and applicationSet with the Prometheus labels', () => {
  const out = render({}, wired);
  const got = upstreamReceived(out);
  for (const c of ['controller', 'server', 'repoServer', 'applicationSet']) {
    assert.equal(got[c].metrics, { enabled: true, serviceMonitor: { enabled: true, additionalLabels: { release: 'kube-prometheus-stack' } } }, c);
  }
  assert.is(got.redis, undefined);
  assert.is(argo(render({}, standalone)).server.metrics, undefined, 'no ServiceMonitor without Prometheus');
});

t('ingress disabled: no Ingress, server keeps its own TLS, no endpoint', () => {
  const out = render({ ingress: { enabled: false } }, wired);
  const a = argo(out);
  assert.equal(a.server.ingress, { enabled: false });
  assert.equal(a.configs.params, {});
  assert.equal(a.configs.cm, { 'admin.enabled': true, [APPLICATION_HEALTH_KEY]: applicationHealthLua() });
  assert.equal(out.endpoints, []);
  assert.is(a.global.domain, 'argocd.example.com');
});

t('ingress with tls: false: no issuer annotation even when cert-manager is there', () => {
  const out = render({ ingress: { tls: false, host: 'cd.apps.example.org' } }, wired);
  const a = argo(out);
  assert.equal(a.server.ingress, { enabled: true, controller: 'generic', hostname: 'cd.apps.example.org', ingressClassName: 'traefik', tls: false });
  assert.is(a.global.domain, 'cd.apps.example.org');
  assert.equal(out.endpoints, [{ name: 'Argo CD', url: 'http://cd.apps.example.org' }]);
});

t('ha: redis-ha, 2 replicas and PDBs for server, repoServer, applicationSet; 1 controller', () => {
  const out = render({ ha: true, placement: { tolerations: [{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }] } }, standalone);
  const got = upstreamReceived(out);
  const tol = [{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }];
  assert.equal(got['redis-ha'], { enabled: true, tolerations: tol, haproxy: { tolerations: tol } });
  assert.equal(got.controller, { replicas: 1 });
  for (const c of ['server', 'repoServer', 'applicationSet']) {
    assert.is(got[c].replicas, 2, c);
    assert.equal(got[c].pdb, { enabled: true, minAvailable: 1 }, c);
  }
  assert.equal(argo(out).global.tolerations, tol);
  const single = argo(render({}, standalone));
  assert.is(single.server.replicas, undefined);
  assert.is(single.server.pdb, undefined);
});

t('rbac: default policy and one `g, <group>, role:admin` line per admin group', () => {
  const out = render({ rbac: { defaultPolicy: '', adminGroups: ['platform-admins', 'my-org:platform team'] } }, standalone);
  const csv = 'g, platform-admins, role:admin\ng, my-org:platform team, role:admin\n';
  assert.equal(argo(out).configs.rbac, { 'policy.default': '', 'policy.csv': csv });
  const got = upstreamReceived(out);
  assert.is(got.configs.rbac['policy.csv'], csv);
  assert.is(got.configs.rbac['policy.default'], '');
});

t('rbac: group names that would break policy.csv are rejected by the schema', () => {
  for (const bad of ['a,b', 'a\ng, evil, role:admin', ' lead', 'trail ', 'two  spaces', 'quo"te', '#comment', '']) {
    const problems = validate(deepMerge(feature.defaults, { rbac: { adminGroups: [bad] } }));
    assert.ok(problems.length > 0, JSON.stringify(bad));
  }
});

t('rbac: helm enforces the group-name pattern too', () => {
  const r = template(render({}, standalone), [{ sccp: { rbac: { adminGroups: ['a, role:admin\np'] } } }]);
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /schema/i);
  const ok = template(render({}, standalone), [{ sccp: { rbac: { adminGroups: ['my-org:team a'] } } }]);
  assert.is(ok.status, 0, ok.stderr);
});

t('a user string with a template delimiter comes out literally after helm template', () => {
  const out = render({ rbac: { adminGroups: ['{{ .Release.Name }}'] } }, standalone);
  const r = template(out);
  assert.is(r.status, 0, r.stderr);
  const got = standinValues(r.manifests, 'argo-cd');
  assert.is(got.configs.rbac['policy.csv'], 'g, {{ .Release.Name }}, role:admin\n');
  assert.not.match(r.stdout, /g, argocd, role:admin/);
});

t('gpg: public keys are passed through to configs.gpg.keys unchanged', () => {
  const out = render({ gpg: { keys: { '4AEE18F83AFDEB23': PUBLIC_KEY } } }, standalone);
  assert.equal(argo(out).configs.gpg, { keys: { '4AEE18F83AFDEB23': PUBLIC_KEY } });
  const got = upstreamReceived(out);
  assert.is(got.configs.gpg.keys['4AEE18F83AFDEB23'], PUBLIC_KEY);
});

t('gpg: key IDs and key blocks are checked (schema, Helm schema, validate)', () => {
  const check = (keys: Record<string, string>) => validate(deepMerge(feature.defaults, { gpg: { keys } }));
  assert.equal(check({ '4AEE18F83AFDEB23': PUBLIC_KEY }), []);
  assert.ok(check({ '4aee18f83afdeb23': PUBLIC_KEY }).length > 0, 'lower-case key id');
  assert.ok(check({ '4AEE18F8': PUBLIC_KEY }).length > 0, 'short key id');
  assert.ok(check({ '4AEE18F83AFDEB23': 'not a key' }).length > 0, 'not an armoured block');
  assert.ok(check({ '4AEE18F83AFDEB23': PUBLIC_KEY.replace(/PUBLIC/g, 'PRIVATE') }).length > 0, 'private key block');
  const sneaky = PUBLIC_KEY.replace('=Ab12', '-----BEGIN PGP PRIVATE KEY BLOCK-----\nxx\n-----END PGP PRIVATE KEY BLOCK-----\n=Ab12');
  assert.equal(check({ '4AEE18F83AFDEB23': sneaky }), [], 'the schema alone cannot see an embedded private block');
  assert.equal(feature.validate!(valuesWith({ gpg: { keys: { '4AEE18F83AFDEB23': sneaky } } }), standalone.platform), [
    { pointer: '/gpg/keys/4AEE18F83AFDEB23', message: 'contains a private key block: only ASCII-armoured public keys belong here (`gpg --export --armor <KEY>`)' },
  ]);
  const helmOk = template(render({}, standalone), [{ sccp: { gpg: { keys: { '4AEE18F83AFDEB23': PUBLIC_KEY } } } }]);
  assert.is(helmOk.status, 0, helmOk.stderr);
  const helmBad = template(render({}, standalone), [{ sccp: { gpg: { keys: { nothex: PUBLIC_KEY } } } }]);
  assert.is.not(helmBad.status, 0);
  assert.match(helmBad.stderr, /schema/i);
});

t('validate: disabling the admin user needs dex', () => {
  assert.equal(feature.validate!(valuesWith({ admin: { enabled: false } }), standalone.platform), [
    {
      pointer: '/admin/enabled',
      message: 'the local admin user is disabled and dex (SSO) is not enabled: nobody could log in to Argo CD; enable dex or keep admin enabled',
    },
  ]);
  assert.equal(feature.validate!(valuesWith({ admin: { enabled: false }, dex: { enabled: true } }), standalone.platform), []);
  assert.equal(feature.validate!(valuesWith({}), standalone.platform), []);
});

t('admin, dex, notifications switches reach the upstream chart', () => {
  const got = upstreamReceived(render({ admin: { enabled: false }, dex: { enabled: true }, notifications: { enabled: true } }, standalone));
  assert.is(got.configs.cm['admin.enabled'], false);
  assert.equal(got.dex, { enabled: true });
  assert.equal(got.notifications, { enabled: true });
});

t('placement and resources: global nodeSelector/tolerations, per-component resources', () => {
  const res = { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '1Gi' } };
  const out = render(
    {
      placement: { nodeSelector: { 'node-role.kubernetes.io/infra': 'true' }, tolerations: [{ key: 'infra', operator: 'Equal', value: 'yes', effect: 'NoSchedule' }] },
      resources: { controller: res, repoServer: { requests: { cpu: '100m' } }, redis: { limits: { memory: '128Mi' } } },
    },
    standalone,
  );
  const a = argo(out);
  assert.equal(a.global.nodeSelector, { 'node-role.kubernetes.io/infra': 'true' });
  assert.equal(a.global.tolerations, [{ key: 'infra', operator: 'Equal', value: 'yes', effect: 'NoSchedule' }]);
  assert.equal(a['redis-ha'], { enabled: false }, 'redis-ha tolerations only with ha');
  const got = upstreamReceived(out);
  assert.equal(got.controller.resources, res);
  assert.equal(got.repoServer.resources, { requests: { cpu: '100m' } });
  assert.equal(got.redis.resources, { limits: { memory: '128Mi' } });
  assert.is(got.server.resources, undefined);
  assert.is(got.applicationSet, undefined);
});

t.run();
