/**
 * Faults of the writer, made deterministic: a build failed or killed at each filesystem operation
 * (fault injection, fixtures/faults/inject.cjs), builds racing for the lock at the worst moments
 * (gates in the same preload), an output directory the build may not rename, and one that is a
 * mount point. The output always holds one whole tree, the previous or the new one, and the next
 * build succeeds. Kills at random moments, a full and a read-only disk: interrupt.test.ts.
 * SCCP_FUZZ_RUNS (the long mode, docs/testing.md) fails every operation in every way.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { leftovers, treeHash } from './fixtures/faults/platforms';
import { BIN, ROOT, tmpdir } from './helpers';

const INJECT = path.join(__dirname, 'fixtures', 'faults', 'inject.cjs');
const LONG = !!Number(process.env.SCCP_FUZZ_RUNS);

const work = tmpdir('sccp-write-faults-');
// readable by an unprivileged user too (the permission test runs a build as nobody)
fs.chmodSync(work, 0o755);

const platform = (name: string, features: string, tenant: string) => {
  const file = path.join(work, `${name}.yaml`);
  fs.writeFileSync(
    file,
    `apiVersion: sccp.dev/v1alpha1
kind: Platform
name: ${name}
profile: kind
domain: ${name}.example.com
repository:
  url: https://git.example.com/${name}.git
features:
${features}  tenants:
    values:
      tenants:
        - name: ${tenant}
          owners: { groups: [${tenant}-devs] }
          environment: { repoURL: "https://git.example.com/${tenant}/deploy.git" }
`,
  );
  fs.chmodSync(file, 0o644);
  return file;
};
// B adds a feature and replaces the tenant: the build writes, keeps and prunes files
const inputA = platform('alpha', '  argocd: {}\n', 'shop');
const inputB = platform('beta', '  argocd: {}\n  cert-manager: {}\n', 'store');

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** `sccp build` in a child process, with the fault injection preloaded and configured by `env`. */
function build(input: string, out: string, env: Record<string, string> = {}, opts: { uid?: number; gid?: number } = {}): Ran {
  const r = spawnSync(process.execPath, ['-r', INJECT, BIN, 'build', input, '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, ...opts });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

/** The previous output: A's build plus files SCCP did not write (a notes file, a Git directory). */
const pristine = path.join(work, 'pristine', 'repo');
{
  const r = build(inputA, pristine);
  assert.is(r.code, 0, r.stderr);
  fs.writeFileSync(path.join(pristine, 'NOTES.md'), 'kept\n');
  fs.mkdirSync(path.join(pristine, '.git'));
  fs.writeFileSync(path.join(pristine, '.git', 'HEAD'), 'ref: refs/heads/main\n');
}
const PREVIOUS = treeHash(pristine)!;

/** A fresh copy of the previous output at <dir>/repo. */
function previous(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.dirname(pristine), dir, { recursive: true });
  return path.join(dir, 'repo');
}

/** B built over the previous output without a fault: the new tree (the foreign files kept). */
const NEW = (() => {
  const out = previous(path.join(work, 'clean'));
  const r = build(inputB, out);
  assert.is(r.code, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(out, 'NOTES.md')) && fs.existsSync(path.join(out, '.git', 'HEAD')), 'files SCCP did not write are kept');
  return treeHash(out)!;
})();
assert.is.not(NEW, PREVIOUS);

const noStack = (s: string) => !/internal error|\n\s+at .*:\d+:\d+/.test(s);

// ---------------------------------------------------------------------------------------------

test('a build failed (disk full, read-only) or killed at any filesystem operation: the previous tree or the new one, and the next build recovers', () => {
  // the operations of the build, in order
  const log = path.join(work, 'operations.log');
  const counted = previous(path.join(work, 'count'));
  const r = build(inputB, counted, { SCCP_FAULT_DIR: path.dirname(counted), SCCP_FAULT_LOG: log });
  assert.is(r.code, 0, r.stderr);
  const ops = fs
    .readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'))
    .map(([n, op, p]) => ({ n: Number(n), op, path: p }));
  // by default: every operation but the writes and directories of the new tree (the lock, the temp
  // dir, the files carried over, the swap, the cleanup, the unlock), and writes at the start, the
  // middle and the end; in the long mode, every operation
  const lockOp = (o: { path: string }) => /sccp-lock|sccp-tmp-(lock|stale)/.test(o.path);
  const writes = ops.filter((o) => !lockOp(o) && !/sccp-old/.test(o.path) && o.path !== '' && o.path !== 'repo' && (o.op === 'writeFileSync' || o.op === 'mkdirSync'));
  const structural = ops.filter((o) => !writes.includes(o));
  const sample = [writes[0], writes[Math.floor(writes.length / 2)], writes[writes.length - 1]];
  const points = LONG ? ops : ops.filter((o) => structural.includes(o) || sample.includes(o));
  const failures: string[] = [];
  const outcomes: Record<string, number> = {};
  const dir = path.join(work, 'faulted');
  for (const point of points) {
    const modes = LONG ? ['ENOSPC', 'EROFS', 'EACCES', 'KILL'] : point.op === 'renameSync' || lockOp(point) ? ['ENOSPC', 'EROFS', 'KILL'] : ['ENOSPC', 'KILL'];
    for (const mode of modes) {
      const out = previous(dir);
      const where = `${mode} at operation ${point.n}/${ops.length} (${point.op} ${point.path.replace(/-\d+-[a-z0-9]+/, '-*')})`;
      const f = build(inputB, out, { SCCP_FAULT_DIR: dir, SCCP_FAULT_AT: String(point.n), SCCP_FAULT_CODE: mode });
      const now = treeHash(out);
      let outcome: string;
      if (mode === 'KILL') {
        if (f.signal !== 'SIGKILL') {
          failures.push(`${where}: the build did not reach the operation (exit ${f.code}): ${f.stderr}`);
          continue;
        }
        if (now === undefined) {
          // killed between the two renames of the swap: the previous tree waits beside it
          const old = leftovers(out).find((e) => e.startsWith('.repo.sccp-old-'));
          outcome = old && treeHash(path.join(dir, old)) === PREVIOUS ? 'previous beside it' : 'lost';
        } else outcome = now === PREVIOUS ? 'previous' : now === NEW ? 'new' : 'mixed';
      } else if (f.code === 1) {
        outcome = now === PREVIOUS ? 'previous' : now === NEW ? 'new, but exit 1 says unchanged' : 'mixed';
        if (!new RegExp(`cannot write .*repo: ${mode}: .*; the previous output is unchanged`).test(f.stderr) || !noStack(f.stderr)) failures.push(`${where}: exit 1 without the reason: ${f.stderr}`);
      } else if (f.code === 0) outcome = now === NEW ? 'new' : 'exit 0 but not the new tree';
      else outcome = `exit ${f.code ?? f.signal}: ${f.stderr.trim().split('\n').slice(-2).join(' ')}`;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (!['previous', 'new', 'previous beside it'].includes(outcome)) failures.push(`${where}: ${outcome}`);
      // the next build succeeds, writes the new tree and removes what the failed one left
      if (mode === 'KILL' || now !== PREVIOUS || leftovers(out).length) {
        const next = build(inputB, out);
        if (next.code !== 0) failures.push(`${where}: the next build failed: ${next.stderr}`);
        else if (treeHash(out) !== NEW) failures.push(`${where}: the next build did not write the new tree`);
        else if (leftovers(out).length) failures.push(`${where}: the next build left ${leftovers(out).join(', ')}`);
      }
    }
  }
  assert.equal(failures, [], `outcomes: ${JSON.stringify(outcomes)}`);
  assert.ok(outcomes.previous && outcomes.new, `faults before and after the swap: ${JSON.stringify(outcomes)}`);
});

// ---------------------------------------------------------------------------------------------
// Lock races: two builds, one held at a gate until the other is where the race happens

interface Child {
  pid: number;
  done: Promise<Ran>;
  exited: boolean;
}

function start(input: string, out: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['-r', INJECT, BIN, 'build', input, '--out', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const c: Child = {
    pid: child.pid!,
    exited: false,
    done: new Promise((resolve) =>
      child.on('close', (code, signal) => {
        c.exited = true;
        resolve({ code, signal, stderr });
      }),
    ),
  };
  return c;
}

async function until(what: string, ok: () => boolean, ms = 30000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

class Race {
  readonly dir: string;
  readonly out: string;
  readonly events: string;
  constructor(name: string) {
    this.dir = path.join(work, name);
    this.out = previous(this.dir);
    this.events = path.join(work, `${name}.events`);
    fs.rmSync(this.events, { force: true });
  }
  gate(name: string): string {
    return path.join(work, `${path.basename(this.dir)}.${name}.gate`);
  }
  open(gate: string): void {
    fs.writeFileSync(gate, '');
  }
  log(): { pid: number; kind: string }[] {
    if (!fs.existsSync(this.events)) return [];
    return fs
      .readFileSync(this.events, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'))
      .map(([pid, kind]) => ({ pid: Number(pid), kind }));
  }
  saw(child: Child, kind: string): boolean {
    return this.log().some((e) => e.pid === child.pid && e.kind === kind);
  }
  /** No build took the lock while another held it (from creating the lock file to removing it). */
  assertExclusive(): void {
    let holder: number | undefined;
    for (const e of this.log()) {
      if (e.kind === 'created' || e.kind === 'acquire') {
        assert.ok(holder === undefined || holder === e.pid, `build ${e.pid} took the lock while build ${holder} held it: ${JSON.stringify(this.log())}`);
        holder = e.pid;
      } else if (e.kind === 'release' && holder === e.pid) holder = undefined;
    }
  }
}

const refused = (r: Ran) => {
  assert.is(r.code, 1, `exit 1, got ${r.code ?? r.signal}: ${r.stderr}`);
  assert.match(r.stderr, /another sccp build (\(pid \d+\) )?is writing .*repo; wait for it, or delete .*repo\.sccp-lock if no build is running/);
  assert.ok(noStack(r.stderr), r.stderr);
};

test('without hard links, a lock file just created (its pid not written yet) is held: a second build fails clearly, the first one writes', async () => {
  const race = new Race('race-created');
  const written = race.gate('pid-written');
  const hold = race.gate('hold');
  // no hard links: the lock file is created, then the pid written into it
  const first = start(inputB, race.out, { SCCP_FAULT_EVENTS: race.events, SCCP_FAULT_NO_LINK: '1', SCCP_FAULT_LOCK_GATE: written, SCCP_FAULT_HOLD_GATE: hold });
  await until('the first build to create the lock file', () => race.saw(first, 'created'));
  const second = start(inputA, race.out, { SCCP_FAULT_EVENTS: race.events });
  // the second build finds the lock without a pid; then the pid arrives
  await until('the second build to look at the lock', () => second.exited || race.saw(second, 'read') || race.saw(second, 'acquire'));
  race.open(written);
  await until('the second build to finish or take the lock', () => second.exited || race.saw(second, 'acquire'));
  race.open(hold);
  const [a, b] = await Promise.all([first.done, second.done]);
  race.assertExclusive();
  assert.is(a.code, 0, a.stderr);
  refused(b);
  assert.is(treeHash(race.out), NEW);
  assert.equal(leftovers(race.out), []);
});

test('two builds taking over one stale lock: one takes it, the other fails clearly', async () => {
  const race = new Race('race-stale');
  // a lock left by a build that was killed: its pid is no longer running
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  fs.writeFileSync(`${race.out}.sccp-lock`, dead);
  const takeover = race.gate('takeover');
  const hold = race.gate('hold');
  // the first build decides the lock is stale and is held just before taking it over ...
  const first = start(inputB, race.out, { SCCP_FAULT_EVENTS: race.events, SCCP_FAULT_TAKEOVER_GATE: takeover });
  await until('the first build to find the stale lock', () => race.saw(first, 'takeover'));
  // ... while the second takes it over and holds it
  const second = start(inputA, race.out, { SCCP_FAULT_EVENTS: race.events, SCCP_FAULT_HOLD_GATE: hold });
  await until('the second build to take the lock', () => race.saw(second, 'acquire') || second.exited);
  race.open(takeover);
  await until('the first build to finish or take the lock', () => first.exited || race.saw(first, 'acquire'));
  race.open(hold);
  const [a, b] = await Promise.all([first.done, second.done]);
  race.assertExclusive();
  refused(a);
  assert.is(b.code, 0, b.stderr);
  assert.is(treeHash(race.out), PREVIOUS, "the second build's tree (A over A)");
  assert.equal(leftovers(race.out), []);
});

test('a lock removed while another build reads it (the holder just finished): that build takes the lock and writes', async () => {
  const race = new Race('race-vanished');
  const hold = race.gate('hold');
  const read = race.gate('read');
  const first = start(inputB, race.out, { SCCP_FAULT_EVENTS: race.events, SCCP_FAULT_HOLD_GATE: hold });
  await until('the first build to take the lock', () => race.saw(first, 'acquire'));
  const second = start(inputA, race.out, { SCCP_FAULT_EVENTS: race.events, SCCP_FAULT_READLOCK_GATE: read });
  await until('the second build to find the lock taken', () => race.saw(second, 'read'));
  race.open(hold);
  const a = await first.done;
  assert.is(a.code, 0, a.stderr);
  race.open(read);
  const b = await second.done;
  race.assertExclusive();
  assert.is(b.code, 0, `the second build takes the free lock: exit ${b.code ?? b.signal}: ${b.stderr}`);
  assert.is(treeHash(race.out), PREVIOUS, "the second build's tree (A)");
  assert.equal(leftovers(race.out), []);
});

test("locks left behind: a dead build's pid (with or without a newline), a file without a pid; each is taken over", () => {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  for (const [what, content] of [
    ['a dead build', `${dead}\n`],
    ['a dead build of an older sccp', dead],
    ['no pid', ''],
  ]) {
    const out = previous(path.join(work, 'left-lock'));
    fs.writeFileSync(`${out}.sccp-lock`, content);
    const r = build(inputB, out);
    assert.is(r.code, 0, `${what}: ${r.stderr}`);
    assert.is(treeHash(out), NEW, what);
    assert.equal(leftovers(out), [], what);
  }
});

// ---------------------------------------------------------------------------------------------

/** The operation number of the first `op` on `target` in a build of B over the previous output (for the injected variants). */
function operation(op: string, target: RegExp): number {
  const log = path.join(work, 'operations-lookup.log');
  fs.rmSync(log, { force: true });
  const out = previous(path.join(work, 'lookup'));
  assert.is(build(inputB, out, { SCCP_FAULT_DIR: path.dirname(out), SCCP_FAULT_LOG: log }).code, 0);
  const line = fs.readFileSync(log, 'utf8').split('\n').find((l) => l.split('\t')[1] === op && target.test(l.split('\t')[2] ?? ''));
  assert.ok(line, `no ${op} of ${target} in the build`);
  return Number(line!.split('\t')[0]);
}

const ROOT_USER = process.getuid?.() === 0;

test('an output directory the build may not move (a shared sticky directory, another owner): exit 1 with the reason, the previous output intact', () => {
  const dir = path.join(work, 'sticky');
  const out = previous(dir);
  // anyone may create the lock and the temp dir beside the output, only the owner may move it; as
  // root, the build runs as nobody; otherwise the refusal of the rename is injected
  fs.chmodSync(dir, 0o1777);
  const r = ROOT_USER ? build(inputB, out, {}, { uid: 65534, gid: 65534 }) : build(inputB, out, { SCCP_FAULT_DIR: dir, SCCP_FAULT_AT: String(operation('renameSync', /^repo$/)), SCCP_FAULT_CODE: 'EACCES' });
  assert.is(r.code, 1, `exit 1, got ${r.code ?? r.signal}: ${r.stderr}`);
  assert.match(r.stderr, /cannot write .*repo: (EACCES|EPERM): .*rename .*; the previous output is unchanged/);
  assert.ok(noStack(r.stderr), r.stderr);
  assert.is(treeHash(out), PREVIOUS);
  assert.equal(leftovers(out), []);
  const next = build(inputB, out);
  assert.is(next.code, 0, next.stderr);
  assert.is(treeHash(out), NEW);
});

test('a previous tree the build may not delete (another owner): the new tree is in place, exit 0; the next build removes the old one', () => {
  const dir = path.join(work, 'not-deletable');
  const out = previous(dir);
  // the build may move the output but not delete the previous tree's files: as root, the build runs as nobody
  fs.chmodSync(dir, 0o777);
  const r = ROOT_USER ? build(inputB, out, {}, { uid: 65534, gid: 65534 }) : build(inputB, out, { SCCP_FAULT_DIR: dir, SCCP_FAULT_AT: String(operation('rmSync', /sccp-old-/)), SCCP_FAULT_CODE: 'EACCES' });
  assert.is(r.code, 0, `exit 0: the new tree is in place; got ${r.code ?? r.signal}: ${r.stderr}`);
  assert.is(treeHash(out), NEW);
  const next = build(inputB, out);
  assert.is(next.code, 0, next.stderr);
  assert.is(treeHash(out), NEW);
  assert.equal(leftovers(out), [], 'the previous tree is removed by the next build');
});

test('an output directory that is a mount point: exit 1 saying so, the previous output intact; unmounted, it builds', () => {
  const dir = tmpdir('sccp-mount-point-');
  const r = spawnSync('unshare', ['-rm', process.execPath, path.join(__dirname, 'fixtures', 'faults', 'mount-point-out.cjs'), BIN, dir, inputA, inputB], { cwd: ROOT, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.is(r.status, 0, `the test needs a private mount namespace (unshare -rm): ${r.error ?? r.stderr}`);
  const steps = Object.fromEntries(r.stdout.trim().split('\n').map((l) => JSON.parse(l)).map((s) => [s.step, s]));
  assert.is(steps.A.code, 0, steps.A.stderr);
  assert.is(steps['A with files of our own'].hash, PREVIOUS);
  const mounted = steps['B into a mount point'];
  assert.is(mounted.code, 1, mounted.stderr);
  assert.match(mounted.stderr, /cannot write .*repo: it is a mount point, and a build replaces the output directory by renaming it; .*; the previous output is unchanged/);
  assert.ok(noStack(mounted.stderr), mounted.stderr);
  assert.is(mounted.hash, PREVIOUS, 'the previous output is intact');
  assert.equal(mounted.leftovers, []);
  const after = steps['B after unmounting'];
  assert.is(after.code, 0, after.stderr);
  assert.is(after.hash, NEW);
  assert.equal(after.leftovers, []);
});

test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test.run();
