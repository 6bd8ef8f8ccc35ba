import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { opaDeny, standinValues } from '@sccp/test-kit';
import feature from '../src';
import { dashboardConfigMaps, kinds, render, rendered, template, valuesWith } from './chart';
import { CONTRIBUTED, LOKI_URL, MONITORING_LABELS, PROMETHEUS_URL, prometheusOnly, standalone, THANOS_URL, thanosAndLoki, wired } from './contexts';

/**
 * Lines of the upstream chart that pass values through `tpl`, copied from
 * templates/_config.tpl @ f8b5c54 (datasources and grafana.ini) and templates/_pod.tpl @ b836dd8
 * (admin env of the grafana container; the sidecar NAMESPACE/LABEL variables), dropped into the
 * stand-in so the test sees what the real chart would produce from the same values.
 */
const UPSTREAM_TPL = `apiVersion: v1
kind: ConfigMap
metadata:
  name: tpl-check
data:
{{- $root := . }}
{{- range $key, $value := .Values.datasources }}
  {{ $key }}: |
  {{- tpl (toYaml $value | nindent 4) $root }}
{{- end }}
  grafana.ini: |
{{- range $key, $value := index .Values "grafana.ini" }}
  {{- if kindIs "map" $value }}
    [{{ $key }}]
  {{- range $elem, $elemVal := $value }}
  {{- if kindIs "string" $elemVal }}
    {{ $elem }} = {{ tpl $elemVal $ }}
  {{- else }}
    {{ $elem }} = {{ $elemVal }}
  {{- end }}
  {{- end }}
  {{- end }}
{{- end }}
  NAMESPACE: "{{ tpl (.Values.sidecar.dashboards.searchNamespace | join ",") $root }}"
  LABEL: "{{ tpl .Values.sidecar.dashboards.label $root }}"
  LABEL_VALUE: {{ quote (tpl .Values.sidecar.dashboards.labelValue $root) }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: grafana-check
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: grafana
  template:
    metadata:
      labels:
        app.kubernetes.io/name: grafana
    spec:
      containers:
        - name: grafana
          image: docker.io/grafana/grafana:12.3.3
          env:
            - name: GF_SECURITY_ADMIN_USER
              valueFrom:
                secretKeyRef:
                  name: {{ (tpl .Values.admin.existingSecret .) | default "grafana" }}
                  key: {{ .Values.admin.userKey | default "admin-user" }}
                  optional: true
            - name: GF_SECURITY_ADMIN_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ (tpl .Values.admin.existingSecret .) | default "grafana" }}
                  key: {{ .Values.admin.passwordKey | default "admin-password" }}
                  optional: true
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
`;

const tplCheck = (manifests: any[]) => manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'tpl-check');
const checkDeployment = (manifests: any[]) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'grafana-check');

test('standalone defaults: the stand-in receives exactly the rendered values; the overview ConfigMap is rendered', () => {
  const out = render({}, standalone());
  const r = rendered(out);
  assert.equal(r.grafana, out.values.grafana);
  assert.equal(kinds(r.manifests), ['ConfigMap/grafana-dashboard-grafana-platform-overview', 'ConfigMap/grafana-standin']);
  assert.equal(r.grafana.admin, { existingSecret: 'grafana-admin', userKey: 'admin-user', passwordKey: 'admin-password' });
  assert.equal(r.grafana.serviceMonitor, { enabled: false });
  assert.not.ok('datasources' in r.grafana);
  assert.equal(r.grafana.ingress, { enabled: true, hosts: ['grafana.example.com'], path: '/', pathType: 'Prefix', annotations: {}, tls: [] });
  assert.equal(r.grafana.sidecar.dashboards, { enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'ALL', resource: 'configmap' });
});

test('contributed dashboards become labelled ConfigMaps in the grafana namespace, with exactly the contributed JSON', () => {
  const out = render({}, wired());
  const r = rendered(out);
  const cms = dashboardConfigMaps(r.manifests);
  const entries = (out.values.wiring as any).dashboards as any[];
  assert.equal(Object.keys(cms).sort(), entries.map((e) => e.configMap).sort());
  assert.is(Object.keys(cms).length, 3);
  for (const e of entries) {
    const cm = cms[e.configMap];
    assert.is(cm.metadata.namespace, 'grafana');
    assert.is(cm.metadata.labels.grafana_dashboard, '1');
    assert.is(cm.metadata.labels['sccp.dev/dashboard-source'], e.source);
    assert.equal(Object.keys(cm.data), [e.file]);
    assert.equal(JSON.parse(cm.data[e.file]), e.model, e.configMap);
  }
  const loki = JSON.parse(cms['grafana-dashboard-loki-loki-overview'].data['loki-loki-overview.json']);
  const contributed = (CONTRIBUTED.loki.dashboards as any)['loki-overview'];
  assert.equal(loki, contributed);
  assert.is(loki.panels[0].targets[0].legendFormat, '{{ .Release.Name }} {{job}}', 'template-like text in a dashboard stays literal');
  assert.is(loki.thresholds.steps[0].value, null, 'nulls survive Helm');
  assert.is(loki.title, 'Loki <overview> & "logs"');
  assert.is(loki.description, contributed.description);
  const overview = JSON.parse(cms['grafana-dashboard-grafana-platform-overview'].data['grafana-platform-overview.json']);
  assert.is(overview.panels[0].targets[0].legendFormat, '{{job}}');
  assert.is(overview.panels[2].targets[0].legendFormat, '{{namespace}}');
});

test('datasources through the upstream tpl: Prometheus only comes out exactly as rendered', () => {
  const out = render({}, prometheusOnly());
  const r = rendered(out, { upstreamTemplates: { 'tpl-check.yaml': UPSTREAM_TPL } });
  const file = parse(tplCheck(r.manifests).data['datasources.yaml']);
  assert.equal(file, (out.values.grafana as any).datasources['datasources.yaml']);
  assert.is(file.datasources[0].url, PROMETHEUS_URL);
  assert.equal(r.grafana.serviceMonitor, { enabled: true, labels: MONITORING_LABELS });
});

test('datasources through the upstream tpl: Thanos and Loki come out exactly as rendered', () => {
  const out = render({}, thanosAndLoki());
  const r = rendered(out, { upstreamTemplates: { 'tpl-check.yaml': UPSTREAM_TPL } });
  const file = parse(tplCheck(r.manifests).data['datasources.yaml']);
  assert.equal(file, (out.values.grafana as any).datasources['datasources.yaml']);
  assert.equal(file.datasources.map((d: any) => [d.name, d.uid, d.url, d.isDefault]), [
    ['Thanos', 'sccp-metrics', THANOS_URL, true],
    ['Loki', 'sccp-logs', LOKI_URL, false],
  ]);
});

test('grafana.ini and sidecar settings through the upstream tpl: root_url, anonymous, namespaces stay as rendered', () => {
  const r = rendered(render({ anonymous: true, sidecar: { dashboardsSearchAllNamespaces: false } }, wired()), { upstreamTemplates: { 'tpl-check.yaml': UPSTREAM_TPL } });
  const cm = tplCheck(r.manifests);
  assert.match(cm.data['grafana.ini'], /\[server\]\n\s*root_url = https:\/\/grafana\.lab\.example\.org\n/);
  assert.match(cm.data['grafana.ini'], /\[auth\.anonymous\]\n\s*enabled = true\n\s*org_role = Viewer/);
  assert.is(cm.data.NAMESPACE, 'cert-manager,grafana,logging,monitoring,rook-ceph,traefik');
  assert.is(cm.data.LABEL, 'grafana_dashboard');
  assert.is(cm.data.LABEL_VALUE, '1');
  const all = rendered(render({}, wired()), { upstreamTemplates: { 'tpl-check.yaml': UPSTREAM_TPL } });
  assert.is(tplCheck(all.manifests).data.NAMESPACE, 'ALL');
});

test('negative control: an unescaped {{ .Release.Name }} in a datasource would be executed by the upstream tpl', () => {
  const out = render({}, prometheusOnly());
  const hostile = { grafana: { datasources: { 'datasources.yaml': { apiVersion: 1, datasources: [{ name: 'X', url: 'http://{{ .Release.Name }}:9090' }] } } } };
  const r = rendered(out, { values: [hostile], upstreamTemplates: { 'tpl-check.yaml': UPSTREAM_TPL } });
  assert.is(parse(tplCheck(r.manifests).data['datasources.yaml']).datasources[0].url, 'http://grafana:9090');
});

test('admin credentials: the grafana container reads them from the Secret, and the policy admits it', () => {
  const out = render({ admin: { existingSecret: { name: 'ops-grafana-admin', userKey: 'user', passwordKey: 'pass' } } }, wired());
  const r = rendered(out, { upstreamTemplates: { 'tpl-check.yaml': UPSTREAM_TPL } });
  assert.equal(r.grafana.admin, { existingSecret: 'ops-grafana-admin', userKey: 'user', passwordKey: 'pass' });
  const d = checkDeployment(r.manifests);
  const env = d.spec.template.spec.containers[0].env;
  assert.equal(env.find((e: any) => e.name === 'GF_SECURITY_ADMIN_PASSWORD').valueFrom.secretKeyRef, { name: 'ops-grafana-admin', key: 'pass', optional: true });
  assert.equal(env.find((e: any) => e.name === 'GF_SECURITY_ADMIN_USER').valueFrom.secretKeyRef, { name: 'ops-grafana-admin', key: 'user', optional: true });
  assert.equal(opaDeny(feature.packageDir, 'grafana-no-admin-password-literal', d), []);
  // the same Deployment with a literal password is denied
  const literal = structuredClone(d);
  literal.spec.template.spec.containers[0].env[1] = { name: 'GF_SECURITY_ADMIN_PASSWORD', value: 'admin' };
  assert.is(opaDeny(feature.packageDir, 'grafana-no-admin-password-literal', literal).length, 1);
  assert.not.ok(r.manifests.some((m) => m.kind === 'Secret'), 'no Secret is rendered');
});

test('ingress with TLS and the storage class reach the upstream chart', () => {
  const r = rendered(render({}, wired()));
  assert.equal(r.grafana.ingress, {
    enabled: true,
    ingressClassName: 'traefik',
    annotations: { 'cert-manager.io/cluster-issuer': 'platform-issuer' },
    hosts: ['grafana.lab.example.org'],
    path: '/',
    pathType: 'Prefix',
    tls: [{ secretName: 'grafana-tls', hosts: ['grafana.lab.example.org'] }],
  });
  assert.equal(r.grafana['grafana.ini'].server, { root_url: 'https://grafana.lab.example.org' });
  assert.is(r.grafana.persistence.storageClassName, 'ceph-block');
  assert.equal(r.grafana.serviceMonitor, { enabled: true, labels: MONITORING_LABELS });
});

test('metrics off: no ServiceMonitor, no metrics datasource, no metrics panels', () => {
  const r = rendered(render({}, standalone()));
  assert.equal(r.grafana.serviceMonitor, { enabled: false });
  const overview = JSON.parse(dashboardConfigMaps(r.manifests)['grafana-dashboard-grafana-platform-overview'].data['grafana-platform-overview.json']);
  assert.equal(overview.panels.map((p: any) => p.type), ['text']);
});

test('kind profile through Helm: 1 replica, 1Gi on the standard class, small requests', () => {
  const r = rendered(render({}, { ...standalone(), provides: { storage: { block: 'standard' } } }, 'kind'));
  assert.is(r.grafana.replicas, 1);
  assert.equal(r.grafana.persistence, { enabled: true, type: 'pvc', accessModes: ['ReadWriteOnce'], size: '1Gi', storageClassName: 'standard' });
  assert.equal(r.grafana.resources, { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } });
});

test('a Go template cannot reach a toleration value or node selector: they must be label values, so the schema refuses it', () => {
  const tpl = '{{ .Release.Name }}';
  assert.throws(() => valuesWith({ placement: { nodeSelector: { pool: tpl } } }), /placement\/nodeSelector/);
  assert.throws(() => valuesWith({ placement: { tolerations: [{ key: 'team', operator: 'Equal', value: tpl, effect: 'NoSchedule' }] } }), /placement\/tolerations\/0\/value/);
  assert.throws(() => valuesWith({ placement: { tolerations: [{ key: 'x', operator: 'Equal', value: `a "b" 'c' : e` }] } }), /placement\/tolerations\/0\/value/);
});

test('Helm rejects bad sccp values with a schema error', () => {
  const out = render({}, standalone());
  for (const set of ['sccp.replicas=0', 'sccp.plugins[0]=https://evil.example.com/p.zip', 'sccp.admin.existingSecret.name=Bad_Name', 'sccp.anonymous=maybe', 'sccp.sidecar.other=true']) {
    const r = template(out, { set: [set] });
    assert.is.not(r.status, 0, `${set} must fail`);
    assert.match(r.stderr, /schema/i, set);
  }
  const ok = template(out, { set: ['sccp.plugins[0]=grafana-clock-panel'] });
  assert.is(ok.status, 0, ok.stderr);
});

test('the chart lints and every object names itself (wired, with contributions)', () => {
  const r = template(render({}, wired()));
  assert.is(r.status, 0, r.stderr);
  for (const m of r.manifests) assert.ok(m.apiVersion && m.kind && m.metadata?.name);
  assert.ok(standinValues(r.manifests, 'grafana'));
});

test.run();
