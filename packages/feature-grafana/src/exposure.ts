import type { RenderContext } from '@sccp/core';
import type { GrafanaValues } from './values.generated';

/** How Grafana is exposed, derived from the values and the platform's capabilities. */
export interface Exposure {
  enabled: boolean;
  host: string;
  /** TLS is served: asked for and a cluster issuer (cert-manager) exists. */
  tls: boolean;
  /** Secret cert-manager writes the certificate to: `<first host label>-tls`. */
  tlsSecret: string;
  url: string;
}

export function exposure(values: GrafanaValues, ctx: RenderContext): Exposure {
  const host = values.ingress?.host || `${ctx.feature.name}.${ctx.platform.domain}`;
  const enabled = values.ingress?.enabled ?? true;
  const tls = enabled && (values.ingress?.tls ?? true) && !!ctx.provides.tls?.clusterIssuer;
  return { enabled, host, tls, tlsSecret: `${host.split('.')[0]}-tls`, url: `${tls ? 'https' : 'http'}://${host}` };
}
