import * as path from 'node:path';
import { defineFeature, groupKinds, renderTemplateFile } from '@sccp/core';
import { DASHBOARD, dashboardHost, traefikValues } from './upstream';
import { validateValues } from './validate';
import type { TraefikValues } from './values.generated';

export type { TraefikValues } from './values.generated';
export { choosePool, ipFamilyPolicy } from './service';

const NAMESPACE = 'traefik';
const templates = path.join(__dirname, '..', 'templates');

export default defineFeature<TraefikValues>({
  packageDir: path.join(__dirname, '..'),
  name: 'traefik',
  description: 'Traefik: the ingress controller and default IngressClass, with TLS options',
  namespace: NAMESPACE,
  dependsOn: [],
  optionalDependsOn: ['metallb', 'cert-manager', 'prometheus'],
  // what its upstream charts (rendered with the values it generates, CRDs included) and its templates create
  resourceKinds: {
    cluster: groupKinds(
      'apiextensions.k8s.io/CustomResourceDefinition', 'networking.k8s.io/IngressClass',
      'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
    ),
    namespaced: groupKinds(
      'Service', 'ServiceAccount', 'apps/Deployment', 'monitoring.coreos.com/ServiceMonitor',
      'policy/PodDisruptionBudget', 'traefik.io/TLSOption',
    ),
  },
  upstream: [
    {
      name: 'traefik',
      version: '37.3.0',
      repository: 'https://traefik.github.io/charts',
      source:
        'traefik/traefik-helm-chart traefik/values.yaml, values.schema.json and templates/ @ 37.3.0, read from the packaged release vendored in marcel-dempers/docker-development-youtube-series traefik/ @ e937dd9cde2ff13704efa13e27d3c24f483fd09e',
    },
  ],
  profiles: { kind: { replicas: 1 } },
  // The chart's crds/ include the Gateway API standard CRDs, too large for client-side apply.
  serverSideApply: true,

  validate: validateValues,

  provides(values) {
    return { ingress: { className: values.ingressClass!.name!, namespace: NAMESPACE } };
  },

  render(values, ctx) {
    const dash = values.dashboard!;
    const out: Record<string, unknown> = { traefik: traefikValues(values, ctx), sccp: values };
    const files: Record<string, string> = {};
    const endpoints: { name: string; url: string }[] = [];

    if (dash.enabled) {
      const host = dashboardHost(values, ctx);
      const tls = ctx.provides.tls;
      out.wiring = {
        dashboard: { host, ...DASHBOARD },
        // the Certificate states its lifetime: policy cert-manager-max-duration requires one (2160h is the policy's default maximum)
        ...(tls ? { tls: { clusterIssuer: tls.clusterIssuer, duration: tls.maxCertificateDuration ?? '2160h' } } : {}),
      };
      if (tls) files['dashboard-certificate.yaml'] = renderTemplateFile(path.join(templates, 'dashboard-certificate.yaml.hbs'));
      if (dash.basicAuthSecret) files['dashboard-auth.yaml'] = renderTemplateFile(path.join(templates, 'dashboard-auth.yaml.hbs'));
      endpoints.push({ name: 'Traefik dashboard', url: `https://${host}/dashboard/` });
    }

    return { values: out, templates: files, endpoints };
  },
});
