// Shared render contexts and helpers of the kyverno tests (no suites here).
import { DEFAULT_PLATFORM, deepMerge, standaloneContext, type Capabilities, type RenderContext } from '@sccp/core';
import feature, { type KyvernoValues } from '../src';

export const METRICS: NonNullable<Capabilities['metrics']> = {
  serviceMonitorLabels: { release: 'kube-prometheus-stack' },
  url: 'http://prometheus.monitoring.svc:9090',
  namespace: 'monitoring',
};

/** A context: standalone by default, with the given capabilities. */
export function ctxWith(provides: Capabilities = {}, profile: RenderContext['platform']['profile'] = 'bare-metal'): RenderContext {
  const enabled = ['kyverno', ...(provides.metrics ? ['prometheus'] : [])].sort();
  const namespaces: Record<string, string> = { kyverno: 'kyverno', ...(provides.metrics ? { prometheus: provides.metrics.namespace } : {}) };
  return standaloneContext(feature, { ...DEFAULT_PLATFORM, profile }, { provides, enabled, namespaces });
}

export const STANDALONE = ctxWith();

/** Every capability kyverno reads (metrics from the prometheus feature). */
export const WIRED = ctxWith({ metrics: METRICS });

/** Schema defaults ← overrides, as the platform merges them (lists replace). */
export function valuesWith(over: unknown = {}): KyvernoValues {
  return deepMerge<KyvernoValues>(feature.defaults, over);
}

/** Schema defaults ← the kind profile ← overrides. */
export function kindValues(over: unknown = {}): KyvernoValues {
  return deepMerge<KyvernoValues>(feature.defaults, feature.profiles!.kind, over);
}

export const CONTROLLER_KEYS = ['admissionController', 'backgroundController', 'cleanupController', 'reportsController'] as const;
