import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { leftovers, tenantsPlatform, treeHash } from './fixtures/faults/platforms';
import { BIN, ROOT, sccp, tmpdir } from './helpers';

// A build killed at any moment, a target that is full or read-only, and two builds at once: the
// output directory always holds one complete tree (the previous one or the new one, never a mix),
// and the next build succeeds and cleans up after the interrupted one.

const work = tmpdir('sccp-faults-');
const inputA = tenantsPlatform(work, 150, 'alpha');
const inputB = tenantsPlatform(work, 160, 'beta');

/** The tree a clean build of `input` writes (into a fresh directory). */
function clean(input: string, name: string): string {
  const out = path.join(work, `clean-${name}`);
  const r = sccp(['build', input, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  return treeHash(out)!;
}
const A = clean(inputA, 'a');
const B = clean(inputB, 'b');

function start(input: string, out: string) {
  const child = spawn(process.execPath, [BIN, 'build', input, '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a build killed at twelve points of its run leaves the previous tree or the new one, never a mix; the next build recovers', async () => {
  const out = path.join(work, 'killed');
  assert.is(sccp(['build', inputA, '--out', out]).code, 0);
  // how long a build takes here, to spread the kills over it
  const t0 = Date.now();
  assert.is(sccp(['build', inputB, '--out', path.join(work, 'timing')]).code, 0);
  const duration = Date.now() - t0;
  const outcomes: string[] = [];
  let expected = A;
  for (let k = 1; k <= 12; k++) {
    const input = k % 2 ? inputB : inputA;
    const next = k % 2 ? B : A;
    const run = start(input, out);
    await sleep(Math.round((duration * k) / 12));
    run.child.kill('SIGKILL');
    const r = await run.done;
    const now = treeHash(out);
    if (r.signal === 'SIGKILL') {
      // killed: the previous tree, or the new one if the swap was done
      if (now === undefined) {
        // killed between the two renames of the swap: the previous tree is intact beside it, and the next build puts it back
        const old = fs.readdirSync(work).find((e) => e.startsWith('.killed.sccp-old-'));
        assert.ok(old, 'no output and no previous tree beside it');
        assert.is(treeHash(path.join(work, old!)), expected);
        outcomes.push('between renames');
        continue;
      }
      assert.ok(now === expected || now === next, `after a kill at ${k}/12 the output is neither the previous nor the new tree`);
      outcomes.push(now === expected ? 'previous' : 'new');
      expected = now;
    } else {
      assert.is(r.code, 0, r.stderr);
      assert.is(now, next, 'a finished build wrote the whole new tree');
      outcomes.push('finished');
      expected = next;
    }
  }
  assert.ok(outcomes.includes('previous'), `some kills landed before the swap: ${outcomes.join(', ')}`);
  // the next build succeeds, equals a clean build, and removes the lock and temp dirs the kills left
  const r = sccp(['build', inputB, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  assert.is(treeHash(out), B);
  assert.equal(leftovers(out), []);
});

test('two builds at once into one directory: one waits or fails clearly, the tree is one of the two whole trees', async () => {
  for (let i = 0; i < 4; i++) {
    const out = path.join(work, `concurrent-${i}`);
    const [a, b] = await Promise.all([start(inputA, out).done, start(inputB, out).done]);
    for (const r of [a, b]) {
      if (r.code !== 0) {
        assert.is(r.code, 1, r.stderr);
        assert.match(r.stderr, /another sccp build \(pid \d+\) is writing .*concurrent-\d+; wait for it, or delete .*\.sccp-lock if no build is running/);
        assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
      }
    }
    assert.ok(a.code === 0 || b.code === 0, 'at least one build succeeds');
    const now = treeHash(out);
    if (a.code === 0 && b.code !== 0) assert.is(now, A);
    else if (b.code === 0 && a.code !== 0) assert.is(now, B);
    else assert.ok(now === A || now === B, 'both ran one after the other: the tree is the last one, whole');
    assert.equal(leftovers(out), []);
  }
});

test('a full or read-only target: exit 1 with the reason and the previous output unchanged; then the build succeeds', () => {
  // a private mount namespace (unshare -rm) where the target is a 1 MiB tmpfs we can fill and remount
  const dir = tmpdir('sccp-mnt-');
  const small = path.join(ROOT, 'examples', 'kind', 'platform.yaml');
  const r = spawnSync('unshare', ['-rm', process.execPath, path.join(__dirname, 'fixtures', 'faults', 'mounted-target.cjs'), BIN, dir, small, inputA], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.is(r.status, 0, `the fault driver needs a private mount namespace (unshare -rm): ${r.stderr}`);
  const steps = Object.fromEntries(r.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((s) => [s.step, s]));
  const smallHash = clean(small, 'kind');
  assert.is(steps.small.code, 0, steps.small.stderr);
  assert.is(steps.small.hash, smallHash);

  const full = steps['big on a full disk'];
  assert.is(full.code, 1, full.stderr);
  assert.match(full.stderr, /cannot write .*repo: ENOSPC: no space left on device.*; the previous output is unchanged/);
  assert.not.match(full.stderr, /\n\s+at /, 'no stack trace');
  assert.is(full.hash, smallHash, 'the previous output is intact');
  assert.equal(full.leftovers, [], 'no temp dir or lock left on the full disk');

  assert.is(steps['big with room'].code, 0, steps['big with room'].stderr);
  assert.is(steps['big with room'].hash, A);

  const ro = steps['small on a read-only target'];
  assert.is(ro.code, 1, ro.stderr);
  assert.match(ro.stderr, /cannot write .*repo: EROFS: read-only file system.*; the previous output is unchanged/);
  assert.is(ro.hash, A);

  assert.is(steps['small again'].code, 0, steps['small again'].stderr);
  assert.is(steps['small again'].hash, smallHash);
  assert.equal(steps['small again'].leftovers, []);
});

test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test.run();
