import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runEngine } from '@sccp/test-kit';
import { ROOT } from './helpers';

/**
 * The Helm repository on disk with the real upstream charts: $SCCP_CHART_MIRROR, else
 * ../shared/upstream-charts beside the repository root. Undefined when there is none.
 */
export function chartMirror(): string | undefined {
  const dir = process.env.SCCP_CHART_MIRROR ?? path.resolve(ROOT, '..', 'shared', 'upstream-charts');
  return fs.existsSync(path.join(dir, 'index.yaml')) ? dir : undefined;
}

/** The mirror's archive of a chart: the pinned version when the mirror holds it, else its newest. */
export function mirrorArchive(mirror: string, name: string, version: string): { file: string; version: string } {
  const index = parse(fs.readFileSync(path.join(mirror, 'index.yaml'), 'utf8'));
  const entries: any[] = index.entries?.[name] ?? [];
  if (!entries.length) throw new Error(`chart mirror ${mirror} has no chart "${name}"`);
  const e = entries.find((x) => x.version === version) ?? entries[0];
  return { file: path.join(mirror, e.urls[0]), version: e.version };
}

/**
 * `helm template` a generated wrapper chart with its REAL upstream charts from the mirror, as Argo CD
 * renders it: the wrapper's values.yaml, CRDs included, and the API versions the cluster will serve
 * (charts render ServiceMonitors and the like only when their API exists).
 */
export function renderWithUpstream(chartDir: string, release: string, namespace: string, mirror: string, apiVersions: string[] = []): any[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-upstream-'));
  const dir = path.join(tmp, release);
  fs.cpSync(chartDir, dir, { recursive: true });
  const chart = parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8'));
  fs.mkdirSync(path.join(dir, 'charts'), { recursive: true });
  for (const d of chart.dependencies ?? []) {
    const a = mirrorArchive(mirror, d.name, d.version);
    fs.copyFileSync(a.file, path.join(dir, 'charts', path.basename(a.file)));
    // Helm matches archives to dependencies by name, but checks the pinned version against Chart.yaml
    d.version = a.version;
  }
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), JSON.stringify(chart));
  fs.rmSync(path.join(dir, 'Chart.lock'), { force: true });
  const args = ['template', release, dir, '--namespace', namespace, '--include-crds', ...apiVersions.flatMap((v) => ['--api-versions', v])];
  const r = runEngine('helm', args);
  fs.rmSync(tmp, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${chartDir}: helm template with the upstream charts failed:\n${r.stderr}`);
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  return parseAllDocuments(r.stdout)
    .map((d) => d.toJS())
    .filter((m) => m && typeof m === 'object' && m.kind);
}

export const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
