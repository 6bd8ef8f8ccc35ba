// The tenant RBAC bounds on Gatekeeper: the Rego policy converted to a ConstraintTemplate (core's
// gatekeeperPolicies) under `gator verify`, on the same fixtures as Kyverno and opa. The
// Constraint selects namespaces labelled sccp.dev/tenant, so the suite carries the fixtures'
// Namespace as inventory (gator refuses to match a namespaced object without it).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emitYaml, gatekeeperPolicies } from '@sccp/core';
import { fixtures, runEngine, type Fixture } from '@sccp/test-kit';
import feature from '../src';

const ID = 'tenants-rbac-bounded';
const t = suite('tenants RBAC bounds on Gatekeeper');
const FIXTURES = fixtures(feature.packageDir).filter((f) => f.policy === ID);

/** `gator verify` of the policy on every fixture, with `namespace` as inventory; `expect` gives each fixture's assertion. */
function gator(namespace: Record<string, unknown>, expect: (f: Fixture) => 'pass' | 'fail') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-rbac-gator-'));
  const [p] = gatekeeperPolicies(feature, { enforcementAction: 'deny' }).filter((g) => g.id === ID);
  fs.writeFileSync(path.join(dir, 'template.yaml'), emitYaml(p.template));
  fs.writeFileSync(path.join(dir, 'constraint.yaml'), emitYaml(p.constraint));
  fs.writeFileSync(path.join(dir, 'namespace.yaml'), emitYaml(namespace));
  const cases = FIXTURES.map((f, i) => {
    // the label that lets Kyverno's CLI match without the namespace is not what Gatekeeper reads
    const resource = structuredClone(f.resource);
    delete resource.metadata.labels?.['sccp.dev/tenant'];
    fs.writeFileSync(path.join(dir, `${i}.yaml`), emitYaml(resource));
    return {
      name: `${path.basename(f.file)} ${resource.kind}/${resource.metadata.name}`,
      object: `${i}.yaml`,
      inventory: ['namespace.yaml'],
      assertions: expect(f) === 'pass' ? [{ violations: 'no' }] : [{ violations: 'yes', message: `^${ID}: ${resource.kind} shop/${resource.metadata.name} ` }],
    };
  });
  fs.writeFileSync(path.join(dir, 'suite.yaml'), emitYaml({ apiVersion: 'test.gatekeeper.sh/v1alpha1', kind: 'Suite', metadata: { name: ID }, tests: [{ name: ID, template: 'template.yaml', constraint: 'constraint.yaml', cases }] }));
  return runEngine('gator', ['verify', path.join(dir, 'suite.yaml'), '--verbose']);
}

const tenantNamespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', 'sccp.dev/tenant': 'shop' } } };
const otherNamespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } } };

t('gator verify in a tenant namespace: pass fixtures admitted, every fail fixture (each attack) denied naming the object', () => {
  assert.ok(FIXTURES.filter((f) => f.expect === 'fail').length >= 20, 'every attack has its fixture');
  const r = gator(tenantNamespace, (f) => f.expect);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is((r.stdout.match(/^\s*--- PASS: /gm) ?? []).length, FIXTURES.length + 1, r.stdout);
});

t('gator verify outside a tenant namespace: the Constraint does not apply', () => {
  const r = gator(otherNamespace, () => 'pass');
  assert.is(r.status, 0, r.stdout + r.stderr);
});

t('control: gator fails when a fail fixture is expected to pass', () => {
  const r = gator(tenantNamespace, (f) => (f.resource.metadata?.name === 'to-cluster-admin' ? 'pass' : f.expect));
  assert.is.not(r.status, 0, r.stdout);
  assert.match(r.stdout, /FAIL: fail-cluster-role-binding\.yaml RoleBinding\/to-cluster-admin/);
});

t.run();
