import { differential, differentialSuite, fixtures, type Fixture } from '@sccp/test-kit';
import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import * as path from 'node:path';
import pack, { kyvernoParameters, parameters } from '../src';
import { expectAtBaseline, LEVEL_DEPENDENT } from './levels';

// Every policy on its own fixtures, and on every other fixture of the pack (no expectation there:
// only the engines' agreement counts).
const cross = fixtures(pack.packageDir).map((f) => ({ origin: path.relative(pack.packageDir, f.file), resource: f.resource }));
differentialSuite('baseline', pack, { crossResources: cross }).run();

const t = suite('baseline: the engines agree under parameters too');

t('platformNamespaces ["shop"]: host access in shop is admitted, the collector in logging denied, by both engines', () => {
  const params = parameters({ platformNamespaces: ['shop'] });
  const r = differential(pack, { policies: ['baseline-no-host-access'], parameters: { ...params }, kyvernoValues: { sccpParameters: kyvernoParameters(params).data } });
  assert.is(r.disagreements.length, 0);
  const verdict = (file: string) => r.cases.find((c) => c.file.endsWith(file))!;
  for (const f of ['fail-host-network.yaml', 'fail-host-path.yaml', 'fail-host-pid.yaml', 'fail-cronjob-host-ipc.yaml', 'pass-pod.yaml']) {
    assert.is(verdict(f).kyverno.verdict, 'admit', f);
    assert.is(verdict(f).rego.verdict, 'admit', f);
  }
  assert.is(verdict('pass-platform-namespace.yaml').kyverno.verdict, 'deny');
  assert.is(verdict('pass-platform-namespace.yaml').rego.verdict, 'deny');
});

t('level baseline: the restricted checks deny nothing, the baseline variants deny what they should, in every engine', () => {
  const params = parameters({ level: 'baseline' });
  const r = differential(pack, { policies: LEVEL_DEPENDENT, parameters: { ...params }, kyvernoValues: { sccpParameters: kyvernoParameters(params).data } });
  assert.is(r.disagreements.length, 0);
  assert.ok(r.cases.length > 20);
  for (const c of r.cases) {
    const f = fixtures(pack.packageDir).find((x) => path.relative(pack.packageDir, x.file) === c.file)!;
    const want = expectAtBaseline(f) === 'pass' ? 'admit' : 'deny';
    assert.is(c.kyverno.verdict, want, `kyverno ${c.file}`);
    assert.is(c.rego.verdict, want, `rego ${c.file}`);
    assert.is(c.wasm?.verdict, want, `wasm ${c.file}`);
  }
});

// The tenants' namespaces carry their own level (namespaceLevels). Every fixture of the
// level-dependent policies lives in namespace shop.
const levelCases = (params: ReturnType<typeof parameters>) =>
  differential(pack, { policies: LEVEL_DEPENDENT, parameters: { ...params }, kyvernoValues: { sccpParameters: kyvernoParameters(params).data } });

for (const [title, params, want] of [
  ['namespaceLevels {shop: baseline} under level restricted: shop is evaluated at baseline', parameters({ level: 'restricted', namespaceLevels: { shop: 'baseline' } }), expectAtBaseline],
  ['namespaceLevels {shop: restricted} under level baseline: shop is evaluated at restricted', parameters({ level: 'baseline', namespaceLevels: { shop: 'restricted' } }), (f: Fixture) => f.expect],
  ['namespaceLevels {other: baseline}: another namespace\'s entry changes nothing in shop', parameters({ level: 'restricted', namespaceLevels: { other: 'baseline' } }), (f: Fixture) => f.expect],
] as const) {
  t(`${title}, in every engine`, () => {
    const r = levelCases(params);
    assert.is(r.disagreements.length, 0);
    assert.ok(r.cases.length > 20);
    for (const c of r.cases) {
      const f = fixtures(pack.packageDir).find((x) => path.relative(pack.packageDir, x.file) === c.file)!;
      assert.is(f.resource.metadata.namespace, 'shop', c.file);
      const expected = want(f) === 'pass' ? 'admit' : 'deny';
      assert.is(c.kyverno.verdict, expected, `kyverno ${c.file}`);
      assert.is(c.rego.verdict, expected, `rego ${c.file}`);
      assert.is(c.wasm?.verdict, expected, `wasm ${c.file}`);
    }
  });
}

t.run();
