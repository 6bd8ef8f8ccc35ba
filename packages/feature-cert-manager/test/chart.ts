import { chartFiles, compileValidator, deepMerge, type RenderContext, type RenderOutput } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues, type Rendered } from '@sccp/test-kit';
import feature from '../src';
import type { CertManagerValues } from '../src';

const validate = compileValidator(feature.bundledSchema);

/** Schema defaults with `over` merged in, checked against schema.json (tests only use valid values). */
export function valuesWith(over: Record<string, unknown> = {}): CertManagerValues {
  const v = deepMerge<CertManagerValues>(feature.defaults, over);
  const problems = validate(v);
  if (problems.length) throw new Error(`test values are not schema-valid: ${JSON.stringify(problems)}`);
  return v;
}

export function render(over: Record<string, unknown>, ctx: RenderContext): RenderOutput {
  return feature.render(valuesWith(over), ctx);
}

/** `helm template sccp <chart> -n cert-manager` of the wrapper chart with the stand-in cert-manager chart. */
export function template(out: RenderOutput, set: string[] = []): Rendered {
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  return helmTemplate(dir, { namespace: feature.namespace, set });
}

/** Rendered objects, failing loudly when Helm fails. */
export function objects(out: RenderOutput): any[] {
  const r = template(out);
  if (r.status !== 0) throw new Error(r.stderr);
  return r.manifests;
}

/** The values the stand-in cert-manager chart received (without `global`). */
export function upstreamReceived(manifests: any[]): any {
  return standinValues(manifests, 'cert-manager');
}

/** Objects of one kind (stand-in ConfigMap excluded). */
export function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter((m) => m.kind === kind && m.metadata?.labels?.['sccp.dev/stand-in'] !== 'true');
}

export function named(manifests: any[], kind: string, name: string): any {
  const found = ofKind(manifests, kind).filter((m) => m.metadata.name === name);
  if (found.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${found.length}`);
  return found[0];
}
