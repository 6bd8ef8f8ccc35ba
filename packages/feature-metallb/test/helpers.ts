import * as assert from 'uvu/assert';
import { chartFiles, deepMerge, standaloneContext, DEFAULT_PLATFORM, type PlatformInfo, type RenderContext } from '@sccp/core';
import { helmTemplate, materializeChart, standinValues } from '@sccp/test-kit';
import feature, { type MetallbValues } from '../src/index';

export const DUAL_STACK: PlatformInfo = {
  ...DEFAULT_PLATFORM,
  profile: 'bare-metal',
  ipFamilies: ['IPv4', 'IPv6'],
  nodeCidrs: ['192.168.10.0/24', 'fd00:10::/64'],
};

export const METRICS = { serviceMonitorLabels: { release: 'kube-prometheus-stack' }, url: 'http://prometheus.monitoring:9090', namespace: 'monitoring' };

/** A context with every capability MetalLB reads (metrics from the prometheus feature). */
export function wiredContext(platform: PlatformInfo = DEFAULT_PLATFORM): RenderContext {
  return standaloneContext(feature, platform, {
    enabled: ['metallb', 'prometheus'],
    namespaces: { metallb: 'metallb-system', prometheus: 'monitoring' },
    provides: { metrics: METRICS },
  });
}

/** Schema defaults with `over` merged on top (lists replace). */
export function values(over: Record<string, unknown> = {}): MetallbValues {
  return deepMerge<MetallbValues>(feature.defaults, over);
}

/** Render, write the wrapper chart with stand-in upstream charts and run helm template on it. */
export function helmRender(v: MetallbValues, ctx: RenderContext = standaloneContext(feature)) {
  const out = feature.render(v, ctx);
  const dir = materializeChart(chartFiles(feature, out), feature.upstream, feature.name);
  const r = helmTemplate(dir, { namespace: feature.namespace });
  assert.is(r.status, 0, r.stderr);
  const of = (kind: string) => r.manifests.filter((m) => m.kind === kind);
  return { out, dir, manifests: r.manifests, of, upstream: standinValues(r.manifests, 'metallb') };
}
