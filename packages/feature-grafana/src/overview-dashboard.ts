import { LOGS_DATASOURCE_UID, METRICS_DATASOURCE_UID } from './names';

type Obj = Record<string, unknown>;

export const OVERVIEW_UID = 'sccp-platform-overview';
export const OVERVIEW_TITLE = 'SCCP platform overview';

const METRICS_DS = { type: 'prometheus', uid: METRICS_DATASOURCE_UID };
const LOGS_DS = { type: 'loki', uid: LOGS_DATASOURCE_UID };

interface PanelSpec {
  type: string;
  title: string;
  description: string;
  w: number;
  h: number;
  datasource?: Obj;
  targets?: Obj[];
  options?: Obj;
  fieldConfig?: Obj;
}

/**
 * The dashboard Grafana ships of its own: targets up by job and firing alerts (when a metrics
 * datasource exists), log volume by namespace (when Loki does), or a note when neither is enabled.
 * Built as data; it reaches the cluster as JSON in a ConfigMap, never through a template.
 */
export function overviewDashboard(opts: { metrics: boolean; logs: boolean }): Obj {
  const specs: PanelSpec[] = [];
  if (opts.metrics) {
    specs.push(
      {
        type: 'bargauge',
        title: 'Targets up by job',
        description: 'Scrape targets that answered their last scrape, per job (the `up` metric).',
        w: 16,
        h: 8,
        datasource: METRICS_DS,
        targets: [{ refId: 'A', datasource: METRICS_DS, expr: 'sum by (job) (up)', legendFormat: '{{job}}', instant: true }],
        options: { orientation: 'horizontal', displayMode: 'basic', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
        fieldConfig: { defaults: { unit: 'none', min: 0, decimals: 0 }, overrides: [] },
      },
      {
        type: 'stat',
        title: 'Firing alerts',
        description: 'Alerts currently firing in Prometheus (ALERTS{alertstate="firing"}).',
        w: 8,
        h: 8,
        datasource: METRICS_DS,
        targets: [{ refId: 'A', datasource: METRICS_DS, expr: 'count(ALERTS{alertstate="firing"}) or vector(0)', instant: true }],
        options: { colorMode: 'background', graphMode: 'none', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
        fieldConfig: {
          defaults: {
            unit: 'none',
            decimals: 0,
            thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 1 }] },
          },
          overrides: [],
        },
      },
    );
  }
  if (opts.logs) {
    specs.push({
      type: 'timeseries',
      title: 'Log volume by namespace',
      description: 'Log lines collected per namespace (Loki).',
      w: 24,
      h: 9,
      datasource: LOGS_DS,
      targets: [{ refId: 'A', datasource: LOGS_DS, expr: 'sum by (namespace) (count_over_time({namespace=~".+"} [$__auto]))', legendFormat: '{{namespace}}', queryType: 'range' }],
      options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true }, tooltip: { mode: 'multi', sort: 'desc' } },
      fieldConfig: { defaults: { unit: 'short', custom: { drawStyle: 'bars', stacking: { mode: 'normal', group: 'A' }, fillOpacity: 80 } }, overrides: [] },
    });
  }
  if (!specs.length) {
    specs.push({
      type: 'text',
      title: 'No datasources',
      description: 'Neither metrics nor logs are enabled on this platform.',
      w: 24,
      h: 4,
      options: { mode: 'markdown', content: 'Enable the **prometheus** (and **thanos**) or **loki** feature to fill this dashboard.' },
    });
  }
  // Lay panels out left to right, wrapping at 24 columns.
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = specs.map((s, i) => {
    if (x + s.w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const { w, h, ...rest } = s;
    const panel = { id: i + 1, gridPos: { h, w, x, y }, ...rest };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return panel;
  });
  return {
    uid: OVERVIEW_UID,
    title: OVERVIEW_TITLE,
    description: 'Health of the SCCP platform at a glance.',
    tags: ['sccp'],
    editable: false,
    timezone: 'browser',
    refresh: '1m',
    schemaVersion: 39,
    version: 1,
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [] },
    annotations: { list: [] },
    panels,
  };
}
