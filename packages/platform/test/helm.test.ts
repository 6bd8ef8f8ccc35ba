import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import type { FileTree, UpstreamChart } from '@sccp/core';
import { enginePath, helmLint, helmTemplate, materializeChart } from '@sccp/test-kit';
import { ROOT, sccp, snapshot, tmpdir, variant } from './helpers';

/** helm lint --strict and helm template of a chart folder, upstream dependencies replaced by stand-ins. */
function renderChart(dir: string, namespace: string) {
  const files: FileTree = new Map(Object.entries(snapshot(dir)));
  const chart = parse(files.get('Chart.yaml')!);
  const deps: UpstreamChart[] = (chart.dependencies ?? []).map((d: any) => ({ ...d, source: 'stand-in' }));
  const tmp = materializeChart(files, deps, chart.name);
  const lint = helmLint(tmp);
  assert.is(lint.status, 0, `${dir}: ${lint.stdout}${lint.stderr}`);
  const r = helmTemplate(tmp, { release: chart.name, namespace });
  assert.is(r.status, 0, `${dir}: ${r.stderr}`);
  for (const m of r.manifests) assert.ok(m.apiVersion && m.kind && m.metadata?.name, `${dir}: object without apiVersion/kind/name`);
  return r.manifests;
}

const namespaceOf = (repo: string, feature: string) => parse(fs.readFileSync(path.join(repo, 'apps', `${feature}.yaml`), 'utf8')).spec.destination.namespace;

function buildExample(name: string): string {
  const out = path.join(tmpdir(), name);
  const r = sccp(['build', path.join(ROOT, 'examples', name, 'platform.yaml'), '--out', out]);
  assert.is(r.code, 0, r.stderr);
  return out;
}

const kinds = (manifests: any[]) => manifests.map((m) => `${m.kind}/${m.metadata.name}`);

test('bare-metal example: every chart lints and renders; the extras are the expected objects', () => {
  const repo = buildExample('bare-metal');
  const all: Record<string, string[]> = {};
  for (const f of fs.readdirSync(path.join(repo, 'charts')).sort()) all[f] = kinds(renderChart(path.join(repo, 'charts', f), namespaceOf(repo, f)));
  assert.ok(all.metallb.includes('IPAddressPool/default') && all.metallb.includes('L2Advertisement/metallb-l2'), all.metallb.join(' '));
  assert.ok(['ClusterIssuer/sccp-selfsigned', 'Certificate/sccp-root-ca', 'ClusterIssuer/sccp-ca'].every((k) => all['cert-manager'].includes(k)), all['cert-manager'].join(' '));
  assert.ok(all.loki.some((k) => k.startsWith('ObjectBucketClaim/')), all.loki.join(' '));
  assert.ok(all.thanos.some((k) => k.startsWith('ObjectBucketClaim/')), all.thanos.join(' '));
  assert.ok(all.grafana.some((k) => k.startsWith('ConfigMap/') && k !== 'ConfigMap/grafana-standin'), 'grafana dashboards');
  for (const [f, list] of Object.entries(all)) assert.ok(list.some((k) => k.endsWith('-standin')), `${f} hands values to its upstream chart`);
});

for (const example of fs.readdirSync(path.join(ROOT, 'examples')).filter((e) => e !== 'bare-metal').sort()) {
  test(`${example} example: every chart lints and renders, and the repository passes its own policies`, () => {
    const repo = buildExample(example);
    for (const f of fs.readdirSync(path.join(repo, 'charts')).sort()) renderChart(path.join(repo, 'charts', f), namespaceOf(repo, f));
    const v = sccp(['verify', repo, '--helm', enginePath('helm')]);
    assert.is(v.code, 0, v.stdout + v.stderr);
  });
}

test('committed charts/ (default values): every chart lints and renders', () => {
  const dir = path.join(ROOT, 'charts');
  const charts = fs.readdirSync(dir).sort();
  assert.ok(charts.length >= 9);
  for (const f of charts) renderChart(path.join(dir, f), 'default');
});

test('template expressions in platform.yaml values come out literally after helm template', () => {
  const evil = ['{{ .Release.Name }}', '{{ lookup "v1" "Secret" "" "" }}'];
  const file = variant((t) => t.replace('        mode: l2\n', `        mode: l2\n        interfaces: ${JSON.stringify(evil)}\n`));
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', file, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  const l2 = renderChart(path.join(out, 'charts', 'metallb'), 'metallb-system').find((m) => m.kind === 'L2Advertisement');
  assert.equal(l2.spec.interfaces, evil);
});

test('helm enforces the generated values.schema.json: a bad value fails with a schema error', () => {
  const repo = buildExample('kind');
  const files: FileTree = new Map(Object.entries(snapshot(path.join(repo, 'charts', 'traefik'))));
  const chart = parse(files.get('Chart.yaml')!);
  const tmp = materializeChart(files, chart.dependencies.map((d: any) => ({ ...d, source: 'stand-in' })), 'traefik');
  const r = helmTemplate(tmp, { set: ['sccp.replicas=many'] });
  assert.is.not(r.status, 0);
  assert.match(r.stderr, /values don't meet the specifications of the schema|schema/i);
  assert.match(r.stderr, /replicas/);
});

test.run();
