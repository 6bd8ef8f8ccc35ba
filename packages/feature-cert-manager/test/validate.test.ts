import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_PLATFORM } from '@sccp/core';
import feature from '../src';
import { durationSeconds } from '../src/duration';
import { valuesWith } from './chart';

const problems = (over: Record<string, unknown>) => feature.validate!(valuesWith(over), DEFAULT_PLATFORM);
const pointers = (over: Record<string, unknown>) => problems(over).map((p) => p.pointer);

const t = suite('cert-manager validate');

t('defaults and the kind profile are valid', () => {
  assert.equal(problems({}), []);
  assert.equal(problems(feature.profiles!.kind as Record<string, unknown>), []);
});

t('ACME needs a contact email', () => {
  assert.equal(pointers({ issuer: 'acme' }), ['/acme/email']);
  assert.match(problems({ issuer: 'acme' })[0].message, /acme\.email/);
  assert.equal(problems({ issuer: 'acme', acme: { email: 'ops@example.com' } }), []);
  assert.equal(problems({ acme: { email: 'ops@example.com' } }), [], 'an email without ACME is harmless');
});

t('the root CA must outlive the longest leaf certificate', () => {
  assert.equal(pointers({ ca: { duration: '2160h' } }), ['/ca/duration']);
  assert.equal(pointers({ ca: { duration: '720h' } }), ['/ca/duration']);
  assert.equal(pointers({ ca: { duration: '2160h1s' } }), []);
  assert.equal(pointers({ maxCertificateDuration: '87600h' }), ['/ca/duration']);
});

t('durations shorter than one hour are refused (cert-manager will not issue them)', () => {
  assert.equal(pointers({ maxCertificateDuration: '30m' }), ['/maxCertificateDuration']);
  assert.equal(pointers({ maxCertificateDuration: '1h' }), []);
});

t('durationSeconds parses Go durations', () => {
  assert.is(durationSeconds('2160h'), 7776000);
  assert.is(durationSeconds('720h0m0s'), 2592000);
  assert.is(durationSeconds('90m'), 5400);
  assert.is(durationSeconds('1.5h'), 5400);
  assert.is(durationSeconds('1h30m15s'), 5415);
  assert.is(durationSeconds('90 days'), undefined);
  assert.is(durationSeconds('2160'), undefined);
  assert.is(durationSeconds(''), undefined);
});

t.run();
