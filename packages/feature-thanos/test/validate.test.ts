import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValidator, DEFAULT_PLATFORM } from '@sccp/core';
import feature from '../src';
import { durationMs } from '../src/validate';
import { valuesFor } from './chart';

const problems = (over: unknown) => feature.validate!(valuesFor(over), DEFAULT_PLATFORM);
const schemaErrors = (over: unknown) => compileValidator(feature.bundledSchema)(valuesFor(over, undefined, false));

test('defaults and every profile have no semantic problems', () => {
  assert.equal(problems({}), []);
  for (const p of Object.keys(feature.profiles!)) assert.equal(feature.validate!(valuesFor({}, p as any), DEFAULT_PLATFORM), [], p);
});

test('retention the compactor refuses at start-up: raw below 40h, 5m below 10d (0d means forever)', () => {
  const raw = problems({ compactor: { retention: { raw: '39h' } } });
  assert.equal(raw.map((p) => p.pointer), ['/compactor/retention/raw']);
  assert.match(raw[0].message, /below 40h: the compactor refuses to start/);
  assert.equal(problems({ compactor: { retention: { raw: '40h' } } }), []);
  assert.equal(problems({ compactor: { retention: { raw: '1d16h' } } }), [], '1d16h is 40h');
  const five = problems({ compactor: { retention: { fiveMinutes: '9d23h' } } });
  assert.equal(five.map((p) => p.pointer), ['/compactor/retention/fiveMinutes']);
  assert.equal(problems({ compactor: { retention: { fiveMinutes: '10d', raw: '0d', oneHour: '0' } } }), []);
  assert.equal(problems({ compactor: { retention: { raw: '0', fiveMinutes: '0d' } } }), [], 'forever is allowed');
});

test('the key of an existing Secret must be a valid Secret data key', () => {
  assert.equal(problems({ objstore: { existingSecret: { name: 's3', key: 'objstore.yml' } } }), []);
  assert.equal(problems({ objstore: { existingSecret: { name: 's3' } } }), []);
  const bad = problems({ objstore: { existingSecret: { name: 's3', key: 'objstore yml' } } });
  assert.equal(bad.map((p) => p.pointer), ['/objstore/existingSecret/key']);
});

test('Prometheus durations', () => {
  assert.is(durationMs('0'), 0);
  assert.is(durationMs('0d'), 0);
  assert.is(durationMs('40h'), 40 * 3600e3);
  assert.is(durationMs('1y2w'), 365 * 86400e3 + 14 * 86400e3);
  assert.is(durationMs('1d16h'), 40 * 3600e3);
  assert.is(durationMs('90m30s'), 90 * 60e3 + 30e3);
  assert.is(durationMs('500ms'), 500);
  assert.is(durationMs('2 days'), undefined);
  assert.is(durationMs('h'), undefined);
  assert.is(durationMs(''), undefined);
});

test('schema: durations, replicas, Secret name, unknown keys', () => {
  assert.equal(schemaErrors({ compactor: { retention: { raw: '1y2w', fiveMinutes: '0', oneHour: '0d' } } }), []);
  assert.ok(schemaErrors({ compactor: { retention: { raw: '30 days' } } }).length > 0);
  assert.ok(schemaErrors({ compactor: { retention: { raw: '' } } }).length > 0);
  assert.ok(schemaErrors({ compactor: { retention: { raw: '30D' } } }).length > 0);
  assert.ok(schemaErrors({ query: { replicas: 0 } }).length > 0);
  assert.ok(schemaErrors({ storeGateway: { replicas: 11 } }).length > 0);
  assert.ok(schemaErrors({ compactor: { replicas: 2 } }).length > 0, 'the compactor has no replicas setting');
  assert.ok(schemaErrors({ objstore: { existingSecret: { key: 'objstore.yml' } } }).length > 0, 'a Secret reference needs a name');
  assert.ok(schemaErrors({ objstore: { existingSecret: { name: 'Not_A_Name' } } }).length > 0);
  assert.ok(schemaErrors({ objstore: { bucket: 'x' } }).length > 0);
  assert.ok(schemaErrors({ storeGateway: { persistence: { size: 'lots' } } }).length > 0);
  assert.ok(schemaErrors({ query: { ingress: { host: 'Not A Host' } } }).length > 0);
});

test.run();
