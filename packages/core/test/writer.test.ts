import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MANIFEST, UserError, checkTree, writeTree, type FileTree } from '../src';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-writer-'));
const tree = (o: Record<string, string>): FileTree => new Map(Object.entries(o));
const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out[path.relative(dir, f)] = fs.readFileSync(f, 'utf8');
    }
  };
  walk(dir);
  return out;
};

test('writes files and a manifest of their hashes', () => {
  const out = path.join(tmp(), 'repo');
  const r = writeTree(out, tree({ 'a.yaml': 'a: 1\n', 'dir/b.yaml': 'b: 2\n' }), 'sccp test');
  assert.equal(r.written, ['a.yaml', 'dir/b.yaml']);
  const m = JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8'));
  assert.equal(Object.keys(m.files), ['a.yaml', 'dir/b.yaml']);
  assert.match(m.files['a.yaml'], /^sha256:[0-9a-f]{64}$/);
});

test('prunes only files it wrote; keeps and never overwrites foreign files', () => {
  const out = path.join(tmp(), 'repo');
  writeTree(out, tree({ 'a.yaml': 'a\n', 'old.yaml': 'old\n' }), 'g');
  fs.mkdirSync(path.join(out, '.git'));
  fs.writeFileSync(path.join(out, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(out, 'NOTES.md'), 'mine\n');
  const r = writeTree(out, tree({ 'a.yaml': 'a\n', 'new.yaml': 'new\n' }), 'g');
  assert.equal(r.pruned, ['old.yaml']);
  assert.equal(r.unchanged, ['a.yaml']);
  const snap = snapshot(out);
  assert.is(snap['NOTES.md'], 'mine\n');
  assert.is(snap['.git/HEAD'], 'ref: refs/heads/main\n');
  assert.not.ok('old.yaml' in snap);
  assert.throws(() => writeTree(out, tree({ 'NOTES.md': 'generated\n' }), 'g'), (e: unknown) => e instanceof UserError && /NOTES\.md/.test((e as Error).message));
  assert.is(fs.readFileSync(path.join(out, 'NOTES.md'), 'utf8'), 'mine\n');
});

test('refuses paths outside the output directory', () => {
  const out = path.join(tmp(), 'repo');
  for (const bad of ['../x', '/etc/passwd', 'a/../../x', 'a//b', 'a\\b']) {
    assert.throws(() => writeTree(out, tree({ [bad]: 'x' }), 'g'), /outside the output directory/);
  }
  assert.not.ok(fs.existsSync(out));
});

test('a crash before the swap leaves the previous output intact, and the next build recovers', () => {
  const out = path.join(tmp(), 'repo');
  writeTree(out, tree({ 'a.yaml': 'v1\n' }), 'g');
  const before = snapshot(out);
  assert.throws(() => writeTree(out, tree({ 'a.yaml': 'v2\n', 'b.yaml': 'b\n' }), 'g', { beforeSwap: () => { throw new Error('killed'); } }), /killed/);
  assert.equal(snapshot(out), before);
  assert.equal(fs.readdirSync(path.dirname(out)), ['repo']);
  writeTree(out, tree({ 'a.yaml': 'v2\n' }), 'g');
  assert.is(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8'), 'v2\n');
});

test('an interrupted swap (old dir moved away, new not yet in place) is undone', () => {
  const parent = tmp();
  const out = path.join(parent, 'repo');
  writeTree(out, tree({ 'a.yaml': 'v1\n' }), 'g');
  fs.renameSync(out, path.join(parent, '.repo.sccp-old-123-x'));
  fs.mkdirSync(path.join(parent, '.repo.sccp-tmp-123-x'));
  writeTree(out, tree({ 'a.yaml': 'v1\n', 'b.yaml': 'b\n' }), 'g');
  assert.equal(fs.readdirSync(parent).sort(), ['repo']);
  assert.equal(Object.keys(snapshot(out)).sort(), ['.sccp/managed.json', 'a.yaml', 'b.yaml']);
});

test('a live lock makes a second writer fail clearly; a stale one is taken over', () => {
  const out = path.join(tmp(), 'repo');
  fs.writeFileSync(`${out}.sccp-lock`, String(process.ppid));
  assert.throws(() => writeTree(out, tree({ 'a': 'x' }), 'g'), /another sccp build \(pid \d+\) is writing/);
  fs.writeFileSync(`${out}.sccp-lock`, '999999999');
  writeTree(out, tree({ a: 'x' }), 'g');
  assert.not.ok(fs.existsSync(`${out}.sccp-lock`));
});

test('check reports changed, missing and stale files without writing', () => {
  const out = path.join(tmp(), 'repo');
  writeTree(out, tree({ 'a.yaml': 'a\n', 'b.yaml': 'b\n', 'c.yaml': 'c\n' }), 'g');
  fs.writeFileSync(path.join(out, 'a.yaml'), 'edited\n');
  fs.rmSync(path.join(out, 'b.yaml'));
  const before = snapshot(out);
  const r = checkTree(out, tree({ 'a.yaml': 'a\n', 'b.yaml': 'b\n' }));
  assert.equal(r, { changed: ['a.yaml'], missing: ['b.yaml'], stale: ['c.yaml'], kept: [] });
  assert.equal(snapshot(out), before);
});

test.run();
