import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { kyvernoPolicies, loadRegoRunner, regoMetadata, withFailureAction, type Feature } from '@sccp/core';
import { fixtures, kyvernoTest, opaCheck, opaDeny, opaTest, runEngine } from '@sccp/test-kit';
import pack, { kyvernoParameters, parameters, PARAMETER_DEFAULTS, PARAMETERS_CONFIGMAP, POD_SECURITY_CHECKS } from '../src';

const IDS = [
  'baseline-apparmor-profile',
  'baseline-drop-all-capabilities',
  'baseline-host-ports',
  'baseline-host-probes',
  'baseline-image-tag',
  'baseline-no-host-access',
  'baseline-no-privilege-escalation',
  'baseline-no-privileged',
  'baseline-ownership-labels',
  'baseline-proc-mount',
  'baseline-resources-required',
  'baseline-restricted-volumes',
  'baseline-run-as-non-root',
  'baseline-seccomp-profile',
  'baseline-selinux-options',
  'baseline-sysctls',
  'baseline-windows-host-process',
];
const POD_KINDS = ['Pod', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'Job', 'CronJob'];
/** What the Kyverno rules match: <group>/<version>/<kind>, "" the core group (not the same name in another group). */
const KYVERNO_KINDS = ['/v1/Pod', '/v1/ReplicationController', 'apps/v1/DaemonSet', 'apps/v1/Deployment', 'apps/v1/ReplicaSet', 'apps/v1/StatefulSet', 'batch/v1/Job', 'batch/v1/CronJob'];
/** The workloads every policy description names. */
const WORKLOADS = /Workloads: Pod and ReplicationController \(v1\), DaemonSet, Deployment, ReplicaSet and StatefulSet \(apps\/v1\), Job and CronJob \(batch\/v1\); a kind of the same name in another API group is not evaluated\./;
const read = (f: string) => fs.readFileSync(path.join(pack.packageDir, f), 'utf8');
const kyvernoPolicy = (id: string) => parse(read(`policies/kyverno/${id}.yaml`));

const t = suite('baseline pack policies');

t('definePolicyPack: kind, names, version, every policy in both engines', () => {
  assert.is(pack.kind, 'policy-pack');
  assert.is(pack.name, 'baseline');
  assert.is(pack.packageName, '@sccp/policy-pack-baseline');
  assert.is(pack.version, JSON.parse(read('package.json')).version);
  assert.is(pack.packageDir, path.resolve(__dirname, '..'));
  assert.equal(pack.policies.kyverno, IDS.map((id) => `policies/kyverno/${id}.yaml`));
  assert.equal(pack.policies.rego, IDS.map((id) => `policies/rego/${id}.rego`));
});

t('kyverno policies: name, annotations, background, Audit, messages name the policy, no autogen', () => {
  for (const id of IDS) {
    const p = kyvernoPolicy(id);
    assert.is(p.apiVersion, 'kyverno.io/v1');
    assert.is(p.kind, 'ClusterPolicy');
    assert.is(p.metadata.name, id);
    for (const a of ['title', 'category', 'severity', 'description']) assert.ok(p.metadata.annotations[`policies.kyverno.io/${a}`], `${id} ${a}`);
    assert.is(p.metadata.annotations['pod-policies.kyverno.io/autogen-controllers'], 'none', id);
    assert.is(p.spec.background, true);
    assert.not.ok('validationFailureAction' in p.spec);
    for (const r of p.spec.rules) {
      assert.equal(r.match.any[0].resources.kinds, KYVERNO_KINDS, `${id}: matches pods and every pod controller, by group`);
      assert.is(r.validate.failureAction, 'Audit', `${id}/${r.name}`);
      const messages = r.validate.cel ? r.validate.cel.expressions.map((e: any) => e.messageExpression) : [r.validate.message];
      for (const m of messages) assert.match(m, new RegExp(`^'?${id}: `), `${id}/${r.name}`);
    }
  }
});

t('rego METADATA: title, description and the same kinds as the Kyverno rule (the Gatekeeper match)', () => {
  for (const id of IDS) {
    const meta = regoMetadata(read(`policies/rego/${id}.rego`));
    assert.ok(meta?.title && meta?.description, id);
    assert.match(meta!.description.replace(/\s+/g, ' '), WORKLOADS, `${id}: the description names the workloads`);
    const kinds = meta!.custom.kinds.flatMap((k: any) => k.kinds).sort();
    assert.equal(kinds, [...POD_KINDS].sort(), id);
    assert.equal(meta!.custom.kinds.find((k: any) => k.kinds.includes('Deployment')).apiGroups, ['apps']);
    assert.equal(meta!.custom.kinds.find((k: any) => k.kinds.includes('CronJob')).apiGroups, ['batch']);
  }
});

t('rego: opa check --strict and opa test', () => {
  const c = opaCheck(pack.packageDir);
  assert.is(c.status, 0, c.stdout + c.stderr);
  const r = opaTest(pack.packageDir);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /PASS: \d+\/\d+/);
});

t('kyverno test: the suite and the parameterised suites (platformNamespaces ["shop"], level baseline) pass', () => {
  const r = kyvernoTest(pack.packageDir);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /resources\/platform-namespaces\/kyverno-test\.yaml/);
  assert.match(r.stdout, /resources\/level-baseline\/kyverno-test\.yaml/);
  assert.match(r.stdout, /Test Summary: 97 tests passed and 0 tests failed/);
});

t('every policy has pass and fail fixtures, opa eval agrees with them', () => {
  const fx = fixtures(pack.packageDir);
  for (const id of IDS) {
    assert.ok(fx.some((f) => f.policy === id && f.expect === 'pass'), `${id} pass fixture`);
    assert.ok(fx.some((f) => f.policy === id && f.expect === 'fail'), `${id} fail fixture`);
  }
  for (const f of fx) {
    const deny = opaDeny(pack.packageDir, f.policy, f.resource);
    if (f.expect === 'pass') assert.equal(deny, [], path.basename(f.file));
    else assert.ok(deny.length > 0 && deny.every((m) => m.startsWith(`${f.policy}: `)), path.basename(f.file));
  }
});

t('fixture names are unique in the pack (kyverno test identifies resources by kind and name)', () => {
  const keys = fixtures(pack.packageDir).map((f) => `${f.resource.kind}/${f.resource.metadata.name}`);
  assert.is(new Set(keys).size, keys.length);
});

t('parameters: one default list in TypeScript, Rego and Kyverno', () => {
  const rego = runEngine('opa', ['eval', '--format', 'json', '--data', path.join(pack.packageDir, 'policies', 'rego'), 'data.sccp.baseline_no_host_access.platform_namespaces']);
  assert.is(rego.status, 0, rego.stderr);
  assert.equal(JSON.parse(rego.stdout).result[0].expressions[0].value, PARAMETER_DEFAULTS.platformNamespaces);
  const ctx = kyvernoPolicy('baseline-no-host-access').spec.rules[0].context;
  const jmes: string = ctx.find((c: any) => c.name === 'platformNamespaces').variable.jmesPath;
  assert.equal(JSON.parse(/'(\[.*\])'/.exec(jmes)![1]), PARAMETER_DEFAULTS.platformNamespaces);
  const call = ctx.find((c: any) => c.name === 'sccpParameters').apiCall;
  assert.is(call.urlPath, `/api/v1/namespaces/${PARAMETERS_CONFIGMAP.namespace}/configmaps/${PARAMETERS_CONFIGMAP.name}`);
  assert.is(call.jmesPath, 'data');
  assert.equal(call.default, {});
});

t('parameters: level restricted by default in TypeScript, Rego and Kyverno; every rule reading the level reads the ConfigMap', () => {
  assert.is(PARAMETER_DEFAULTS.level, 'restricted');
  assert.is(parameters({ level: 'baseline' }).level, 'baseline');
  assert.throws(() => parameters({ level: 'privileged' as any }), /level must be one of baseline, restricted, got "privileged"/);
  assert.throws(() => parameters({ namespaceLevels: { legacy: 'privileged' as any } }), /namespaceLevels\.legacy must be one of baseline, restricted, got "privileged"/);
  assert.equal(Object.keys(parameters({ namespaceLevels: { b: 'baseline', a: 'restricted' } }).namespaceLevels), ['a', 'b']);
  let rules = 0;
  for (const id of IDS) {
    const rego = read(`policies/rego/${id}.rego`);
    // Rego: baseline only when the namespace's entry or the parameter says so, restricted otherwise
    if (/data\.parameters\.level/.test(rego)) {
      assert.match(rego, /^pod_security_level := object\.get\(namespace_levels, object\.get\(input, \["metadata", "namespace"\], ""\), parameter_level\)$/m, id);
      assert.match(rego, /^default parameter_level := "restricted"$/m, id);
      assert.match(rego, /^baseline_level if pod_security_level == "baseline"$/m, id);
    }
    for (const r of kyvernoPolicy(id).spec.rules) {
      const text = JSON.stringify(r.preconditions ?? {});
      if (!text.includes('podSecurityLevel')) continue;
      rules++;
      const level = r.context.find((c: any) => c.name === 'podSecurityLevel').variable.jmesPath;
      assert.is(level, "lookup(parse_json(sccpParameters.namespaceLevels || '{}'), request.object.metadata.namespace || '') || sccpParameters.level || 'restricted'", `${id}/${r.name}`);
      const call = r.context.find((c: any) => c.name === 'sccpParameters').apiCall;
      assert.is(call.urlPath, `/api/v1/namespaces/${PARAMETERS_CONFIGMAP.namespace}/configmaps/${PARAMETERS_CONFIGMAP.name}`, `${id}/${r.name}`);
      assert.equal(call.default, {});
    }
  }
  assert.is(rules, 8, 'the rules of the level-dependent checks');
});

t('the Pod Security policies: category "Pod Security Standards (...)" in Kyverno, and only they', () => {
  for (const id of IDS) {
    const category = kyvernoPolicy(id).metadata.annotations['policies.kyverno.io/category'];
    const checks = POD_SECURITY_CHECKS[id];
    if (!checks) assert.not.match(category, /Pod Security/, id);
    else assert.is(category, `Pod Security Standards (${checks.baseline ? 'Baseline' : 'Restricted'})`, id);
  }
});

t('rego: every policy starts with the same workload prelude (exact apiVersion and kind, null-safe container lists)', () => {
  const prelude = (id: string) => {
    const m = /^# --- workload prelude[^\n]*\n[\s\S]*?^# --- end of the workload prelude ---$/m.exec(read(`policies/rego/${id}.rego`));
    assert.ok(m, `${id} has the prelude`);
    return m![0];
  };
  const first = prelude(IDS[0]);
  for (const id of IDS) assert.fixture(prelude(id), first, id);
  assert.match(first, /\["apps\/v1", "Deployment"\]/);
  assert.match(first, /\} else := \[\]/);
});

t('kyvernoParameters: the ConfigMap the policies read, values as JSON text, sorted and deduplicated', () => {
  assert.equal(kyvernoParameters({ platformNamespaces: ['team-b', 'kube-system', 'team-b'] }), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'sccp-policy-pack-baseline', namespace: 'kyverno', labels: { 'app.kubernetes.io/part-of': 'sccp' } },
    data: { level: 'restricted', namespaceLevels: '{}', platformNamespaces: '["kube-system","team-b"]' },
  });
  assert.equal(parameters(), PARAMETER_DEFAULTS);
  assert.equal(JSON.parse(kyvernoParameters().data.platformNamespaces), PARAMETER_DEFAULTS.platformNamespaces);
});

t('kyvernoPolicies: the bundle objects, switched to Enforce on every rule', () => {
  const audit = kyvernoPolicies(pack);
  assert.equal(audit.map((p) => p.metadata.name), IDS);
  assert.ok(audit.every((p) => p.spec.rules.every((r: any) => r.validate.failureAction === 'Audit')));
  const enforce = kyvernoPolicies(pack, { failureAction: 'Enforce' });
  assert.ok(enforce.every((p) => p.spec.rules.every((r: any) => r.validate.failureAction === 'Enforce')));
  assert.is(audit[0].spec.rules[0].validate.failureAction, 'Audit', 'the source objects are not modified');
  assert.is(withFailureAction(audit[0], 'Enforce').spec.rules[0].validate.failureAction, 'Enforce');
});

t('enforced, the Kyverno CLI blocks a failing fixture (exit 1) and admits a passing one', () => {
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sccp-enforce-'));
  const file = path.join(dir, 'policy.yaml');
  fs.writeFileSync(file, require('@sccp/core').emitYaml(kyvernoPolicies(pack, { failureAction: 'Enforce' }).find((p) => p.metadata.name === 'baseline-no-privileged')));
  const fail = runEngine('kyverno', ['apply', file, '--resource', path.join(pack.packageDir, 'policies/fixtures/baseline-no-privileged/fail-privileged.yaml')]);
  assert.is(fail.status, 1, fail.stdout);
  assert.match(fail.stdout, /baseline-no-privileged: DaemonSet shop\/no-privileged-node-tuner: container\(s\) \["app"\] are privileged/);
  const pass = runEngine('kyverno', ['apply', file, '--resource', path.join(pack.packageDir, 'policies/fixtures/baseline-no-privileged/pass-pod.yaml')]);
  assert.is(pass.status, 0, pass.stdout);
});

t('compiled to wasm (policies/policy.wasm, as `sccp verify` runs them), the Rego agrees with every fixture', () => {
  const runner = loadRegoRunner(pack as unknown as Feature)!;
  assert.equal(runner.policies, IDS);
  for (const f of fixtures(pack.packageDir)) {
    const denied = runner.evaluate(f.resource).filter((v) => v.policy === f.policy);
    assert.is(denied.length > 0, f.expect === 'fail', `${f.policy}/${path.basename(f.file)}`);
  }
});

t.run();
