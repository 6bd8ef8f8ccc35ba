import { differential, differentialSuite, fixtures } from '@sccp/test-kit';
import * as assert from 'uvu/assert';
import { suite } from 'uvu';
import * as path from 'node:path';
import pack, { kyvernoParameters, parameters } from '../src';

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

t.run();
