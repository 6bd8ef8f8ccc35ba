import type { Feature } from '@sccp/core';
import { Registry } from './load';

/** The feature packages bundled with sccp, loaded only when a command needs them. */
export const BUILTIN_FEATURE_PACKAGES = [
  '@sccp/feature-argocd',
  '@sccp/feature-cert-manager',
  '@sccp/feature-gatekeeper',
  '@sccp/feature-grafana',
  '@sccp/feature-kyverno',
  '@sccp/feature-loki',
  '@sccp/feature-metallb',
  '@sccp/feature-prometheus',
  '@sccp/feature-rook-ceph',
  '@sccp/feature-tenants',
  '@sccp/feature-thanos',
  '@sccp/feature-traefik',
];

let builtin: Registry | undefined;
export function builtinRegistry(): Registry {
  if (!builtin) {
    const features: Feature[] = BUILTIN_FEATURE_PACKAGES.map((p) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(p);
      return (mod.default ?? mod) as Feature;
    });
    builtin = new Registry(features);
  }
  return builtin;
}
