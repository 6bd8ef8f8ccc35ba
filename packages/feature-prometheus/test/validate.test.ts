import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValidator, DEFAULT_PLATFORM } from '@sccp/core';
import feature from '../src';
import { byteSizeBytes, quantityBytes } from '../src/validate';
import { valuesFor } from './contexts';

const problems = (over: unknown) => feature.validate!(valuesFor(over), DEFAULT_PLATFORM);
const schemaErrors = (over: unknown) => compileValidator(feature.bundledSchema)(valuesFor(over));

test('defaults and profiles have no semantic problems', () => {
  assert.equal(problems({}), []);
  for (const p of Object.keys(feature.profiles!)) assert.equal(feature.validate!(valuesFor({}, p as any), DEFAULT_PLATFORM), [], p);
});

test('reserved external label names are rejected with a reason', () => {
  const found = problems({ externalLabels: { cluster: 'x', prometheus: 'y', prometheus_replica: 'z', __meta: 'w', team: 'ok' } });
  assert.equal(found.map((p) => p.pointer), ['/externalLabels/cluster', '/externalLabels/prometheus', '/externalLabels/prometheus_replica', '/externalLabels/__meta']);
  assert.match(found[0].message, /platform sets it/);
  assert.match(found[1].message, /Prometheus Operator/);
});

test('retentionSize must stay below the volume size', () => {
  assert.equal(problems({ retentionSize: '40GiB' }), []);
  const found = problems({ retentionSize: '50GiB' });
  assert.equal(found.map((p) => p.pointer), ['/retentionSize']);
  assert.match(found[0].message, /smaller than storage.size 50Gi/);
  assert.equal(problems({ retentionSize: '4GB', storage: { size: '5Gi' } }), []);
  assert.equal(problems({ retentionSize: '6GB', storage: { size: '5Gi' } }).length, 1);
});

test('byte sizes and quantities', () => {
  assert.is(quantityBytes('50Gi'), 50 * 2 ** 30);
  assert.is(quantityBytes('500M'), 5e8);
  assert.is(quantityBytes('1e9'), 1e9);
  assert.is(quantityBytes('bad'), undefined);
  assert.is(byteSizeBytes('40GiB'), 40 * 2 ** 30);
  assert.is(byteSizeBytes('40GB'), 40 * 2 ** 30);
  assert.is(byteSizeBytes('512MB'), 512 * 2 ** 20);
  assert.is(byteSizeBytes('1.5TB'), 1.5 * 2 ** 40);
  assert.is(byteSizeBytes('0'), 0);
  assert.is(byteSizeBytes('40G'), undefined);
});

test('schema: durations, byte sizes, label names and values, replicas', () => {
  assert.equal(schemaErrors({ retention: '1w2d', retentionSize: '10GiB' }), []);
  assert.ok(schemaErrors({ retention: '15 days' }).length > 0, 'retention must be a Prometheus duration');
  assert.ok(schemaErrors({ retention: '' }).length > 0, 'retention cannot be empty');
  assert.ok(schemaErrors({ retentionSize: '10Gi' }).length > 0, 'retentionSize needs the B unit');
  assert.ok(schemaErrors({ externalLabels: { 'bad-name': 'x' } }).length > 0, 'label names are [a-zA-Z_][a-zA-Z0-9_]*');
  assert.ok(schemaErrors({ externalLabels: { ok: 'line\nbreak' } }).length > 0, 'no control characters in label values');
  assert.ok(schemaErrors({ externalLabels: { ok: '' } }).length > 0, 'no empty label values');
  assert.ok(schemaErrors({ replicas: 0 }).length > 0);
  assert.ok(schemaErrors({ alertmanager: { replicas: 0 } }).length > 0);
  assert.ok(schemaErrors({ storage: { size: 'lots' } }).length > 0);
  assert.ok(schemaErrors({ ingress: { host: 'Not A Host' } }).length > 0);
  assert.ok(schemaErrors({ unknown: true }).length > 0);
});

test.run();
