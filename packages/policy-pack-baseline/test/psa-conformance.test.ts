import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import pack, { POD_SECURITY_CHECKS } from '../src';
import { ENGINES, fourEngines, verdict, type Outcomes } from './four-engines';
import { latestMinor, psaChecks, psaFixtures, psaModule, type PsaFixture, type PsaLevel } from './psa';

/**
 * The standard the pack claims: every fixture of the Pod Security Admission project for the newest
 * Kubernetes version, at both levels, gets exactly PSA's verdict (a pass fixture admitted, a fail
 * fixture denied by at least one policy) from each of the four engines, and the engines agree on
 * which policies deny. Only the policies that implement Pod Security checks count
 * (POD_SECURITY_CHECKS): SCCP's own rules (ownership labels, resources, image tags) would deny every
 * PSA fixture and make the score meaningless.
 */
const PSS = Object.keys(POD_SECURITY_CHECKS).sort();

interface Run {
  fixtures: PsaFixture[];
  outcomes: Outcomes;
}

const runs = new Map<PsaLevel, Run>();
function run(level: PsaLevel): Run {
  let r = runs.get(level);
  if (!r) {
    const fixtures = psaFixtures(level);
    const started = Date.now();
    r = { fixtures, outcomes: fourEngines(PSS, fixtures.map((f) => f.resource), { level }) };
    console.log(`  (${level}: ${fixtures.length} PSA fixtures × ${PSS.length} policies × 4 engines in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    runs.set(level, r);
  }
  return r;
}

const want = (f: PsaFixture) => (f.expect === 'pass' ? 'admit' : 'deny');

/** The per-check table: for each engine, pass fixtures admitted / pass fixtures, fail fixtures denied / fail fixtures. */
function table(level: PsaLevel): string {
  const { fixtures, outcomes } = run(level);
  const checks = [...new Set(fixtures.map((f) => f.check))].sort();
  const cell = (fx: PsaFixture[], e: (typeof ENGINES)[number]) => {
    const pass = fx.filter((f) => f.expect === 'pass');
    const fail = fx.filter((f) => f.expect === 'fail');
    const ok = (xs: PsaFixture[]) => xs.filter((f) => verdict(outcomes[e].get(f.resource.metadata.name)) === want(f)).length;
    return `${pass.length ? `${ok(pass)}/${pass.length}` : '-'} ${fail.length ? `${ok(fail)}/${fail.length}` : '-'}`;
  };
  const rows = [['check', ...ENGINES.map((e) => `${e} (pass ok, fail ok)`)]];
  for (const c of checks) rows.push([c, ...ENGINES.map((e) => cell(fixtures.filter((f) => f.check === c), e))]);
  rows.push(['TOTAL', ...ENGINES.map((e) => cell(fixtures, e))]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    `PSA ${level} fixtures (${psaModule().version}, testdata/${level}/${latestMinor(level)}), policies: ${PSS.join(', ')}`,
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

const t = suite('Pod Security Admission conformance (the PSA project\'s fixtures, four engines)');

t('the pack implements every check of the pinned Pod Security Admission, at its level, and only its Pod Security policies claim to', () => {
  const ours = Object.entries(POD_SECURITY_CHECKS).flatMap(([, byLevel]) => Object.entries(byLevel).flatMap(([level, checks]) => checks!.map((c) => `${level} ${c}`)));
  assert.equal([...ours].sort(), psaChecks().map((c) => `${c.level} ${c.id}`).sort());
  assert.is(new Set(ours).size, ours.length, 'each check in one policy');
  const category = pack.policies.kyverno
    .map((f) => parse(fs.readFileSync(path.join(pack.packageDir, f), 'utf8')))
    .filter((p) => /^Pod Security Standards/.test(p.metadata.annotations?.['policies.kyverno.io/category'] ?? ''))
    .map((p) => p.metadata.name as string)
    .sort();
  assert.equal(category, PSS);
});

t('the pinned module has fixtures for both levels', () => {
  for (const level of ['baseline', 'restricted'] as const) {
    const fx = psaFixtures(level);
    assert.ok(fx.some((f) => f.expect === 'pass') && fx.some((f) => f.expect === 'fail'), level);
  }
});

for (const level of ['baseline', 'restricted'] as const) {
  t(`level ${level}: every engine gives PSA's verdict on every fixture`, () => {
    console.log(table(level));
    const { fixtures, outcomes } = run(level);
    const wrong: string[] = [];
    for (const e of ENGINES) {
      for (const f of fixtures) {
        const o = outcomes[e].get(f.resource.metadata.name);
        const v = verdict(o);
        if (v !== want(f)) wrong.push(`${e}: ${f.expect}/${f.file}.yaml ${v}${o && v !== 'admit' ? ` ${JSON.stringify(o.errors.length ? o.errors : o.denied)}` : ''}`);
      }
    }
    assert.is(wrong.length, 0, `${wrong.length} verdicts differ from PSA:\n${wrong.join('\n')}`);
  });

  t(`level ${level}: the four engines deny with the same policies`, () => {
    const { fixtures, outcomes } = run(level);
    const disagreements: string[] = [];
    for (const f of fixtures) {
      const by = ENGINES.map((e) => {
        const o = outcomes[e].get(f.resource.metadata.name);
        return o?.errors.length ? 'error' : Object.keys(o?.denied ?? {}).sort().join(',');
      });
      if (new Set(by).size > 1) disagreements.push(`${f.expect}/${f.file}.yaml: ${ENGINES.map((e, i) => `${e} [${by[i]}]`).join(' ')}`);
    }
    assert.is(disagreements.length, 0, `${disagreements.length} disagreements:\n${disagreements.join('\n')}`);
  });
}

t.run();
