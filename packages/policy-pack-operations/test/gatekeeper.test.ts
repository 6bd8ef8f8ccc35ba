import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gatekeeperPolicies } from '@sccp/core';
import { fixtures, gatorVerify } from '@sccp/test-kit';
import pack, { parameters, PARAMETERS_SCHEMA } from '../src';
import { TEST_PARAMETERS } from './params';

const t = suite('operations pack on Gatekeeper');

t('gator verify: every fixture as expected, messages name the policy', () => {
  const r = gatorVerify(pack, { parameters: { ...TEST_PARAMETERS }, parametersSchema: PARAMETERS_SCHEMA });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.cases, fixtures(pack.packageDir).length);
});

t('gator verify with kubernetesVersion 1.36 as Constraint parameter: the deprecated MutatingAdmissionPolicy passes', () => {
  const r = gatorVerify(pack, {
    parameters: { ...parameters({ ...TEST_PARAMETERS, kubernetesVersion: '1.36' }) },
    parametersSchema: PARAMETERS_SCHEMA,
    expect: (f) => (f.file.endsWith('fail-deprecated-mutating-admission-policy.yaml') ? 'pass' : f.expect),
  });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

t('the Constraint matches the groups and kinds of the table, with the parameters schema', () => {
  const p = gatekeeperPolicies(pack, { parameters: { ...parameters() }, parametersSchema: PARAMETERS_SCHEMA }).find((x) => x.id === 'operations-api-versions')!;
  assert.is(p.constraint.kind, 'SccpOperationsApiVersions');
  assert.ok(p.constraint.spec.match.kinds.some((k: any) => k.apiGroups[0] === 'batch' && k.kinds.includes('CronJob')));
  assert.equal(p.template.spec.crd.spec.validation.openAPIV3Schema, PARAMETERS_SCHEMA);
  assert.is(p.constraint.spec.parameters.kubernetesVersion, '1.37');
});

t.run();
