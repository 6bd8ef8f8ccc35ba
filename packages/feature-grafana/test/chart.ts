import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { chartFiles, compileValidator, deepMerge, type RenderContext, type RenderOutput } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues, type Rendered } from '@sccp/test-kit';
import feature from '../src';
import type { GrafanaValues } from '../src';

const validate = compileValidator(feature.bundledSchema);

/** Schema defaults (and a profile) with `over` merged in, checked against schema.json. */
export function valuesWith(over: unknown = {}, profile?: 'kind'): GrafanaValues {
  const v = deepMerge<GrafanaValues>(feature.defaults, profile ? feature.profiles?.[profile] : undefined, over);
  const problems = validate(v);
  if (problems.length) throw new Error(`test values are not schema-valid: ${JSON.stringify(problems)}`);
  return v;
}

export function render(over: unknown, ctx: RenderContext, profile?: 'kind'): RenderOutput {
  return feature.render(valuesWith(over, profile), ctx);
}

export interface TemplateOptions {
  set?: string[];
  /** Extra values given as data (written to a file, passed with -f). */
  values?: unknown[];
  /** Extra templates dropped into the stand-in upstream chart (to mimic upstream template lines). */
  upstreamTemplates?: Record<string, string>;
}

/** `helm template grafana <chart> -n grafana`, as the platform's Application does. */
export function template(out: RenderOutput, opts: TemplateOptions = {}): Rendered {
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  for (const [file, text] of Object.entries(opts.upstreamTemplates ?? {})) fs.writeFileSync(path.join(dir, 'charts', 'grafana', 'templates', file), text);
  const files = (opts.values ?? []).map((v, i) => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-grafana-')), `extra-${i}.yaml`);
    fs.writeFileSync(f, stringify(v));
    return f;
  });
  return helmTemplate(dir, { release: 'grafana', namespace: 'grafana', set: opts.set, values: files });
}

/** Everything `helm template` produced, plus what the stand-in grafana chart received. */
export function rendered(out: RenderOutput, opts: TemplateOptions = {}): { manifests: any[]; grafana: any } {
  const r = template(out, opts);
  if (r.status !== 0) throw new Error(r.stderr);
  return { manifests: r.manifests, grafana: standinValues(r.manifests, 'grafana') };
}

export const kinds = (manifests: any[]) => manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();

/** The dashboard ConfigMaps among rendered objects, by name. */
export function dashboardConfigMaps(manifests: any[]): Record<string, any> {
  return Object.fromEntries(manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.labels?.grafana_dashboard).map((m) => [m.metadata.name, m]));
}
