// The table against the real API server (the kube-apiserver release tools/kube-apiserver pins):
// what the policy calls removed is not served, what it calls deprecated is served with the API
// server's own deprecation warning, and what it lets through is served without one.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtures, startKubeApiServer, type KubeApi } from '@sccp/test-kit';
import pack, { PARAMETER_DEFAULTS } from '../src';
import { upstreamLifecycle } from './lifecycle';

const t = suite('operations pack against kube-apiserver');
const table = upstreamLifecycle();
const minor = Number(PARAMETER_DEFAULTS.kubernetesVersion.split('.')[1]);
let kube: KubeApi | undefined;

t.before(async () => {
  // every alpha and beta API version the release still has, so that the deprecated ones are served
  kube = await startKubeApiServer({ lifetimeSeconds: 600, apiServerArgs: ['--runtime-config=api/all=true'] });
});
t.after(async () => {
  await kube?.stop();
});

t('the server is the release whose minor version is the pack\'s default', () => {
  assert.is(kube!.version.minor, String(minor));
});

t('no API version the table calls removed by the default version is served, and the others are', async () => {
  const served = await kube!.discovery({ refresh: true });
  const removed = Object.keys(table).filter((k) => table[k].removed <= minor);
  assert.ok(removed.length > 40, `${removed.length} removed`);
  assert.equal(removed.filter((k) => served.has(k)), [], 'served although removed');
  // every served row is one the table keeps (removed later): the API server agrees on both sides
  const stillServed = Object.keys(table).filter((k) => served.has(k));
  assert.ok(stillServed.length > 10, `${stillServed.length} still served`);
  for (const k of stillServed) assert.ok(table[k].removed > minor, k);
});

t('the fixtures: removed versions are not found, the deprecated one draws the API server\'s deprecation warning, every other one applies without one', async () => {
  for (const ns of new Set(fixtures(pack.packageDir).map((f) => f.resource.metadata?.namespace).filter(Boolean))) await kube!.ensureNamespace(ns);
  for (const f of fixtures(pack.packageDir)) {
    const r = await kube!.apply(f.resource, { dryRun: true, fieldManager: 'sccp' });
    const file = f.file.split('/').pop()!;
    const deprecation = r.warnings.filter((w) => /deprecated/.test(w));
    if (file.startsWith('fail-removed-')) {
      assert.is(r.status, 404, `${file}: ${r.status} ${r.message}`);
    } else if (file.startsWith('fail-deprecated-')) {
      assert.equal(deprecation, [`${f.resource.apiVersion} ${f.resource.kind} is deprecated in v1.37+, unavailable in v1.40+; use ${table[`${f.resource.apiVersion}/${f.resource.kind}`].replacement}`], `${file}: ${r.status} ${r.message}`);
    } else if (!file.startsWith('pass-other-group-')) {
      // a valid object the API server takes as it is (the policies judge what Kubernetes allows)
      assert.ok(r.ok, `${file}: ${r.status} ${r.message}`);
      assert.equal(deprecation, [], file);
    }
  }
});

t.run();
