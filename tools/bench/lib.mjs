// Measuring processes and handling the Kubernetes objects of a generated repository.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const SCCP = path.join(ROOT, 'packages', 'platform', 'bin', 'sccp.js');

/** GNU time (`/usr/bin/time -f '%M %U %S'`) reports a child's peak RSS and CPU time; without it those columns stay empty. */
export function gnuTime(scratch) {
  const bin = '/usr/bin/time';
  if (!fs.existsSync(bin)) return undefined;
  const out = path.join(scratch, 'time-probe');
  const r = spawnSync(bin, ['-f', '%M %U %S', '-o', out, process.execPath, '-e', '0']);
  return r.status === 0 && /^\d+ [\d.]+ [\d.]+$/.test(fs.readFileSync(out, 'utf8').trim().split('\n').pop()) ? bin : undefined;
}

/**
 * Run a command once as its own process: wall time from spawn to exit, peak RSS and user + system
 * CPU time (via GNU time, whose own overhead is about a millisecond) and exit status. stdout goes to
 * `stdoutFile` (or is discarded); stderr is kept for the error when the status is not in `ok`.
 */
export function runOnce(cmd, args, { cwd = ROOT, env = process.env, stdoutFile, time, scratch, ok = [0] }) {
  const rssFile = path.join(scratch, 'rss');
  const fd = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
  const argv = time ? [time, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv[1], { cwd, env, stdio: ['ignore', fd, 'pipe'], maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (typeof fd === 'number') fs.closeSync(fd);
  if (r.error) throw r.error;
  if (!ok.includes(r.status)) throw new Error(`${path.basename(cmd)} ${args.join(' ').slice(0, 300)} exited ${r.status}:\n${r.stderr.toString().slice(-3000)}`);
  // GNU time writes "Command exited with non-zero status N" before the format line
  const [kib, user, sys] = time ? fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [];
  return { ms, rssMiB: time ? kib / 1024 : undefined, cpuMs: time ? Math.round((user + sys) * 1000) : undefined, status: r.status };
}

/** `runs` measurements: median and min wall time, median CPU time, the highest peak RSS. `before` runs untimed before each one. */
export function measure(runs, cmd, args, opts = {}) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    opts.before?.();
    samples.push(runOnce(cmd, args, opts));
  }
  const median = (xs) => (xs.length % 2 ? xs[(xs.length - 1) / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2);
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const cpu = samples.map((s) => s.cpuMs).filter((x) => x !== undefined).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssMiB).filter((x) => x !== undefined);
  return {
    runs,
    medianMs: median(ms),
    minMs: ms[0],
    cpuMs: cpu.length ? median(cpu) : undefined,
    peakRssMiB: rss.length ? Math.max(...rss) : undefined,
    status: samples[samples.length - 1].status,
  };
}

/** Every .yaml/.yml file under dir, sorted. */
export function yamlFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** The Kubernetes objects (documents with a kind) of a YAML stream. */
export function objectsOf(text) {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((o) => o && typeof o === 'object' && o.kind);
}

/**
 * The folders of a generated repository that hold Kubernetes objects, which `sccp verify` reads (apart
 * from the wrapper charts' templates, which need helm): bootstrap/, apps/, policies/ and tenants/.
 */
export const OBJECT_DIRS = ['bootstrap', 'apps', 'policies', 'tenants'];

export function repoObjectFiles(repo) {
  return OBJECT_DIRS.flatMap((d) => yamlFiles(path.join(repo, d)));
}

export function repoObjects(repo) {
  return repoObjectFiles(repo).flatMap((f) => objectsOf(fs.readFileSync(f, 'utf8')));
}

export function countFiles(dir) {
  let n = 0;
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : n++));
  walk(dir);
  return n;
}

const canonical = (v) =>
  Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}` : JSON.stringify(v);

export const objectKey = (o) => `${o.kind}/${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name ?? '?'}`;

/** Compare two lists of objects as multisets (key order and document order ignored). */
export function sameObjects(expected, actual) {
  const count = (list) => {
    const m = new Map();
    for (const o of list) {
      const c = canonical(o);
      m.set(c, (m.get(c) ?? 0) + 1);
    }
    return m;
  };
  const e = count(expected);
  const a = count(actual);
  const missing = [...e].filter(([c, n]) => (a.get(c) ?? 0) < n).map(([c]) => objectKey(JSON.parse(c)));
  const extra = [...a].filter(([c, n]) => (e.get(c) ?? 0) < n).map(([c]) => objectKey(JSON.parse(c)));
  return { equal: !missing.length && !extra.length, missing, extra };
}
