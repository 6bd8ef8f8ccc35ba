// The bare-metal example built for each admission controller, and the real engines run on its
// bundled policies as the cluster would: `kyverno apply` with the request's user and the tenant
// namespace's labels, `gator verify` with AdmissionReviews and the Namespace as inventory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { emitYaml } from '@sccp/core';
import { runEngine, type RunResult } from '@sccp/test-kit';
import { sccp, tmpdir, variant } from './helpers';

/** Argo CD's application controller: who applies the generated repository and every tenant's repository. */
export const ARGOCD = 'system:serviceaccount:argocd:argocd-application-controller';

/** Every document of a YAML file. */
export const docs = (file: string) =>
  parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS())
    .filter(Boolean);

const built = new Map<string, string>();
/** The example built with `admission` and enforcement enforce (once per controller and test file). */
export function buildExample(admission: 'kyverno' | 'gatekeeper'): string {
  if (built.has(admission)) return built.get(admission)!;
  const out = path.join(tmpdir(), 'repo');
  const file = variant((s) => s.replace('admission: kyverno', `admission: ${admission}`).replace('enforcement: audit', 'enforcement: enforce'));
  const r = sccp(['build', file, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  built.set(admission, out);
  return out;
}

/**
 * A copy of the built example a test may change. uvu runs every test file in one process, so the
 * build `buildExample` returns is shared by all of them and must stay as SCCP wrote it.
 */
export function exampleRepoToEdit(admission: 'kyverno' | 'gatekeeper'): string {
  const out = path.join(tmpdir(), 'repo');
  fs.cpSync(buildExample(admission), out, { recursive: true });
  return out;
}

export type Op = 'CREATE' | 'UPDATE' | 'DELETE';
export interface Request {
  op: Op;
  object: any;
  user: { username: string; groups?: string[] };
}

export const requestLabel = (c: Request) => `${c.op} ${c.object.kind}/${c.object.metadata.name} by ${c.user.username}`;

export interface KyvernoResult {
  policy: string;
  rule: string;
  result: string;
  message?: string;
}

/** Every file under dir (recursively), sorted. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}

/**
 * The Kyverno bundle of a built repository as `kyverno apply` takes it (the CLI does not descend
 * into the folders of policies/): the policy files, and the PolicyExceptions.
 */
export function kyvernoBundle(out: string): { policies: string[]; exceptions: string[] } {
  const root = path.join(out, 'policies');
  const all = filesUnder(root).filter((f) => f.endsWith('.yaml'));
  const under = (folder: string) => (f: string) => path.relative(root, f).startsWith(`${folder}${path.sep}`);
  return { policies: all.filter((f) => !under('exceptions')(f) && !under('parameters')(f)), exceptions: all.filter(under('exceptions')) };
}

/**
 * `kyverno apply` of `policy` (a file, or a bundle from kyvernoBundle) to one object as `c.user`
 * doing `c.op`, the object's namespace labelled `namespaceLabels`: the rule results for that object.
 */
export function kyvernoApply(policy: string | { policies: string[]; exceptions: string[] }, c: Request, namespaceLabels: Record<string, string>): KyvernoResult[] {
  const dir = tmpdir('sccp-tenant-kyverno-');
  const resource = path.join(dir, 'resource.yaml');
  fs.writeFileSync(resource, emitYaml(c.object));
  const userinfo = path.join(dir, 'userinfo.yaml');
  fs.writeFileSync(userinfo, emitYaml({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'UserInfo', metadata: { name: 'user' }, userInfo: c.user }));
  const values = path.join(dir, 'values.yaml');
  fs.writeFileSync(
    values,
    emitYaml({
      apiVersion: 'cli.kyverno.io/v1alpha1',
      kind: 'Values',
      metadata: { name: 'request' },
      globalValues: { 'request.operation': c.op },
      namespaceSelector: [{ name: c.object.metadata.namespace, labels: namespaceLabels }],
    }),
  );
  const args = typeof policy === 'string' ? [policy] : [...policy.policies, ...policy.exceptions.flatMap((e) => ['--exceptions', e])];
  const r = runEngine('kyverno', ['apply', ...args, '--resource', resource, '--userinfo', userinfo, '--values-file', values, '--policy-report', '--output-format', 'json', '--remove-color']);
  assert.ok(r.status === 0 || r.status === 1, `kyverno apply ${requestLabel(c)} (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const start = r.stdout.indexOf('{"');
  // no rule applied: the CLI prints no report (and exits 0)
  if (start < 0 && r.status === 0) return [];
  assert.ok(start >= 0, `no policy report for ${requestLabel(c)}:\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(r.stdout.slice(start).trim().split('\n')[0]);
  return (report.results ?? []) as KyvernoResult[];
}

const PLURALS: Record<string, string> = { ResourceQuota: 'resourcequotas', NetworkPolicy: 'networkpolicies', RoleBinding: 'rolebindings', Role: 'roles', AppProject: 'appprojects' };

/** The AdmissionReview the API server sends for `c` (number `i` in a suite). */
export function admissionReview(c: Request, i: number) {
  const [g, v] = c.object.apiVersion.includes('/') ? c.object.apiVersion.split('/') : ['', c.object.apiVersion];
  const plural = PLURALS[c.object.kind as string];
  assert.ok(plural, `no resource name for kind ${c.object.kind}`);
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      kind: { group: g, version: v, kind: c.object.kind },
      resource: { group: g, version: v, resource: plural },
      name: c.object.metadata.name,
      namespace: c.object.metadata.namespace,
      operation: c.op,
      userInfo: c.user,
      ...(c.op === 'DELETE' ? {} : { object: c.object }),
      ...(c.op === 'CREATE' ? {} : { oldObject: c.object }),
    },
  };
}

export interface GatorCase extends Request {
  /** The assertion: no violation, or violations whose message matches this regular expression. */
  denied: false | string;
  /** How many violations match (default: at least one). */
  violations?: number;
}

/**
 * `gator verify` of one bundled policy file (its ConstraintTemplate and Constraint) over
 * AdmissionReviews, with `inventory` (e.g. the tenant Namespace, for the namespaceSelector).
 */
export function gatorSuite(policyFile: string, list: GatorCase[], inventory: any[]): RunResult {
  const dir = tmpdir('sccp-tenant-gator-');
  const [template, constraint] = docs(policyFile);
  fs.writeFileSync(path.join(dir, 'template.yaml'), emitYaml(template));
  fs.writeFileSync(path.join(dir, 'constraint.yaml'), emitYaml(constraint));
  const inventoryFiles = inventory.map((o, i) => {
    fs.writeFileSync(path.join(dir, `inventory-${i}.yaml`), emitYaml(o));
    return `inventory-${i}.yaml`;
  });
  const testCases = list.map((c, i) => {
    fs.writeFileSync(path.join(dir, `review-${i}.yaml`), emitYaml(admissionReview(c, i)));
    return {
      name: requestLabel(c),
      object: `review-${i}.yaml`,
      inventory: inventoryFiles,
      assertions: c.denied === false ? [{ violations: 'no' }] : [{ violations: c.violations ?? 'yes', message: c.denied }],
    };
  });
  fs.writeFileSync(
    path.join(dir, 'suite.yaml'),
    emitYaml({ apiVersion: 'test.gatekeeper.sh/v1alpha1', kind: 'Suite', metadata: { name: 'tenant' }, tests: [{ name: path.basename(policyFile, '.yaml'), template: 'template.yaml', constraint: 'constraint.yaml', cases: testCases }] }),
  );
  return runEngine('gator', ['verify', path.join(dir, 'suite.yaml'), '--verbose']);
}
