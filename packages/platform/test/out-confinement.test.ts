// `sccp build` (and --check) never leave --out: symlinks committed in the output are refused by name,
// pruning needs the recorded sha256, a tampered manifest is refused, --out under a file is exit 1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXAMPLE, sccp, tmpdir, variant } from './helpers';

/** Every entry under dir (links as their target), so any write, through a link or not, shows. */
function state(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isSymbolicLink()) out[path.relative(dir, f)] = `-> ${fs.readlinkSync(f)}`;
      else if (e.isDirectory()) walk(f);
      else out[path.relative(dir, f)] = fs.readFileSync(f, 'utf8');
    }
  };
  walk(dir);
  return out;
}

function built(): { out: string; outside: string } {
  const root = tmpdir();
  const out = path.join(root, 'repo');
  const r = sccp(['build', EXAMPLE, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  const outside = path.join(root, 'elsewhere');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'victim'), 'precious\n');
  return { out, outside };
}

const noStack = (s: string) => assert.not.match(s, /internal error|\n\s+at .*:\d+:\d+/);

for (const [name, rel, plant] of [
  ['the apps folder', 'apps', (out: string, outside: string) => (fs.rmSync(path.join(out, 'apps'), { recursive: true }), fs.symlinkSync(outside, path.join(out, 'apps')))],
  ['a generated file', 'apps/argocd.yaml', (out: string, outside: string) => (fs.rmSync(path.join(out, 'apps/argocd.yaml')), fs.symlinkSync(path.join(outside, 'victim'), path.join(out, 'apps/argocd.yaml')))],
  ['.sccp', '.sccp', (out: string, outside: string) => (fs.cpSync(path.join(out, '.sccp'), outside, { recursive: true }), fs.rmSync(path.join(out, '.sccp'), { recursive: true }), fs.symlinkSync(outside, path.join(out, '.sccp')))],
  ['.sccp/managed.json', '.sccp/managed.json', (out: string, outside: string) => (fs.renameSync(path.join(out, '.sccp/managed.json'), path.join(outside, 'managed.json')), fs.symlinkSync(path.join(outside, 'managed.json'), path.join(out, '.sccp/managed.json')))],
] as const) {
  test(`a committed symlink (${name}) in --out: build, build --allow-unmanaged and --check exit 1 naming it; nothing outside is written`, () => {
    const { out, outside } = built();
    plant(out, outside);
    const before = { out: state(out), outside: state(outside) };
    for (const args of [[], ['--allow-unmanaged'], ['--check']]) {
      const r = sccp(['build', EXAMPLE, '--out', out, ...args]);
      assert.is(r.code, 1, `${args}: ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`${rel.replace(/[.]/g, '\\.')}(: a symbolic link| -> )`), args.join(' '));
      noStack(r.stderr);
    }
    // --allow-unmanaged gets past the unmanaged-file check: the writer itself must refuse the link
    assert.match(sccp(['build', EXAMPLE, '--out', out, '--allow-unmanaged']).stderr, new RegExp(`symlink.*${rel.replace(/[.]/g, '\\.')} -> `));
    assert.equal(state(outside), before.outside, 'nothing outside --out is written');
    assert.equal(state(out), before.out, '--out is unchanged');
  });
}

test('a file SCCP wrote but that was edited since is kept when its feature goes away, with a warning; --check names it', () => {
  const { out } = built();
  fs.appendFileSync(path.join(out, 'apps/traefik.yaml'), '# reviewed\n');
  const off = variant((t) => t.replace('  traefik:\n    values:\n', '  traefik:\n    enabled: false\n    values:\n'));
  const check = sccp(['build', off, '--out', out, '--check', '--json']);
  assert.is(check.code, 1);
  const j = JSON.parse(check.stdout);
  assert.equal(j.kept, ['apps/traefik.yaml']);
  assert.not.ok(j.stale.includes('apps/traefik.yaml'));
  assert.ok(j.stale.includes('charts/traefik/Chart.yaml'));
  const r = sccp(['build', off, '--out', out, '--allow-unmanaged']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /WARNING: kept apps\/traefik\.yaml: SCCP wrote it before/);
  assert.match(r.stderr, /pruned\s+charts\/traefik\/Chart\.yaml/);
  assert.match(fs.readFileSync(path.join(out, 'apps/traefik.yaml'), 'utf8'), /# reviewed\n$/);
});

test('a tampered manifest naming a path outside --out is refused by build and --check; nothing is touched', () => {
  const { out, outside } = built();
  const file = path.join(out, '.sccp/managed.json');
  const m = JSON.parse(fs.readFileSync(file, 'utf8'));
  m.files['../elsewhere/victim'] = `sha256:${require('node:crypto').createHash('sha256').update('precious\n').digest('hex')}`;
  fs.writeFileSync(file, JSON.stringify(m));
  const before = { out: state(out), outside: state(outside) };
  for (const args of [[], ['--check']]) {
    const r = sccp(['build', EXAMPLE, '--out', out, ...args]);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /managed\.json lists files SCCP cannot have written: "\.\.\/elsewhere\/victim"/);
    noStack(r.stderr);
  }
  assert.equal(state(out), before.out);
  assert.equal(state(outside), before.outside);
});

test('--out under a file: exit 1 "cannot write X: Y is a file, not a directory", nothing written', () => {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'somefile.txt'), 'text\n');
  for (const args of [[], ['--check']]) {
    const r = sccp(['build', EXAMPLE, '--out', 'somefile.txt/repo', ...args], { cwd: dir });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /cannot (write|check) .*somefile\.txt\/repo: .*somefile\.txt is a file, not a directory/);
    noStack(r.stderr);
  }
  assert.equal(fs.readdirSync(dir), ['somefile.txt']);
  const etc = sccp(['build', EXAMPLE, '--out', '/etc/hostname/x']);
  assert.is(etc.code, 1, etc.stderr);
  assert.match(etc.stderr, /cannot write \/etc\/hostname\/x: \/etc\/hostname is a file, not a directory/);
});

test.run();
