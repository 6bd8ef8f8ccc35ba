import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { isClusterScoped, whitelistAllows } from '../src/resource-kinds';
import { chartMirror, groupOf, renderWithUpstream } from './chart-mirror';
import { EXAMPLE, sccp, tmpdir, variant } from './helpers';

const mirror = chartMirror();

function build(file: string): string {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', file, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  return out;
}

const project = (repo: string) => parse(fs.readFileSync(path.join(repo, 'bootstrap', 'project.yaml'), 'utf8')).spec;

/** Every object of the YAML/JSON files under a folder of the repository. */
function filesUnder(repo: string, folder: string): any[] {
  const dir = path.join(repo, folder);
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()))
    .filter((o) => o && o.kind);
}

/**
 * Render every wrapper chart of `repo` with its real upstream charts, as Argo CD does: a first pass
 * collects the CRDs (their API versions make charts render ServiceMonitors and the like, and their
 * scope says where a custom kind lives), the second renders with those API versions served.
 */
function renderAll(repo: string, only?: string[]): { objects: { feature: string; o: any }[]; crdScope: Map<string, string> } {
  const charts = fs.readdirSync(path.join(repo, 'charts')).filter((f) => !only || only.includes(f)).sort();
  const crdScope = new Map<string, string>();
  const apiVersions = new Set<string>();
  const pass = () =>
    charts.flatMap((f) => {
      const ns = parse(fs.readFileSync(path.join(repo, 'apps', `${f}.yaml`), 'utf8')).spec.destination.namespace;
      return renderWithUpstream(path.join(repo, 'charts', f), f, ns, mirror!, [...apiVersions].sort()).map((o) => ({ feature: f, o }));
    });
  for (const { o } of pass()) {
    if (o.kind !== 'CustomResourceDefinition') continue;
    crdScope.set(`${o.spec.group}/${o.spec.names.kind}`, o.spec.scope);
    for (const v of o.spec.versions ?? []) apiVersions.add(`${o.spec.group}/${v.name}`);
  }
  return { objects: pass(), crdScope };
}

/** Every rendered or written object whose kind the platform AppProject does not allow (as Argo CD decides it). */
function refused(repo: string, objects: { feature: string; o: any }[], crdScope: Map<string, string>): string[] {
  const spec = project(repo);
  const out: string[] = [];
  for (const { feature, o } of objects) {
    const gk = { group: groupOf(o.apiVersion), kind: o.kind };
    const scope = crdScope.get(`${gk.group}/${gk.kind}`);
    // a CRD's scope when a chart renders it; else a built-in kind (or a Gatekeeper constraint): cluster-scoped only if the table says so
    const cluster = scope ? scope === 'Cluster' : isClusterScoped({ ...o, metadata: { ...o.metadata, namespace: 'x' } });
    const list = cluster ? spec.clusterResourceWhitelist : spec.namespaceResourceWhitelist;
    if (!whitelistAllows(list, gk)) out.push(`${feature}: ${cluster ? 'cluster' : 'namespaced'} ${gk.group || 'core'}/${gk.kind} (${o.metadata?.name})`);
  }
  return [...new Set(out)].sort();
}

test('Argo CD glob semantics of the whitelist check', () => {
  assert.ok(whitelistAllows([{ group: '*', kind: '*' }], { group: '', kind: 'Secret' }));
  assert.ok(whitelistAllows([{ group: 'constraints.gatekeeper.sh', kind: '*' }], { group: 'constraints.gatekeeper.sh', kind: 'SccpFoo' }));
  assert.not.ok(whitelistAllows([{ group: '', kind: 'Secret' }], { group: 'apps', kind: 'Secret' }));
  assert.not.ok(whitelistAllows([{ group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' }], { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' }));
  assert.not.ok(whitelistAllows([], { group: '', kind: 'Namespace' }));
});

test('the platform AppProject of the bare-metal example allows no wildcard kinds, and no cluster-admin by hand-added files', () => {
  const spec = project(build(EXAMPLE));
  for (const list of [spec.clusterResourceWhitelist, spec.namespaceResourceWhitelist]) {
    assert.ok(Array.isArray(list) && list.length, 'non-empty whitelist (an empty one means "all namespaced kinds" to Argo CD)');
    for (const w of list) assert.ok(!w.group.includes('*') && !w.kind.includes('*'), `wildcard in ${JSON.stringify(w)}`);
  }
  // what the features need is there ...
  assert.ok(whitelistAllows(spec.clusterResourceWhitelist, { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' }));
  assert.ok(whitelistAllows(spec.namespaceResourceWhitelist, { group: 'argoproj.io', kind: 'Application' }));
  // ... and what no feature creates is not
  assert.not.ok(whitelistAllows(spec.clusterResourceWhitelist, { group: 'admissionregistration.k8s.io', kind: 'ValidatingAdmissionPolicy' }));
  assert.not.ok(whitelistAllows(spec.namespaceResourceWhitelist, { group: 'apps', kind: 'ReplicaSet' }));
  assert.not.ok(whitelistAllows(spec.clusterResourceWhitelist, { group: '', kind: 'PersistentVolume' }));
});

test('every kind the real upstream charts render (bare-metal example), and every file in apps/, policies/ and tenants/, is allowed by the platform AppProject', () => {
  if (!mirror) {
    console.log('  skipped: no chart mirror (set SCCP_CHART_MIRROR or provide ../shared/upstream-charts)');
    return;
  }
  const repo = build(EXAMPLE);
  const { objects, crdScope } = renderAll(repo);
  assert.ok(objects.length > 300, `rendered ${objects.length} objects`);
  assert.ok(objects.some(({ o }) => o.kind === 'ServiceMonitor'), 'rendered with the CRD API versions served');
  for (const folder of ['apps', 'policies', 'tenants']) for (const o of filesUnder(repo, folder)) objects.push({ feature: folder, o });
  assert.equal(refused(repo, objects, crdScope), []);
});

test('gatekeeper admission: the real gatekeeper chart and the constraint bundle are allowed', () => {
  if (!mirror) {
    console.log('  skipped: no chart mirror (set SCCP_CHART_MIRROR or provide ../shared/upstream-charts)');
    return;
  }
  const repo = build(variant((t) => t.replace('admission: kyverno', 'admission: gatekeeper')));
  const { objects, crdScope } = renderAll(repo, ['gatekeeper', 'prometheus']);
  assert.ok(objects.some(({ o }) => o.kind === 'PodMonitor'), 'gatekeeper renders its PodMonitor when prometheus serves the API');
  const bundle = filesUnder(repo, 'policies');
  assert.ok(bundle.some((o) => o.apiVersion.startsWith('constraints.gatekeeper.sh/')), 'constraints in the bundle');
  for (const o of bundle) objects.push({ feature: 'policies', o });
  assert.equal(refused(repo, objects, crdScope), []);
});

test.run();
