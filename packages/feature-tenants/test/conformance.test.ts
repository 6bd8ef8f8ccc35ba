// The generic checks of @sccp/test-kit's conformance(), minus the chart checks: tenants are
// delivered as plain manifests (delivery: 'manifests'), so there is no wrapper chart to lint.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fixtures, kyvernoTest, opaCheck, opaDeny, opaTest } from '@sccp/test-kit';
import feature from '../src';
import { bundledSchema } from '../src/schema';
import { resolveTenant } from '../src/tenant';
import { validateSchema } from './helpers';
import { MINIMAL } from './tenants';

const t = suite('tenants conformance');

t('feature metadata: manifests delivery, no upstream chart, namespace argocd', () => {
  assert.is(feature.name, 'tenants');
  assert.is(feature.packageName, '@sccp/feature-tenants');
  assert.is(feature.delivery, 'manifests');
  assert.equal(feature.upstream, []);
  assert.is(feature.namespace, 'argocd');
  assert.equal(feature.dependsOn, []);
  assert.equal([...(feature.optionalDependsOn ?? [])].sort(), ['argocd', 'prometheus', 'traefik']);
});

t('src/values.generated.ts is what schema.json generates', () => {
  const gen = path.join(feature.packageDir, '..', 'core', 'bin', 'gen-types.js');
  const r = spawnSync(process.execPath, [gen, '.', 'TenantsValues', '--check'], { cwd: feature.packageDir, encoding: 'utf8' });
  assert.is(r.status, 0, r.stdout + r.stderr);
});

t('schema defaults are valid: no tenants', () => {
  assert.equal(feature.defaults, { tenants: [] });
  assert.equal(validateSchema(feature.defaults), []);
  assert.equal(feature.profiles ?? {}, {});
});

t('a tenant with its defaults applied is schema-valid', () => {
  const resolved = resolveTenant(MINIMAL, bundledSchema());
  const { defaulted, effectiveSourceRepos, ...asValues } = resolved;
  assert.equal(validateSchema({ tenants: [asValues] }), []);
  assert.equal(defaulted, { namespaces: true, destinations: true });
  assert.equal(effectiveSourceRepos, [MINIMAL.environment!.repoURL]);
});

t('every schema property has a description; every object declares additionalProperties', () => {
  const missing: string[] = [];
  const walk = (node: any, at: string) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'object' && node.additionalProperties === undefined) missing.push(`${at}: additionalProperties`);
    for (const [k, child] of Object.entries<any>(node.properties ?? {})) {
      if (!child.description) missing.push(`${at}/${k}: description`);
      walk(child, `${at}/${k}`);
    }
    if (node.items) walk(node.items, `${at}/items`);
    for (const [k, child] of Object.entries<any>(node.$defs ?? {})) walk(child, `#/$defs/${k}`);
  };
  walk(feature.schema, '');
  assert.equal(missing, []);
});

t('rego: opa check --strict and opa test', () => {
  const c = opaCheck(feature.packageDir);
  assert.is(c.status, 0, c.stdout + c.stderr);
  const r = opaTest(feature.packageDir);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /PASS: \d+\/\d+/);
});

t('kyverno test passes', () => {
  const r = kyvernoTest(feature.packageDir);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.not.match(r.stdout, /\bFail\b.*\|/);
  assert.match(r.stdout, /Test Summary: \d+ tests passed and 0 tests failed/);
});

t('both engines ship the same policy ids, each with pass and fail fixtures, and opa eval agrees with them', () => {
  const base = (f: string) => path.basename(f).replace(/\.(rego|yaml)$/, '');
  const rego = feature.policies.rego.map(base).sort();
  const kyverno = feature.policies.kyverno.map(base).sort();
  assert.equal(rego, ['tenants-appproject-no-cluster-wildcard', 'tenants-guardrails', 'tenants-namespace-labels', 'tenants-rbac-bounded']);
  assert.equal(kyverno, rego);
  const fx = fixtures(feature.packageDir);
  for (const id of rego) {
    assert.ok(fx.some((f) => f.policy === id && f.expect === 'pass'), `${id} has a pass fixture`);
    assert.ok(fx.some((f) => f.policy === id && f.expect === 'fail'), `${id} has a fail fixture`);
  }
  for (const f of fx) {
    const deny = opaDeny(feature.packageDir, f.policy, f.resource);
    if (f.expect === 'pass') assert.equal(deny, [], `${path.basename(f.file)} must pass ${f.policy}`);
    else {
      assert.ok(deny.length > 0, `${path.basename(f.file)} must fail ${f.policy}`);
      for (const m of deny) assert.ok(m.startsWith(`${f.policy}: `), `deny message names the policy: ${m}`);
    }
  }
});

t('the kyverno-test suite lists every fixture', () => {
  const text = require('node:fs').readFileSync(path.join(feature.packageDir, 'policies', 'kyverno', 'kyverno-test.yaml'), 'utf8');
  for (const f of fixtures(feature.packageDir)) {
    assert.ok(text.includes(`../fixtures/${f.policy}/${path.basename(f.file)}`), `${path.basename(f.file)} is in kyverno-test.yaml`);
  }
});

t.run();
