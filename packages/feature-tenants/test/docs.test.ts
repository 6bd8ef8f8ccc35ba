// docs/tenants.md stays true: its platform.yaml blocks validate and render, and the Yggdrasil-style
// "after" entry produces what the illustrative "before" files declare.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import feature from '../src';
import { manifests } from './helpers';
import { wired } from './contexts';

const DOC = path.join(feature.packageDir, '..', '..', 'docs', 'tenants.md');
const blocks = [...fs.readFileSync(DOC, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
const platformBlocks = blocks.filter((b) => b.startsWith('features:')).map((b) => parse(b).features.tenants.values);
const docsOf = (kind: string) => blocks.filter((b) => b.includes(`kind: ${kind}`)).flatMap((b) => parseAllDocuments(b).map((d) => d.toJS()));
const before = {
  config: parse(blocks.find((b) => b.startsWith('name: checkout'))!),
  project: docsOf('AppProject')[0],
  policies: docsOf('NetworkPolicy'),
  quota: docsOf('ResourceQuota')[0],
};
const after = () => manifests(platformBlocks[1], wired);

const t = suite('docs/tenants.md');

t('has the ready-to-paste block and the Yggdrasil "after" block, both valid (schema and validate()) and renderable', () => {
  assert.is(platformBlocks.length, 2);
  for (const v of platformBlocks) assert.ok(Object.keys(manifests(v, wired)).length > 0);
  assert.equal(platformBlocks[0].tenants.map((x: any) => x.name), ['shop', 'checkout']);
  assert.equal(platformBlocks[1].tenants.map((x: any) => x.name), ['checkout']);
});

t('after: the ResourceQuota holds the Yggdrasil quota (plus services.nodeports), in every namespace', () => {
  const quotas = after()['checkout/resource-quota.yaml'];
  assert.equal(quotas.map((q) => q.metadata.namespace), before.config.namespaces);
  for (const q of quotas) assert.equal(q.spec.hard, { ...before.quota.spec.hard, 'services.nodeports': '0' });
});

t('after: every Yggdrasil NetworkPolicy has a generated one with the same spec', () => {
  const generated = after()['checkout/network-policy.yaml'].filter((p) => p.metadata.namespace === 'checkout');
  assert.is(before.policies.length, 5);
  for (const p of before.policies) {
    assert.ok(generated.some((g) => JSON.stringify(sorted(g.spec)) === JSON.stringify(sorted(p.spec))), `${p.metadata.name}: no generated policy with spec ${JSON.stringify(p.spec)}`);
  }
});

t('after: the AppProject has the Yggdrasil description, sources, destinations, cluster kinds and role groups', () => {
  const [p] = after()['checkout/project.yaml'];
  for (const key of ['description', 'sourceRepos', 'destinations', 'clusterResourceWhitelist']) assert.equal(p.spec[key], before.project.spec[key], key);
  assert.equal(p.spec.roles[0].groups, before.project.spec.roles[0].groups);
  assert.ok(p.spec.roles[0].policies.includes(before.project.spec.roles[0].policies[0].replace(':developers,', ':owners,')));
});

t('after: the Application deploys the Yggdrasil repository, folder, branch and values files; owners match config.yaml', () => {
  const f = after();
  const [app] = f['checkout/application.yaml'];
  const repo = before.config.repo;
  assert.equal(app.spec.source, { repoURL: repo.url, path: repo.path, targetRevision: repo.branch, helm: { valueFiles: repo.helm.valueFiles } });
  const subjects = f['checkout/rbac.yaml'][0].subjects.map((s: any) => ({ [s.kind.toLowerCase()]: s.name }));
  assert.equal(subjects, before.config.owners);
});

function sorted(v: any): any {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]));
  return v;
}

t.run();
