import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { FileTree, UpstreamChart } from '@sccp/core';
import { runEngine, type RunResult } from './engines';

/**
 * Write a chart to a temp dir with small stand-in charts for its upstream dependencies (same name
 * and version, under charts/). A stand-in renders one ConfigMap whose data holds the values it
 * received, so tests can assert what the wrapper hands to the upstream chart.
 */
export function materializeChart(files: FileTree, upstream: UpstreamChart[], name = 'chart'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-chart-'));
  const dir = path.join(root, name);
  for (const [p, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), content);
  }
  for (const u of upstream) {
    const sub = path.join(dir, 'charts', u.name);
    fs.mkdirSync(path.join(sub, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(sub, 'Chart.yaml'), `apiVersion: v2\nname: ${u.name}\nversion: ${u.version}\ndescription: offline stand-in for ${u.repository} ${u.name}\n`);
    fs.writeFileSync(path.join(sub, 'values.yaml'), '{}\n');
    fs.writeFileSync(
      path.join(sub, 'templates', 'standin.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}-standin\n  labels:\n    sccp.dev/stand-in: "true"\ndata:\n  values.yaml: {{ toYaml (omit .Values "global") | quote }}\n',
    );
  }
  return dir;
}

export interface Rendered extends RunResult {
  manifests: any[];
}

export function helmLint(dir: string, valuesFiles: string[] = []): RunResult {
  return runEngine('helm', ['lint', '--strict', dir, ...valuesFiles.flatMap((f) => ['-f', f])]);
}

export function helmTemplate(dir: string, opts: { release?: string; namespace?: string; values?: string[]; set?: string[] } = {}): Rendered {
  const args = ['template', opts.release ?? 'sccp', dir, '--namespace', opts.namespace ?? 'default'];
  for (const f of opts.values ?? []) args.push('-f', f);
  for (const s of opts.set ?? []) args.push('--set', s);
  const r = runEngine('helm', args);
  const manifests = r.status === 0 ? parseAllDocuments(r.stdout).map((d) => d.toJS()).filter((m) => m) : [];
  return { ...r, manifests };
}

/** The values a stand-in upstream chart received, parsed back. */
export function standinValues(manifests: any[], chart: string): any {
  const cm = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata?.name === `${chart}-standin`);
  if (!cm) throw new Error(`no stand-in output for chart ${chart}`);
  return require('yaml').parse(cm.data['values.yaml']);
}
