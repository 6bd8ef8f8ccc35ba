#!/usr/bin/env node
// Builds the chart/policy engines pinned in tools/**/go.mod into <repo>/.tools/bin/.
//
//   node tools/engines/build.mjs           build what is missing or out of date
//   node tools/engines/build.mjs --force   rebuild everything
//   node tools/engines/build.mjs --jobs=1  one build at a time (default: two)
//
// A build is reused when .tools/bin/.stamp matches the sha256 of every go.mod/go.sum (and
// Go source file) under tools/ (plus this script and `go version`) and every binary exists.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TOOLS = join(ROOT, 'tools');
const BIN = join(ROOT, '.tools', 'bin');
const STAMP = join(BIN, '.stamp');
const EXE = process.platform === 'win32' ? '.exe' : '';

// dir: Go module (relative to tools/) that pins the engine; pkg: its main package;
// x(v): -X version variables, as upstream's Makefile sets them (v(mod) = pinned version of mod);
// coldSeconds: its cold build on 2 cores (tools/README.md), to start the longest first;
// after: an engine of the same build list to build first (its packages are then in GOCACHE).
const ENGINES = [
  {
    name: 'helm', coldSeconds: 198, dir: '.', pkg: 'helm.sh/helm/v3/cmd/helm',
    x: (v) => {
      const k8sMinor = v('k8s.io/client-go').split('.')[1]; // client-go v0.37.x => Kubernetes 1.37
      return {
        'helm.sh/helm/v3/internal/version.version': v('helm.sh/helm/v3'),
        'helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor': '1',
        'helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor': k8sMinor,
        'helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor': '1',
        'helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor': k8sMinor,
      };
    },
  },
  { name: 'opa', coldSeconds: 181, dir: 'opa', pkg: 'github.com/open-policy-agent/opa', x: () => ({}) },
  {
    name: 'kyverno', coldSeconds: 598, dir: 'kyverno', pkg: 'github.com/kyverno/kyverno/cmd/cli/kubectl-kyverno',
    x: (v) => ({ 'github.com/kyverno/kyverno/pkg/version.BuildVersion': v('github.com/kyverno/kyverno') }),
  },
  {
    name: 'kyverno-json', coldSeconds: 294, dir: 'kyverno-json', pkg: 'github.com/kyverno/kyverno-json',
    x: (v) => ({ 'github.com/kyverno/kyverno-json/pkg/version.BuildVersion': v('github.com/kyverno/kyverno-json') }),
  },
  {
    name: 'gator', coldSeconds: 291, dir: 'gator', pkg: 'github.com/open-policy-agent/gatekeeper/v3/cmd/gator',
    x: (v) => ({ 'github.com/open-policy-agent/gatekeeper/v3/pkg/version.Version': v('github.com/open-policy-agent/gatekeeper/v3') }),
  },
  {
    // an OCI registry on loopback for the tests of `sccp vendor` with oci:// charts
    name: 'registry', coldSeconds: 151, dir: 'registry', pkg: 'github.com/distribution/distribution/v3/cmd/registry',
    x: (v) => ({ 'github.com/distribution/distribution/v3/version.version': v('github.com/distribution/distribution/v3') }),
  },
  {
    // Argo CD's Lua health-script runner, rebuilt on the gopher-lua that argo-cd v3.4.4 pins (tools/argocd-lua/main.go)
    name: 'argocd-lua', coldSeconds: 3, dir: 'argocd-lua', pkg: '.', x: () => ({}),
  },
  {
    // Argo CD's single binary (argocd-application-controller, argocd-repo-server, ... by argv[0] or
    // ARGOCD_BINARY_NAME). v3.6.x: older tags replace their nested gitops-engine module with a local
    // path the proxy does not serve (tools/README.md). Its go.mod needs Go 1.27.
    name: 'argocd', coldSeconds: 701, dir: 'argocd', pkg: 'github.com/argoproj/argo-cd/v3/cmd', env: { GOTOOLCHAIN: 'go1.27.3' },
    x: (v) => ({
      'github.com/argoproj/argo-cd/v3/common.version': v('github.com/argoproj/argo-cd/v3').slice(1), // VERSION file: no "v"
      'github.com/argoproj/argo-cd/v3/common.gitTag': v('github.com/argoproj/argo-cd/v3'),
      'github.com/argoproj/argo-cd/v3/common.gitTreeState': 'clean',
      'github.com/argoproj/argo-cd/v3/common.kubectlVersion': v('k8s.io/client-go'),
    }),
  },
  {
    // fake kubelet: Nodes and Pods report Ready without containers (tests of Argo CD health)
    name: 'kwok', coldSeconds: 163, dir: 'kwok', pkg: 'sigs.k8s.io/kwok/cmd/kwok',
    x: (v) => ({ 'sigs.k8s.io/kwok/pkg/consts.Version': v('sigs.k8s.io/kwok') }),
  },
  {
    // a real API server for the tests (packages/test-kit/src/kube-api.ts), on etcd below
    name: 'kube-apiserver', coldSeconds: 592, dir: 'kube-apiserver', pkg: 'k8s.io/kubernetes/cmd/kube-apiserver',
    x: (v) => kubernetesVersionFlags(v('k8s.io/kubernetes')),
  },
  // kube-apiserver's storage: the module root is etcd's main package; its version is in the source
  { name: 'etcd', coldSeconds: 38, dir: 'etcd', pkg: 'go.etcd.io/etcd/server/v3', x: () => ({}) },
  {
    // Deployments make ReplicaSets and Pods, and Pods get a node, in the Argo CD tests (test-kit argocd.ts);
    // the same k8s.io/kubernetes release and build list as tools/kube-apiserver, and its -X flags
    name: 'kube-controller-manager', coldSeconds: 155, after: 'kube-apiserver', dir: 'kube-controller-manager', pkg: 'k8s.io/kubernetes/cmd/kube-controller-manager',
    x: (v) => kubernetesVersionFlags(v('k8s.io/kubernetes')),
  },
  {
    name: 'kube-scheduler', coldSeconds: 16, after: 'kube-controller-manager', dir: 'kube-controller-manager', pkg: 'k8s.io/kubernetes/cmd/kube-scheduler',
    x: (v) => kubernetesVersionFlags(v('k8s.io/kubernetes')),
  },
];

// -X flags of kubernetes' hack/lib/version.sh: `--version` and /version report the pinned release (v1.37.2)
function kubernetesVersionFlags(version) {
  const [major, minor] = version.slice(1).split('.');
  return Object.fromEntries(['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'].flatMap((p) => [
    [`${p}.gitVersion`, version], [`${p}.gitMajor`, major], [`${p}.gitMinor`, minor],
  ]));
}

function fail(message) {
  console.error(`engines: ${message}`);
  process.exit(1);
}

function goModFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'node_modules' || e.name.startsWith('.') ? [] : goModFiles(join(dir, e.name));
    return e.name === 'go.mod' || e.name === 'go.sum' || e.name.endsWith('.go') ? [join(dir, e.name)] : [];
  });
}

function stampOf(goVersion) {
  const hash = createHash('sha256').update(goVersion).update(readFileSync(fileURLToPath(import.meta.url)));
  for (const file of goModFiles(TOOLS).sort()) hash.update(`\0${relative(ROOT, file)}\0`).update(readFileSync(file));
  return hash.digest('hex');
}

// Version of `mod` as required in the engine's go.mod (so the -X values can never drift from the pin).
function pinnedVersion(engine) {
  const goMod = readFileSync(join(TOOLS, engine.dir, 'go.mod'), 'utf8');
  return (mod) => {
    const m = goMod.match(new RegExp(`^\\s*(?:require\\s+)?${mod.replace(/[.]/g, '\\.')}\\s+(v\\S+)`, 'm'));
    if (!m) fail(`tools/${engine.dir}/go.mod does not require ${mod}`);
    return m[1];
  };
}

const force = process.argv.includes('--force');
const jobsArg = process.argv.find((a) => a.startsWith('--jobs='));
const jobs = jobsArg ? Number(jobsArg.slice('--jobs='.length)) : 2;
if (!Number.isInteger(jobs) || jobs < 1) fail(`--jobs=N wants a whole number of at least 1, got ${jobsArg}`);

const go = spawnSync('go', ['version'], { encoding: 'utf8' });
if (go.error || go.status !== 0) {
  fail(`\`go\` not found or not working (${go.error?.message ?? go.stderr.trim()}); install Go >= 1.26 (https://go.dev/dl/) and put it on PATH`);
}
const goVersion = go.stdout.trim();
const stamp = stampOf(goVersion);
const binaries = ENGINES.map((e) => join(BIN, e.name + EXE));

if (!force && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === stamp && binaries.every((b) => existsSync(b))) {
  console.log(`engines: up to date in ${relative(ROOT, BIN)} (${ENGINES.map((e) => e.name).join(', ')}); --force to rebuild`);
  process.exit(0);
}

mkdirSync(BIN, { recursive: true });
rmSync(STAMP, { force: true }); // no stamp until every engine is built
console.log(`engines: building ${ENGINES.length} engines with ${goVersion} into ${relative(ROOT, BIN)}, ${jobs === 1 ? 'one at a time' : `${jobs} at a time`}`);
const env = { ...process.env, CGO_ENABLED: '0', GOWORK: 'off' };
const total = Date.now();

// Two builds at a time (--jobs N to change it), longest first: one `go build` leaves the cores idle
// while it downloads modules, links, or compiles the few large packages everything else waits for.
// An engine with `after` starts once that engine is built (it reuses its packages from GOCACHE).
// an engine's share of the critical path: its own cold build plus those of the engines waiting for it
const chain = (e) => e.coldSeconds + ENGINES.filter((d) => d.after === e.name).reduce((sum, d) => sum + chain(d), 0);
const queue = [...ENGINES].sort((a, b) => chain(b) - chain(a));
const done = new Set();
let started = 0;
let failed = false;

/** Child output, line by line, prefixed with the engine's name (two builds print at once). */
function prefixLines(stream, tag, sink) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) sink.write(`${tag}: ${line}\n`);
  });
  stream.on('end', () => rest && sink.write(`${tag}: ${rest}\n`));
}

function build(engine) {
  const v = pinnedVersion(engine);
  const x = Object.entries(engine.x(v)).map(([k, val]) => `-X ${k}=${val}`);
  const out = join(BIN, engine.name + EXE);
  const tmp = `${out}.${process.pid}.tmp${EXE}`; // per-process: concurrent runs (npm test in parallel) never clash
  const tag = `[${++started}/${ENGINES.length}] ${engine.name}`;
  const modDir = engine.dir === '.' ? 'tools/' : `tools/${engine.dir}/`;
  console.log(`${tag}: started (${engine.pkg}, pinned by ${modDir}go.mod)`);
  const t0 = Date.now();
  const args = ['build', '-trimpath', `-ldflags=${['-s', '-w', ...x].join(' ')}`, '-o', tmp, engine.pkg];
  return new Promise((resolve) => {
    const child = spawn('go', args, { cwd: join(TOOLS, engine.dir), env: { ...env, ...engine.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    prefixLines(child.stdout, tag, process.stdout);
    prefixLines(child.stderr, tag, process.stderr);
    child.on('error', (e) => child.emit('close', null, e.message));
    child.on('close', (code, why) => {
      if (code !== 0) {
        rmSync(tmp, { force: true });
        console.error(`engines: building ${engine.name} failed: \`go ${args.join(' ')}\` in ${modDir} exited ${code ?? why}; see the output above`);
        failed = true;
      } else {
        renameSync(tmp, out); // atomic: a running test never sees a half-written binary
        console.log(`${tag}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        done.add(engine.name);
      }
      resolve();
    });
  });
}

async function worker() {
  while (!failed && queue.length > 0) {
    const i = queue.findIndex((e) => !e.after || done.has(e.after));
    if (i < 0) {
      await new Promise((r) => setTimeout(r, 500)); // the next one waits for an engine another worker builds
      continue;
    }
    await build(queue.splice(i, 1)[0]);
  }
}

await Promise.all(Array.from({ length: jobs }, worker));
if (failed) process.exit(1);

writeFileSync(STAMP, `${stamp}\n`);
console.log(`engines: all built in ${((Date.now() - total) / 1000).toFixed(1)} s`);
