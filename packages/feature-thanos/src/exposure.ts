import type { RenderContext } from '@sccp/core';
import type { ThanosValues } from './values.generated';

/** How the Query UI/API is exposed, derived from the values and the platform's capabilities. */
export interface Exposure {
  enabled: boolean;
  host: string;
  /** TLS is served: asked for and a cluster issuer (cert-manager) exists. */
  tls: boolean;
  /** Secret cert-manager writes the certificate to: `<first host label>-tls`. */
  tlsSecret: string;
  url: string;
}

export function exposure(values: ThanosValues, ctx: RenderContext): Exposure {
  const ingress = values.query?.ingress;
  const host = ingress?.host || `${ctx.feature.name}.${ctx.platform.domain}`;
  const enabled = ingress?.enabled ?? false;
  const tls = enabled && (ingress?.tls ?? true) && !!ctx.provides.tls?.clusterIssuer;
  return { enabled, host, tls, tlsSecret: `${host.split('.')[0]}-tls`, url: `${tls ? 'https' : 'http'}://${host}` };
}
