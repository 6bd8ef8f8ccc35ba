// Every object a platform puts on a cluster, checked by a real kube-apiserver (@sccp/test-kit's
// startKubeApiServer, the release pinned in tools/kube-apiserver): the files `sccp build` writes
// (bootstrap/, apps/, tenants/, policies/) and every wrapper chart rendered with its real upstream
// charts from the chart mirror, as Argo CD renders it. The CRDs the charts render are created for
// real first (Argo CD's come from the argo-cd chart), then the namespaces, then every other object
// is server-side applied with dryRun=All and fieldValidation=Strict. No object may be refused, and
// no warning may come back except those in ALLOWED_WARNINGS, each with its reason.
// Needs the chart mirror (docs/upstream-checks.md) and the engines (`npm run engines`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { kubernetesVersions, type Profile } from '@sccp/core';
import { runEngine, startKubeApiServer, type ApiObject, type KubeApi } from '@sccp/test-kit';
import { chartMirror, mirrorArchive } from './chart-mirror';
import { apiVersionsOf, argoRelease, crdOf, needMirror, upstreamCases, wrapperCharts, type Crd } from './upstream';
import { ROOT, sccp, tmpdir } from './helpers';

const mirror = chartMirror();

/** Warnings the API server may answer with, each with the reason it is accepted. */
const ALLOWED_WARNINGS: { match: RegExp; reason: string }[] = [
  {
    match:
      /^metadata\.finalizers: "resources-finalizer\.argocd\.argoproj\.io": prefer a domain-qualified finalizer name including a path \(\/\) to avoid accidental conflicts with other finalizer writers$/,
    reason:
      "Argo CD's own finalizer on Applications and AppProjects: Argo CD defines the name; for AppProjects it reads no other (the `/foreground` and `/background` forms exist for Applications only)",
  },
  {
    match:
      /^kyverno\.io\/v1 ClusterPolicy is deprecated and will be removed in a future release; migrate to ValidatingPolicy, MutatingPolicy, GeneratingPolicy or ImageValidatingPolicy \(policies\.kyverno\.io\), see https:\/\/kyverno\.io\/docs\/guides\/migration-to-cel\/$/,
    reason:
      'the policies are kyverno.io/v1 ClusterPolicies (docs/feature-authoring.md), still served by the pinned Kyverno; their replacement is the CEL policies of policies.kyverno.io (ValidatingPolicy, ...), planned in docs/adr/0013-kyverno-cel-policy-apis.md',
  },
  {
    match:
      /^kyverno\.io\/v2 PolicyException is deprecated and will be removed in a future release; migrate to PolicyException \(policies\.kyverno\.io\), see https:\/\/kyverno\.io\/docs\/guides\/migration-to-cel\/$/,
    reason: 'the exceptions to the ClusterPolicies above: they move to policies.kyverno.io PolicyException together with the policies',
  },
];

/** Every example (bare-metal, the one with tenants, first), the bare-metal one with Gatekeeper admission, the drawn platforms. */
const CASES = [...upstreamCases()].sort((a, b) => Number(b.name === 'examples/bare-metal') - Number(a.name === 'examples/bare-metal'));

/** The generated folders whose files Argo CD applies (bootstrap/ by hand, the others through Applications). */
const FOLDERS = ['bootstrap', 'apps', 'tenants', 'policies'];

interface Item {
  /** The file (relative to the repository) or `chart <name>` the object comes from. */
  from: string;
  o: ApiObject;
  /** The namespace a namespaced object without metadata.namespace lands in. */
  namespace: string;
}

/**
 * The objects of a YAML stream as Argo CD and the API server read them: YAML 1.1, like go-yaml v2
 * under sigs.k8s.io/yaml (the argo-cd chart's redis-ha writes `defaultMode: 0755`, octal 493 there,
 * decimal 755 in YAML 1.2), except that a float needs a digit: go-yaml reads `.` (a tenant
 * Application's `path: .`) as a string, the yaml package's YAML 1.1 float as NaN.
 */
const FLOAT_1_1 = String(/^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/);
const yaml11Tags = (tags: any[]) =>
  tags.map((t) => (t.tag === 'tag:yaml.org,2002:float' && !t.format && String(t.test) === FLOAT_1_1 ? { ...t, test: /^[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)$/ } : t));
function yamlObjects(text: string): ApiObject[] {
  return parseAllDocuments(text, { version: '1.1', customTags: yaml11Tags })
    .map((d) => d.toJS())
    .filter((o) => o && typeof o === 'object' && o.kind);
}
const fileObjects = (file: string) => yamlObjects(fs.readFileSync(file, 'utf8'));

/**
 * `helm template` a wrapper chart with its real upstream charts from the mirror, as Argo CD renders
 * it (as chart-mirror.ts's renderWithUpstream, read as YAML 1.1).
 */
function render(chartDir: string, release: string, namespace: string, apiVersions: string[], kubeVersion: string): ApiObject[] {
  const tmp = tmpdir('sccp-apiserver-apply-chart-');
  try {
    const dir = path.join(tmp, release);
    fs.cpSync(chartDir, dir, { recursive: true });
    fs.mkdirSync(path.join(dir, 'charts'), { recursive: true });
    for (const d of parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')).dependencies ?? []) {
      const a = mirrorArchive(mirror!, d.name, d.version);
      fs.copyFileSync(a.file, path.join(dir, 'charts', path.basename(a.file)));
    }
    fs.rmSync(path.join(dir, 'Chart.lock'), { force: true });
    const r = runEngine('helm', ['template', release, dir, '--namespace', namespace, '--include-crds', '--kube-version', kubeVersion, ...apiVersions.flatMap((v) => ['--api-versions', v])]);
    assert.is(r.status, 0, `${chartDir}: helm template with the upstream charts failed:\n${r.stderr}`);
    return yamlObjects(r.stdout);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The CRD Gatekeeper's controller creates for a ConstraintTemplate (CreateSchema and CreateCRD of
 * open-policy-agent/frameworks/constraint, pkg/client/crds): no controller runs here. The match
 * schema (the target's) is left open; the parameters get the template's schema, as Gatekeeper does.
 */
function constraintCrd(template: any): ApiObject {
  const kind: string = template.spec.crd.spec.names.kind;
  const parameters = template.spec.crd.spec.validation?.openAPIV3Schema;
  const schema = {
    type: 'object',
    properties: {
      metadata: {
        type: 'object',
        properties: { name: { type: 'string', maxLength: 63 } },
      },
      spec: {
        type: 'object',
        properties: {
          match: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
          },
          enforcementAction: { type: 'string', default: 'deny' },
          scopedEnforcementActions: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                action: { type: 'string' },
                enforcementPoints: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { name: { type: 'string' } },
                  },
                },
              },
            },
          },
          ...(parameters ? { parameters } : {}),
        },
      },
      status: { 'x-kubernetes-preserve-unknown-fields': true },
    },
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${kind.toLowerCase()}.constraints.gatekeeper.sh`,
      labels: { 'gatekeeper.sh/constraint': 'yes' },
    },
    spec: {
      group: 'constraints.gatekeeper.sh',
      scope: 'Cluster',
      names: {
        kind,
        listKind: `${kind}List`,
        plural: kind.toLowerCase(),
        singular: kind.toLowerCase(),
        categories: ['constraint', 'constraints'],
      },
      versions: ['v1beta1', 'v1alpha1', 'v1'].map((name) => ({
        name,
        served: true,
        storage: name === 'v1beta1',
        schema: { openAPIV3Schema: schema },
        subresources: { status: {} },
      })),
    },
  };
}

/**
 * The destination namespace of the Application that syncs a folder of the repository (apps/ by the
 * root Application in bootstrap/, the others by one of apps/): the nearest Application whose
 * directory source holds the file.
 */
function folderDestinations(repo: string): { path: string; recurse: boolean; namespace: string }[] {
  const appsDir = path.join(repo, 'apps'); // none when every feature is disabled
  const apps = [...fileObjects(path.join(repo, 'bootstrap', 'root-app.yaml')), ...(fs.existsSync(appsDir) ? fs.readdirSync(appsDir) : []).flatMap((f) => fileObjects(path.join(appsDir, f)))];
  return apps
    .filter((a) => a.kind === 'Application' && !/(^|\/)charts\//.test((a as any).spec.source.path))
    .map((a: any) => ({
      path: a.spec.source.path.replace(/\/$/, ''),
      recurse: !!a.spec.source.directory?.recurse,
      namespace: a.spec.destination.namespace,
    }));
}

function generatedObjects(repo: string): Item[] {
  const dests = folderDestinations(repo);
  const out: Item[] = [];
  for (const folder of FOLDERS) {
    const dir = path.join(repo, folder);
    if (!fs.existsSync(dir)) continue;
    for (const f of (fs.readdirSync(dir, { recursive: true }) as string[]).filter((x) => /\.(ya?ml|json)$/.test(x)).sort()) {
      const rel = `${folder}/${f.split(path.sep).join('/')}`;
      const d = dests.find((x) => (x.recurse ? rel.startsWith(`${x.path}/`) : path.posix.dirname(rel) === x.path));
      for (const o of fileObjects(path.join(dir, f))) out.push({ from: rel, o, namespace: d?.namespace ?? 'default' });
    }
  }
  return out;
}

/**
 * Every wrapper chart rendered with its real upstream charts for the newest Kubernetes version the
 * profile is tested against and, as Argo CD passes them, the API versions the server serves
 * (`group/version` and `group/version/Kind`: traefik renders its PodDisruptionBudget as policy/v1
 * only when `policy/v1/PodDisruptionBudget` is there); again as long as the CRDs rendered bring API
 * versions not served yet.
 */
function chartObjects(repo: string, profile: Profile, served: string[]): Item[] {
  const charts = wrapperCharts(repo);
  const kubeVersion = kubernetesVersions(profile).at(-1)!;
  const apiVersions = new Set<string>(served);
  for (;;) {
    const items = charts.flatMap((c) => {
      const { release, namespace } = argoRelease(repo, c);
      return render(path.join(repo, 'charts', c), release, namespace, [...apiVersions].sort(), kubeVersion).map((o) => ({ from: `chart ${c}`, o, namespace }));
    });
    const before = apiVersions.size;
    for (const v of apiVersionsOf(items.map((x) => crdOf(x.o)).filter((c): c is Crd => !!c))) apiVersions.add(v);
    if (apiVersions.size === before) return items;
  }
}

/**
 * A platform without the argocd feature runs on an Argo CD installed some other way, which brings the
 * CRDs of its Applications and AppProjects: here those of the argo-cd chart the argocd feature pins.
 */
function argoCdCrds(kubeVersion: string): Item[] {
  return render(path.join(ROOT, 'charts', 'argocd'), 'argocd', 'argocd', [], kubeVersion)
    .filter((o) => o.kind === 'CustomResourceDefinition' && String(o.metadata?.name).endsWith('.argoproj.io'))
    .map((o) => ({ from: 'the argo-cd chart of the argocd feature (Argo CD installed otherwise)', o, namespace: '' }));
}

const describe = (x: Item, ns: string | undefined) => `${x.from}: ${x.o.kind}/${ns ?? ''}/${x.o.metadata?.name}`;

let kube: KubeApi | undefined;
let starting: Promise<KubeApi> | undefined;
/**
 * A dual-stack server (IPv4 and IPv6 Service ranges), so that the Services of a dual-stack platform
 * (bare-metal: RequireDualStack) and of an IPv6 one are checked as their clusters would take them.
 */
const server = () =>
  (starting ??= startKubeApiServer({
    lifetimeSeconds: 1800,
    apiServerArgs: ['--service-cluster-ip-range=10.96.0.0/12,fd00:10:96::/112'],
  }).then((k) => (kube = k)));
const stop = async () => {
  await (await starting?.catch(() => undefined))?.stop();
};

for (const c of CASES) {
  test(`${c.name}: every generated object and every object of the real upstream charts applies to kube-apiserver (dry run, strict), without warnings`, async () => {
    if (!needMirror(mirror)) return;
    const t0 = Date.now();
    const file = c.file();
    const profile: Profile = parse(fs.readFileSync(file, 'utf8')).profile ?? 'bare-metal';
    const repo = path.join(tmpdir('sccp-apiserver-apply-'), 'repo');
    const b = sccp(['build', file, '--out', repo]);
    assert.is(b.code, 0, `sccp build failed:\n${b.stderr}`);
    const k = await server();
    const builtIn = [...(await k.discovery({ refresh: true })).values()].flatMap((r) => [r.apiVersion, `${r.apiVersion}/${r.kind}`]);
    const items = [...generatedObjects(repo), ...chartObjects(repo, profile, [...new Set(builtIn)])];
    if (!items.some((x) => x.o.kind === 'CustomResourceDefinition' && x.o.metadata?.name === 'applications.argoproj.io')) items.push(...argoCdCrds(kubernetesVersions(profile).at(-1)!));
    fs.rmSync(path.dirname(repo), { recursive: true, force: true });
    const t1 = Date.now();

    const failures: string[] = [];
    const warnings: string[] = [];
    const warn = (where: string, ws: string[]) => {
      for (const w of ws) if (!ALLOWED_WARNINGS.some((a) => a.match.test(w))) warnings.push(`${where}: ${w}`);
    };

    // 1. the CRDs, for real (once each: the server keeps them from one example to the next)
    const crds = new Map<string, Item>();
    for (const x of items) if (x.o.kind === 'CustomResourceDefinition' && x.o.apiVersion === 'apiextensions.k8s.io/v1') crds.set(x.o.metadata.name, x);
    for (const x of items.filter((y) => y.o.kind === 'ConstraintTemplate')) {
      const crd = constraintCrd(x.o);
      crds.set(crd.metadata.name, {
        from: `${x.from} (the CRD Gatekeeper creates)`,
        o: crd,
        namespace: '',
      });
    }
    for (const [crdName, x] of [...crds].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const existing = await k.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crdName);
      // a constraint's CRD follows its template, as Gatekeeper updates it (its parameters differ between platforms)
      const fromTemplate = x.o.metadata.labels?.['gatekeeper.sh/constraint'] === 'yes';
      if (existing && !fromTemplate) continue;
      const r = existing ? await k.apply(x.o, { fieldManager: 'gatekeeper' }) : await k.create(x.o);
      warn(describe(x, undefined), r.warnings);
      if (!r.ok) failures.push(`${describe(x, undefined)}: ${r.status} ${r.message}`);
    }
    for (const crdName of crds.keys()) {
      try {
        await k.waitForCrd(crdName, { timeoutMs: 60_000 });
      } catch (e) {
        failures.push(`${crds.get(crdName)!.from}: CustomResourceDefinition//${crdName}: not established: ${(e as Error).message}`);
      }
    }
    assert.ok(crds.has('applications.argoproj.io') && crds.has('appprojects.argoproj.io'), `no Argo CD CRDs: ${[...crds.keys()].join(', ')}`);

    // 2. the namespaces every namespaced object lands in
    const rest = items.filter((x) => !(x.o.kind === 'CustomResourceDefinition' && x.o.apiVersion === 'apiextensions.k8s.io/v1'));
    const placed: { x: Item; ns: string | undefined }[] = [];
    for (const x of rest) {
      const info = await k.resourceFor(x.o.apiVersion, x.o.kind);
      placed.push({
        x,
        ns: info && !info.namespaced ? undefined : (x.o.metadata?.namespace ?? x.namespace),
      });
    }
    const namespaces = new Set<string>();
    for (const { x, ns } of placed) {
      if (ns) namespaces.add(ns);
      if (x.o.kind === 'Namespace' && x.o.apiVersion === 'v1') namespaces.add(x.o.metadata.name);
    }
    for (const ns of [...namespaces].sort()) await k.ensureNamespace(ns);

    // 3. everything else, dry run
    for (const { x, ns } of placed) {
      const obj = ns ? { ...x.o, metadata: { ...x.o.metadata, namespace: ns } } : x.o;
      const r = await k.apply(obj, {
        dryRun: true,
        fieldManager: 'argocd-controller',
      });
      warn(describe(x, ns), r.warnings);
      if (!r.ok) failures.push(`${describe(x, ns)}: ${r.status} ${r.message}`);
    }
    const uniq = (a: string[]) => [...new Set(a)];
    assert.ok(!failures.length, `${c.name}: the API server refused ${uniq(failures).length} object(s):\n${uniq(failures).join('\n')}`);
    assert.ok(!warnings.length, `${c.name}: the API server warned ${uniq(warnings).length} time(s):\n${uniq(warnings).join('\n')}`);
    console.log(
      `  ${c.name}: ${items.length} objects (${crds.size} CRDs, ${namespaces.size} namespaces); build and render ${((t1 - t0) / 1000).toFixed(1)} s, apply ${((Date.now() - t1) / 1000).toFixed(1)} s`,
    );
  });
}

// the last test stops the server whatever happened before (uvu runs every test); the process exit
// hooks and the watchdog of kube-api.ts are the fallback
test.after(stop);

test('stop the API server', async () => {
  await stop();
  assert.ok(!kube || !fs.existsSync(kube.dir), 'the temp dir of the API server is removed');
});

test.run();
