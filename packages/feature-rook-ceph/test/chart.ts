import { chartFiles, compileValidator, deepMerge, type RenderContext, type RenderOutput } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues, type Rendered } from '@sccp/test-kit';
import feature from '../src';
import type { RookCephValues } from '../src';

const validate = compileValidator(feature.bundledSchema);

/** Schema defaults (then the profile's, if given) with `over` merged in, checked against schema.json. */
export function valuesWith(over: Record<string, unknown> = {}, profile?: 'kind'): RookCephValues {
  const v = deepMerge<RookCephValues>(feature.defaults, profile ? feature.profiles?.[profile] : undefined, over);
  const problems = validate(v);
  if (problems.length) throw new Error(`test values are not schema-valid: ${JSON.stringify(problems)}`);
  return v;
}

export function render(over: Record<string, unknown>, ctx: RenderContext, profile?: 'kind'): RenderOutput {
  return feature.render(valuesWith(over, profile), ctx);
}

export function chartDir(out: RenderOutput): string {
  return materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
}

/** `helm template rook-ceph <chart> -n rook-ceph`, as the ArgoCD Application renders it. */
export function template(out: RenderOutput, set: string[] = []): Rendered {
  return helmTemplate(chartDir(out), { release: 'rook-ceph', namespace: 'rook-ceph', set });
}

/** What each stand-in upstream chart received after `helm template`. */
export function received(out: RenderOutput): { operator: any; cluster: any; manifests: any[] } {
  const r = template(out);
  if (r.status !== 0) throw new Error(r.stderr);
  return { operator: standinValues(r.manifests, 'rook-ceph'), cluster: standinValues(r.manifests, 'rook-ceph-cluster'), manifests: r.manifests };
}
