import type { RenderContext } from '@sccp/core';
import { LOGS_DATASOURCE_UID, METRICS_DATASOURCE_UID } from './names';
import { assertNoTemplate } from './tpl';

type Obj = Record<string, any>;

/** Names of the metrics datasource, by source. Switching source deletes the other name (same uid). */
export const METRICS_NAMES = { thanos: 'Thanos', prometheus: 'Prometheus' } as const;
export const LOGS_NAME = 'Loki';

/** A capability URL as Grafana needs it: http(s), no whitespace, no template braces. */
const URL_PATTERN = /^https?:\/\/[^\s{}"'`\\]+$/;

function checkedUrl(capability: string, url: unknown): string {
  if (typeof url !== 'string' || !URL_PATTERN.test(url)) {
    throw new Error(`grafana: ${capability} must be an http(s) URL without spaces, quotes or braces, got ${JSON.stringify(url)}`);
  }
  return url;
}

export interface MetricsSource {
  kind: keyof typeof METRICS_NAMES;
  url: string;
}

/** Thanos Query when the thanos feature provides it, else Prometheus, else none. */
export function metricsSource(ctx: RenderContext): MetricsSource | undefined {
  if (ctx.provides.metricsQuery?.url) return { kind: 'thanos', url: checkedUrl('metricsQuery.url', ctx.provides.metricsQuery.url) };
  if (ctx.provides.metrics?.url) return { kind: 'prometheus', url: checkedUrl('metrics.url', ctx.provides.metrics.url) };
  return undefined;
}

export function logsUrl(ctx: RenderContext): string | undefined {
  return ctx.provides.logs?.queryUrl ? checkedUrl('logs.queryUrl', ctx.provides.logs.queryUrl) : undefined;
}

/**
 * The chart's `datasources` value: one provisioning file `datasources.yaml` (Grafana provisioning
 * format, apiVersion 1) with the metrics datasource (default) and the logs datasource; the logs one
 * is the default when there are no metrics. Undefined when the platform has neither.
 */
export function datasources(ctx: RenderContext): Obj | undefined {
  const metrics = metricsSource(ctx);
  const logs = logsUrl(ctx);
  if (!metrics && !logs) return undefined;
  const list: Obj[] = [];
  const deleteDatasources: Obj[] = [];
  if (metrics) {
    list.push({
      name: METRICS_NAMES[metrics.kind],
      type: 'prometheus',
      uid: METRICS_DATASOURCE_UID,
      access: 'proxy',
      url: metrics.url,
      isDefault: true,
      editable: false,
      jsonData: { httpMethod: 'POST', prometheusType: metrics.kind === 'thanos' ? 'Thanos' : 'Prometheus' },
    });
    // The same uid under the other name (after thanos is enabled or disabled) would clash.
    const other = metrics.kind === 'thanos' ? METRICS_NAMES.prometheus : METRICS_NAMES.thanos;
    deleteDatasources.push({ name: other, orgId: 1 });
  }
  if (logs) {
    list.push({
      name: LOGS_NAME,
      type: 'loki',
      uid: LOGS_DATASOURCE_UID,
      access: 'proxy',
      url: logs,
      isDefault: !metrics,
      editable: false,
    });
  }
  const file = { apiVersion: 1, datasources: list, ...(deleteDatasources.length ? { deleteDatasources } : {}) };
  // The upstream chart renders every datasources file through `tpl`.
  assertNoTemplate('datasources', file);
  return { 'datasources.yaml': file };
}
