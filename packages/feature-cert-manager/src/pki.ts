import * as path from 'node:path';
import { renderTemplateFile, type RenderContext } from '@sccp/core';
import type { CertManagerValues } from './values.generated';

/** Names of the objects the chart creates (feature-chosen constants, not user values). */
export const NAMES = {
  selfSignedIssuer: 'sccp-selfsigned',
  rootCertificate: 'sccp-root-ca',
  caIssuer: 'sccp-ca',
  acmeIssuer: 'sccp-acme',
  policyConfigMap: 'sccp-cert-manager-policy',
} as const;

/**
 * Argo CD sync waves inside the cert-manager Application: the chart (CRDs, webhook) is wave 0, so
 * the issuers are only applied once the webhook that validates them is running, and each link of
 * the CA chain waits for the previous one to be Ready.
 */
export const WAVES = { selfSigned: 1, acme: 1, rootCertificate: 2, caIssuer: 3 } as const;

/** X.509 upper bound of a common name. */
const MAX_CN = 64;

/** The ClusterIssuer platform ingresses use. */
export function clusterIssuerName(values: CertManagerValues): string {
  return values.issuer === 'acme' ? NAMES.acmeIssuer : NAMES.caIssuer;
}

/** Data from ctx the extra templates read as `.Values.wiring`. */
export function wiring(values: CertManagerValues, ctx: RenderContext) {
  const commonName = values.ca?.commonName || `${ctx.platform.name} platform CA`.slice(0, MAX_CN);
  return {
    ca: { commonName },
    acme: { ingressClassName: ctx.provides.ingress?.className ?? '' },
  };
}

const TEMPLATES = ['internal-ca', 'acme-issuer', 'policy-parameters'];

/** Extra chart templates: structure from Handlebars, every value from `.Values` through Helm. */
export function templates(): Record<string, string> {
  const context = { names: NAMES, waves: WAVES };
  return Object.fromEntries(TEMPLATES.map((t) => [`${t}.yaml`, renderTemplateFile(path.join(__dirname, '..', 'templates', `${t}.yaml.hbs`), context)]));
}
