import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EXAMPLE, ROOT, sccp, snapshot, tmpdir } from './helpers';

const GOLDEN = path.join(__dirname, 'golden', 'bare-metal');

test('the bare-metal example builds to exactly the golden tree', () => {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', path.relative(ROOT, EXAMPLE), '--out', out]);
  assert.is(r.code, 0, r.stderr);
  const got = snapshot(out);
  if (process.env.UPDATE_GOLDEN) {
    fs.rmSync(GOLDEN, { recursive: true, force: true });
    for (const [p, c] of Object.entries(got)) {
      fs.mkdirSync(path.dirname(path.join(GOLDEN, p)), { recursive: true });
      fs.writeFileSync(path.join(GOLDEN, p), c);
    }
    console.log(`golden files rewritten: ${Object.keys(got).length}`);
  }
  const want = snapshot(GOLDEN);
  assert.equal(Object.keys(got), Object.keys(want), 'same file list (run `npm run golden:update` after an intended change)');
  for (const p of Object.keys(want)) assert.fixture(got[p], want[p], p);
});

test('the output has the documented layout', () => {
  const files = Object.keys(snapshot(GOLDEN));
  for (const required of ['README.md', 'bootstrap/root-app.yaml', 'bootstrap/project.yaml', '.sccp/managed.json']) assert.ok(files.includes(required), required);
  for (const f of ['argocd', 'metallb', 'traefik']) {
    for (const p of [`apps/${f}.yaml`, `charts/${f}/Chart.yaml`, `charts/${f}/values.yaml`, `charts/${f}/values.schema.json`]) assert.ok(files.includes(p), p);
  }
});

test('builds are byte-identical across runs, working directories and time zones', () => {
  const a = path.join(tmpdir(), 'a');
  const b = path.join(tmpdir(), 'b');
  assert.is(sccp(['build', EXAMPLE, '--out', a]).code, 0);
  const r = sccp(['build', EXAMPLE, '--out', b], { cwd: tmpdir(), env: { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8' } });
  assert.is(r.code, 0, r.stderr);
  assert.equal(snapshot(a), snapshot(b));
  for (const [p, c] of Object.entries(snapshot(a))) assert.not.ok(c.includes('\r'), `${p} has LF endings only`);
});

test.run();
