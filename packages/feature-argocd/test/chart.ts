import * as fs from 'node:fs';
import * as path from 'node:path';
import { chartFiles, compileValidator, deepMerge, emitYaml, type RenderContext, type RenderOutput } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues, type Rendered } from '@sccp/test-kit';
import feature from '../src';
import type { ArgocdValues } from '../src';

const validate = compileValidator(feature.bundledSchema);

/** Schema defaults with `over` merged in, checked against schema.json (tests only use valid values). */
export function valuesWith(over: Partial<ArgocdValues> | Record<string, unknown> = {}): ArgocdValues {
  const v = deepMerge<ArgocdValues>(feature.defaults, over);
  const problems = validate(v);
  if (problems.length) throw new Error(`test values are not schema-valid: ${JSON.stringify(problems)}`);
  return v;
}

export function render(over: Record<string, unknown>, ctx: RenderContext): RenderOutput {
  return feature.render(valuesWith(over), ctx);
}

/** The wrapper chart on disk with the stand-in argo-cd chart. */
export function chartDir(out: RenderOutput): string {
  return materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
}

/** `helm template argocd <chart> -n argocd` (as the README's bootstrap and the Application do), with extra values files. */
export function template(out: RenderOutput, extraValues: unknown[] = []): Rendered {
  const dir = chartDir(out);
  const files = extraValues.map((v, i) => {
    const f = path.join(dir, `..`, `extra-${i}.yaml`);
    fs.writeFileSync(f, emitYaml(v));
    return f;
  });
  return helmTemplate(dir, { release: 'argocd', namespace: 'argocd', values: files });
}

/** The values the stand-in argo-cd chart received after `helm template` (without `global`). */
export function upstreamReceived(out: RenderOutput): any {
  const r = template(out);
  if (r.status !== 0) throw new Error(r.stderr);
  return standinValues(r.manifests, 'argo-cd');
}
