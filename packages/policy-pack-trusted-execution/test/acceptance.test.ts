import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emitYaml, emitYamlStream, gatekeeperPolicies, kyvernoPolicies } from '@sccp/core';
import { regoVerdict, runEngine } from '@sccp/test-kit';
import pack, { kyvernoParameters, verifyImagesPolicy } from '../src';
import { TEST_PARAMETERS } from './params';

/**
 * Issue acceptance: a pod with an unsigned image from an unknown registry is denied by BOTH
 * admission engines (the pack enforced), with a message naming the policy.
 */
const FIXTURE = path.join(pack.packageDir, 'policies/fixtures/trusted-execution-allowed-registries/fail-unknown-registry.yaml');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-acceptance-'));

const t = suite('acceptance: unsigned image from an unknown registry');

t('Kyverno (every pack policy Enforce, plus verifyImages for every image): blocked, exit 1, the policy named', () => {
  const policies = [
    ...kyvernoPolicies(pack, { failureAction: 'Enforce' }),
    verifyImagesPolicy({ imageReferences: ['*'], keyless: [{ issuer: 'https://token.actions.githubusercontent.com', subjectRegExp: '^https://github.com/acme/.*$' }], failureAction: 'Enforce' })!,
  ];
  const file = path.join(tmp, 'kyverno.yaml');
  fs.writeFileSync(file, emitYamlStream(policies));
  const values = path.join(tmp, 'values.yaml');
  fs.writeFileSync(values, emitYaml({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values', metadata: { name: 'platform' }, globalValues: { sccpParameters: kyvernoParameters(TEST_PARAMETERS).data } }));
  const r = runEngine('kyverno', ['apply', file, '--resource', FIXTURE, '--values-file', values, '--remove-color']);
  assert.is(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /policy trusted-execution-allowed-registries -> resource shop\/Pod\/allowed-registries-unsigned-miner failed/);
  assert.match(r.stdout, /trusted-execution-allowed-registries: Pod shop\/allowed-registries-unsigned-miner: the images \["evil\.example\.net\/miner:1\.0"\] must all come from an allowed registry/);
  assert.match(r.stdout, /trusted-execution-image-digest: Pod shop\/allowed-registries-unsigned-miner: image\(s\) "evil\.example\.net\/miner:1\.0" are not pinned by digest/);
  assert.match(r.stdout, /policy trusted-execution-verify-images -> resource shop\/Pod\/allowed-registries-unsigned-miner failed/);
});

t('Gatekeeper (the pack converted, enforcementAction deny): gator test rejects it, exit 1, the constraint named', () => {
  const dir = path.join(tmp, 'gatekeeper');
  fs.mkdirSync(dir);
  for (const p of gatekeeperPolicies(pack, { enforcementAction: 'deny', parameters: { ...TEST_PARAMETERS } })) {
    fs.writeFileSync(path.join(dir, `${p.id}.template.yaml`), emitYaml(p.template));
    fs.writeFileSync(path.join(dir, `${p.id}.constraint.yaml`), emitYaml(p.constraint));
  }
  const r = runEngine('gator', ['test', '--filename', dir, '--filename', FIXTURE]);
  assert.is(r.status, 1, r.stdout + r.stderr);
  // gator prints `<object>: ["<constraint>"] Message: "<msg>"`, like the webhook's `[<constraint>] <msg>`.
  assert.match(r.stdout, /Pod shop\/allowed-registries-unsigned-miner: \["trusted-execution-allowed-registries"\] Message: "trusted-execution-allowed-registries: Pod shop\/allowed-registries-unsigned-miner: image\(s\) \\"evil\.example\.net\/miner:1\.0\\" do not come from an allowed registry/);
  assert.match(r.stdout, /\["trusted-execution-image-digest"\] Message: "trusted-execution-image-digest: /);
});

t('opa eval (what `sccp verify` runs): denied too', () => {
  const resource = require('yaml').parse(fs.readFileSync(FIXTURE, 'utf8'));
  const v = regoVerdict(path.join(pack.packageDir, 'policies/rego'), 'trusted-execution-allowed-registries', resource, { ...TEST_PARAMETERS });
  assert.is(v.verdict, 'deny');
  assert.match(v.messages[0], /^trusted-execution-allowed-registries: /);
});

t.run();
