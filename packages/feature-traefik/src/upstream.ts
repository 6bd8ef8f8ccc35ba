import type { RenderContext } from '@sccp/core';
import { serviceValues } from './service';
import type { TraefikValues } from './values.generated';

/** Fixed names of the dashboard's objects (structure, not user data). */
export const DASHBOARD = {
  certificate: 'traefik-dashboard',
  tlsSecret: 'traefik-dashboard-tls',
  authMiddleware: 'traefik-dashboard-auth',
} as const;

export function dashboardHost(values: TraefikValues, ctx: RenderContext): string {
  return values.dashboard?.host ?? `traefik.${ctx.platform.domain}`;
}

/**
 * Values handed to the upstream `traefik` chart (37.3.0). Every key below exists in that chart's
 * values.yaml or is read by its templates (service.ipFamilyPolicy / ipFamilies: _service.tpl).
 */
export function traefikValues(values: TraefikValues, ctx: RenderContext): Record<string, unknown> {
  const dash = values.dashboard!;
  const placement = values.placement ?? {};
  const out: Record<string, unknown> = {
    deployment: { kind: 'Deployment', replicas: values.replicas },
    podDisruptionBudget: values.podDisruptionBudget!.enabled
      ? { enabled: true, maxUnavailable: values.podDisruptionBudget!.maxUnavailable }
      : { enabled: false },
    ingressClass: { enabled: true, isDefaultClass: values.ingressClass!.isDefault, name: values.ingressClass!.name },
    service: serviceValues(values, ctx),
    ports: {
      web: { redirections: { entryPoint: values.redirectToHttps ? { to: 'websecure', scheme: 'https', permanent: true } : {} } },
      websecure: { tls: { enabled: true } },
    },
    tlsOptions: { default: { minVersion: values.tls!.minVersion, sniStrict: values.tls!.sniStrict } },
    logs: {
      general: { level: values.logLevel },
      access: values.accessLogs!.enabled ? { enabled: true, format: values.accessLogs!.format } : { enabled: false },
    },
    api: { dashboard: dash.enabled },
    resources: values.resources ?? {},
    nodeSelector: placement.nodeSelector ?? {},
    tolerations: placement.tolerations ?? [],
  };

  if (dash.enabled) {
    const host = dashboardHost(values, ctx);
    out.ingressRoute = {
      dashboard: {
        enabled: true,
        // Not passed through tpl by the 37.3.0 template; the host is a schema-checked DNS name.
        matchRule: `Host(\`${host}\`) && (PathPrefix(\`/dashboard\`) || PathPrefix(\`/api\`))`,
        entryPoints: ['websecure'],
        middlewares: dash.basicAuthSecret ? [{ name: DASHBOARD.authMiddleware }] : [],
        tls: ctx.provides.tls ? { secretName: DASHBOARD.tlsSecret } : {},
      },
    };
  }

  const metrics = ctx.provides.metrics;
  if (metrics) {
    out.metrics = {
      prometheus: {
        // A dedicated metrics Service: the main Service does not expose the metrics port.
        service: { enabled: true },
        // The ServiceMonitor CRD comes from the prometheus feature; `helm template` (ArgoCD) cannot see it.
        disableAPICheck: true,
        serviceMonitor: { enabled: true, additionalLabels: { ...metrics.serviceMonitorLabels } },
      },
    };
  }
  return out;
}
