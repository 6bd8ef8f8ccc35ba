// Shared render contexts and helpers of the gatekeeper tests (no suites here).
import * as assert from 'uvu/assert';
import { chartFiles, deepMerge, DEFAULT_PLATFORM, standaloneContext, type Capabilities, type RenderContext } from '@sccp/core';
import { helmLint, helmTemplate, materializeChart, standinValues } from '@sccp/test-kit';
import feature, { type GatekeeperValues } from '../src';

export const METRICS: NonNullable<Capabilities['metrics']> = {
  serviceMonitorLabels: { release: 'kube-prometheus-stack' },
  url: 'http://prometheus.monitoring.svc:9090',
  namespace: 'monitoring',
};

/** Namespaces of a typical platform (tenants share argocd's, thanos shares monitoring). */
export const PLATFORM_NAMESPACES: Record<string, string> = {
  argocd: 'argocd',
  'cert-manager': 'cert-manager',
  gatekeeper: 'gatekeeper-system',
  metallb: 'metallb-system',
  prometheus: 'monitoring',
  tenants: 'argocd',
  thanos: 'monitoring',
  traefik: 'traefik',
};

/** A context with these capabilities; `namespaces` default to gatekeeper's own only. */
export function ctxWith(provides: Capabilities = {}, namespaces: Record<string, string> = { gatekeeper: 'gatekeeper-system' }): RenderContext {
  return standaloneContext(feature, DEFAULT_PLATFORM, { provides, namespaces, enabled: Object.keys(namespaces).sort() });
}

/** Every capability gatekeeper reads, on a platform with several features. */
export const WIRED = ctxWith({ metrics: METRICS }, PLATFORM_NAMESPACES);

/** Schema defaults ← overrides, as the platform merges them (lists replace). */
export function valuesWith(over: unknown = {}): GatekeeperValues {
  return deepMerge<GatekeeperValues>(feature.defaults, over);
}

/** What render hands to the upstream chart (no Helm). */
export function upstream(values: GatekeeperValues = valuesWith(), ctx: RenderContext = standaloneContext(feature)): any {
  return feature.render(values, ctx).values.gatekeeper;
}

/** Render, write the wrapper chart with a stand-in upstream chart, lint it and run helm template. */
export function helmRender(values: GatekeeperValues = valuesWith(), ctx: RenderContext = standaloneContext(feature)) {
  const out = feature.render(values, ctx);
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  const lint = helmLint(dir);
  assert.is(lint.status, 0, lint.stdout + lint.stderr);
  const r = helmTemplate(dir, { namespace: feature.namespace, release: feature.name });
  assert.is(r.status, 0, r.stderr);
  const of = (kind: string) => r.manifests.filter((m) => m.kind === kind);
  return { out, dir, manifests: r.manifests, of, received: standinValues(r.manifests, 'gatekeeper') };
}
