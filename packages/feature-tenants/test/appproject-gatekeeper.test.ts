// The AppProject fence on Gatekeeper: the Rego policy converted to a ConstraintTemplate (core's
// gatekeeperPolicies) under `gator verify`, on the same fixtures as Kyverno and opa.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtures, gatorVerify } from '@sccp/test-kit';
import feature from '../src';

const ID = 'tenants-appproject-no-cluster-wildcard';
const t = suite('tenants AppProject policy on Gatekeeper');

t('gator verify: pass fixtures admitted, every fail fixture (each attack) denied naming the policy', () => {
  const r = gatorVerify(feature, { policies: [ID] });
  assert.is(r.status, 0, r.stdout + r.stderr);
  const fx = fixtures(feature.packageDir).filter((f) => f.policy === ID);
  assert.ok(fx.filter((f) => f.expect === 'fail').length >= 40, 'every attack has its fixture');
  assert.is(r.cases, fx.length);
  assert.match(r.stdout, /^ok\s/m);
});

t('control: gator fails when a fail fixture is expected to pass', () => {
  const r = gatorVerify(feature, { policies: [ID], expect: (f) => (f.resource.metadata?.name === 'shop-server-star' ? 'pass' : f.expect) });
  assert.is.not(r.status, 0, r.stdout);
});

t.run();
