#!/usr/bin/env node
// SCCP benchmarks, side by side with Helm and Kyverno in the same run. Every row runs real processes
// (`node packages/platform/bin/sccp.js ...`, `helm ...`, `kyverno ...`): wall time from spawn to exit
// and CPU time (medians of --runs), peak RSS (GNU time). docs/performance.md says what each row measures.
//
//   cold start   sccp --help, sccp validate examples/bare-metal (median of --cold-runs), next to `node -e 0`
//   build        sccp build of every example; of platforms with --tenants tenants, next to `helm template`
//                of the equivalent app-of-apps chart with the same tenants (same objects, checked)
//   verify       sccp verify of repositories with about --objects Kubernetes objects, next to
//                `kyverno apply` of the repository's own Kyverno policies on the same objects (same
//                violations, checked)
//
// Usage: node tools/bench/bench.mjs [--runs 5] [--cold-runs 10] [--tenants 10,100,1000]
//          [--objects 1000,10000] [--only cold,build,verify] [--helm PATH] [--kyverno PATH] [--json]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { writeChart } from './helm-chart.mjs';
import { kyvernoArgs, kyvernoFailures, sccpFailures } from './kyverno.mjs';
import { ROOT, SCCP, countFiles, gnuTime, measure, objectKey, objectsOf, repoObjects, runOnce, sameObjects, yamlFiles } from './lib.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? dflt : process.argv[i + 1];
};
const list = (s) => (s ? s.split(',').filter(Boolean).map(Number) : []);
const runs = Number(arg('--runs', '5'));
const coldRuns = Number(arg('--cold-runs', '10'));
const tenantCounts = list(arg('--tenants', '10,100,1000'));
const objectTargets = list(arg('--objects', '1000,10000'));
const only = new Set(arg('--only', 'cold,build,verify').split(','));
const json = process.argv.includes('--json');
const HELM = path.resolve(arg('--helm', path.join(ROOT, '.tools', 'bin', 'helm')));
const KYVERNO = path.resolve(arg('--kyverno', path.join(ROOT, '.tools', 'bin', 'kyverno')));
const log = (s) => process.stderr.write(`${s}\n`);
if (!(runs >= 1 && coldRuns >= 1) || [...tenantCounts, ...objectTargets].some((n) => !(n >= 1))) {
  log('tools/bench: --runs, --cold-runs, --tenants and --objects take positive numbers');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Preconditions: the engines and the built CLI

for (const [name, bin] of [
  ['helm', HELM],
  ['kyverno', KYVERNO],
]) {
  if (!fs.existsSync(bin)) {
    log(`tools/bench: ${name} not found at ${path.relative(ROOT, bin) || bin}: run \`npm run engines\` (builds .tools/bin) or pass --${name} PATH`);
    process.exit(2);
  }
}
if (!fs.existsSync(path.join(ROOT, 'packages', 'platform', 'dist', 'cli', 'main.js'))) {
  log('tools/bench: packages/platform/dist is missing: run `npx tsc -b` first');
  process.exit(2);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-bench-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
const time = gnuTime(work);
if (!time) log('tools/bench: GNU time (/usr/bin/time) not found: peak RSS is not measured (Debian/Ubuntu: apt-get install time)');

const version = (bin, args, re) => re.exec(spawnSync(bin, args, { encoding: 'utf8' }).stdout ?? '')?.[1] ?? '?';
const osName = (() => {
  try {
    return /^PRETTY_NAME="?([^"\n]*)/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))[1];
  } catch {
    return os.type();
  }
})();
const machine = {
  cpu: `${os.cpus().length} × ${os.cpus()[0].model.replace(/\s+/g, ' ').trim()}`,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${osName}, ${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  helm: version(HELM, ['version', '--short'], /^(v\S+)/),
  kyverno: version(KYVERNO, ['version'], /Version:\s*(\S+)/),
  loadAverage: os.loadavg().map((x) => x.toFixed(2)).join(' '),
  runs,
  coldRuns,
};
log(`sccp benchmarks on ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.os}`);
log(`Node ${machine.node}, helm ${machine.helm}, kyverno ${machine.kyverno}; median of ${runs} runs (cold start: ${coldRuns}); load average ${machine.loadAverage}`);

// helm, kyverno and sccp verify must not find a helm on PATH unless a row says so (verify renders
// the wrapper charts with it), nor read the user's helm configuration
const PATH_WITHOUT_HELM = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((d) => d && !fs.existsSync(path.join(d, 'helm')))
  .join(path.delimiter);
const ENV = { ...process.env, PATH: PATH_WITHOUT_HELM, HELM_CACHE_HOME: path.join(work, 'helm', 'cache'), HELM_CONFIG_HOME: path.join(work, 'helm', 'config'), HELM_DATA_HOME: path.join(work, 'helm', 'data') };
delete ENV.SCCP_HELM;
const opts = (extra = {}) => ({ env: ENV, time, scratch: work, ...extra });
const sccp = (args) => [process.execPath, [SCCP, ...args]];

const rows = [];
const row = (r) => {
  rows.push(r);
  const ref = r.other ? `; ${r.other.tool}: ${Math.round(r.other.medianMs)} ms, ${mib(r.other.peakRssMiB)} MiB` : '';
  log(`  ${r.scenario}: ${Math.round(r.sccp.medianMs)} ms, ${mib(r.sccp.peakRssMiB)} MiB${ref}${r.check ? ` (${r.check})` : ''}`);
};
const mib = (x) => (x === undefined ? '-' : String(Math.round(x)));
const num = (x) => x.toLocaleString('en');

// ---------------------------------------------------------------------------------------------
// Platforms with many tenants

const EXAMPLE = path.join(ROOT, 'examples', 'bare-metal', 'platform.yaml');
const base = parse(fs.readFileSync(EXAMPLE, 'utf8'));

/** n tenants, each: 2 namespaces (quota, limits, 5 network policies, owners' RoleBinding each), AppProject, Application. */
function tenantList(n) {
  return Array.from({ length: n }, (_, i) => {
    const t = `team-${String(i).padStart(5, '0')}`;
    return {
      name: t,
      owners: { groups: [`${t}-devs`] },
      namespaces: [{ name: t }, { name: `${t}-jobs` }],
      quota: { cpu: '4', memory: '8Gi', pods: 40 },
      environment: { repoURL: `https://git.example.com/${t}/deploy.git`, path: 'envs/prod' },
    };
  });
}

/** The bare-metal example with its tenants replaced by `tenantList(n)`. */
function tenantsPlatform(n) {
  const doc = structuredClone(base);
  doc.features.tenants.values.tenants = tenantList(n);
  const file = path.join(work, `tenants-${n}.yaml`);
  fs.writeFileSync(file, stringify(doc));
  return { file, tenants: doc.features.tenants.values.tenants };
}

function build(file, out) {
  fs.rmSync(out, { recursive: true, force: true });
  runOnce(...sccp(['build', file, '--out', out]), opts());
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cold start

if (only.has('cold')) {
  log('cold start');
  const modules = (args) => {
    const file = path.join(work, 'modules.json');
    runOnce(process.execPath, ['-r', path.join(ROOT, 'tools', 'bench', 'count-modules.cjs'), SCCP, ...args], opts({ env: { ...ENV, SCCP_BENCH_MODULES: file } }));
    const m = JSON.parse(fs.readFileSync(file, 'utf8'));
    return `${m.modules} modules, ${m.packages} packages`;
  };
  const node = { tool: 'node -e 0', ...measure(coldRuns, process.execPath, ['-e', '0'], opts()) };
  for (const [scenario, args] of [
    ['cold start: sccp --help', ['--help']],
    ['cold start: sccp validate examples/bare-metal', ['validate', path.relative(ROOT, EXAMPLE)]],
  ]) {
    row({ group: 'cold', scenario, size: modules(args), sccp: measure(coldRuns, ...sccp(args), opts()), other: node });
  }
}

// ---------------------------------------------------------------------------------------------
// Build: the examples, then platforms with many tenants next to helm template

if (only.has('build')) {
  log('build');
  for (const ex of fs.readdirSync(path.join(ROOT, 'examples')).sort()) {
    const file = path.join('examples', ex, 'platform.yaml');
    if (!fs.existsSync(path.join(ROOT, file))) continue;
    const out = path.join(work, `out-${ex}`);
    const m = measure(runs, ...sccp(['build', file, '--out', out]), opts({ before: () => fs.rmSync(out, { recursive: true, force: true }) }));
    row({ group: 'build', scenario: `build examples/${ex}`, size: `${num(countFiles(out))} files, ${num(repoObjects(out).length)} objects`, sccp: m });
  }
  for (const n of tenantCounts) {
    const { file, tenants } = tenantsPlatform(n);
    const out = path.join(work, `out-tenants-${n}`);
    const m = measure(runs, ...sccp(['build', file, '--out', out]), opts({ before: () => fs.rmSync(out, { recursive: true, force: true }) }));
    const expected = repoObjects(out);
    // the Helm chart that renders the same objects from a values list of the same tenants
    const chart = path.join(work, `chart-${n}`);
    const values = path.join(work, `chart-${n}-values.json`);
    writeChart(chart, values, { repo: out, platform: base, tenants });
    const rendered = path.join(work, `chart-${n}.yaml`);
    const h = measure(runs, HELM, ['template', base.name, chart, '--values', values], opts({ stdoutFile: rendered }));
    const same = sameObjects(expected, objectsOf(fs.readFileSync(rendered, 'utf8')));
    if (!same.equal) log(`    helm output differs from sccp's: missing ${same.missing.slice(0, 5).join(', ')}${same.missing.length > 5 ? ', ...' : ''}; extra ${same.extra.slice(0, 5).join(', ')}`);
    row({
      group: 'build',
      scenario: `build ${n} tenants`,
      size: `${num(countFiles(out))} files, ${num(expected.length)} objects`,
      sccp: m,
      other: { tool: 'helm template', ...h },
      check: same.equal ? `same ${num(expected.length)} objects` : `DIFFERENT: ${same.missing.length} missing, ${same.extra.length} extra`,
      ok: same.equal,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Verify: repositories of about N objects (tenants + every policy fixture of the repository's
// packages, so that there are violations to find), next to kyverno apply

/** Every policy fixture (pass and fail) of the packages, copied into repo/tenants/, whose objects do not collide with the repository's or each other's. */
function seedFixtures(repo) {
  const dir = path.join(repo, 'tenants', 'zz-policy-fixtures');
  fs.mkdirSync(dir, { recursive: true });
  const seen = new Set(repoObjects(repo).map(objectKey));
  let objects = 0;
  for (const pkg of fs.readdirSync(path.join(ROOT, 'packages')).sort()) {
    const fixtures = path.join(ROOT, 'packages', pkg, 'policies', 'fixtures');
    for (const f of yamlFiles(fixtures)) {
      const docs = objectsOf(fs.readFileSync(f, 'utf8'));
      const keys = docs.map(objectKey);
      if (!docs.length || keys.some((k) => seen.has(k)) || new Set(keys).size !== keys.length) continue;
      keys.forEach((k) => seen.add(k));
      fs.copyFileSync(f, path.join(dir, path.relative(fixtures, f).split(path.sep).join('--')));
      objects += docs.length;
    }
  }
  return objects;
}

if (only.has('verify') && objectTargets.length) {
  log('verify');
  // objects = fixed + per tenant × tenants + fixtures
  const probe = [1, 2].map((n) => {
    const out = build(tenantsPlatform(n).file, path.join(work, `probe-${n}`));
    return repoObjects(out).length;
  });
  const perTenant = probe[1] - probe[0];
  const fixed = probe[0] - perTenant;
  const fixtures = seedFixtures(path.join(work, 'probe-1'));
  for (const [i, target] of objectTargets.entries()) {
    const n = Math.max(1, Math.round((target - fixed - fixtures) / perTenant));
    const { file } = tenantsPlatform(n);
    const repo = build(file, path.join(work, `verify-${target}`));
    seedFixtures(repo);
    const objects = repoObjects(repo).length;
    log(`  ${objects} objects: ${n} tenants × ${perTenant} + ${fixed} platform objects + ${fixtures} policy fixture objects`);

    const report = path.join(work, `verify-${target}.json`);
    const s = measure(runs, ...sccp(['verify', repo, '--json']), opts({ stdoutFile: report, ok: [0, 1] }));
    const mine = sccpFailures(fs.readFileSync(report, 'utf8'));
    const k = kyvernoArgs(repo, path.join(work, `kyverno-values-${target}.yaml`));
    for (const note of new Set(k.notes)) log(`    kyverno: ${note}`);
    const kout = path.join(work, `kyverno-${target}.out`);
    const kv = measure(runs, KYVERNO, k.args, opts({ stdoutFile: kout, ok: [0, 1] }));
    const theirs = kyvernoFailures(fs.readFileSync(kout, 'utf8'));
    const onlySccp = [...mine.pairs].filter((p) => !theirs.pairs.has(p));
    const onlyKyverno = [...theirs.pairs].filter((p) => !mine.pairs.has(p));
    const agree = !onlySccp.length && !onlyKyverno.length && !theirs.errors && mine.resources === objects;
    if (!agree) {
      log(`    verdicts differ: sccp read ${mine.resources} objects; only sccp: ${onlySccp.slice(0, 5).join('; ')}; only kyverno: ${onlyKyverno.slice(0, 5).join('; ')}; kyverno errors: ${theirs.errors}`);
    }
    row({
      group: 'verify',
      scenario: `verify ~${target.toLocaleString('en')} objects (policies only)`,
      size: `${num(objects)} objects (${num(n)} tenants)`,
      sccp: s,
      other: { tool: `kyverno apply (${k.policies} policies, ${k.exceptions} exceptions)`, ...kv },
      check: `${mine.pairs.size} vs ${theirs.pairs.size} violations${agree ? ', same pairs' : ', DIFFERENT'}`,
      ok: agree,
    });
    if (i === 0) {
      // the whole of `sccp verify`: also the wrapper charts' own templates, rendered with helm
      const withHelm = measure(runs, ...sccp(['verify', repo, '--json', '--helm', HELM]), opts({ stdoutFile: report, ok: [0, 1] }));
      const full = JSON.parse(fs.readFileSync(report, 'utf8'));
      row({ group: 'verify', scenario: `verify ~${target.toLocaleString('en')} objects + wrapper charts rendered with helm`, size: `${num(full.resources)} objects (${full.chartsRendered} charts)`, sccp: withHelm });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const ms = (x) => (x === undefined ? '-' : Math.round(x).toLocaleString('en'));
const ratio = (a, b) => (a === undefined || b === undefined || !b ? '-' : `${(a / b).toFixed(2)}`);
if (json) console.log(JSON.stringify({ machine, rows }, null, 2));
else {
  console.log(`Machine: ${machine.cpu}, ${machine.memoryGiB} GiB RAM, ${machine.os}; Node ${machine.node}, helm ${machine.helm}, kyverno ${machine.kyverno}.`);
  console.log(`Wall and CPU (user + system) time: median of ${runs} runs (cold start: ${coldRuns}); peak RSS: the largest of the runs. Load average at start: ${machine.loadAverage}, at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}.\n`);
  console.log('| scenario | size | sccp ms | sccp CPU ms | sccp MiB | compared with | its ms | its CPU ms | its MiB | time sccp/other | CPU sccp/other | RSS sccp/other | same result |');
  console.log('|---|---|--:|--:|--:|---|--:|--:|--:|--:|--:|--:|---|');
  for (const r of rows) {
    const o = r.other;
    console.log(
      `| ${r.scenario} | ${r.size} | ${ms(r.sccp.medianMs)} | ${ms(r.sccp.cpuMs)} | ${mib(r.sccp.peakRssMiB)} | ${o?.tool ?? '-'} | ${ms(o?.medianMs)} | ${ms(o?.cpuMs)} | ${mib(o?.peakRssMiB)} | ${ratio(r.sccp.medianMs, o?.medianMs)} | ${ratio(r.sccp.cpuMs, o?.cpuMs)} | ${ratio(r.sccp.peakRssMiB, o?.peakRssMiB)} | ${r.check ?? '-'} |`,
    );
  }
}
if (rows.some((r) => r.ok === false)) {
  log('tools/bench: sccp and the other tool did not produce the same result in some row (see above)');
  process.exitCode = 1;
}
