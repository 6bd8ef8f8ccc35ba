import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { EXAMPLE, ROOT, sccp, tmpdir } from './helpers';

test('--help teaches the commands and exit codes', () => {
  const r = sccp(['--help']);
  assert.is(r.code, 0);
  for (const c of ['init', 'validate', 'build', 'features', 'schema']) assert.match(r.stdout, new RegExp(`^  ${c}\\s`, 'm'));
  assert.match(r.stdout, /Exit codes: 0 ok, 1 invalid input/);
  const b = sccp(['build', '--help']);
  assert.is(b.code, 0);
  assert.match(b.stdout, /--check writes nothing/);
  assert.is(sccp([]).code, 2);
});

test('init writes a platform.yaml that validates and builds, and refuses to overwrite', () => {
  for (const profile of ['kind', 'bare-metal']) {
    const dir = path.join(tmpdir(), 'p');
    const r = sccp(['init', dir, '--profile', profile, '--name', 'demo']);
    assert.is(r.code, 0, r.stderr);
    const file = path.join(dir, 'platform.yaml');
    assert.match(fs.readFileSync(file, 'utf8'), /^# yaml-language-server: \$schema=\.\/platform\.schema\.json/);
    assert.ok(JSON.parse(fs.readFileSync(path.join(dir, 'platform.schema.json'), 'utf8')).properties.features);
    const v = sccp(['validate', file]);
    assert.is(v.code, 0, v.stderr);
    assert.is(sccp(['build', file, '--out', path.join(dir, 'repo')]).code, 0);
    const again = sccp(['init', dir]);
    assert.is(again.code, 1);
    assert.match(again.stderr, /already exists; pass --force/);
  }
  assert.is(sccp(['init', tmpdir(), '--profile', 'moon']).code, 2);
});

test('validate --json reports features and waves', () => {
  const r = sccp(['validate', EXAMPLE, '--json']);
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.is(j.valid, true);
  assert.ok(j.features.some((f: any) => f.name === 'traefik'));
});

test('validate --json on bad input lists located diagnostics', () => {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'platform.yaml'), fs.readFileSync(EXAMPLE, 'utf8').replace('domain: lab.example.com', 'domain: 42'));
  const r = sccp(['validate', '--json'], { cwd: dir });
  assert.is(r.code, 1);
  const j = JSON.parse(r.stdout);
  assert.is(j.valid, false);
  assert.equal(j.diagnostics.map((d: any) => [d.file, d.pointer]), [['platform.yaml', '/domain']]);
  assert.ok(j.diagnostics[0].line > 0 && j.diagnostics[0].col > 0);
});

test('features lists name, version, upstream chart and dependencies; --json is machine readable', () => {
  const r = sccp(['features']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /^NAME\s+VERSION\s+UPSTREAM\s+NAMESPACE\s+DEPENDS ON$/m);
  assert.match(r.stdout, /^metallb\s+\d+\.\d+\.\d+\s+metallb@\S+\s+metallb-system/m);
  const j = JSON.parse(sccp(['features', '--json']).stdout);
  assert.ok(j.find((f: any) => f.name === 'argocd').upstream[0].chart === 'argo-cd');
});

test('schema prints the composed schema, which is the committed schemas/platform.schema.json', () => {
  const r = sccp(['schema']);
  assert.is(r.code, 0);
  assert.is(r.stdout, fs.readFileSync(path.join(ROOT, 'schemas', 'platform.schema.json'), 'utf8'));
});

test('generated Applications follow the dependency graph and sync settings', () => {
  const out = path.join(tmpdir(), 'repo');
  assert.is(sccp(['build', EXAMPLE, '--out', out]).code, 0);
  const app = (n: string) => parse(fs.readFileSync(path.join(out, 'apps', `${n}.yaml`), 'utf8'));
  const wave = (n: string) => Number(app(n).metadata.annotations['argocd.argoproj.io/sync-wave']);
  assert.ok(wave('traefik') > wave('metallb'), 'traefik syncs after metallb (it takes a MetalLB pool)');
  const t = app('traefik');
  assert.equal(t.spec.syncPolicy.automated, { prune: true, selfHeal: true });
  assert.is(t.spec.syncPolicy.retry.limit, 5);
  assert.is(t.spec.source.path, 'charts/traefik');
  assert.is(t.spec.project, 'platform');
  assert.ok(app('argocd').spec.syncPolicy.syncOptions.includes('ServerSideApply=true'));
  const root = parse(fs.readFileSync(path.join(out, 'bootstrap', 'root-app.yaml'), 'utf8'));
  assert.is(root.spec.source.path, 'apps');
  const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
  assert.match(readme, /```mermaid\ngraph LR/);
  assert.match(readme, /\| traefik \| @sccp\/feature-traefik /);
});

test.run();
