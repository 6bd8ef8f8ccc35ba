import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { differential, differentialSuite, fixtures } from '@sccp/test-kit';
import pack, { kyvernoParameters, parameters } from '../src';
import { isWorkload, TEST_KYVERNO_VALUES, TEST_PARAMETERS } from './params';

const cross = fixtures(pack.packageDir).map((f) => ({ origin: path.relative(pack.packageDir, f.file), resource: f.resource }));

// Signature verification exists for Kyverno only (verifyImagesPolicy), and it is not a policy file:
// no single-engine policy file in the pack. See docs/adr/0003-signature-verification-gatekeeper.md.
differentialSuite('trusted-execution', pack, { parameters: { ...TEST_PARAMETERS }, kyvernoValues: TEST_KYVERNO_VALUES, crossResources: cross }).run();

const t = suite('trusted-execution: the engines agree without parameters and with other ones');
/** Fixtures of a same-named kind of another API group (not a workload: never denied). */
const otherGroups = new Set(fixtures(pack.packageDir).filter((f) => !isWorkload(f.resource)).map((f) => path.relative(pack.packageDir, f.file)));

t('defaults (no ConfigMap, no data.parameters): no registry allowed, signed commits required, in both engines', () => {
  const r = differential(pack, { wasm: true });
  assert.is(r.disagreements.length, 0);
  for (const c of r.cases.filter((x) => x.policy === 'trusted-execution-allowed-registries')) {
    const expected = otherGroups.has(c.file) ? 'admit' : 'deny'; // a same-named kind of another group is not evaluated
    assert.is(c.kyverno.verdict, expected, c.file);
    assert.is(c.rego.verdict, expected, c.file);
  }
  const noKeys = r.cases.find((c) => c.file.endsWith('appproject-signature-keys/fail-no-keys.yaml'))!;
  assert.is(noKeys.kyverno.verdict, 'deny');
});

t('requireSignedCommits false and another registry list: same verdicts in both engines', () => {
  const params = parameters({ allowedRegistries: ['evil.example.net/'], requireSignedCommits: false });
  const r = differential(pack, {
    policies: ['trusted-execution-allowed-registries', 'trusted-execution-appproject-signature-keys'],
    parameters: { ...params },
    kyvernoValues: { sccpParameters: kyvernoParameters(params).data },
  });
  assert.is(r.disagreements.length, 0);
  const verdict = (file: string) => r.cases.find((c) => c.file.endsWith(file))!;
  assert.is(verdict('fail-unknown-registry.yaml').kyverno.verdict, 'admit');
  assert.is(verdict('pass-allowed.yaml').rego.verdict, 'deny');
  assert.is(verdict('fail-no-keys.yaml').kyverno.verdict, 'admit');
  assert.is(verdict('fail-no-keys.yaml').rego.verdict, 'admit');
});

t.run();
