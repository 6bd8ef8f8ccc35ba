import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { emitYaml } from '@sccp/core';
import { ARGOCD, buildExample, docs, exampleRepoToEdit, gatorSuite, kyvernoApply, kyvernoBundle, requestLabel, type Request } from './tenant-bundles';
import { sccp } from './helpers';

/**
 * A pull request to the generated repository can edit tenants/<t>/project.yaml directly, past every
 * check `sccp build` makes. The tenant's fence must then hold at admission and in `sccp verify`:
 * no pattern destination that Argo CD would match against this cluster, no reserved namespace, no
 * allow-list entry that glob-matches a kind a tenant never holds, no repository pattern of any host
 * or owner. Proven on the bundle `sccp build` writes for the bare-metal example (tenant `shop`) with
 * the real engines: `kyverno apply` of the bundled policies, `gator verify` of the Gatekeeper bundle
 * with AdmissionReviews, and `sccp verify` of the edited repository.
 */
const t = suite('tenant AppProject edited by a pull request (kyverno CLI, gator, sccp verify)');

const POLICY = 'tenants-appproject-no-cluster-wildcard';
const POLICY_FILE = `policies/tenants/${POLICY}.yaml`;
const IN_CLUSTER = 'https://kubernetes.default.svc';

/** Each edit a pull request could make to the generated project, by name. */
const EDITS: Record<string, (spec: any) => void> = {
  'server-pattern': (s) => s.destinations.push({ server: 'https://*', namespace: 'kube-system' }),
  'server-question-mark': (s) => s.destinations.push({ server: 'https://kubernetes.default.sv?', namespace: 'argocd' }),
  'namespace-pattern': (s) => s.destinations.push({ server: IN_CLUSTER, namespace: 'kube-*' }),
  'reserved-namespace': (s) => s.destinations.push({ server: IN_CLUSTER, namespace: 'kube-system' }),
  'any-group-crb': (s) => s.clusterResourceWhitelist.push({ group: '*', kind: 'ClusterRoleBinding' }),
  'rbac-any-kind': (s) => s.clusterResourceWhitelist.push({ group: 'rbac.authorization.k8s.io', kind: '*' }),
  'webhooks': (s) => s.clusterResourceWhitelist.push({ group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' }),
  'crd-glob': (s) => s.clusterResourceWhitelist.push({ group: 'apiextensions.k8s.io', kind: 'Custom*' }),
  'any-repository': (s) => (s.sourceRepos = ['?**']),
  'host-wide-repository': (s) => (s.sourceRepos = ['https://git.example.com/**']),
};

function generatedProject(out: string) {
  const [project] = docs(path.join(out, 'tenants/shop/project.yaml'));
  assert.is(project?.kind, 'AppProject');
  project.spec.clusterResourceWhitelist ??= [];
  return project;
}

function edited(out: string, name: string) {
  const project = structuredClone(generatedProject(out));
  project.metadata.name = `shop-${name}`;
  EDITS[name](project.spec);
  return project;
}

const byArgo = (object: any, op: Request['op'] = 'UPDATE'): Request => ({ op, object, user: { username: ARGOCD, groups: ['system:serviceaccounts'] } });
const ARGOCD_NAMESPACE = { 'kubernetes.io/metadata.name': 'argocd' };

t('kyverno apply of the bundled policies/: the generated project passes, every edit is refused by ' + POLICY, () => {
  const out = buildExample('kyverno');
  const bundle = kyvernoBundle(out);
  // CREATE: the CLI gives an UPDATE the object as its own old object, and Kyverno lets an update
  // through when the old object already violated the rule (on the cluster the old one is SCCP's)
  const own = kyvernoApply(bundle, byArgo(generatedProject(out), 'CREATE'), ARGOCD_NAMESPACE);
  assert.ok(own.some((r) => r.policy === POLICY && r.result === 'pass'), `the project is checked: ${JSON.stringify(own)}`);
  // only this policy: offline, the CLI cannot read the packs' parameters (ConfigMaps), so their defaults apply
  assert.equal(own.filter((r) => r.policy === POLICY && r.result !== 'pass'), [], JSON.stringify(own));
  const admitted: string[] = [];
  for (const name of Object.keys(EDITS)) {
    const c = byArgo(edited(out, name), 'CREATE');
    const results = kyvernoApply(bundle, c, ARGOCD_NAMESPACE);
    if (!results.some((r) => r.policy === POLICY && r.result === 'fail')) admitted.push(`${requestLabel(c)}: ${JSON.stringify(results)}`);
  }
  assert.equal(admitted, [], `admitted by the bundle:\n${admitted.join('\n')}`);
});

t('gator verify of the Gatekeeper bundle: every edit is denied with its reason, the generated project admitted', () => {
  const out = buildExample('gatekeeper');
  const [, constraint] = docs(path.join(out, POLICY_FILE));
  assert.is(constraint.spec.enforcementAction, 'deny');
  const reasons: Record<string, string> = {
    'server-pattern': 'has a pattern as destinations\\[\\d+\\]\\.server',
    'server-question-mark': 'has a pattern as destinations\\[\\d+\\]\\.server',
    'namespace-pattern': 'has a pattern as destinations\\[\\d+\\]\\.namespace',
    'reserved-namespace': 'deploys to namespace "kube-system"',
    'any-group-crb': 'allows .*rbac\\.authorization\\.k8s\\.io/',
    'rbac-any-kind': 'allows rbac.authorization.k8s.io/\\*',
    'webhooks': 'allows admissionregistration.k8s.io/\\*',
    'crd-glob': 'allows apiextensions.k8s.io/\\*',
    'any-repository': 'allows repositories of any host or owner',
    'host-wide-repository': 'allows repositories of any host or owner',
  };
  assert.equal(Object.keys(reasons).sort(), Object.keys(EDITS).sort());
  const list = [
    ...Object.keys(EDITS).map((name) => ({ ...byArgo(edited(out, name)), denied: `^${POLICY}: AppProject shop-${name} of a tenant ${reasons[name]}` })),
    { ...byArgo(generatedProject(out)), denied: false as const },
  ];
  const r = gatorSuite(path.join(out, POLICY_FILE), list, []);
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.is((r.stdout.match(/^\s*--- PASS: /gm) ?? []).length, list.length + 1, r.stdout);
});

t('sccp verify: each edit of tenants/shop/project.yaml is a violation of ' + POLICY, () => {
  for (const name of Object.keys(EDITS)) {
    const out = exampleRepoToEdit('kyverno');
    const project = generatedProject(out);
    EDITS[name](project.spec);
    fs.writeFileSync(path.join(out, 'tenants/shop/project.yaml'), emitYaml(project));
    const r = sccp(['verify', out]);
    assert.is(r.code, 1, `${name}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout + r.stderr, new RegExp(`${POLICY}: AppProject shop of a tenant`), `${name}:\n${r.stdout}${r.stderr}`);
  }
});

t.run();
