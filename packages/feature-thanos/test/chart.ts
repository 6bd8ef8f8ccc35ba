import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { chartFiles, compileValidator, deepMerge, type RenderContext, type RenderOutput } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues, type Rendered } from '@sccp/test-kit';
import feature from '../src';
import type { ThanosValues } from '../src';

export const CHART = 'thanos';
const validate = compileValidator(feature.bundledSchema);

/** Schema defaults, then the profile's, then `over` (what the platform hands to render), checked against schema.json. */
export function valuesFor(over: unknown = {}, profile?: keyof NonNullable<typeof feature.profiles>, check = true): ThanosValues {
  const v = deepMerge<ThanosValues>(feature.defaults, profile ? feature.profiles?.[profile] : undefined, over);
  const problems = check ? validate(v) : [];
  if (problems.length) throw new Error(`test values are not schema-valid: ${JSON.stringify(problems)}`);
  return v;
}

export interface HelmOptions {
  set?: string[];
  /** Extra templates put into the stand-in upstream chart (copies of upstream template lines). */
  extra?: Record<string, string>;
  /** values.yaml of the stand-in upstream chart (upstream defaults the extra templates need). */
  standinDefaults?: Record<string, unknown>;
  /** A values file given to `helm template` (-f). */
  valuesFile?: Record<string, unknown>;
}

/** Write the wrapper chart with the stand-in upstream chart and `helm template thanos <chart> -n monitoring`, as ArgoCD does. */
export function helm(out: RenderOutput, opts: HelmOptions = {}): Rendered {
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  const sub = path.join(dir, 'charts', CHART);
  for (const [file, text] of Object.entries(opts.extra ?? {})) fs.writeFileSync(path.join(sub, 'templates', file), text);
  if (opts.standinDefaults) fs.writeFileSync(path.join(sub, 'values.yaml'), stringify(opts.standinDefaults));
  const values: string[] = [];
  if (opts.valuesFile) {
    const f = path.join(dir, '..', 'extra-values.yaml');
    fs.writeFileSync(f, stringify(opts.valuesFile));
    values.push(f);
  }
  return helmTemplate(dir, { release: feature.name, namespace: feature.namespace, set: opts.set, values });
}

/** `helm template` must succeed: the objects and what the stand-in upstream chart received. */
export function rendered(out: RenderOutput, opts: HelmOptions = {}): { manifests: any[]; received: any } {
  const r = helm(out, opts);
  if (r.status !== 0) throw new Error(r.stderr);
  return { manifests: r.manifests, received: standinValues(r.manifests, CHART) };
}

export function render(over: unknown, ctx: RenderContext, profile?: keyof NonNullable<typeof feature.profiles>): RenderOutput {
  return feature.render(valuesFor(over, profile), ctx);
}

export const kinds = (manifests: any[]) => manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();
