// Shared by the tests against the real upstream charts (upstream-render.test.ts,
// values-contract.test.ts; docs/upstream-checks.md): the platforms they run on, the mirror they need,
// and rendering a generated repository's wrapper charts as Argo CD does.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'uvu/assert';
import { parse, parseDocument } from 'yaml';
import { kubernetesVersions, PROFILES, type Profile } from '@sccp/core';
import { runEngine } from '@sccp/test-kit';
import fc from 'fast-check';
import { validPlatform, type Generated } from './arbitraries';
import { ROOT, sccp, tmpdir, variant } from './helpers';

/** Without a mirror: a failure in CI (the check must run there), a visible skip on a workstation. */
export function needMirror(mirror: string | undefined): string | undefined {
  if (mirror) return mirror;
  const how = 'set SCCP_CHART_MIRROR to a Helm repository folder with the real upstream charts, or put ../shared/upstream-charts beside the repository';
  if (process.env.CI) assert.unreachable(`no chart mirror in CI: ${how}`);
  console.log(`  skipped: no chart mirror (${how})`);
  return undefined;
}

export interface PlatformCase {
  name: string;
  /** The platform.yaml (a variant is written to a temp folder on first use). */
  file: () => string;
  /** Drawn by the property generator (any subset of the features), not an example. */
  drawn?: boolean;
}

/** The platforms every upstream check runs on: each example (bare-metal has tenants), and the bare-metal one with Gatekeeper admission. */
export function exampleCases(): PlatformCase[] {
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((e) => fs.existsSync(path.join(ROOT, 'examples', e, 'platform.yaml'))).sort();
  return [
    ...examples.map((e) => ({ name: `examples/${e}`, file: () => path.join(ROOT, 'examples', e, 'platform.yaml') })),
    {
      name: 'examples/bare-metal with admission: gatekeeper',
      file: () => {
        gatekeeperVariant ??= variant((t) => {
          assert.match(t, /^admission: kyverno$/m);
          return t.replace(/^admission: kyverno$/m, 'admission: gatekeeper');
        });
        return gatekeeperVariant;
      },
    },
  ];
}
let gatekeeperVariant: string | undefined;

/**
 * Platforms drawn by the property tests' generator (arbitraries.ts: any profile, feature subset,
 * tenants and values their schemas allow), with a fixed seed so that every run checks the same ones.
 * `SCCP_UPSTREAM_PLATFORMS=n` draws n (default 3), `SCCP_UPSTREAM_SEED` changes the seed.
 */
export function propertyCases(): PlatformCase[] {
  const n = Number(process.env.SCCP_UPSTREAM_PLATFORMS ?? 3);
  const seed = Number(process.env.SCCP_UPSTREAM_SEED ?? 20261205);
  drawn ??= fc.sample(validPlatform, { seed, numRuns: n });
  return drawn.map((g, i) => {
    const ext = g.text.trimStart().startsWith('{') ? 'json' : 'yaml';
    let file: string | undefined;
    return {
      name: `property platform ${i + 1}/${n} (seed ${seed}, ${(g.doc as { profile?: string }).profile ?? 'bare-metal'}: ${Object.keys((g.doc as { features?: object }).features ?? {}).join(', ') || 'no features'})`,
      file: () => {
        if (!file) {
          file = path.join(tmpdir('sccp-upstream-property-'), `platform.${ext}`);
          fs.writeFileSync(file, g.text);
        }
        return file;
      },
      drawn: true,
    };
  });
}
let drawn: Generated[] | undefined;

/** The platforms the checks against the real charts and the API server run on: the examples, then the drawn ones. */
export const upstreamCases = (): PlatformCase[] => [...exampleCases(), ...propertyCases()];

const builds = new Map<string, string>();
/**
 * The repository `sccp build` generates for a platform, built once per test process (uvu runs the
 * test files in one): read it, or copy it before changing anything in it.
 */
export function builtCase(c: PlatformCase): string {
  let repo = builds.get(c.name);
  if (!repo) {
    repo = path.join(tmpdir('sccp-upstream-build-'), 'repo');
    const r = sccp(['build', c.file(), '--out', repo]);
    assert.is(r.code, 0, `${c.name}: sccp build failed:\n${r.stderr}`);
    builds.set(c.name, repo);
  }
  return repo;
}

/**
 * The Kubernetes version `helm template --kube-version` renders a profile's charts for: the oldest
 * of the range the profile is tested against (PROFILE_KUBERNETES in @sccp/core, docs/profiles.md;
 * platform-project.test.ts renders for the newest).
 */
export function kubeVersionOf(profile: string): string {
  if (!(PROFILES as readonly string[]).includes(profile)) throw new Error(`no Kubernetes version known for profile "${profile}"`);
  return kubernetesVersions(profile as Profile)[0];
}

/** A CustomResourceDefinition's group, kind, scope and served versions. */
export interface Crd {
  group: string;
  kind: string;
  scope: string;
  versions: string[];
}

export function crdOf(o: any): Crd | undefined {
  if (o?.kind !== 'CustomResourceDefinition' || !o.spec?.group) return undefined;
  return { group: o.spec.group, kind: o.spec.names?.kind, scope: o.spec.scope, versions: (o.spec.versions ?? []).filter((v: any) => v.served !== false).map((v: any) => v.name) };
}

/** The CRDs in `helm template` output, parsing only the CRD documents (charts render megabytes of others). */
export function crdsInYaml(stdout: string): Crd[] {
  return stdout
    .split(/^---\s*$/m)
    .filter((d) => /^kind:\s*["']?CustomResourceDefinition["']?\s*$/m.test(d))
    .map((d) => crdOf(parseDocument(d).toJS()))
    .filter((c): c is Crd => !!c);
}

/**
 * The --api-versions Argo CD passes for a cluster with these CRDs installed: `group/version` and
 * `group/version/Kind` of every served version (charts test either: loki renders its ServiceMonitor
 * only when `monitoring.coreos.com/v1/ServiceMonitor` is there).
 */
export const apiVersionsOf = (crds: Crd[]) => [...new Set(crds.flatMap((c) => c.versions.flatMap((v) => [`${c.group}/${v}`, `${c.group}/${v}/${c.kind}`])))].sort();

/**
 * The Helm release name and namespace Argo CD renders a wrapper chart with: its Application
 * (apps/<chart>.yaml) spec.source.helm.releaseName, else the Application's name; the namespace is
 * spec.destination.namespace.
 */
export function argoRelease(repo: string, chart: string): { release: string; namespace: string } {
  const app = parse(fs.readFileSync(path.join(repo, 'apps', `${chart}.yaml`), 'utf8'));
  return { release: app.spec.source?.helm?.releaseName || app.metadata.name, namespace: app.spec.destination.namespace };
}

/** Content hash of a chart folder (every file, by path): equal wrapper charts render equally. */
function chartHash(dir: string): string {
  const h = createHash('sha256');
  for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isFile()) h.update(f).update('\0').update(fs.readFileSync(p)).update('\0');
  }
  return h.digest('hex');
}

interface Rendered {
  status: number;
  stderr: string;
  crds: Crd[];
}
/** Renders by chart content and arguments: platforms that share a wrapper chart render it once per run. */
const renders = new Map<string, Rendered>();
/** helm template runs and renders taken from the cache so far. */
export const renderStats = { runs: 0, shared: 0 };

/**
 * `helm template` a wrapper chart of a vendored repository in place, as Argo CD does: its
 * Application's release name and namespace, the cluster's Kubernetes version and API versions, CRDs included.
 */
function helmTemplate(repo: string, chart: string, kubeVersion: string, apiVersions: string[]): Rendered & { release: string; namespace: string } {
  const dir = path.join(repo, 'charts', chart);
  const { release, namespace } = argoRelease(repo, chart);
  const args = ['template', release, dir, '--namespace', namespace, '--kube-version', kubeVersion, '--include-crds', ...apiVersions.flatMap((v) => ['--api-versions', v])];
  const key = JSON.stringify([chartHash(dir), release, ...args.slice(3)]);
  let r = renders.get(key);
  if (r) renderStats.shared++;
  else {
    renderStats.runs++;
    const run = runEngine('helm', args);
    r = { status: run.status, stderr: run.stderr, crds: run.status === 0 ? crdsInYaml(run.stdout) : [] };
    renders.set(key, r);
  }
  return { ...r, release, namespace };
}

/** The wrapper charts of a generated repository that an Application deploys (charts/<c>/ with apps/<c>.yaml); none when every feature is disabled. */
export function wrapperCharts(repo: string): string[] {
  const dir = path.join(repo, 'charts');
  return (fs.existsSync(dir) ? fs.readdirSync(dir) : []).filter((c) => fs.existsSync(path.join(dir, c, 'Chart.yaml')) && fs.existsSync(path.join(repo, 'apps', `${c}.yaml`))).sort();
}

/**
 * Render every wrapper chart (charts/<chart>/ with an Application in apps/) of a vendored repository
 * twice: the first pass collects the CRDs the platform installs, the second serves their API
 * versions (charts render ServiceMonitors and the like only when the API exists). Returns the
 * charts, the API versions and each chart whose render failed, with helm's stderr.
 */
export function renderRepository(repo: string, opts: { kubeVersion: string }): { charts: string[]; apiVersions: string[]; failures: { chart: string; release: string; namespace: string; stderr: string }[] } {
  const charts = wrapperCharts(repo);
  const first = charts.map((c) => ({ chart: c, ...helmTemplate(repo, c, opts.kubeVersion, []) }));
  const apiVersions = apiVersionsOf(first.flatMap((r) => r.crds));
  const second = charts.map((c) => ({ chart: c, ...helmTemplate(repo, c, opts.kubeVersion, apiVersions) }));
  const failures = [...first, ...second].filter((r) => r.status !== 0).map(({ chart, release, namespace, stderr }) => ({ chart, release, namespace, stderr: stderr.trim() }));
  return { charts, apiVersions, failures: failures.filter((f, i) => failures.findIndex((g) => g.chart === f.chart && g.stderr === f.stderr) === i) };
}
