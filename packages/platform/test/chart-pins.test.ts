import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kubernetesVersions, PROFILES } from '@sccp/core';
import { builtinRegistry } from '../src/features';
import { chartMirror, chartYamls, kubeVersionAdmits, mirrorArchive, mirrorIndex } from './chart-mirror';
import { needMirror as needMirrorOf } from './upstream';

const mirror = chartMirror();
/** The mirror, or (none) a failure in CI and a visible skip on a workstation. */
const needMirror = () => needMirrorOf(mirror);

/** Every upstream chart a bundled feature pins, with the feature that pins it. */
const pins = () => builtinRegistry().list().flatMap((f) => f.upstream.map((u) => ({ feature: f.name, name: u.name, version: u.version })));

test('every pinned upstream chart (name, version) is a release listed in the chart mirror index.yaml', () => {
  const dir = needMirror();
  if (!dir) return;
  const index = mirrorIndex(dir);
  assert.ok(pins().length >= 12, `${pins().length} pins`);
  const missing = pins()
    .filter((p) => !(index[p.name] ?? []).some((e) => e.version === p.version))
    .map((p) => `${p.feature}: ${p.name} ${p.version} (the mirror has ${(index[p.name] ?? []).map((e) => e.version).join(', ') || 'no such chart'})`);
  assert.equal(missing, [], `pinned charts that are not in ${dir}/index.yaml:\n${missing.join('\n')}`);
});

test('mirrorArchive: a pin the mirror does not hold is an error, not the newest version', () => {
  const dir = needMirror();
  if (!dir) return;
  const [name, entries] = Object.entries(mirrorIndex(dir))[0];
  assert.is(mirrorArchive(dir, name, entries[0].version).version, entries[0].version);
  assert.throws(() => mirrorArchive(dir, name, '999.0.0-never-released'), (e: Error) => e.message.includes(`no ${name} 999.0.0-never-released`));
  assert.throws(() => mirrorArchive(dir, 'sccp-no-such-chart', '1.0.0'), /no chart "sccp-no-such-chart"/);
});

test('kubeVersionAdmits reads constraints as Helm (Masterminds semver) does', () => {
  const yes: [string, string][] = [
    ['>=1.25.0-0', '1.35.0'], ['>= 1.22.0-0', '1.22.0'], ['^1.25.0-0', '1.37.0'], ['>=1.16.0-0', '1.34.0'],
    ['>=1.30.0-0, <1.38.0-0', '1.37.0'], ['>=1.30 <1.38', '1.30.0'], ['~1.35', '1.35.4'], ['1.36.x', '1.36.2'],
    ['<1.20 || >=1.34.0', '1.35.0'], ['*', '1.35.0'], ['>1.34', '1.35.0'], ['<=1.36', '1.36.9'],
  ];
  const no: [string, string][] = [
    ['>=1.25.0-0', '1.24.9'], ['^1.25.0-0', '2.0.0'], ['>=1.30.0-0, <1.36.0-0', '1.36.0'], ['~1.35', '1.36.0'],
    ['<1.20 || >=1.38.0', '1.35.0'], ['>1.34', '1.34.9'], ['!=1.35.0', '1.35.0'], ['1.34.x', '1.35.0'],
  ];
  for (const [c, v] of yes) assert.ok(kubeVersionAdmits(c, v), `${c} admits ${v}`);
  for (const [c, v] of no) assert.not.ok(kubeVersionAdmits(c, v), `${c} refuses ${v}`);
  assert.throws(() => kubeVersionAdmits('1.30 - 1.36', '1.35.0'), /cannot read/);
  assert.throws(() => kubeVersionAdmits('>=banana', '1.35.0'), /cannot read/);
});

test("every pinned upstream chart's kubeVersion (its Chart.yaml and its subcharts', in the mirror's archive) admits each Kubernetes version every profile is tested against", () => {
  const dir = needMirror();
  if (!dir) return;
  const versions = PROFILES.flatMap((profile) => kubernetesVersions(profile).map((v) => ({ profile, v })));
  assert.ok(versions.length >= PROFILES.length * 2, 'each profile has a range');
  const refused: string[] = [];
  let constrained = 0;
  for (const p of pins()) {
    const archive = mirrorArchive(dir, p.name, p.version);
    for (const { path: file, chart } of chartYamls(fs.readFileSync(archive.file))) {
      if (!chart?.kubeVersion) continue;
      constrained++;
      for (const { profile, v } of versions) {
        if (!kubeVersionAdmits(String(chart.kubeVersion), v)) refused.push(`${p.feature}: ${path.basename(archive.file)} ${file} kubeVersion "${chart.kubeVersion}" does not admit Kubernetes ${v} (profile ${profile})`);
      }
    }
  }
  assert.ok(constrained >= 5, `${constrained} charts declare a kubeVersion`);
  assert.equal(refused, [], refused.join('\n'));
});

test.run();
