#!/usr/bin/env node
// SCCP benchmarks: wall time (median of --runs, default 5) and peak RSS of `sccp build` for every
// example and for platforms with 10, 100 and 1,000 tenants, and of `sccp verify` on their output.
// Usage: node tools/bench/bench.mjs [--runs N] [--tenants 10,100,1000] [--json]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? dflt : process.argv[i + 1];
};
const runs = Number(arg('--runs', '5'));
const tenantCounts = arg('--tenants', '10,100,1000').split(',').map(Number);
const json = process.argv.includes('--json');
const measure = path.join(root, 'tools', 'bench', 'measure.cjs');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-bench-'));

/** A bare-metal platform with n tenants (each: 2 namespaces, quota, network policy, Application). */
function tenantsPlatform(n) {
  const base = fs.readFileSync(path.join(root, 'examples', 'bare-metal', 'platform.yaml'), 'utf8').replace(/\n  tenants:\n[\s\S]*$/, '\n');
  const lines = ['  tenants:', '    values:', '      tenants:'];
  for (let i = 0; i < n; i++) {
    const t = `team-${String(i).padStart(4, '0')}`;
    lines.push(
      `        - name: ${t}`,
      `          owners: { groups: [${t}-devs] }`,
      `          namespaces: [{ name: ${t} }, { name: ${t}-jobs }]`,
      `          quota: { cpu: "4", memory: 8Gi, pods: 40 }`,
      `          environment: { repoURL: "https://git.example.com/${t}/deploy.git", path: envs/prod }`,
    );
  }
  const file = path.join(work, `tenants-${n}.yaml`);
  fs.writeFileSync(file, base + lines.join('\n') + '\n');
  return file;
}

function once(args) {
  const r = spawnSync(process.execPath, [measure, ...args], { encoding: 'utf8', cwd: root, maxBuffer: 64 << 20 });
  const line = r.stderr.trim().split('\n').pop();
  const m = JSON.parse(line);
  if (m.exit !== 0) throw new Error(`sccp ${args.join(' ')} exited ${m.exit}`);
  return m;
}

function bench(label, args, extra = {}) {
  const samples = Array.from({ length: runs }, () => once(args));
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = Math.max(...samples.map((s) => s.maxRssMiB));
  const row = { scenario: label, medianMs: Math.round(ms[Math.floor(ms.length / 2)]), minMs: Math.round(ms[0]), peakRssMiB: Math.round(rss), ...extra };
  if (!json) process.stderr.write(`  ${label}: ${row.medianMs} ms (median of ${runs}), ${row.peakRssMiB} MiB\n`);
  return row;
}

const count = (dir) => {
  let n = 0;
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : n++));
  walk(dir);
  return n;
};

const rows = [];
process.stderr.write(`sccp benchmarks, ${runs} runs each, on ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`);
for (const ex of fs.readdirSync(path.join(root, 'examples')).sort()) {
  const out = path.join(work, `out-${ex}`);
  rows.push(bench(`build examples/${ex}`, ['build', path.join('examples', ex, 'platform.yaml'), '--out', out]));
  rows[rows.length - 1].files = count(out);
}
for (const n of tenantCounts) {
  const file = tenantsPlatform(n);
  const out = path.join(work, `out-tenants-${n}`);
  rows.push(bench(`build ${n} tenants`, ['build', file, '--out', out], { inputKiB: Math.round(fs.statSync(file).size / 1024) }));
  rows[rows.length - 1].files = count(out);
  rows.push(bench(`verify ${n} tenants (no helm)`, ['verify', out]));
}
fs.rmSync(work, { recursive: true, force: true });
if (json) console.log(JSON.stringify(rows, null, 2));
else {
  console.log('| scenario | median ms | min ms | peak RSS MiB | files |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.scenario} | ${r.medianMs} | ${r.minMs} | ${r.peakRssMiB} | ${r.files ?? ''} |`);
}
