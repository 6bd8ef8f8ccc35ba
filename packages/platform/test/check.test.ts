import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXAMPLE, sccp, snapshot, tmpdir, variant } from './helpers';

const built = () => {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', EXAMPLE, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  return out;
};

test('--check is 0 right after a build', () => {
  const out = built();
  const r = sccp(['build', EXAMPLE, '--out', out, '--check']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /is up to date/);
});

test('--check is 1 after a hand edit, naming the file', () => {
  const out = built();
  fs.appendFileSync(path.join(out, 'charts/traefik/values.yaml'), 'extra: true\n');
  const r = sccp(['build', EXAMPLE, '--out', out, '--check']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /changed\s+charts\/traefik\/values\.yaml/);
});

test('--check is 1 after deleting a generated file, and --json lists it', () => {
  const out = built();
  fs.rmSync(path.join(out, 'apps/metallb.yaml'));
  const r = sccp(['build', EXAMPLE, '--out', out, '--check', '--json']);
  assert.is(r.code, 1);
  assert.equal(JSON.parse(r.stdout).missing, ['apps/metallb.yaml']);
});

test('--check is 1 after a feature is added to platform.yaml', () => {
  const without = variant((t) => t.replace(/  traefik:\n    values:\n      replicas: 2\n/, ''));
  const out = path.join(tmpdir(), 'repo');
  assert.is(sccp(['build', without, '--out', out]).code, 0);
  assert.is(sccp(['build', without, '--out', out, '--check']).code, 0);
  const r = sccp(['build', EXAMPLE, '--out', out, '--check']);
  assert.is(r.code, 1);
  assert.match(r.stderr, /missing\s+apps\/traefik\.yaml/);
});

test('disabling a feature prunes its files and keeps files SCCP did not write', () => {
  const out = built();
  fs.writeFileSync(path.join(out, 'NOTES.md'), 'ours\n');
  fs.mkdirSync(path.join(out, 'charts/traefik/extra'), { recursive: true });
  fs.writeFileSync(path.join(out, 'charts/traefik/extra/mine.yaml'), 'hand: made\n');
  const off = variant((t) => t.replace('  traefik:\n    values:\n', '  traefik:\n    enabled: false\n    values:\n'));
  // a hand-made file in a chart folder is applied by Argo CD: the build refuses it unless told to keep it
  const refused = sccp(['build', off, '--out', out]);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /charts\/traefik\/extra\/mine\.yaml: not written by SCCP/);
  const r = sccp(['build', off, '--out', out, '--allow-unmanaged']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /WARNING: unmanaged charts\/traefik\/extra\/mine\.yaml/);
  assert.match(r.stderr, /pruned\s+apps\/traefik\.yaml/);
  const files = snapshot(out);
  assert.not.ok('apps/traefik.yaml' in files);
  assert.not.ok('charts/traefik/Chart.yaml' in files);
  assert.is(files['NOTES.md'], 'ours\n');
  assert.is(files['charts/traefik/extra/mine.yaml'], 'hand: made\n');
});

test.run();
