// Every example, as a user deploys it: `sccp build`, `sccp vendor` from the chart mirror (a Helm
// repository on disk, through the real CLI), then `helm template` of every wrapper chart of the
// vendored repository as Argo CD renders it. Needs the chart mirror (chartMirror()): docs/upstream-checks.md.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { chartMirror } from './chart-mirror';
import { sccp, tmpdir } from './helpers';
import { builtCase, exampleCases, kubeVersionOf, upstreamCases, needMirror, renderRepository, renderStats } from './upstream';

const mirror = chartMirror();
const started = Date.now();

test('the platforms include one with tenants (the bare-metal example) and one with Gatekeeper admission', () => {
  const texts = exampleCases().map((c) => fs.readFileSync(c.file(), 'utf8'));
  assert.ok(texts.some((t) => /^  tenants:\n    values:\n      tenants:\n        - name: /m.test(t)), 'a platform with tenants');
  assert.ok(texts.some((t) => /^admission: gatekeeper$/m.test(t)), 'a platform with Gatekeeper');
});

for (const c of upstreamCases()) {
  test(`${c.name}: sccp build, sccp vendor --mirror '*=file://<mirror>', then helm template renders every wrapper chart of the vendored repository`, () => {
    if (!needMirror(mirror)) return;
    const t0 = Date.now();
    const out = path.join(tmpdir('sccp-upstream-render-'), 'repo');
    fs.cpSync(builtCase(c), out, { recursive: true });
    const v = sccp(['vendor', out, '--mirror', `*=file://${mirror}`]);
    assert.is(v.code, 0, `${c.name}: sccp vendor from file://${mirror} failed:\n${v.stderr}`);
    assert.is(sccp(['vendor', out, '--verify']).code, 0);
    const t1 = Date.now();
    const before = { ...renderStats };
    const profile = parse(fs.readFileSync(c.file(), 'utf8')).profile;
    const { failures, charts } = renderRepository(out, { kubeVersion: kubeVersionOf(profile) });
    if (!c.drawn) assert.ok(charts.length >= 3, `${c.name}: ${charts.length} wrapper charts`);
    const report = failures.map((f) => `${c.name}: chart ${f.chart} (release ${f.release}, namespace ${f.namespace}): helm template failed:\n${f.stderr}`);
    assert.ok(!report.length, `helm template of the vendored repository failed:\n${report.join('\n\n')}`);
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`  ${c.name}: build (or copy) and vendor ${s(t1 - t0)}; ${charts.length} charts, ${renderStats.runs - before.runs} helm template runs (${renderStats.shared - before.shared} shared with an earlier case) ${s(Date.now() - t1)}`);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });
}

test.after(() => console.log(`  upstream-render: ${((Date.now() - started) / 1000).toFixed(1)} s`));

test.run();
