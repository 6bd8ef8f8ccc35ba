#!/usr/bin/env node
// Builds the chart/policy engines pinned in tools/**/go.mod into <repo>/.tools/bin/.
//
//   node tools/engines/build.mjs           build what is missing or out of date
//   node tools/engines/build.mjs --force   rebuild everything
//
// A build is reused when .tools/bin/.stamp matches the sha256 of every go.mod/go.sum (and
// Go source file) under tools/ (plus this script and `go version`) and every binary exists.
import { spawnSync } from 'node:child_process';
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
// x(v): -X version variables, as upstream's Makefile sets them (v(mod) = pinned version of mod).
const ENGINES = [
  {
    name: 'helm', dir: '.', pkg: 'helm.sh/helm/v3/cmd/helm',
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
  { name: 'opa', dir: 'opa', pkg: 'github.com/open-policy-agent/opa', x: () => ({}) },
  {
    name: 'kyverno', dir: 'kyverno', pkg: 'github.com/kyverno/kyverno/cmd/cli/kubectl-kyverno',
    x: (v) => ({ 'github.com/kyverno/kyverno/pkg/version.BuildVersion': v('github.com/kyverno/kyverno') }),
  },
  {
    name: 'kyverno-json', dir: 'kyverno-json', pkg: 'github.com/kyverno/kyverno-json',
    x: (v) => ({ 'github.com/kyverno/kyverno-json/pkg/version.BuildVersion': v('github.com/kyverno/kyverno-json') }),
  },
  {
    name: 'gator', dir: 'gator', pkg: 'github.com/open-policy-agent/gatekeeper/v3/cmd/gator',
    x: (v) => ({ 'github.com/open-policy-agent/gatekeeper/v3/pkg/version.Version': v('github.com/open-policy-agent/gatekeeper/v3') }),
  },
  {
    // an OCI registry on loopback for the tests of `sccp vendor` with oci:// charts
    name: 'registry', dir: 'registry', pkg: 'github.com/distribution/distribution/v3/cmd/registry',
    x: (v) => ({ 'github.com/distribution/distribution/v3/version.version': v('github.com/distribution/distribution/v3') }),
  },
  {
    // Argo CD's Lua health-script runner, rebuilt on the gopher-lua that argo-cd v3.4.4 pins (tools/argocd-lua/main.go)
    name: 'argocd-lua', dir: 'argocd-lua', pkg: '.', x: () => ({}),
  },
  {
    // Argo CD's single binary (argocd-application-controller, argocd-repo-server, ... by argv[0] or
    // ARGOCD_BINARY_NAME). v3.6.x: older tags replace their nested gitops-engine module with a local
    // path the proxy does not serve (tools/README.md). Its go.mod needs Go 1.27.
    name: 'argocd', dir: 'argocd', pkg: 'github.com/argoproj/argo-cd/v3/cmd', env: { GOTOOLCHAIN: 'go1.27.3' },
    x: (v) => ({
      'github.com/argoproj/argo-cd/v3/common.version': v('github.com/argoproj/argo-cd/v3').slice(1), // VERSION file: no "v"
      'github.com/argoproj/argo-cd/v3/common.gitTag': v('github.com/argoproj/argo-cd/v3'),
      'github.com/argoproj/argo-cd/v3/common.gitTreeState': 'clean',
      'github.com/argoproj/argo-cd/v3/common.kubectlVersion': v('k8s.io/client-go'),
    }),
  },
  {
    // fake kubelet: Nodes and Pods report Ready without containers (tests of Argo CD health)
    name: 'kwok', dir: 'kwok', pkg: 'sigs.k8s.io/kwok/cmd/kwok',
    x: (v) => ({ 'sigs.k8s.io/kwok/pkg/consts.Version': v('sigs.k8s.io/kwok') }),
  },
  {
    // a real API server for the tests (packages/test-kit/src/kube-api.ts), on etcd below
    name: 'kube-apiserver', dir: 'kube-apiserver', pkg: 'k8s.io/kubernetes/cmd/kube-apiserver',
    x: (v) => kubernetesVersionFlags(v('k8s.io/kubernetes')),
  },
  // kube-apiserver's storage: the module root is etcd's main package; its version is in the source
  { name: 'etcd', dir: 'etcd', pkg: 'go.etcd.io/etcd/server/v3', x: () => ({}) },
  {
    // Deployments make ReplicaSets and Pods, and Pods get a node, in the Argo CD tests (test-kit argocd.ts);
    // the same k8s.io/kubernetes release and build list as tools/kube-apiserver, and its -X flags
    name: 'kube-controller-manager', dir: 'kube-controller-manager', pkg: 'k8s.io/kubernetes/cmd/kube-controller-manager',
    x: (v) => kubernetesVersionFlags(v('k8s.io/kubernetes')),
  },
  {
    name: 'kube-scheduler', dir: 'kube-controller-manager', pkg: 'k8s.io/kubernetes/cmd/kube-scheduler',
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
console.log(`engines: building ${ENGINES.length} engines with ${goVersion} into ${relative(ROOT, BIN)}`);
const env = { ...process.env, CGO_ENABLED: '0', GOWORK: 'off' };
const total = Date.now();

// Sequential on purpose: `go build` already uses every core for the packages of one binary.
for (const [i, engine] of ENGINES.entries()) {
  const v = pinnedVersion(engine);
  const x = Object.entries(engine.x(v)).map(([k, val]) => `-X ${k}=${val}`);
  const out = join(BIN, engine.name + EXE);
  const tmp = `${out}.${process.pid}.tmp${EXE}`; // per-process: concurrent runs (npm test in parallel) never clash
  const tag = `[${i + 1}/${ENGINES.length}] ${engine.name}`;
  const modDir = engine.dir === '.' ? 'tools/' : `tools/${engine.dir}/`;
  console.log(`${tag}: started (${engine.pkg}, pinned by ${modDir}go.mod)`);
  const started = Date.now();
  const args = ['build', '-trimpath', `-ldflags=${['-s', '-w', ...x].join(' ')}`, '-o', tmp, engine.pkg];
  const r = spawnSync('go', args, { cwd: join(TOOLS, engine.dir), env: { ...env, ...engine.env }, stdio: 'inherit' });
  if (r.error || r.status !== 0) {
    rmSync(tmp, { force: true });
    fail(`building ${engine.name} failed: \`go ${args.join(' ')}\` in ${modDir} exited ${r.status ?? r.error?.message}; see the output above`);
  }
  renameSync(tmp, out); // atomic: a running test never sees a half-written binary
  console.log(`${tag}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

writeFileSync(STAMP, `${stamp}\n`);
console.log(`engines: all built in ${((Date.now() - total) / 1000).toFixed(1)} s`);
