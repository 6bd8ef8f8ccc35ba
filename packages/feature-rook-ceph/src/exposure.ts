import type { RenderContext } from '@sccp/core';
import type { RookCephValues } from './values.generated';

/** How the Ceph dashboard is exposed, from the values and the platform's capabilities. */
export interface DashboardExposure {
  ingress: boolean;
  host: string;
  tls: boolean;
  url: string;
}

export function dashboardExposure(values: RookCephValues, ctx: RenderContext): DashboardExposure {
  const host = values.dashboard?.ingress?.host || `ceph.${ctx.platform.domain}`;
  const ingress = (values.dashboard?.enabled ?? true) && (values.dashboard?.ingress?.enabled ?? false);
  const tls = ingress && (values.dashboard?.ingress?.tls ?? true) && !!ctx.provides.tls?.clusterIssuer;
  return { ingress, host, tls, url: `${tls ? 'https' : 'http'}://${host}` };
}

/** `ingress.dashboard` of the rook-ceph-cluster chart (the Ingress is rendered only when host.name is set). */
export function dashboardIngress(ex: DashboardExposure, ctx: RenderContext): Record<string, unknown> {
  if (!ex.ingress) return {};
  const out: Record<string, unknown> = { host: { name: ex.host, path: '/', pathType: 'Prefix' } };
  if (ctx.provides.ingress?.className) out.ingressClassName = ctx.provides.ingress.className;
  if (ex.tls) {
    out.annotations = { 'cert-manager.io/cluster-issuer': ctx.provides.tls!.clusterIssuer };
    out.tls = [{ hosts: [ex.host], secretName: `${ex.host.split('.')[0]}-tls` }];
  }
  return out;
}
