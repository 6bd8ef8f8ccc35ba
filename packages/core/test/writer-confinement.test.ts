// The writer never leaves its directory: symlinks committed inside the output are refused (never
// followed, never carried over), pruning needs proof (the recorded sha256), a tampered manifest is
// refused, and an output path under a file is a clear error.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MANIFEST, UserError, checkTree, manifestFor, writeTree, type FileTree } from '../src';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-confine-'));
const tree = (o: Record<string, string>): FileTree => new Map(Object.entries(o));
/** Every entry under dir (files, links, directories) with content or link target: detects any write. */
const state = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      const rel = path.relative(dir, f);
      if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(f)}`;
      else if (e.isDirectory()) {
        out[rel + '/'] = '';
        walk(f);
      } else out[rel] = fs.readFileSync(f, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
};
const userError = (re: RegExp) => (e: unknown) => e instanceof UserError && re.test((e as Error).message);
const GEN = { 'apps/argocd.yaml': 'kind: Application\n', 'README.md': 'generated\n', 'bootstrap/root.yaml': 'root\n' };

/** A built output, plus a directory outside it that an attack points into. */
function setup(): { out: string; outside: string } {
  const root = tmp();
  const out = path.join(root, 'repo');
  writeTree(out, tree(GEN), 'g');
  const outside = path.join(root, 'elsewhere');
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'victim'), 'precious\n');
  return { out, outside };
}

for (const [name, plant] of [
  ['a folder (apps -> outside)', (out: string, outside: string) => (fs.rmSync(path.join(out, 'apps'), { recursive: true }), fs.symlinkSync(outside, path.join(out, 'apps')))],
  ['a file (apps/argocd.yaml -> outside/victim)', (out: string, outside: string) => (fs.rmSync(path.join(out, 'apps/argocd.yaml')), fs.symlinkSync(path.join(outside, 'victim'), path.join(out, 'apps/argocd.yaml')))],
  ['.sccp -> outside', (out: string, outside: string) => (fs.cpSync(path.join(out, '.sccp'), outside, { recursive: true }), fs.rmSync(path.join(out, '.sccp'), { recursive: true }), fs.symlinkSync(outside, path.join(out, '.sccp')))],
  ['.sccp/managed.json -> outside', (out: string, outside: string) => (fs.renameSync(path.join(out, MANIFEST), path.join(outside, 'managed.json')), fs.symlinkSync(path.join(outside, 'managed.json'), path.join(out, MANIFEST)))],
  ['a folder SCCP does not manage (docs -> outside)', (out: string, outside: string) => fs.symlinkSync(outside, path.join(out, 'docs'))],
] as const) {
  test(`a symlink committed inside the output, ${name}: build and check refuse it, naming the path; nothing outside is written`, () => {
    const { out, outside } = setup();
    plant(out, outside);
    const link = Object.entries(state(out)).find(([, v]) => v.startsWith('-> '))![0];
    const before = { out: state(out), outside: state(outside) };
    const named = new RegExp(`symlink.*${link.replace(/[.]/g, '\\.')} ->`);
    assert.throws(() => writeTree(out, tree({ ...GEN, 'apps/argocd.yaml': 'kind: Changed\n', 'apps/new.yaml': 'new\n' }), 'g'), userError(named));
    assert.throws(() => checkTree(out, tree(GEN)), userError(named));
    assert.equal(state(outside), before.outside, 'nothing outside the output is written');
    assert.equal(state(out), before.out, 'the output is unchanged');
    assert.equal(fs.readdirSync(path.dirname(out)).sort(), ['elsewhere', 'repo'], 'no temp dir or lock left');
  });
}

test('an output directory that is itself a symlink (the user named it) is written through to its target, which stays a directory', () => {
  const root = tmp();
  const real = path.join(root, 'real');
  writeTree(real, tree(GEN), 'g');
  fs.symlinkSync(real, path.join(root, 'link'));
  writeTree(path.join(root, 'link'), tree({ ...GEN, 'README.md': 'v2\n' }), 'g');
  assert.ok(fs.lstatSync(path.join(root, 'link')).isSymbolicLink(), 'the link the user made is kept');
  assert.is(fs.readFileSync(path.join(real, 'README.md'), 'utf8'), 'v2\n');
  assert.ok(checkTree(path.join(root, 'link'), tree({ ...GEN, 'README.md': 'v2\n', [MANIFEST]: manifestFor(tree({ ...GEN, 'README.md': 'v2\n' }), 'g') })).changed.length === 0);
});

test('pruning needs proof: a file SCCP wrote is pruned only while it has the recorded sha256; an edited one is kept and reported', () => {
  const { out } = setup();
  fs.writeFileSync(path.join(out, 'bootstrap/root.yaml'), 'root\n# my note\n');
  const next = tree({ 'apps/argocd.yaml': 'kind: Application\n' });
  const c = checkTree(out, next);
  assert.equal(c.stale, ['README.md'], 'only the unedited file is stale');
  assert.equal(c.kept, ['bootstrap/root.yaml'], 'the edited one is reported as kept');
  const r = writeTree(out, next, 'g');
  assert.equal(r.pruned, ['README.md']);
  assert.equal(r.kept, ['bootstrap/root.yaml']);
  assert.is(fs.readFileSync(path.join(out, 'bootstrap/root.yaml'), 'utf8'), 'root\n# my note\n', 'the edited file is kept');
  assert.not.ok(fs.existsSync(path.join(out, 'README.md')));
  assert.not.ok(JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8')).files['bootstrap/root.yaml'], 'a kept file is no longer SCCP\'s');
});

test('a tampered manifest that claims a file of the user (wrong hash) prunes nothing', () => {
  const { out } = setup();
  fs.mkdirSync(path.join(out, '.git'));
  fs.writeFileSync(path.join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(out, 'NOTES.md'), 'mine\n');
  const m = JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8'));
  m.files['NOTES.md'] = `sha256:${'0'.repeat(64)}`;
  fs.writeFileSync(path.join(out, MANIFEST), JSON.stringify(m));
  const r = writeTree(out, tree(GEN), 'g');
  assert.equal(r.pruned, []);
  assert.equal(r.kept, ['NOTES.md']);
  assert.is(fs.readFileSync(path.join(out, 'NOTES.md'), 'utf8'), 'mine\n');
});

for (const bad of ['../outside', '../../etc/x', '/etc/passwd', 'a/../b', 'a\\b', './a', 'a//b', '.git/HEAD', 'sub/.git/config']) {
  test(`a tampered manifest entry "${bad}" is refused by build and check; nothing is touched`, () => {
    const { out, outside } = setup();
    fs.mkdirSync(path.join(out, '.git'));
    fs.writeFileSync(path.join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    const m = JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8'));
    m.files[bad] = `sha256:${'0'.repeat(64)}`;
    fs.writeFileSync(path.join(out, MANIFEST), JSON.stringify(m));
    const before = { out: state(out), outside: state(outside) };
    const named = new RegExp(`managed\\.json.*${bad.replace(/[.\\/]/g, (c) => `\\${c}`)}`);
    assert.throws(() => writeTree(out, tree({ 'apps/argocd.yaml': 'x\n' }), 'g'), userError(named));
    assert.throws(() => checkTree(out, tree({ 'apps/argocd.yaml': 'x\n' })), userError(named));
    assert.equal(state(out), before.out);
    assert.equal(state(outside), before.outside);
  });
}

test('--out under a file: a clear error naming the file, nothing written', () => {
  const root = tmp();
  const file = path.join(root, 'somefile.txt');
  fs.writeFileSync(file, 'text\n');
  for (const out of [path.join(file, 'repo'), path.join(file, 'a', 'b')]) {
    const msg = new RegExp(`cannot write ${out.replace(/[.]/g, '\\.')}: ${file.replace(/[.]/g, '\\.')} is a file, not a directory`);
    assert.throws(() => writeTree(out, tree(GEN), 'g'), userError(msg));
    assert.throws(() => checkTree(out, tree(GEN)), userError(new RegExp(`${file.replace(/[.]/g, '\\.')} is a file, not a directory`)));
  }
  assert.throws(() => writeTree(file, tree(GEN), 'g'), userError(/somefile\.txt is a file, not a directory/));
  assert.equal(fs.readdirSync(root), ['somefile.txt']);
  assert.is(fs.readFileSync(file, 'utf8'), 'text\n');
});

test.run();
