import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runEngine } from '@sccp/test-kit';
import { tarFiles } from '../src/vendor-tar';
import { ROOT } from './helpers';

/**
 * The Helm repository on disk with the real upstream charts: $SCCP_CHART_MIRROR, else
 * ../shared/upstream-charts beside the repository root. Undefined when there is none.
 */
export function chartMirror(): string | undefined {
  const dir = process.env.SCCP_CHART_MIRROR ?? path.resolve(ROOT, '..', 'shared', 'upstream-charts');
  return fs.existsSync(path.join(dir, 'index.yaml')) ? dir : undefined;
}

/** The mirror's index.yaml: chart name → its entries (version, urls, kubeVersion, ...). */
export function mirrorIndex(mirror: string): Record<string, any[]> {
  return parse(fs.readFileSync(path.join(mirror, 'index.yaml'), 'utf8')).entries ?? {};
}

/**
 * The mirror's archive of a chart at the pinned version. A pin the mirror does not hold is an error:
 * it is a version nobody can show was released (or the mirror lags), never a reason to render another.
 */
export function mirrorArchive(mirror: string, name: string, version: string): { file: string; version: string } {
  const entries = mirrorIndex(mirror)[name] ?? [];
  if (!entries.length) throw new Error(`chart mirror ${mirror} has no chart "${name}"`);
  const e = entries.find((x) => x.version === version);
  if (!e) throw new Error(`chart mirror ${mirror} has no ${name} ${version} (it holds ${entries.map((x) => x.version).join(', ')}): pin a released version`);
  return { file: path.join(mirror, e.urls[0]), version: e.version };
}

/**
 * `helm template` a generated wrapper chart with its REAL upstream charts from the mirror, as Argo CD
 * renders it: the wrapper's values.yaml, CRDs included, and the API versions the cluster will serve
 * (charts render ServiceMonitors and the like only when their API exists).
 */
export function renderWithUpstream(chartDir: string, release: string, namespace: string, mirror: string, apiVersions: string[] = [], kubeVersion?: string): any[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-upstream-'));
  const dir = path.join(tmp, release);
  fs.cpSync(chartDir, dir, { recursive: true });
  const chart = parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8'));
  fs.mkdirSync(path.join(dir, 'charts'), { recursive: true });
  for (const d of chart.dependencies ?? []) {
    const a = mirrorArchive(mirror, d.name, d.version);
    fs.copyFileSync(a.file, path.join(dir, 'charts', path.basename(a.file)));
  }
  fs.rmSync(path.join(dir, 'Chart.lock'), { force: true });
  const args = ['template', release, dir, '--namespace', namespace, '--include-crds', ...apiVersions.flatMap((v) => ['--api-versions', v])];
  if (kubeVersion) args.push('--kube-version', kubeVersion);
  const r = runEngine('helm', args);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${chartDir}: helm template with the upstream charts failed:\n${r.stderr}`);
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS())
    .filter((m) => m && typeof m === 'object' && m.kind);
}

/** The Chart.yaml of a packaged chart and of every subchart in it (folders and nested archives), by path in the archive. */
export function chartYamls(tgz: Buffer, prefix = ''): { path: string; chart: any }[] {
  const files = tarFiles(tgz, (p) => /(^|\/)Chart\.yaml$/.test(p) || /\/charts\/[^/]+\.tgz$/.test(p));
  return [...files]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([p, data]) => (p.endsWith('.tgz') ? chartYamls(data, `${prefix}${p}!`) : [{ path: prefix + p, chart: parse(data.toString('utf8')) }]));
}

type Triple = [number, number, number];
const cmp = (a: Triple, b: Triple) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * Whether a Helm `kubeVersion` constraint admits a Kubernetes release version such as `1.35.0`, as
 * Helm reads it (Masterminds/semver v3): `||` between alternatives; conditions that must all hold
 * separated by `,` or spaces; operators `=` `!=` `>` `>=` `<` `<=` `~` `^` (none is `=`); `x`/`*`
 * wildcards and partial versions; a pre-release on a bound (`>=1.25.0-0`) lets pre-releases of
 * that version in, which changes nothing for a release. Anything else (a hyphen range, a malformed
 * version) throws, so a new form is looked at rather than passed.
 */
export function kubeVersionAdmits(constraint: string, version: string): boolean {
  const vm = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!vm) throw new Error(`"${version}" is not a release version x.y.z`);
  const v: Triple = [Number(vm[1]), Number(vm[2]), Number(vm[3])];
  const cond = /\s*(>=|=>|<=|=<|!=|>|<|=|~>|~|\^)?\s*v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*,?/y;
  const holds = (op: string, parts: (string | undefined)[], pre: string | undefined): boolean => {
    // how many leading numbers are given: the rest is a wildcard
    const given = parts.findIndex((p) => p === undefined || /^[xX*]$/.test(p));
    const n = given < 0 ? 3 : given;
    const b: Triple = [0, 0, 0];
    for (let i = 0; i < n; i++) b[i] = Number(parts[i]);
    if (n === 0) return op !== '!=' && op !== '<' && op !== '>'; // * : any version
    const upper = (i: number): Triple => (i === 0 ? [b[0] + 1, 0, 0] : i === 1 ? [b[0], b[1] + 1, 0] : [b[0], b[1], b[2] + 1]);
    const inRange = (lo: Triple, hi: Triple) => cmp(v, lo) >= 0 && cmp(v, hi) < 0;
    switch (op) {
      case '':
      case '=':
        return n < 3 ? inRange(b, upper(n - 1)) : cmp(v, b) === 0 && !pre;
      case '!=':
        return !(n < 3 ? inRange(b, upper(n - 1)) : cmp(v, b) === 0 && !pre);
      case '>':
        return n < 3 ? cmp(v, upper(n - 1)) >= 0 : cmp(v, b) > 0 || (cmp(v, b) === 0 && !!pre);
      case '>=':
      case '=>':
        return cmp(v, b) >= 0;
      case '<':
        return cmp(v, b) < 0;
      case '<=':
      case '=<':
        return n < 3 ? cmp(v, upper(n - 1)) < 0 : cmp(v, b) < 0 || (cmp(v, b) === 0 && !pre);
      case '~':
      case '~>':
        return inRange(b, upper(n === 1 ? 0 : 1));
      case '^':
        return inRange(b, b[0] > 0 || n === 1 ? upper(0) : b[1] > 0 || n === 2 ? upper(1) : upper(2));
    }
    throw new Error(`operator "${op}"`);
  };
  return constraint.split('||').some((alternative) => {
    const text = alternative.trim();
    if (!text) throw new Error(`kubeVersion "${constraint}": an empty alternative`);
    let all = true;
    cond.lastIndex = 0;
    while (cond.lastIndex < text.length) {
      const at = cond.lastIndex;
      const m = cond.exec(text);
      if (!m || cond.lastIndex === at) throw new Error(`kubeVersion "${constraint}": cannot read "${text.slice(at)}"`);
      all = holds(m[1] ?? '', [m[2], m[3], m[4]], m[5]) && all;
    }
    return all;
  });
}

export const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
