import * as path from 'node:path';
import { renderTemplateFile, type RenderContext, type RenderOutput } from '@sccp/core';
import type { MetallbValues } from './values.generated';

/** Sync wave of the MetalLB custom resources: after the chart (wave 0) has installed the CRDs and the webhook. */
export const CR_SYNC_WAVE = '1';

const TEMPLATES = ['ipaddresspools.yaml', 'l2advertisement.yaml', 'bgp.yaml'];

/** The values with the defaults the extra templates rely on filled in (the platform merges object defaults, not list-item defaults). */
export function normalize(values: MetallbValues): MetallbValues {
  const adv = values.advertisement ?? {};
  return {
    ...values,
    pools: (values.pools ?? []).map((p) => ({ autoAssign: true, avoidBuggyIPs: false, namespaces: [], ...p })),
    advertisement: {
      ...adv,
      mode: adv.mode ?? 'l2',
      interfaces: adv.interfaces ?? [],
      bgp: { ...adv.bgp, peers: adv.bgp?.peers ?? [], communities: adv.bgp?.communities ?? [] },
    },
  };
}

function component(c: { logLevel?: string; resources?: object; placement?: { nodeSelector?: object; tolerations?: unknown[] } } | undefined) {
  const out: Record<string, unknown> = { logLevel: c?.logLevel ?? 'info' };
  if (c?.resources && Object.keys(c.resources).length) out.resources = c.resources;
  if (c?.placement?.nodeSelector && Object.keys(c.placement.nodeSelector).length) out.nodeSelector = c.placement.nodeSelector;
  if (c?.placement?.tolerations?.length) out.tolerations = c.placement.tolerations;
  return out;
}

/**
 * `prometheus.*` of the upstream chart. With the prometheus feature: ServiceMonitors for the
 * controller and the speaker (plus the PrometheusRule) carrying the labels Prometheus selects.
 * `rbacPrometheus` stays off: it would need the Prometheus service account name, which the metrics
 * capability does not carry, and kube-prometheus-stack's Prometheus already reads pods, services
 * and endpoints cluster-wide through its own ClusterRole.
 */
function prometheusValues(values: MetallbValues, ctx: RenderContext): Record<string, unknown> {
  const metrics = ctx.provides.metrics;
  if (!metrics) return { rbacPrometheus: false, serviceMonitor: { enabled: false }, podMonitor: { enabled: false }, prometheusRule: { enabled: false } };
  const labels = { ...metrics.serviceMonitorLabels };
  return {
    rbacPrometheus: false,
    serviceMonitor: { enabled: true, controller: { additionalLabels: labels }, speaker: { additionalLabels: labels } },
    podMonitor: { enabled: false },
    prometheusRule: { enabled: values.monitoring?.alerts ?? true, additionalLabels: labels },
  };
}

export function renderValues(values: MetallbValues, ctx: RenderContext): RenderOutput {
  const sccp = normalize(values);
  const bgp = sccp.advertisement!.mode === 'bgp';
  const metallb = {
    crds: { enabled: true },
    frrk8s: { enabled: false },
    loadBalancerClass: values.loadBalancerClass ?? '',
    controller: component(values.controller),
    speaker: {
      ...component(values.speaker),
      ignoreExcludeLB: values.speaker?.ignoreExcludeLB ?? false,
      // FRR only matters for BGP; in L2 mode the speaker answers ARP/NDP itself.
      frr: { enabled: bgp && (values.speaker?.frr ?? false) },
    },
    prometheus: prometheusValues(values, ctx),
  };
  const templates: Record<string, string> = {};
  for (const name of TEMPLATES) {
    templates[name] = renderTemplateFile(path.join(__dirname, '..', 'templates', `${name}.hbs`), { wave: CR_SYNC_WAVE });
  }
  return {
    values: { metallb, sccp },
    templates,
    // The IPAddressPool/L2Advertisement/BGP* objects need the CRDs installed by the same sync.
    syncOptions: ['SkipDryRunOnMissingResource=true'],
    // The controller rotates the webhook certificate and writes its CA into these fields
    // (metallb/metallb#2571, #1681); without this the Application never stays in sync.
    ignoreDifferences: [
      { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition', name: 'bgppeers.metallb.io', jsonPointers: ['/spec/conversion/webhook/clientConfig/caBundle'] },
      { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', name: 'metallb-webhook-configuration', jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'] },
    ],
  };
}
