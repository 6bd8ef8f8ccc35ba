import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { constraintTemplateFor, gatekeeperPolicies } from '@sccp/core';
import { fixtures, gatorVerify } from '@sccp/test-kit';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pack, { parameters, PARAMETERS_SCHEMA } from '../src';
import { expectAtBaseline, LEVEL_DEPENDENT } from './levels';

const t = suite('baseline pack on Gatekeeper');

t('gator verify: every converted policy admits its pass fixtures and denies its fail fixtures, naming the policy', () => {
  const r = gatorVerify(pack);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.cases, fixtures(pack.packageDir).length);
  assert.match(r.stdout, /^ok\s/m);
});

t('gator verify with parameters: platformNamespaces ["shop"] flips baseline-no-host-access', () => {
  const r = gatorVerify(pack, {
    policies: ['baseline-no-host-access'],
    parameters: { ...parameters({ platformNamespaces: ['shop'] }) },
    expect: (f) => (f.resource.metadata.namespace === 'shop' ? 'pass' : 'fail'),
  });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.cases, 6);
});

t('gator verify at level baseline: the restricted checks deny nothing, the baseline variants deny what they should', () => {
  const r = gatorVerify(pack, { policies: LEVEL_DEPENDENT, parameters: { ...parameters({ level: 'baseline' }) }, expect: expectAtBaseline });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.cases, fixtures(pack.packageDir).filter((f) => LEVEL_DEPENDENT.includes(f.policy)).length);
});

t('gator verify with namespaceLevels {shop: baseline} under level restricted: the fixtures in shop are evaluated at baseline', () => {
  const r = gatorVerify(pack, {
    policies: LEVEL_DEPENDENT,
    parameters: { ...parameters({ level: 'restricted', namespaceLevels: { shop: 'baseline' } }) },
    parametersSchema: PARAMETERS_SCHEMA,
    expect: expectAtBaseline,
  });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.cases, fixtures(pack.packageDir).filter((f) => LEVEL_DEPENDENT.includes(f.policy)).length);
});

t('templates and constraints: names, kinds from METADATA, dryrun by default, parameters schema', () => {
  const all = gatekeeperPolicies(pack, { parameters: { ...parameters() }, parametersSchema: PARAMETERS_SCHEMA });
  assert.equal(all.map((p) => p.id), pack.policies.rego.map((f) => path.basename(f, '.rego')));
  const p = all.find((x) => x.id === 'baseline-no-host-access')!;
  assert.is(p.template.metadata.name, 'sccpbaselinenohostaccess');
  assert.is(p.template.spec.crd.spec.names.kind, 'SccpBaselineNoHostAccess');
  assert.is(p.template.metadata.annotations['metadata.gatekeeper.sh/title'], 'No host namespaces or hostPath volumes outside platform namespaces');
  assert.equal(p.template.spec.crd.spec.validation.openAPIV3Schema, {
    type: 'object',
    properties: {
      level: { type: 'string', enum: ['baseline', 'restricted'] },
      namespaceLevels: { type: 'object', additionalProperties: { type: 'string', enum: ['baseline', 'restricted'] } },
      platformNamespaces: { type: 'array', items: { type: 'string' } },
    },
  });
  assert.is(p.constraint.kind, 'SccpBaselineNoHostAccess');
  assert.is(p.constraint.metadata.name, 'baseline-no-host-access');
  assert.is(p.constraint.spec.enforcementAction, 'dryrun');
  assert.equal(p.constraint.spec.match.kinds, [
    { apiGroups: [''], kinds: ['Pod', 'ReplicationController'] },
    { apiGroups: ['apps'], kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'] },
    { apiGroups: ['batch'], kinds: ['Job', 'CronJob'] },
  ]);
  assert.equal(p.constraint.spec.parameters.platformNamespaces, parameters().platformNamespaces);
  const source = p.template.spec.targets[0].code[0].source;
  assert.is(source.version, 'v1');
  assert.match(source.libs[0], /^package lib\.sccp\.baseline_no_host_access$/m);
  assert.match(source.libs[0], /ns := data\.lib\.sccp_parameters\.platformNamespaces/);
  assert.not.match(source.libs[0], /data\.parameters/);
  assert.match(source.rego, /violation contains \{"msg": msg\} if \{/);
});

t('enforcementAction deny and extra match (excluded namespaces) for the lead', () => {
  const rego = fs.readFileSync(path.join(pack.packageDir, 'policies/rego/baseline-no-privileged.rego'), 'utf8');
  const p = constraintTemplateFor('baseline-no-privileged', rego, { enforcementAction: 'deny', match: { excludedNamespaces: ['kube-system'] } });
  assert.is(p.constraint.spec.enforcementAction, 'deny');
  assert.equal(p.constraint.spec.match.excludedNamespaces, ['kube-system']);
  assert.is(p.constraint.spec.match.kinds.length, 3, 'kinds still from METADATA');
  assert.not.ok('parameters' in p.constraint.spec);
  assert.equal(p.template.spec.crd.spec.validation.openAPIV3Schema, { type: 'object' });
});

t.run();
