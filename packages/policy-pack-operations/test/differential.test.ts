import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { differential, differentialSuite, fixtures } from '@sccp/test-kit';
import pack, { kyvernoParameters, parameters } from '../src';
import { TEST_KYVERNO_VALUES, TEST_PARAMETERS } from './params';

const cross = fixtures(pack.packageDir).map((f) => ({ origin: path.relative(pack.packageDir, f.file), resource: f.resource }));
differentialSuite('operations', pack, { parameters: { ...TEST_PARAMETERS }, kyvernoValues: TEST_KYVERNO_VALUES, crossResources: cross }).run();

const t = suite('operations: the engines agree for other Kubernetes versions');
const verdicts = (kubernetesVersion: string) => {
  const params = parameters({ ...TEST_PARAMETERS, kubernetesVersion });
  const r = differential(pack, { parameters: { ...params }, kyvernoValues: { sccpParameters: kyvernoParameters(params).data } });
  assert.is(r.disagreements.length, 0, JSON.stringify(r.disagreements, null, 1));
  const v = (file: string) => {
    const c = r.cases.find((x) => x.file.endsWith(file))!;
    assert.is(c.rego.verdict, c.kyverno.verdict, file);
    assert.is(c.wasm?.verdict, c.kyverno.verdict, file);
    return c.kyverno.verdict;
  };
  return v;
};

t('1.39: the v1beta2 DeviceTaintRule is deprecated too; the removed versions stay refused', () => {
  const v = verdicts('1.39');
  assert.is(v('pass-not-yet-deprecated.yaml'), 'deny');
  assert.is(v('fail-deprecated-mutating-admission-policy.yaml'), 'deny');
  assert.is(v('fail-removed-cronjob.yaml'), 'deny');
  assert.is(v('pass-served-cronjob.yaml'), 'admit');
});

t('1.36: the v1beta1 MutatingAdmissionPolicy is not deprecated yet', () => {
  const v = verdicts('1.36');
  assert.is(v('fail-deprecated-mutating-admission-policy.yaml'), 'admit');
  assert.is(v('fail-removed-flow-schema.yaml'), 'deny');
});

t('1.21: the v1beta1 CronJob is only deprecated, the v1beta3 FlowSchema not even that', () => {
  const v = verdicts('1.21');
  assert.is(v('fail-removed-cronjob.yaml'), 'deny');
  assert.is(v('fail-removed-flow-schema.yaml'), 'admit');
  assert.is(verdicts('1.20')('fail-removed-cronjob.yaml'), 'admit');
});

t('without parameters no namespace is a tenant\'s: the Service and replica policies deny nothing, in every engine', () => {
  const r = differential(pack, { policies: ['operations-critical-replicas', 'operations-service-exposure'] });
  assert.is(r.disagreements.length, 0);
  assert.ok(r.cases.length >= 14);
  for (const c of r.cases) {
    assert.is(c.kyverno.verdict, 'admit', `kyverno ${c.file}`);
    assert.is(c.rego.verdict, 'admit', `rego ${c.file}`);
    assert.is(c.wasm?.verdict, 'admit', `wasm ${c.file}`);
  }
});

t('edge declares NodePort too: its NodePort Service passes; payments no longer critical: its single replicas pass', () => {
  const params = parameters({
    tenantNamespaces: {
      ...TEST_PARAMETERS.tenantNamespaces,
      edge: { tenant: 'edge', critical: false, serviceTypes: ['LoadBalancer', 'NodePort'] },
      payments: { tenant: 'payments', critical: false, serviceTypes: [] },
    },
  });
  const r = differential(pack, { policies: ['operations-critical-replicas', 'operations-service-exposure'], parameters: { ...params }, kyvernoValues: { sccpParameters: kyvernoParameters(params).data } });
  assert.is(r.disagreements.length, 0);
  const v = (file: string) => r.cases.find((c) => c.file.endsWith(file))!;
  assert.is(v('fail-node-port-where-only-load-balancers.yaml').kyverno.verdict, 'admit');
  assert.is(v('fail-node-port-where-only-load-balancers.yaml').rego.verdict, 'admit');
  assert.is(v('fail-node-port.yaml').rego.verdict, 'deny');
  for (const f of ['fail-unset-replicas.yaml', 'fail-one-replica-statefulset.yaml', 'fail-hpa-default-min.yaml']) {
    assert.is(v(f).kyverno.verdict, 'admit', f);
    assert.is(v(f).wasm?.verdict, 'admit', f);
  }
});

t.run();
