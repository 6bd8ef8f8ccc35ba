import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { differential, differentialSuite, fixtures, withoutKyvernoPrefix } from '@sccp/test-kit';
import feature, { REASON_ANNOTATION } from '../src';

const ID = 'kyverno-exception-has-reason';
const policyFile = path.join(feature.packageDir, 'policies', 'kyverno', `${ID}.yaml`);

const t = suite('kyverno policies');

t('the policy ships for both engines', () => {
  assert.equal(feature.policies.kyverno, [`policies/kyverno/${ID}.yaml`]);
  assert.equal(feature.policies.rego, [`policies/rego/${ID}.rego`]);
});

t('ClusterPolicy conventions: name, annotations, background, Audit per rule, messages name the policy', () => {
  const p = parse(fs.readFileSync(policyFile, 'utf8'));
  assert.is(p.apiVersion, 'kyverno.io/v1');
  assert.is(p.kind, 'ClusterPolicy');
  assert.is(p.metadata.name, ID);
  for (const a of ['title', 'category', 'severity', 'description']) assert.ok(p.metadata.annotations[`policies.kyverno.io/${a}`], a);
  assert.is(p.spec.background, true);
  assert.not.ok('validationFailureAction' in p.spec);
  assert.equal(p.spec.rules.map((r: any) => r.name), ['exception-in-kyverno-namespace', 'exception-has-reason']);
  for (const r of p.spec.rules) {
    assert.is(r.validate.failureAction, 'Audit', r.name);
    assert.match(r.validate.message, new RegExp(`^${ID}: `), r.name);
    assert.equal(r.match.any[0].resources.kinds, ['kyverno.io/v2/PolicyException', 'kyverno.io/v2beta1/PolicyException'], r.name);
  }
});

t('the policy checks the feature namespace and the reason annotation the code names', () => {
  const text = fs.readFileSync(policyFile, 'utf8');
  const rego = fs.readFileSync(path.join(feature.packageDir, 'policies', 'rego', `${ID}.rego`), 'utf8');
  const p = parse(text);
  assert.is(p.spec.rules[0].validate.deny.conditions.any[0].value, feature.namespace);
  assert.ok(p.spec.rules[1].validate.deny.conditions.any[0].key.includes(`"${REASON_ANNOTATION}"`));
  assert.ok(rego.includes(`namespace != "${feature.namespace}"`));
  assert.ok(rego.includes(`"${REASON_ANNOTATION}"`));
});

t('fixtures cover both rules and both served versions', () => {
  const fx = fixtures(feature.packageDir).filter((f) => f.policy === ID);
  const names = (expect: string) => fx.filter((f) => f.expect === expect).map((f) => f.resource.metadata.name).sort();
  assert.equal(names('pass'), ['alloy-host-logs', 'alloy-host-logs-v2beta1', 'cel-exception-elsewhere', 'policy-exception-notes']);
  assert.equal(names('fail'), ['alloy-blank-reason', 'alloy-no-reason', 'alloy-other-annotation', 'shop-no-reason', 'shop-self-exemption']);
});

t('Kyverno and Rego give the same messages on every fail fixture', () => {
  const r = differential(feature);
  for (const c of r.cases.filter((x) => x.expect === 'fail')) {
    assert.equal(c.kyverno.messages.map(withoutKyvernoPrefix), c.rego.messages, `${c.file}`);
  }
  const both = r.cases.find((c) => c.resource === 'PolicyException/shop-no-reason')!;
  assert.is(both.rego.messages.length, 2, 'outside kyverno and without a reason: both rules deny');
});

t.run();

// kyverno apply vs opa eval vs the compiled wasm on every fixture.
differentialSuite('kyverno', feature).run();
