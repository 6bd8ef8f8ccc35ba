// Real Argo CD (application controller + repo server built from source) syncs a Git repository
// served on 127.0.0.1 into a test API server: Synced/Healthy, then self-heal of a manual edit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startArgoCd, syncAndHealth, type ArgoCd, type KubeObject } from '../src/argocd';
import { waitFor } from '../src/processes';
import { startKubeApiServer } from '../src/kube-api';

// the whole file is bounded: past this, fail (the exit handlers stop every process)
const watchdog = setTimeout(() => {
  console.error('argocd.test.ts: over 240 s, giving up');
  process.exit(1);
}, 240_000);
watchdog.unref();

let kube: Awaited<ReturnType<typeof startKubeApiServer>> | undefined;
let argo: ArgoCd | undefined;

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: demo-settings
data:
  greeting: hello
`;
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo
spec:
  replicas: 1
  selector:
    matchLabels: { app: demo }
  template:
    metadata:
      labels: { app: demo }
    spec:
      containers:
        - name: demo
          image: registry.invalid/demo:1.0.0
`;

test.before(async () => {
  kube = await startKubeApiServer();
  argo = await startArgoCd(kube);
});

test.after(async () => {
  await argo?.stop();
  await kube?.stop();
});

test('Argo CD syncs a plain directory (a ConfigMap and a Deployment) to Synced and Healthy', async () => {
  const sha = argo!.commit('demo', { 'app/configmap.yaml': configMap, 'app/deployment.yaml': deployment }, { message: 'demo app' });
  const application: KubeObject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'demo', namespace: argo!.namespace },
    spec: {
      project: 'default',
      source: { repoURL: argo!.git.repoUrl('demo'), targetRevision: 'main', path: 'app' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'demo' },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    },
  };
  await kube!.applyAll([application]);
  const app = await argo!.waitForApplication('demo', (a) => {
    const s = syncAndHealth(a);
    return s.sync === 'Synced' && s.health === 'Healthy' && s.revision === sha;
  }, `Synced and Healthy at ${sha}`, 120_000);
  // per-resource health is not in status.resources (Argo CD 3 keeps it in redis unless
  // controller.resource.health.persist); the Application's health covers the Deployment's
  const resources = ((app.status as { resources?: { kind: string; name: string; status?: string }[] }).resources ?? []).map((r) => `${r.kind}/${r.name} ${r.status}`);
  assert.equal(resources.sort(), ['ConfigMap/demo-settings Synced', 'Deployment/demo Synced']);
  const cm = (await kube!.get('v1', 'ConfigMap', 'demo-settings', 'demo')) as { data?: Record<string, string>; metadata: { annotations?: Record<string, string> } };
  assert.is(cm.data?.greeting, 'hello');
  // Argo CD 3 tracks what it applied by annotation (application.resourceTrackingMethod defaults to annotation)
  assert.is(cm.metadata.annotations?.['argocd.argoproj.io/tracking-id'], 'demo:/ConfigMap:demo/demo-settings');
  const dep = (await kube!.get('apps/v1', 'Deployment', 'demo', 'demo')) as { status?: { availableReplicas?: number } };
  assert.is(dep.status?.availableReplicas, 1, 'the Pod runs on the kwok node and is Ready');
});

test('self-heal reverts a manual edit of a synced object', async () => {
  await kube!.patch('v1', 'ConfigMap', 'demo-settings', 'demo', { data: { greeting: 'edited by hand' } });
  await waitFor('Argo CD to restore demo-settings', async () => {
    const cm = (await kube!.get('v1', 'ConfigMap', 'demo-settings', 'demo')) as { data?: Record<string, string> } | undefined;
    return cm?.data?.greeting === 'hello' ? true : undefined;
  }, { timeoutMs: 60_000, intervalMs: 500, describe: async () => `${JSON.stringify((await argo!.application('demo'))?.status ?? null, null, 1)}\n${argo!.logs(20)}` });
  const app = await argo!.waitForApplication('demo', (a) => syncAndHealth(a).sync === 'Synced', 'Synced again', 60_000);
  const op = (app.status as { operationState?: { phase?: string; operation?: { initiatedBy?: { automated?: boolean } } } }).operationState;
  assert.is(op?.phase, 'Succeeded');
  assert.is(op?.operation?.initiatedBy?.automated, true, 'the revert is an automated sync (self-heal)');
});

test.run();
