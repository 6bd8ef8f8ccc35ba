import { createHash } from 'node:crypto';
import type { RenderContext } from '@sccp/core';
import { overviewDashboard } from './overview-dashboard';

/** One dashboard ConfigMap of the wrapper chart (rendered by templates/dashboards.yaml.hbs from `wiring.dashboards`). */
export interface DashboardEntry {
  /** ConfigMap name. */
  configMap: string;
  /** Data key, i.e. the file the sidecar writes; unique across features so files never overwrite each other. */
  file: string;
  /** Feature the dashboard comes from. */
  source: string;
  /** The dashboard JSON model (data; rendered with toPrettyJson). */
  model: Record<string, unknown>;
}

/** Grafana's own dashboards are listed under this source name. */
export const OWN_SOURCE = 'grafana';
/** Name of Grafana's own overview dashboard. */
export const OVERVIEW_NAME = 'platform-overview';

/** A ConfigMap holds at most 1 MiB; keep a margin for metadata. */
export const MAX_DASHBOARD_BYTES = 900 * 1024;

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A DNS-label-safe slug of a dashboard name, with a short hash when it had to change or be shortened. */
export function dashboardSlug(name: string, max = 40): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug === name && slug.length <= max) return slug;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const head = slug.slice(0, max - 9).replace(/-+$/, '');
  return head ? `${head}-${hash}` : hash;
}

function entry(source: string, name: string, model: unknown): DashboardEntry {
  if (!isPlainObject(model)) throw new Error(`grafana: dashboard "${name}" contributed by ${source} is not a JSON object (a Grafana dashboard model)`);
  const bytes = Buffer.byteLength(JSON.stringify(model, null, 2));
  if (bytes > MAX_DASHBOARD_BYTES) throw new Error(`grafana: dashboard "${name}" contributed by ${source} is ${bytes} bytes; a ConfigMap holds at most ${MAX_DASHBOARD_BYTES}`);
  const slug = dashboardSlug(name);
  return { configMap: `grafana-dashboard-${source}-${slug}`, file: `${source}-${slug}.json`, source, model: structuredClone(model) };
}

/**
 * Every dashboard to ship as a ConfigMap: Grafana's own overview first, then each feature's
 * contributions (`ctx.contributions[feature].dashboards`), sorted by feature and name.
 */
export function dashboardEntries(ctx: RenderContext, opts: { metrics: boolean; logs: boolean }): DashboardEntry[] {
  const out: DashboardEntry[] = [entry(OWN_SOURCE, OVERVIEW_NAME, overviewDashboard(opts))];
  for (const source of Object.keys(ctx.contributions).sort()) {
    const dashboards = ctx.contributions[source]?.dashboards;
    if (!dashboards) continue;
    if (!isPlainObject(dashboards)) throw new Error(`grafana: contributions.${source}.dashboards must map names to dashboard models`);
    for (const name of Object.keys(dashboards).sort()) out.push(entry(source, name, dashboards[name]));
  }
  const seen = new Map<string, string>();
  for (const e of out) {
    const prev = seen.get(e.configMap);
    if (prev) throw new Error(`grafana: two dashboards (from ${prev} and ${e.source}) map to the ConfigMap ${e.configMap}; rename one`);
    seen.set(e.configMap, e.source);
  }
  return out;
}
