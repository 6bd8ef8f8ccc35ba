import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { constraintTemplateFor, gatekeeperPolicies, listPolicyFiles } from '@sccp/core';
import { fixtures, gatorVerify, opaDeny } from '@sccp/test-kit';
import feature from '../src';

const ID = 'gatekeeper-constraint-enforcement-explicit';
const REGO = path.join(feature.packageDir, 'policies', 'rego', `${ID}.rego`);

/** A copy of the package's policies/ with the Rego policy rewritten by `edit` (to prove the suite can fail). */
function withRego(edit: (rego: string) => string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-gk-mutant-'));
  fs.cpSync(path.join(feature.packageDir, 'policies'), path.join(dir, 'policies'), { recursive: true });
  const file = path.join(dir, 'policies', 'rego', `${ID}.rego`);
  const before = fs.readFileSync(file, 'utf8');
  const after = edit(before);
  assert.is.not(after, before, 'the mutation changed the policy');
  fs.writeFileSync(file, after);
  return { packageDir: dir, policies: listPolicyFiles(dir) };
}

const t = suite('gatekeeper policies on Gatekeeper (gator verify)');

t('gator verify: the converted policy admits its pass fixtures and denies its fail fixtures, naming the policy', () => {
  const r = gatorVerify(feature);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is(r.cases, fixtures(feature.packageDir).length);
  assert.ok(r.cases >= 8, `${r.cases} cases`);
  assert.match(r.stdout, /^ok\s/m);
});

t('gator verify fails when the policy admits a Constraint without enforcementAction', () => {
  const mutant = withRego((rego) => rego.replace('\taction == ""\n', '\taction == "never"\n'));
  const r = gatorVerify(mutant);
  assert.is.not(r.status, 0, 'a policy that lets fail-no-action.yaml through must fail gator verify');
  assert.match(r.stdout + r.stderr, /fail-no-action\.yaml|fail-empty-action\.yaml|fail-no-spec\.yaml/);
});

t('gator verify fails when the policy denies an allowed action', () => {
  const mutant = withRego((rego) => rego.replace('{"deny", "dryrun", "warn"}', '{"deny", "dryrun"}'));
  const r = gatorVerify(mutant);
  assert.is.not(r.status, 0);
  assert.match(r.stdout + r.stderr, /pass-warn\.yaml/);
});

t('template and constraint: kind, names, match only constraints.gatekeeper.sh, dryrun by default, Rego v1 lib', () => {
  const [p, ...more] = gatekeeperPolicies(feature);
  assert.is(more.length, 0);
  assert.is(p.id, ID);
  assert.is(p.template.metadata.name, 'sccpgatekeeperconstraintenforcementexplicit');
  assert.is(p.template.spec.crd.spec.names.kind, 'SccpGatekeeperConstraintEnforcementExplicit');
  assert.is(p.template.metadata.annotations['metadata.gatekeeper.sh/title'], 'Gatekeeper Constraints set spec.enforcementAction explicitly');
  assert.equal(p.template.spec.crd.spec.validation.openAPIV3Schema, { type: 'object' });
  assert.is(p.constraint.apiVersion, 'constraints.gatekeeper.sh/v1beta1');
  assert.is(p.constraint.metadata.name, ID);
  // SCCP's own Constraint satisfies its rule: the action is always explicit.
  assert.is(p.constraint.spec.enforcementAction, 'dryrun');
  assert.equal(p.constraint.spec.match.kinds, [{ apiGroups: ['constraints.gatekeeper.sh'], kinds: ['*'] }]);
  const source = p.template.spec.targets[0].code[0].source;
  assert.is(source.version, 'v1');
  assert.match(source.libs[0], /^package lib\.sccp\.gatekeeper_constraint_enforcement_explicit$/m);
  assert.match(source.rego, /violation contains \{"msg": msg\} if \{/);
});

t('the Constraints SCCP generates pass the rule, whatever enforcement action they get', () => {
  const rego = fs.readFileSync(REGO, 'utf8');
  for (const action of ['deny', 'dryrun', 'warn'] as const) {
    const { constraint } = constraintTemplateFor(ID, rego, { enforcementAction: action });
    assert.equal(opaDeny(feature.packageDir, ID, constraint), [], action);
    const { enforcementAction: _, ...implicit } = constraint.spec;
    const deny = opaDeny(feature.packageDir, ID, { ...constraint, spec: implicit });
    assert.equal(deny, [`${ID}: ${constraint.kind} ${ID} does not set spec.enforcementAction (Gatekeeper then denies); set it to deny, dryrun or warn`]);
  }
});

t.run();
