import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { regoEntrypoint } from '@sccp/core';
import { fixtures, kyvernoTest, runEngine } from '@sccp/test-kit';
import feature, { NAMES } from '../src';

const t = suite('cert-manager policies');
const ids = ['cert-manager-ingress-issuer', 'cert-manager-max-duration'];

t('both policies ship in both engines', () => {
  assert.equal(feature.policies.kyverno, ids.map((id) => `policies/kyverno/${id}.yaml`));
  assert.equal(feature.policies.rego, ids.map((id) => `policies/rego/${id}.rego`));
});

t('kyverno policies: names, annotations, Audit per rule', () => {
  for (const id of ids) {
    const p = parse(fs.readFileSync(path.join(feature.packageDir, 'policies', 'kyverno', `${id}.yaml`), 'utf8'));
    assert.is(p.apiVersion, 'kyverno.io/v1');
    assert.is(p.kind, 'ClusterPolicy');
    assert.is(p.metadata.name, id);
    for (const a of ['title', 'category', 'severity', 'description']) assert.ok(p.metadata.annotations[`policies.kyverno.io/${a}`], `${id} ${a}`);
    assert.is(p.spec.background, true);
    assert.not.ok('validationFailureAction' in p.spec);
    for (const r of p.spec.rules) {
      assert.is(r.validate.failureAction, 'Audit', `${id}/${r.name}`);
      assert.match(r.validate.message, new RegExp(`^${id}: `));
    }
  }
});

t('the Kyverno max-duration rule reads the ConfigMap the chart renders, with the schema default as fallback', () => {
  const p = parse(fs.readFileSync(path.join(feature.packageDir, 'policies', 'kyverno', 'cert-manager-max-duration.yaml'), 'utf8'));
  const context = p.spec.rules.find((r: any) => r.name === 'max-duration').context;
  const params = context.find((c: any) => c.name === 'policyParameters');
  assert.is(params.apiCall.urlPath, `/api/v1/namespaces/${feature.namespace}/configmaps/${NAMES.policyConfigMap}`);
  assert.is(params.apiCall.jmesPath, 'data');
  const max = context.find((c: any) => c.name === 'maxDuration');
  assert.is(max.variable.jmesPath, 'policyParameters.maxCertificateDuration', 'the ConfigMap key the chart writes');
  assert.is(max.variable.default, (feature.defaults as any).maxCertificateDuration);
});

t('kyverno: the parameterised suite (maxCertificateDuration 720h) runs too', () => {
  const r = kyvernoTest(feature.packageDir);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /resources\/max-720h\/kyverno-test\.yaml/);
  assert.match(r.stdout, /Test Summary: 24 tests passed and 0 tests failed/);
});

t('compiled to wasm (as `sccp verify` runs them), the Rego policies agree with every fixture', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-cm-wasm-'));
  const bundle = path.join(dir, 'bundle.tar.gz');
  const build = runEngine('opa', ['build', '-t', 'wasm', '--ignore', '*_test.rego', '-o', bundle, ...ids.flatMap((id) => ['-e', regoEntrypoint(id)]), path.join(feature.packageDir, 'policies', 'rego')]);
  assert.is(build.status, 0, build.stderr);
  const untar = require('node:child_process').spawnSync('tar', ['-xzf', bundle, '-C', dir, '/policy.wasm']);
  assert.is(untar.status, 0, String(untar.stderr));
  const { loadPolicySync } = require('@open-policy-agent/opa-wasm');
  const policy = loadPolicySync(fs.readFileSync(path.join(dir, 'policy.wasm')));
  policy.setData({});
  const fx = fixtures(feature.packageDir);
  assert.ok(fx.length >= 10);
  for (const f of fx) {
    const deny: string[] = policy.evaluate(f.resource, regoEntrypoint(f.policy))[0].result;
    const name = `${f.policy}/${path.basename(f.file)}`;
    if (f.expect === 'pass') assert.equal(deny, [], name);
    else assert.ok(deny.length > 0 && deny.every((m) => m.startsWith(`${f.policy}: `)), name);
  }
});

t.run();
