import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValidator, DEFAULT_PLATFORM, standaloneContext, type RenderContext, type RenderOutput } from '@sccp/core';
import feature, { chartFullname, serviceUrl } from '../src';
import { dashboardEntries, dashboardSlug } from '../src/dashboards';
import { overviewDashboard } from '../src/overview-dashboard';
import { validateValues } from '../src/validate';
import { render, valuesWith } from './chart';
import { LOKI_URL, lokiOnly, MONITORING_LABELS, PROMETHEUS_URL, prometheusOnly, standalone, THANOS_URL, thanosAndLoki, wired } from './contexts';

const g = (out: RenderOutput) => out.values.grafana as Record<string, any>;
const ds = (out: RenderOutput) => g(out).datasources?.['datasources.yaml'];
const validate = compileValidator(feature.bundledSchema);

/** Every string (keys included) of a value, recursively. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]);
  return [];
}

test('feature metadata: name, namespace, optional dependencies, upstream pin', () => {
  assert.is(feature.name, 'grafana');
  assert.is(feature.namespace, 'grafana');
  assert.is(feature.packageName, '@sccp/feature-grafana');
  assert.equal(feature.dependsOn, []);
  assert.equal(feature.optionalDependsOn, ['prometheus', 'thanos', 'loki', 'traefik', 'cert-manager']);
  assert.equal(feature.upstream.map((u) => [u.name, u.version, u.repository]), [['grafana', '11.1.7', 'https://grafana-community.github.io/helm-charts']]);
  assert.match(feature.upstream[0].source, /^grafana-community\/helm-charts charts\/grafana: Chart\.yaml @ [0-9a-f]{40} \(11\.1\.7/);
  assert.equal(feature.policies, {
    kyverno: ['policies/kyverno/grafana-no-admin-password-literal.yaml'],
    rego: ['policies/rego/grafana-no-admin-password-literal.rego'],
  });
});

test('defaults: 1 replica, admin Secret reference, ingress on, 10Gi volume, requests and limits', () => {
  assert.equal(feature.defaults, {
    replicas: 1,
    admin: { existingSecret: { name: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' } },
    ingress: { enabled: true, tls: true },
    persistence: { size: '10Gi' },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
    plugins: [],
    anonymous: false,
    sidecar: { dashboardsSearchAllNamespaces: true },
  });
  const out = render({}, standalone());
  assert.equal(out.values.sccp, feature.defaults, 'the feature values are passed as sccp');
  const v = g(out);
  assert.is(v.replicas, 1);
  assert.equal(v.admin, { existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
  assert.not.ok('adminPassword' in v, 'never a literal password');
  assert.not.ok('adminUser' in v);
  assert.not.ok('env' in v);
  assert.equal(v.persistence, { enabled: true, type: 'pvc', accessModes: ['ReadWriteOnce'], size: '10Gi' });
  assert.equal(v.resources, { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } });
  assert.equal(v.plugins, []);
  assert.equal(v.testFramework, { enabled: false });
  assert.not.ok('nodeSelector' in v);
  assert.not.ok('tolerations' in v);
});

test('kind profile: 1 replica, 1Gi volume on the standard class, small requests', () => {
  const v = valuesWith({}, 'kind');
  assert.equal(validate(v), []);
  const out = feature.render(v, standaloneContext(feature, { ...DEFAULT_PLATFORM, profile: 'kind' }, { provides: { storage: { block: 'standard' } } }));
  assert.is(g(out).replicas, 1);
  assert.equal(g(out).persistence, { enabled: true, type: 'pvc', accessModes: ['ReadWriteOnce'], size: '1Gi', storageClassName: 'standard' });
  assert.equal(g(out).resources, { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } });
});

test('datasources: none without metrics and logs', () => {
  const out = render({}, standalone());
  assert.not.ok('datasources' in g(out));
});

test('datasources: Prometheus only, the default, with the stable uid', () => {
  assert.equal(ds(render({}, prometheusOnly())), {
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        type: 'prometheus',
        uid: 'sccp-metrics',
        access: 'proxy',
        url: PROMETHEUS_URL,
        isDefault: true,
        editable: false,
        jsonData: { httpMethod: 'POST', prometheusType: 'Prometheus' },
      },
    ],
    deleteDatasources: [{ name: 'Thanos', orgId: 1 }],
  });
});

test('datasources: Thanos Query preferred over Prometheus, Loki next to it, one default', () => {
  const file = ds(render({}, thanosAndLoki()));
  assert.equal(file.datasources, [
    {
      name: 'Thanos',
      type: 'prometheus',
      uid: 'sccp-metrics',
      access: 'proxy',
      url: THANOS_URL,
      isDefault: true,
      editable: false,
      jsonData: { httpMethod: 'POST', prometheusType: 'Thanos' },
    },
    { name: 'Loki', type: 'loki', uid: 'sccp-logs', access: 'proxy', url: LOKI_URL, isDefault: false, editable: false },
  ]);
  assert.equal(file.deleteDatasources, [{ name: 'Prometheus', orgId: 1 }], 'the Prometheus datasource of before thanos is removed (same uid)');
  assert.is(file.datasources.filter((d: any) => d.isDefault).length, 1);
});

test('datasources: Loki alone is the default', () => {
  const file = ds(render({}, lokiOnly()));
  assert.equal(file, { apiVersion: 1, datasources: [{ name: 'Loki', type: 'loki', uid: 'sccp-logs', access: 'proxy', url: LOKI_URL, isDefault: true, editable: false }] });
});

test('tpl safety: nothing the chart passes through tpl contains {{ or }}, in every context and option', () => {
  const contexts: Record<string, RenderContext> = { standalone: standalone(), prometheusOnly: prometheusOnly(), thanosAndLoki: thanosAndLoki(), lokiOnly: lokiOnly(), wired: wired() };
  const options = [{}, { anonymous: true }, { ingress: { host: 'dashboards.ops.example.net' } }, { sidecar: { dashboardsSearchAllNamespaces: false } }, { ingress: { enabled: false } }];
  for (const [name, ctx] of Object.entries(contexts)) {
    for (const over of options) {
      const v = g(render(over, ctx));
      const tplValues = [v.datasources ?? {}, v['grafana.ini'], v.admin.existingSecret, v.serviceMonitor.labels ?? {}, v.sidecar, v.ingress];
      for (const s of strings(tplValues)) assert.not.match(s, /\{\{|\}\}/, `${name} ${JSON.stringify(over)}: ${s}`);
    }
  }
  // and the datasources and grafana.ini are really there to be checked
  const v = g(render({}, wired()));
  assert.ok(strings(v.datasources).includes(THANOS_URL));
  assert.is(v['grafana.ini'].server.root_url, 'https://grafana.lab.example.org');
});

test('tpl safety: a capability URL carrying a template (or not a URL) fails the render', () => {
  const bad = (provides: any) => standaloneContext(feature, undefined, { provides });
  assert.throws(() => render({}, bad({ metrics: { serviceMonitorLabels: {}, url: 'http://{{ .Release.Name }}.svc:9090', namespace: 'm' } })), /metrics\.url/);
  assert.throws(() => render({}, bad({ metricsQuery: { url: 'http://thanos/{{ .Values }}' } })), /metricsQuery\.url/);
  assert.throws(() => render({}, bad({ logs: { pushUrl: 'x', queryUrl: 'loki.logging.svc:3100', namespace: 'l' } })), /logs\.queryUrl/);
  assert.throws(() => render({}, bad({ metrics: { serviceMonitorLabels: { team: '{{ x }}' }, url: PROMETHEUS_URL, namespace: 'm' } })), /serviceMonitor\.labels/);
});

test('ServiceMonitor: on with the platform labels when metrics exist, off without', () => {
  assert.equal(g(render({}, standalone())).serviceMonitor, { enabled: false });
  assert.equal(g(render({}, lokiOnly())).serviceMonitor, { enabled: false });
  assert.equal(g(render({}, prometheusOnly())).serviceMonitor, { enabled: true, labels: MONITORING_LABELS });
});

test('ingress with TLS: class, issuer annotation, <label>-tls secret, https root_url and endpoint', () => {
  const out = render({}, wired());
  assert.equal(g(out).ingress, {
    enabled: true,
    ingressClassName: 'traefik',
    annotations: { 'cert-manager.io/cluster-issuer': 'platform-issuer' },
    hosts: ['grafana.lab.example.org'],
    path: '/',
    pathType: 'Prefix',
    tls: [{ secretName: 'grafana-tls', hosts: ['grafana.lab.example.org'] }],
  });
  assert.equal(g(out)['grafana.ini'].server, { root_url: 'https://grafana.lab.example.org' });
  assert.equal(out.endpoints, [{ name: 'Grafana', url: 'https://grafana.lab.example.org' }]);
});

test('ingress: custom host; no TLS without cert-manager or with tls: false; http root_url', () => {
  const custom = render({ ingress: { host: 'dash.ops.example.net' } }, wired());
  assert.equal(g(custom).ingress.tls, [{ secretName: 'dash-tls', hosts: ['dash.ops.example.net'] }]);
  assert.equal(custom.endpoints, [{ name: 'Grafana', url: 'https://dash.ops.example.net' }]);
  const plain = render({}, prometheusOnly());
  assert.equal(g(plain).ingress, { enabled: true, hosts: ['grafana.lab.example.org'], path: '/', pathType: 'Prefix', annotations: {}, tls: [] });
  assert.is(g(plain)['grafana.ini'].server.root_url, 'http://grafana.lab.example.org');
  const noTls = render({ ingress: { tls: false } }, wired());
  assert.equal(g(noTls).ingress.tls, []);
  assert.equal(g(noTls).ingress.annotations, {});
  assert.equal(noTls.endpoints, [{ name: 'Grafana', url: 'http://grafana.lab.example.org' }]);
});

test('ingress off: no Ingress, no root_url, the in-cluster Service as endpoint', () => {
  const out = render({ ingress: { enabled: false } }, wired());
  assert.equal(g(out).ingress, { enabled: false });
  assert.not.ok('server' in g(out)['grafana.ini']);
  assert.equal(out.endpoints, [{ name: 'Grafana (in-cluster)', url: 'http://grafana.grafana.svc:80' }]);
});

test('chart fullname and service URL (templates/_helpers.tpl)', () => {
  assert.is(chartFullname('grafana'), 'grafana');
  assert.is(chartFullname('ops'), 'ops-grafana');
  assert.is(chartFullname('my-grafana-x'), 'my-grafana-x');
  assert.is(serviceUrl(), 'http://grafana.grafana.svc:80');
  assert.is(serviceUrl('dash', 'obs'), 'http://dash-grafana.obs.svc:80');
});

test('storage: platform block class, an explicit class wins, none leaves the cluster default', () => {
  assert.not.ok('storageClassName' in g(render({}, standalone())).persistence);
  assert.is(g(render({}, wired())).persistence.storageClassName, 'ceph-block');
  const own = g(render({ persistence: { storageClass: 'fast-nvme', size: '20Gi' } }, wired())).persistence;
  assert.equal(own, { enabled: true, type: 'pvc', accessModes: ['ReadWriteOnce'], size: '20Gi', storageClassName: 'fast-nvme' });
});

test('more than one replica: no volume (RWO and SQLite cannot be shared)', () => {
  const v = g(render({ replicas: 3 }, wired()));
  assert.is(v.replicas, 3);
  assert.equal(v.persistence, { enabled: false });
});

test('placement, plugins and anonymous access reach the chart', () => {
  const v = g(
    render(
      {
        placement: { nodeSelector: { 'node-role.kubernetes.io/infra': '' }, tolerations: [{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }] },
        plugins: ['grafana-clock-panel', 'grafana-piechart-panel@1.6.4'],
        anonymous: true,
      },
      standalone(),
    ),
  );
  assert.equal(v.nodeSelector, { 'node-role.kubernetes.io/infra': '' });
  assert.equal(v.tolerations, [{ key: 'infra', operator: 'Exists', effect: 'NoSchedule' }]);
  assert.equal(v.plugins, ['grafana-clock-panel', 'grafana-piechart-panel@1.6.4']);
  assert.equal(v['grafana.ini']['auth.anonymous'], { enabled: true, org_role: 'Viewer' });
  assert.equal(g(render({}, standalone()))['grafana.ini']['auth.anonymous'], { enabled: false });
});

test('schema: plugin ids are validated (no URLs, no templates), admin secret name is a DNS label', () => {
  const problems = (over: unknown) => validate(valuesWithout(over));
  for (const bad of ['https://example.com/plugin.zip', 'x@1.0.0@https://evil/zip', '{{ .Release.Name }}', 'Grafana-Clock', 'a b']) {
    assert.ok(problems({ plugins: [bad] }).length > 0, bad);
  }
  assert.ok(problems({ plugins: ['a', 'a'] }).length > 0, 'duplicates');
  assert.equal(problems({ plugins: ['grafana-clock-panel', 'yesoreyeram-infinity-datasource@3.2.1'] }), []);
  assert.ok(problems({ admin: { existingSecret: { name: 'Grafana_Admin' } } }).length > 0);
  assert.ok(problems({ admin: { existingSecret: { passwordKey: 'a key' } } }).length > 0);
  assert.ok(problems({ replicas: 0 }).length > 0);
});

/** Defaults merged with `over`, not validated (for schema tests). */
function valuesWithout(over: unknown) {
  return { ...structuredClone(feature.defaults), ...(over as object) };
}

test('validate: the user and password keys must differ', () => {
  assert.equal(validateValues(valuesWith()), []);
  assert.equal(validateValues(valuesWith({ admin: { existingSecret: { userKey: 'creds', passwordKey: 'creds' } } })), [
    { pointer: '/admin/existingSecret/passwordKey', message: 'the password key must differ from userKey, or the user name would be the password' },
  ]);
  assert.equal(feature.validate!(valuesWith({ admin: { existingSecret: { passwordKey: 'admin-user' } } }), DEFAULT_PLATFORM).length, 1);
});

test('dashboard sidecar: label grafana_dashboard=1, ConfigMaps only, ALL namespaces or the platform namespaces', () => {
  assert.equal(g(render({}, wired())).sidecar, {
    dashboards: { enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL', resource: 'configmap' },
  });
  assert.equal(g(render({ sidecar: { dashboardsSearchAllNamespaces: false } }, wired())).sidecar.dashboards.searchNamespace, [
    'cert-manager', 'grafana', 'logging', 'monitoring', 'rook-ceph', 'traefik',
  ]);
  assert.equal(g(render({ sidecar: { dashboardsSearchAllNamespaces: false } }, standalone())).sidecar.dashboards.searchNamespace, ['grafana']);
});

test('dashboards: the overview first, then contributions sorted by feature and name, as wiring data', () => {
  const out = render({}, wired());
  const wiring = out.values.wiring as any;
  assert.equal(wiring.dashboardLabels, { grafana_dashboard: '1' });
  assert.equal(
    wiring.dashboards.map((d: any) => [d.source, d.configMap, d.file]),
    [
      ['grafana', 'grafana-dashboard-grafana-platform-overview', 'grafana-platform-overview.json'],
      ['loki', 'grafana-dashboard-loki-loki-overview', 'loki-loki-overview.json'],
      ['prometheus', `grafana-dashboard-prometheus-${dashboardSlug('Alerts Summary')}`, `prometheus-${dashboardSlug('Alerts Summary')}.json`],
    ],
  );
  assert.equal(wiring.dashboards[1].model, (wired().contributions.loki.dashboards as any)['loki-overview'], 'the contributed model, unchanged');
  assert.equal(Object.keys(out.templates ?? {}), ['dashboards.yaml']);
  assert.not.match(out.templates!['dashboards.yaml'], /loki|Alerts|sccp-metrics/, 'the template text holds no dashboard data');
});

test('dashboard slugs: DNS-safe, a hash when the name had to change or be cut', () => {
  assert.is(dashboardSlug('node-overview'), 'node-overview');
  assert.match(dashboardSlug('Alerts Summary'), /^alerts-summary-[0-9a-f]{8}$/);
  assert.is.not(dashboardSlug('alerts summary'), dashboardSlug('Alerts Summary'), 'different names, different slugs');
  assert.match(dashboardSlug('x'.repeat(100)), /^x{31}-[0-9a-f]{8}$/);
  assert.match(dashboardSlug('---'), /^[0-9a-f]{8}$/);
  for (const n of ['Ünïcode dash', 'a/b\\c', '{{ .Release.Name }}']) assert.match(dashboardSlug(n), /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, n);
});

test('dashboards: a contribution that is not a dashboard object, or two names on one ConfigMap, fail the render', () => {
  const ctx = (dashboards: any) => standaloneContext(feature, undefined, { contributions: { loki: { dashboards } } });
  assert.throws(() => render({}, ctx({ logs: '{"title": "x"}' })), /not a JSON object/);
  assert.throws(() => render({}, ctx({ logs: [1, 2] })), /not a JSON object/);
  assert.throws(() => render({}, ctx(['x'])), /must map names/);
  assert.throws(() => render({}, ctx({ huge: { panels: 'x'.repeat(1024 * 1024) } })), /at most/);
  const clash = standaloneContext(feature, undefined, { contributions: { grafana: { dashboards: { 'platform-overview': {} } } } });
  assert.throws(() => render({}, clash), /two dashboards/);
});

test('overview dashboard: panels follow the datasources', () => {
  const titles = (ctx: RenderContext) => ((render({}, ctx).values.wiring as any).dashboards[0].model.panels as any[]).map((p) => p.title);
  assert.equal(titles(standalone()), ['No datasources']);
  assert.equal(titles(prometheusOnly()), ['Targets up by job', 'Firing alerts']);
  assert.equal(titles(lokiOnly()), ['Log volume by namespace']);
  assert.equal(titles(thanosAndLoki()), ['Targets up by job', 'Firing alerts', 'Log volume by namespace']);
  const model = overviewDashboard({ metrics: true, logs: true }) as any;
  assert.is(model.uid, 'sccp-platform-overview');
  assert.is(model.title, 'SCCP platform overview');
  assert.equal(model.panels.map((p: any) => p.datasource.uid), ['sccp-metrics', 'sccp-metrics', 'sccp-logs']);
  assert.equal(model.panels.map((p: any) => p.targets[0].expr), [
    'sum by (job) (up)',
    'count(ALERTS{alertstate="firing"}) or vector(0)',
    'sum by (namespace) (count_over_time({namespace=~".+"} [$__auto]))',
  ]);
  assert.equal(model.panels.map((p: any) => p.gridPos), [{ h: 8, w: 16, x: 0, y: 0 }, { h: 8, w: 8, x: 16, y: 0 }, { h: 9, w: 24, x: 0, y: 8 }]);
  assert.equal(model.panels.map((p: any) => p.id), [1, 2, 3]);
});

test('render does not modify the contributed dashboards', () => {
  const ctx = wired();
  const before = structuredClone(ctx.contributions);
  const out = render({}, ctx);
  (out.values.wiring as any).dashboards[1].model.title = 'changed';
  assert.equal(ctx.contributions, before);
});

test('dashboardEntries reads only ctx.contributions', () => {
  assert.equal(dashboardEntries(standalone(), { metrics: false, logs: false }).length, 1);
  assert.equal(dashboardEntries(wired(), { metrics: true, logs: true }).length, 3);
});

test.run();
