import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { CONTRACT_VERSION, UserError, formatDiagnostic, parseYamlSource } from '@sccp/core';
import { Registry, composeSchema, planPlatform, renderPlatform, resolvePlatform } from '../src';
import { fakeFeatures } from './fixtures/features';

const registry = new Registry(fakeFeatures());
const doc = (features: string) => `apiVersion: sccp.dev/v1alpha1
kind: Platform
name: t
domain: t.example.com
repository:
  url: https://git.example.com/t.git
features:
${features}`;
const plan = (yaml: string) => planPlatform(resolvePlatform(parseYamlSource(yaml, 'p.yaml'), registry));
const errors = (yaml: string) => {
  try {
    plan(yaml);
  } catch (e) {
    if (e instanceof UserError) return e.diagnostics.map(formatDiagnostic);
    throw e;
  }
  throw new Error('expected errors');
};

test('sync waves follow the dependency graph, optional dependencies only when enabled', () => {
  const p = plan(doc('  storage: {}\n  logs: {}\n  dash: {}\n'));
  assert.equal(p.features.map((f) => [f.feature.name, f.wave, f.after]), [
    ['storage', 0, []],
    ['logs', 10, ['storage']],
    ['dash', 20, ['logs', 'storage']],
  ]);
});

test('capabilities reach dependants through the render context', () => {
  const { tree } = renderPlatform(plan(doc('  storage: {}\n  logs: {}\n  dash: {}\n')));
  assert.equal(parse(tree.get('charts/logs/values.yaml')!).logstore, { storageClass: 'fast' });
  assert.equal(parse(tree.get('charts/dash/values.yaml')!).datasources, ['http://logs.logs:3100']);
  const app = parse(tree.get('apps/dash.yaml')!);
  assert.is(app.metadata.annotations['argocd.argoproj.io/sync-wave'], '20');
  assert.ok(app.spec.syncPolicy.syncOptions.includes('ServerSideApply=true'));
});

test('profile capabilities apply when no feature provides them', () => {
  const p = plan(doc('  storage: {enabled: false}\n').replace('domain:', 'profile: kind\ndomain:'));
  assert.equal(p.provides.storage, { block: 'standard' });
  assert.equal(p.spec.disabled, ['storage']);
});

test('a required dependency that is not enabled names both features', () => {
  assert.equal(errors(doc('  logs: {}\n')), [
    'p.yaml:8:3 /features/logs: feature "logs" requires feature "storage", which is not enabled (features.storage is missing); enable storage or disable logs',
  ]);
  assert.match(errors(doc('  storage: {enabled: false}\n  logs: {}\n')).join('\n'), /features\.storage has enabled: false/);
});

test('unknown feature with suggestion', () => {
  assert.equal(errors(doc('  storag: {}\n')), ['p.yaml:8:3 /features/storag: unknown key "storag"; expected one of: dash, logs, storage (did you mean "storage"?)']);
});

test('feature values are validated at their position', () => {
  assert.equal(errors(doc('  storage:\n    values:\n      size: huge\n')), [
    'p.yaml:10:13 /features/storage/values/size: expected a Kubernetes quantity such as 500m, 2, 512Mi or 20Gi, got "huge"',
  ]);
});

test('the composed schema nests every feature schema under features.<name>.values', () => {
  const s = composeSchema(registry.list());
  assert.equal(Object.keys(s.properties.features.properties), ['dash', 'logs', 'storage']);
  assert.is(s.properties.features.properties.storage.properties.values.properties.size.$ref, '#/$defs/quantity');
  assert.ok(s.$defs.quantity);
});

test('a feature built for another contract version is refused', () => {
  const [storage] = fakeFeatures();
  assert.throws(() => new Registry([{ ...storage, contract: CONTRACT_VERSION + 1 }]), /implements feature contract 2; this sccp supports contract 1/);
});

test.run();
