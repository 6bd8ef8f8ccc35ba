import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { runEngine } from '@sccp/test-kit';
import { scanPayload, type KjPolicy, type KjRuleResult } from '@sccp/core';
import { GUARDRAILS_DIR, guardrails } from '../src';

const FIXTURES = path.join(GUARDRAILS_DIR, 'fixtures');
const policyFile = (name: string) => {
  const f = fs.readdirSync(GUARDRAILS_DIR).find((x) => x.endsWith('.yaml') && parse(fs.readFileSync(path.join(GUARDRAILS_DIR, x), 'utf8')).metadata.name === name);
  if (!f) throw new Error(`no guardrail ${name}`);
  return path.join(GUARDRAILS_DIR, f);
};
const cases = fs.readdirSync(FIXTURES).sort().flatMap((policy) =>
  fs.readdirSync(path.join(FIXTURES, policy)).sort().map((f) => ({ policy, file: path.join(FIXTURES, policy, f), expect: f.startsWith('pass-') ? 'pass' : 'fail' })),
);

/** The comparable part of a rule result: verdict, messages, and the failing fields. */
const essence = (r: { policy: string; rule: string; status: string; violations: { message: string; errors: { type: string; field: string }[] }[] }) => ({
  policy: r.policy,
  rule: r.rule,
  status: r.status,
  violations: r.violations.map((v) => ({ message: v.message, fields: v.errors.map((e) => `${e.type} ${e.field}`).sort() })),
});

/** `kyverno-json scan --output json`, reduced to the same shape as scanPayload's results. */
function realScan(policy: string, payload: string) {
  const r = runEngine('kyverno-json', ['scan', '--payload', payload, '--policy', policyFile(policy), '--output', 'json']);
  assert.is(r.status, 0, r.stderr);
  const reports = JSON.parse(r.stdout);
  return reports.flatMap((rep: any) =>
    (rep.results ?? []).flatMap((p: any) =>
      (p.rules ?? []).map((rule: any) =>
        essence({
          policy: p.policy.metadata.name,
          rule: rule.rule.name,
          status: rule.error ? 'error' : rule.violations?.length ? 'fail' : 'pass',
          violations: (rule.violations ?? []).map((v: any) => ({ message: v.message ?? '', errors: (v.errors ?? []).map((e: any) => ({ type: e.type, field: e.field })) })),
        }),
      ),
    ),
  );
}

test('every guardrail has pass and fail fixtures', () => {
  for (const g of guardrails()) {
    assert.ok(cases.some((c) => c.policy === g.metadata.name && c.expect === 'pass'), `${g.metadata.name} pass fixture`);
    assert.ok(cases.some((c) => c.policy === g.metadata.name && c.expect === 'fail'), `${g.metadata.name} fail fixture`);
  }
});

for (const c of cases) {
  test(`${c.policy} ${path.basename(c.file)}: the TypeScript evaluator gives the expected verdict`, () => {
    const policies = guardrails().filter((g: KjPolicy) => g.metadata.name === c.policy);
    const results: KjRuleResult[] = scanPayload(policies, parse(fs.readFileSync(c.file, 'utf8')));
    assert.not.ok(results.some((r) => r.status === 'error'), JSON.stringify(results));
    const failed = results.filter((r) => r.status === 'fail');
    if (c.expect === 'pass') assert.is(failed.length, 0, JSON.stringify(failed));
    else {
      assert.ok(failed.length > 0, 'fails');
      for (const r of failed) for (const v of r.violations) assert.ok(v.message.length > 0 && !v.message.includes('ERR ('), v.message);
    }
  });

  test(`${c.policy} ${path.basename(c.file)}: same verdicts, messages and fields as kyverno-json scan`, () => {
    const policies = guardrails().filter((g: KjPolicy) => g.metadata.name === c.policy);
    const ours = scanPayload(policies, parse(fs.readFileSync(c.file, 'utf8'))).map(essence);
    assert.equal(ours, realScan(c.policy, c.file));
  });
}

test.run();
