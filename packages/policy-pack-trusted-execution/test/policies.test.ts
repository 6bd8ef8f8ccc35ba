import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { kyvernoPolicies, loadRegoRunner, regoMetadata, type Feature } from '@sccp/core';
import { fixtures, kyvernoTest, opaCheck, opaTest, regoVerdict, runEngine } from '@sccp/test-kit';
import pack, { kyvernoParameters, parameters, PARAMETER_DEFAULTS, PARAMETERS_CONFIGMAP } from '../src';
import { TEST_PARAMETERS } from './params';

const IDS = [
  'trusted-execution-allowed-registries',
  'trusted-execution-appproject-signature-keys',
  'trusted-execution-image-digest',
  'trusted-execution-pinned-chart-versions',
];
const read = (f: string) => fs.readFileSync(path.join(pack.packageDir, f), 'utf8');
const kyvernoPolicy = (id: string) => parse(read(`policies/kyverno/${id}.yaml`));
const regoDir = path.join(pack.packageDir, 'policies', 'rego');

const t = suite('trusted-execution pack policies');

t('definePolicyPack: kind, names, version, every policy file in both engines', () => {
  assert.is(pack.kind, 'policy-pack');
  assert.is(pack.name, 'trusted-execution');
  assert.is(pack.packageName, '@sccp/policy-pack-trusted-execution');
  assert.is(pack.version, JSON.parse(read('package.json')).version);
  assert.equal(pack.policies.kyverno, IDS.map((id) => `policies/kyverno/${id}.yaml`));
  assert.equal(pack.policies.rego, IDS.map((id) => `policies/rego/${id}.rego`));
});

t('kyverno policies: name, annotations, background, Audit, messages name the policy', () => {
  for (const id of IDS) {
    const p = kyvernoPolicy(id);
    assert.is(p.apiVersion, 'kyverno.io/v1');
    assert.is(p.kind, 'ClusterPolicy');
    assert.is(p.metadata.name, id);
    for (const a of ['title', 'category', 'severity', 'description']) assert.ok(p.metadata.annotations[`policies.kyverno.io/${a}`], `${id} ${a}`);
    assert.is(p.spec.background, true);
    for (const r of p.spec.rules) {
      assert.is(r.validate.failureAction, 'Audit', `${id}/${r.name}`);
      const messages = r.validate.cel ? r.validate.cel.expressions.map((e: any) => e.messageExpression) : [r.validate.message];
      for (const m of messages) assert.match(m, new RegExp(`^'?${id}: `), `${id}/${r.name}`);
    }
  }
});

t('rego METADATA kinds equal the Kyverno match kinds', () => {
  for (const id of IDS) {
    const meta = regoMetadata(read(`policies/rego/${id}.rego`));
    assert.ok(meta?.title && meta?.description, id);
    const regoKinds = meta!.custom.kinds.flatMap((k: any) => k.kinds).sort();
    const kyvernoKinds = kyvernoPolicy(id).spec.rules[0].match.any[0].resources.kinds.map((k: string) => k.split('/').pop()).sort();
    assert.equal(regoKinds, kyvernoKinds, id);
  }
});

t('rego: opa check --strict and opa test', () => {
  const c = opaCheck(pack.packageDir);
  assert.is(c.status, 0, c.stdout + c.stderr);
  const r = opaTest(pack.packageDir);
  assert.is(r.status, 0, r.stdout + r.stderr);
});

t('kyverno test: fixtures under the test parameters, the defaults, requireSignedCommits false', () => {
  const r = kyvernoTest(pack.packageDir);
  assert.is(r.status, 0, r.stdout + r.stderr);
  for (const s of ['resources/defaults/kyverno-test.yaml', 'resources/unsigned-commits/kyverno-test.yaml']) assert.ok(r.stdout.includes(s), s);
  assert.match(r.stdout, /Test Summary: 35 tests passed and 0 tests failed/);
});

t('the Kyverno test values are the TS test parameters as the ConfigMap data', () => {
  const values = parse(read('policies/kyverno/resources/test-parameters/values.yaml'));
  assert.equal(values.globalValues.sccpParameters, kyvernoParameters(TEST_PARAMETERS).data);
});

t('every policy has pass and fail fixtures; opa eval (test parameters) agrees with them', () => {
  const fx = fixtures(pack.packageDir);
  for (const id of IDS) {
    assert.ok(fx.some((f) => f.policy === id && f.expect === 'pass'), `${id} pass`);
    assert.ok(fx.some((f) => f.policy === id && f.expect === 'fail'), `${id} fail`);
  }
  for (const f of fx) {
    const v = regoVerdict(regoDir, f.policy, f.resource, { ...TEST_PARAMETERS });
    assert.is(v.verdict, f.expect === 'pass' ? 'admit' : 'deny', path.basename(f.file));
    for (const m of v.messages) assert.ok(m.startsWith(`${f.policy}: `), m);
  }
  const keys = fx.map((f) => `${f.resource.kind}/${f.resource.metadata.name}`);
  assert.is(new Set(keys).size, keys.length, 'fixture names are unique in the pack');
});

t('parameters: one set of defaults in TypeScript, Rego and Kyverno', () => {
  const evalRego = (q: string) => JSON.parse(runEngine('opa', ['eval', '--format', 'json', '--data', regoDir, q]).stdout).result[0].expressions[0].value;
  assert.equal(evalRego('data.sccp.trusted_execution_allowed_registries.allowed_registries'), PARAMETER_DEFAULTS.allowedRegistries);
  assert.is(evalRego('data.sccp.trusted_execution_appproject_signature_keys.require_signed_commits'), PARAMETER_DEFAULTS.requireSignedCommits);
  const reg = kyvernoPolicy('trusted-execution-allowed-registries').spec.rules[0].context;
  assert.is(reg.find((c: any) => c.name === 'allowedRegistries').variable.jmesPath, `parse_json(sccpParameters.allowedRegistries || '${JSON.stringify(PARAMETER_DEFAULTS.allowedRegistries)}')`);
  const sig = kyvernoPolicy('trusted-execution-appproject-signature-keys').spec.rules[0].context;
  assert.is(sig.find((c: any) => c.name === 'requireSignedCommits').variable.jmesPath, `sccpParameters.requireSignedCommits || '${PARAMETER_DEFAULTS.requireSignedCommits}'`);
  for (const id of ['trusted-execution-allowed-registries', 'trusted-execution-appproject-signature-keys']) {
    const call = kyvernoPolicy(id).spec.rules[0].context.find((c: any) => c.name === 'sccpParameters').apiCall;
    assert.is(call.urlPath, `/api/v1/namespaces/${PARAMETERS_CONFIGMAP.namespace}/configmaps/${PARAMETERS_CONFIGMAP.name}`);
  }
});

t("rego: the image policies start with the baseline pack's workload prelude, word for word (exact apiVersion and kind, null-safe container lists)", () => {
  // the header line names its home; the body must be the same
  const body = (file: string) => {
    const m = /^# --- workload prelude[^\n]*\n([\s\S]*?)^# --- end of the workload prelude ---$/m.exec(fs.readFileSync(file, 'utf8'));
    assert.ok(m, `${file} has the prelude`);
    return m![1];
  };
  const baseline = body(path.join(pack.packageDir, '..', 'policy-pack-baseline', 'policies', 'rego', 'baseline-image-tag.rego'));
  for (const id of ['trusted-execution-allowed-registries', 'trusted-execution-image-digest']) assert.fixture(body(path.join(regoDir, `${id}.rego`)), baseline, id);
});

t('parameters(): sorted, deduplicated, registry prefixes must end in "/"', () => {
  assert.equal(parameters({ allowedRegistries: ['registry.example.com/', 'ghcr.io/acme/', 'ghcr.io/acme/'] }), {
    allowedRegistries: ['ghcr.io/acme/', 'registry.example.com/'],
    requireSignedCommits: true,
  });
  assert.equal(parameters({ allowedRegistries: ['registry.local:5000/team/'] }).allowedRegistries, ['registry.local:5000/team/']);
  for (const bad of ['ghcr.io/acme', 'ghcr.io', '*', 'https://registry.example.com/', 'Registry.example.com/', 'a b/']) {
    assert.throws(() => parameters({ allowedRegistries: [bad] }), /must be a registry host/, bad);
  }
  assert.equal(kyvernoParameters({ allowedRegistries: ['ghcr.io/acme/'], requireSignedCommits: false }).data, {
    allowedRegistries: '["ghcr.io/acme/"]',
    requireSignedCommits: 'false',
  });
});

t('kyvernoPolicies with Enforce: the Kyverno CLI blocks the unsigned image from an unknown registry', () => {
  const all = kyvernoPolicies(pack, { failureAction: 'Enforce' });
  assert.ok(all.every((p) => p.spec.rules.every((r: any) => r.validate.failureAction === 'Enforce')));
});

t('compiled to wasm (policies/policy.wasm), with the test parameters as data, the Rego agrees with every fixture', () => {
  const runner = loadRegoRunner(pack as unknown as Feature)!;
  assert.equal(runner.policies, IDS);
  // loadRegoRunner sets no data: only the policies whose verdict does not depend on parameters here.
  for (const f of fixtures(pack.packageDir).filter((x) => x.policy === 'trusted-execution-image-digest' || x.policy === 'trusted-execution-pinned-chart-versions')) {
    const denied = runner.evaluate(f.resource).filter((v) => v.policy === f.policy);
    assert.is(denied.length > 0, f.expect === 'fail', `${f.policy}/${path.basename(f.file)}`);
  }
});

t.run();
