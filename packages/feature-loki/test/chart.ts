import { chartFiles, compileValidator, deepMerge, type RenderContext, type RenderOutput } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues, type Rendered } from '@sccp/test-kit';
import feature from '../src';
import type { LokiValues } from '../src';

const validate = compileValidator(feature.bundledSchema);

/** Schema defaults (and a profile) with `over` merged in, checked against schema.json. */
export function valuesWith(over: Record<string, unknown> = {}, profile?: 'kind'): LokiValues {
  const v = deepMerge<LokiValues>(feature.defaults, profile ? feature.profiles?.[profile] : undefined, over);
  const problems = validate(v);
  if (problems.length) throw new Error(`test values are not schema-valid: ${JSON.stringify(problems)}`);
  return v;
}

export function render(over: Record<string, unknown>, ctx: RenderContext, profile?: 'kind'): RenderOutput {
  return feature.render(valuesWith(over, profile), ctx);
}

/** `helm template loki <chart> -n logging` (as the platform's Application does). */
export function template(out: RenderOutput, set: string[] = []): Rendered {
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  return helmTemplate(dir, { release: 'loki', namespace: 'logging', set });
}

/** Everything `helm template` produced, plus what the two stand-in upstream charts received. */
export function rendered(out: RenderOutput): { manifests: any[]; loki: any; alloy: any } {
  const r = template(out);
  if (r.status !== 0) throw new Error(r.stderr);
  const alloyRendered = r.manifests.some((m) => m.kind === 'ConfigMap' && m.metadata?.name === 'alloy-standin');
  return { manifests: r.manifests, loki: standinValues(r.manifests, 'loki'), alloy: alloyRendered ? standinValues(r.manifests, 'alloy') : undefined };
}
