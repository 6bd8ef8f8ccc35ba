// The test API server (src/kube-api.ts): etcd and kube-apiserver built from tools/etcd and
// tools/kube-apiserver, discovery, server-side apply with strict validation, CRDs, and cleanup.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { repoRoot, startKubeApiServer, type ApiObject, type KubeApi } from '../src';

/** The Kubernetes release pinned by tools/kube-apiserver/go.mod. */
const pinned = /^\s*k8s\.io\/kubernetes\s+(v\S+)/m.exec(fs.readFileSync(path.join(repoRoot(), 'tools', 'kube-apiserver', 'go.mod'), 'utf8'))![1];

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const t = suite('kube-api: a real kube-apiserver on 127.0.0.1');

// Started by the first test, not in t.before: uvu 0.5 drops an error thrown by a before hook (the
// suite then passes 0 of 8 and exits 0). This way a missing engine fails every test with
// `engine "etcd" is not built: run \`npm run engines\``, in CI and locally alike: never skipped.
let started: Promise<KubeApi> | undefined;
const server = () => (started ??= startKubeApiServer());

t.after(async () => {
  await (await started?.catch(() => undefined))?.stop();
});

t('the server reports the pinned Kubernetes version, with the generated CA and the token', async () => {
  const kube = await server();
  assert.is(kube.version.gitVersion, pinned);
  assert.is(`v${kube.version.major}.${kube.version.minor}`, pinned.split('.').slice(0, 2).join('.'));
  assert.match(kube.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(fs.existsSync(kube.caFile) && fs.existsSync(kube.kubeconfig));
  assert.match(fs.readFileSync(kube.kubeconfig, 'utf8'), kube.url);
  const me = await kube.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  assert.is(me.status, 201, me.body);
  assert.is(me.json.status.userInfo.username, 'sccp-admin');
  assert.ok(me.json.status.userInfo.groups.includes('system:masters'));
  // no token: RBAC refuses the anonymous user
  const anon = await kube.request('GET', '/api/v1/namespaces', undefined, { authorization: '' });
  assert.is(anon.status, 403, anon.body);
});

t('discovery maps each kind to its resource and scope', async () => {
  const kube = await server();
  const d = await kube.discovery();
  assert.equal({ ...d.get('apps/v1/Deployment'), verbs: undefined }, { apiVersion: 'apps/v1', group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespaced: true, verbs: undefined });
  assert.is(d.get('v1/Namespace')?.namespaced, false);
  assert.is(d.get('v1/ConfigMap')?.resource, 'configmaps');
  assert.is(d.get('rbac.authorization.k8s.io/v1/ClusterRole')?.namespaced, false);
});

t('a valid ConfigMap applies with a dry run, and is not stored', async () => {
  const kube = await server();
  const cm: ApiObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } };
  const r = await kube.apply(cm, { dryRun: true, fieldManager: 'sccp' });
  assert.ok(r.ok, r.message);
  assert.equal(r.warnings, []);
  assert.equal((r.object as any).data, { a: '1' });
  assert.is(await kube.get('v1', 'ConfigMap', 'settings', 'default'), undefined);
});

t('an unknown field is rejected, and the message names it', async () => {
  const kube = await server();
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' }, spec: { replicas: 2 } };
  const r = await kube.apply(cm, { dryRun: true });
  assert.not.ok(r.ok);
  // 500, not 400: kubernetes/kubernetes#122480 and #139253 (server-side apply's schema errors are
  // not typed as BadRequest). Expect 400 once a pinned release has the fix.
  assert.is(r.status, 500, r.message);
  assert.match(r.message, /\.spec: field not declared in schema/);
  // inside a Deployment's pod template
  const dep = deployment();
  (dep as any).spec.template.spec.containers[0].imagePullPolicyy = 'Always';
  const d = await kube.apply(dep, { dryRun: true });
  assert.not.ok(d.ok);
  assert.match(d.message, /\.spec\.template\.spec\.containers\[name="app"\]\.imagePullPolicyy: field not declared in schema/);
});

t('a Deployment with a field of the wrong type is rejected', async () => {
  const kube = await server();
  const ok = await kube.apply(deployment(), { dryRun: true });
  assert.ok(ok.ok, ok.message);
  const dep = deployment();
  (dep as any).spec.replicas = 'three';
  const r = await kube.apply(dep, { dryRun: true });
  assert.not.ok(r.ok);
  assert.match(r.message, /\.spec\.replicas: expected numeric \(int or float\), got string/);
  // a semantic error (validation, not schema): the field is named too
  const bad = deployment();
  (bad as any).spec.selector.matchLabels.app = 'other';
  const v = await kube.apply(bad, { dryRun: true });
  assert.is(v.status, 422, v.message);
  assert.match(v.message, /spec\.template\.metadata\.labels: Invalid value/);
});

t('a CRD created for real becomes Established and served, and a custom resource applies', async () => {
  const kube = await server();
  const r = await kube.createCrd(widgetCrd());
  assert.ok(r.ok, r.message);
  const d = await kube.discovery();
  assert.is(d.get('example.sccp.dev/v1/Widget')?.resource, 'widgets');
  assert.is(d.get('example.sccp.dev/v1beta1/Widget')?.namespaced, true);
  await kube.ensureNamespace('team-a');
  const w = await kube.apply({ apiVersion: 'example.sccp.dev/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'team-a' }, spec: { size: 3 } }, { dryRun: true });
  assert.ok(w.ok, w.message);
  const bad = await kube.apply({ apiVersion: 'example.sccp.dev/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'team-a' }, spec: { size: 3, colour: 'red' } }, { dryRun: true });
  assert.not.ok(bad.ok);
  assert.match(bad.message, /\.spec\.colour: field not declared in schema/);
  // the CRD's schema is enforced too
  const big = await kube.apply({ apiVersion: 'example.sccp.dev/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'team-a' }, spec: { size: 30 } }, { dryRun: true });
  assert.is(big.status, 422, big.message);
  assert.match(big.message, /spec\.size: Invalid value: 30: spec\.size in body should be less than or equal to 10/);
});

t('a removed API (apps/v1beta1) is reported as unknown; a deprecated API version and a deprecated field as warnings', async () => {
  const kube = await server();
  const dep = { ...deployment(), apiVersion: 'apps/v1beta1' };
  const r = await kube.apply(dep, { dryRun: true });
  assert.not.ok(r.ok);
  assert.is(r.status, 404);
  assert.is(r.reason, 'NotFound');
  assert.match(r.message, /no resource for apiVersion apps\/v1beta1 kind Deployment \(apps is served in v1\)/);
  const psp = await kube.apply({ apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', metadata: { name: 'p' } }, { dryRun: true });
  assert.is(psp.status, 404, psp.message);
  // the Widget CRD (previous test) serves v1beta1 as deprecated: the server answers with a Warning header
  const old = await kube.apply({ apiVersion: 'example.sccp.dev/v1beta1', kind: 'Widget', metadata: { name: 'w1', namespace: 'team-a' }, spec: { size: 1 } }, { dryRun: true });
  assert.ok(old.ok, old.message);
  assert.equal(old.warnings, ['example.sccp.dev/v1beta1 Widget is deprecated; use example.sccp.dev/v1 Widget']);
  // a field that no longer does anything
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } }, spec: { containers: [{ name: 'c', image: 'registry.example.com/app:1.0.0' }] } };
  const w = await kube.apply(pod, { dryRun: true });
  assert.ok(w.ok, w.message);
  assert.ok(w.warnings.some((x) => /^metadata\.annotations\[seccomp\.security\.alpha\.kubernetes\.io\/pod\]: non-functional/.test(x)), JSON.stringify(w.warnings));
});

t('stop() ends etcd, kube-apiserver and the watchdog and removes the temp dir', async () => {
  const kube = await server();
  const { pids, dir } = kube;
  assert.ok(alive(pids.etcd) && alive(pids.apiServer) && alive(pids.watchdog));
  await kube.stop();
  await kube.stop(); // idempotent
  await new Promise((r) => setTimeout(r, 100)); // the watchdog is not our child: let the kernel reap it
  for (const [name, pid] of Object.entries(pids)) assert.not.ok(alive(pid), `${name} (pid ${pid}) still runs`);
  assert.not.ok(fs.existsSync(dir), `${dir} still exists`);
});

t.run();

function deployment(): ApiObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'app', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'app' } },
      template: { metadata: { labels: { app: 'app' } }, spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0.0' }] } },
    },
  };
}

function widgetCrd(): ApiObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.sccp.dev' },
    spec: {
      group: 'example.sccp.dev',
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: ['v1', 'v1beta1'].map((name) => ({
        name,
        served: true,
        storage: name === 'v1',
        ...(name === 'v1beta1' ? { deprecated: true } : {}),
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer', maximum: 10 } } } } } },
      })),
    },
  };
}
