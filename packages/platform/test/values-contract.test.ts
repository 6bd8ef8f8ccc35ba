import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { chartMirror, mirrorArchive } from './chart-mirror';
import { builtCase, exampleCases, needMirror } from './upstream';
import { chartModel, templateReads, unknownKeys, type ChartModel } from './values-contract';

const mirror = chartMirror();

test('the rule: keys of values.yaml, subchart keys, globals, conditions, template reads (index, hasKey, dig, variables, with) and keys passed through (toYaml, tpl, range over a map)', () => {
  const t = templateReads(`
{{- if .Values.a.b }}{{ index .Values "c" "d" }}{{ index $.Values.e "f" }}{{ hasKey .Values.g "h" }}{{ end }}
{{ dig "storage" "bucket" "" .Values.loki }}
annotations: {{- toYaml .Values.podAnnotations | nindent 4 }}
{{- with .Values.extra }}
extra: {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.controller }}{{ .replicas }}{{ end }}
{{- $cfg := .Values.config }}
config: {{ tpl (toYaml $cfg) $ }}
{{- $cm := omit .Values.cm "create" }}
{{- range $k, $v := $cm }}{{ $k }}: {{ $v }}{{ end }}
{{- range $section, $body := index .Values "grafana.ini" }}{{ range $k, $v := $body }}{{ $k }}={{ $v }}{{ end }}{{ end }}
{{- template "svc" (dict "service" $svc) }}{{ .service.ipFamilies }}
{{- range .Values.list }}{{ .name }}{{ end }}
{{- $ns := .Values.global.nodeSelector | default dict }}
{{- $ns = merge $ns (.Values.nodeSelector | default dict) }}
{{- with $ns }}{{ toYaml . }}{{ end }}
{{- with .Values.server.tolerations | default .Values.global.tolerations }}{{ toYaml . }}{{ end }}`);
  const j = (ps: string[][]) => [...new Set(ps.map((p) => p.join('.')))].sort();
  assert.equal(j(t.reads), ['a.b', 'c.d', 'cm', 'cm.*', 'config', 'controller', 'controller.replicas', 'e.f', 'extra', 'g.h', 'global.nodeSelector', 'global.tolerations', 'grafana.ini', 'grafana.ini.*', 'grafana.ini.*.*', 'list', 'list.*.name', 'loki.storage.bucket', 'nodeSelector', 'podAnnotations', 'server.tolerations']);
  assert.equal(j(t.wholesale), ['config', 'extra', 'global.nodeSelector', 'global.tolerations', 'nodeSelector', 'podAnnotations', 'server.tolerations']);
  assert.equal(j(t.keys), ['cm', 'grafana.ini', 'grafana.ini.*']);
  assert.ok(t.pairs.has('service.ipFamilies'));
  const model: ChartModel = {
    name: 'x',
    version: '1',
    defaults: { image: { tag: '' }, resources: {}, sub: { replicas: 1 }, global: { imageRegistry: '' }, service: { type: 'LoadBalancer' }, cm: { create: true }, dashboard: {} },
    reads: {
      reads: [['undocumented', 'flag'], ['sub', 'enabled'], ['podAnnotations'], ['resources'], ['dashboard', 'host', 'name'], ['dashboard', 'annotations']],
      wholesale: [['podAnnotations'], ['resources'], ['dashboard', 'annotations']],
      keys: [['cm']],
      pairs: new Set(['service.ipFamilies']),
    },
  };
  const values = {
    image: { tag: 'v1', tga: 'typo' },
    resources: { limits: { cpu: '1' } },
    sub: { replicas: 2, enabled: true, replica: 3 },
    global: { imageRegistry: 'r' },
    undocumented: { flag: true, other: 1 },
    podAnnotations: { 'a.b/c': 'x' },
    service: { ipFamilies: ['IPv4'], ipFamilys: ['IPv6'] },
    cm: { url: 'https://x', 'oidc.config': 'y' },
    dashboard: { host: { name: 'a', nmae: 'b' }, annotations: { 'x/y': 'z' } },
    nope: { deep: 1 },
  };
  // resources: {} is passed through whole; dashboard: {} is read field by field
  assert.equal(unknownKeys(values, model), ['image.tga', 'sub.replica', 'undocumented.other', 'service.ipFamilys', 'dashboard.host.nmae', 'nope']);
});

/** Every wrapper chart of a built repository: its upstream dependencies and the values it writes under each one's key. */
function wrapperValues(repo: string): { feature: string; name: string; version: string; key: string; values: unknown }[] {
  const out = [];
  for (const chart of fs.readdirSync(path.join(repo, 'charts')).sort()) {
    const file = path.join(repo, 'charts', chart, 'Chart.yaml');
    if (!fs.existsSync(file)) continue;
    const values = parse(fs.readFileSync(path.join(repo, 'charts', chart, 'values.yaml'), 'utf8')) ?? {};
    for (const d of parse(fs.readFileSync(file, 'utf8')).dependencies ?? []) {
      const key = d.alias ?? d.name;
      out.push({ feature: chart, name: d.name, version: String(d.version), key, values: values[key] ?? {} });
    }
  }
  return out;
}

test('the values contract: every key SCCP writes under an upstream chart, in every example, is in the real chart values.yaml or read by its templates', () => {
  const dir = needMirror(mirror);
  if (!dir) return;
  const models = new Map<string, ChartModel>();
  /** finding → the platforms it was found in */
  const findings = new Map<string, string[]>();
  let checked = 0;
  for (const c of exampleCases()) {
    for (const w of wrapperValues(builtCase(c))) {
      const archive = mirrorArchive(dir, w.name, w.version);
      const id = `${w.name}@${archive.version}`;
      if (!models.has(id)) models.set(id, chartModel(fs.readFileSync(archive.file)));
      checked++;
      for (const key of unknownKeys(w.values, models.get(id)!)) {
        const f = `${w.feature}: ${id}: ${key} is not in values.yaml nor read by templates`;
        findings.set(f, [...(findings.get(f) ?? []), c.name]);
      }
    }
  }
  assert.ok(checked >= 40, `${checked} wrapper dependencies checked`);
  const report = [...findings].sort(([a], [b]) => a.localeCompare(b)).map(([f, where]) => `${f}\n    (${where.join(', ')})`);
  assert.ok(!report.length, `keys SCCP writes that the upstream charts do not know (docs/upstream-checks.md):\n${report.join('\n')}`);
});

test.run();
