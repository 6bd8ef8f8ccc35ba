import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gatekeeperPolicies } from '@sccp/core';
import { fixtures, gatorVerify } from '@sccp/test-kit';
import pack, { parameters } from '../src';
import { isWorkload, TEST_PARAMETERS } from './params';

const t = suite('trusted-execution pack on Gatekeeper');

t('gator verify (test parameters as Constraint parameters): every fixture as expected, messages name the policy', () => {
  const r = gatorVerify(pack, { parameters: { ...TEST_PARAMETERS } });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.cases, fixtures(pack.packageDir).length);
});

t('gator verify without parameters: no registry allowed, signed commits required', () => {
  const r = gatorVerify(pack, {
    policies: ['trusted-execution-allowed-registries', 'trusted-execution-appproject-signature-keys'],
    expect: (f) => (f.policy === 'trusted-execution-allowed-registries' && isWorkload(f.resource) ? 'fail' : f.expect),
  });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

t('gator verify with requireSignedCommits false', () => {
  const r = gatorVerify(pack, { policies: ['trusted-execution-appproject-signature-keys'], parameters: { ...parameters({ requireSignedCommits: false }) }, expect: () => 'pass' });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

t('constraints: kinds from METADATA, the parameters schema the Constraint CRD validates', () => {
  const all = gatekeeperPolicies(pack, { parameters: { ...TEST_PARAMETERS } });
  const sig = all.find((p) => p.id === 'trusted-execution-appproject-signature-keys')!;
  assert.equal(sig.constraint.spec.match.kinds, [{ apiGroups: ['argoproj.io'], kinds: ['AppProject'] }]);
  assert.equal(sig.template.spec.crd.spec.validation.openAPIV3Schema, {
    type: 'object',
    properties: { allowedRegistries: { type: 'array', items: { type: 'string' } }, requireSignedCommits: { type: 'boolean' } },
  });
  assert.equal(all.find((p) => p.id === 'trusted-execution-pinned-chart-versions')!.constraint.spec.match.kinds, [{ apiGroups: ['argoproj.io'], kinds: ['Application'] }]);
});

t.run();
