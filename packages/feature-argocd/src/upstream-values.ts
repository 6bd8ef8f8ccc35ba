import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RenderContext } from '@sccp/core';
import { adminPolicyCsv } from './rbac';
import type { ArgocdValues } from './values.generated';

/** Components with a ServiceMonitor (paths `<component>.metrics.serviceMonitor.*` in argo-cd 9.6.0). */
export const MONITORED_COMPONENTS = ['controller', 'server', 'repoServer', 'applicationSet'] as const;

/** Components scaled to 2 replicas (with a PodDisruptionBudget) when `ha` is on. */
export const HA_COMPONENTS = ['server', 'repoServer', 'applicationSet'] as const;

const RESOURCE_COMPONENTS = ['controller', 'server', 'repoServer', 'applicationSet', 'redis'] as const;

/** argocd-cm key of the health check of argoproj.io Applications (Argo CD assesses none without it). */
export const APPLICATION_HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

/** The Lua health script of child Applications: lua/application-health.lua of this package. */
export const APPLICATION_HEALTH_LUA = path.join(__dirname, '..', 'lua', 'application-health.lua');

let applicationHealth: string | undefined;
/** The text of APPLICATION_HEALTH_LUA (read once). */
export function applicationHealthLua(): string {
  return (applicationHealth ??= fs.readFileSync(APPLICATION_HEALTH_LUA, 'utf8'));
}

/** How the Argo CD server is exposed, derived from the values and the platform's capabilities. */
export interface Exposure {
  host: string;
  ingress: boolean;
  tls: boolean;
  url: string;
}

export function exposure(values: ArgocdValues, ctx: RenderContext): Exposure {
  const host = values.ingress?.host || `${ctx.feature.name}.${ctx.platform.domain}`;
  const ingress = values.ingress?.enabled ?? true;
  const tls = ingress && (values.ingress?.tls ?? true) && !!ctx.provides.tls?.clusterIssuer;
  return { host, ingress, tls, url: `${tls ? 'https' : 'http'}://${host}` };
}

type Obj = Record<string, any>;

function component(out: Obj, name: string): Obj {
  return (out[name] ??= {});
}

/** The values handed to the upstream argo-cd chart (key `argo-cd` of the wrapper's values.yaml). */
export function argoCdValues(values: ArgocdValues, ctx: RenderContext): Obj {
  const ex = exposure(values, ctx);
  const global: Obj = { domain: ex.host };
  if (Object.keys(values.placement?.nodeSelector ?? {}).length) global.nodeSelector = values.placement!.nodeSelector;
  if (values.placement?.tolerations?.length) global.tolerations = values.placement.tolerations;

  const out: Obj = {
    global,
    crds: { install: true, keep: true },
    configs: {
      cm: {
        'admin.enabled': values.admin?.enabled ?? true,
        ...(ex.ingress ? { url: ex.url } : {}),
        // Sync waves of the app of apps wait for each child Application to be deployed (lua/application-health.lua).
        [APPLICATION_HEALTH_KEY]: applicationHealthLua(),
      },
      // TLS ends at the ingress controller (or there is none): the server itself speaks plain HTTP,
      // and the chart's Ingress then targets the service's HTTP port.
      params: ex.ingress ? { 'server.insecure': true } : {},
      rbac: {
        'policy.default': values.rbac?.defaultPolicy ?? 'role:readonly',
        'policy.csv': adminPolicyCsv(values.rbac?.adminGroups ?? []),
      },
      gpg: { keys: values.gpg?.keys ?? {} },
    },
    dex: { enabled: values.dex?.enabled ?? false },
    notifications: { enabled: values.notifications?.enabled ?? false },
    'redis-ha': { enabled: !!values.ha },
  };

  const ingress: Obj = { enabled: ex.ingress };
  if (ex.ingress) {
    ingress.controller = 'generic';
    ingress.hostname = ex.host;
    if (ctx.provides.ingress?.className) ingress.ingressClassName = ctx.provides.ingress.className;
    ingress.tls = ex.tls;
    if (ex.tls) ingress.annotations = { 'cert-manager.io/cluster-issuer': ctx.provides.tls!.clusterIssuer };
  }
  component(out, 'server').ingress = ingress;

  if (values.ha) {
    component(out, 'controller').replicas = 1;
    for (const c of HA_COMPONENTS) Object.assign(component(out, c), { replicas: 2, pdb: { enabled: true, minAvailable: 1 } });
    const tolerations = values.placement?.tolerations ?? [];
    if (tolerations.length) Object.assign(out['redis-ha'], { tolerations, haproxy: { tolerations } });
  }

  for (const c of RESOURCE_COMPONENTS) {
    const r = values.resources?.[c];
    if (r && Object.keys(r).length) component(out, c).resources = r;
  }

  const metrics = ctx.provides.metrics;
  if (metrics) {
    for (const c of MONITORED_COMPONENTS) {
      component(out, c).metrics = { enabled: true, serviceMonitor: { enabled: true, additionalLabels: { ...metrics.serviceMonitorLabels } } };
    }
  }
  return out;
}
