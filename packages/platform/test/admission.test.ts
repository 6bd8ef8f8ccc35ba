import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { emitYaml, PROFILE_KUBERNETES } from '@sccp/core';
import { enginePath, runEngine } from '@sccp/test-kit';
import { EXAMPLE, sccp, snapshot, tmpdir, variant } from './helpers';

/**
 * Policy packs enforced at admission: the bare-metal example bundles its policies for Kyverno, and
 * the same platform with `admission: gatekeeper` for Gatekeeper; both engines run the bundle.
 */
const t = suite('admission: bundled policies');

const gatekeeper = () => variant((s) => s.replace('admission: kyverno', 'admission: gatekeeper'));
const docs = (file: string) => parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()).filter(Boolean);

function build(file: string) {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', file, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  return out;
}

/** A CronJob of the checkout tenant whose container sets no memory limit (the example declares an exception for it). */
const ROOT_CRONJOB = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'ledger-export', namespace: 'checkout-jobs', labels: { 'app.kubernetes.io/name': 'ledger-export', 'sccp.dev/owner': 'checkout' } },
  spec: {
    schedule: '0 2 * * *',
    jobTemplate: {
      spec: {
        template: {
          metadata: { labels: { 'app.kubernetes.io/name': 'ledger-export', 'sccp.dev/owner': 'checkout' } },
          spec: {
            restartPolicy: 'Never',
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'export',
                image: 'registry.example.com/vendor/ledger-export:2.1@sha256:' + 'a'.repeat(64),
                securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                resources: { requests: { cpu: '100m', memory: '128Mi' } },
              },
            ],
          },
        },
      },
    },
  },
};
/** The same CronJob under another name: no exception covers it. */
const OTHER_CRONJOB = { ...ROOT_CRONJOB, metadata: { ...ROOT_CRONJOB.metadata, name: 'payroll-export' } };
/** A CronJob whose container runs as root (with a memory limit), in namespace `ns`. */
const rootCronJob = (ns: string) => {
  const c = structuredClone(ROOT_CRONJOB) as any;
  c.metadata = { ...c.metadata, name: 'root-export', namespace: ns };
  c.spec.jobTemplate.spec.template.spec.containers[0].securityContext = { runAsUser: 0, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
  c.spec.jobTemplate.spec.template.spec.containers[0].resources.limits = { memory: '256Mi' };
  return c;
};
/** A pod with an unsigned image from an unknown registry, in a tenant namespace. */
const UNKNOWN_POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'miner', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'miner', 'sccp.dev/owner': 'shop' } },
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'miner',
        image: 'evil.example.net/miner:1.0',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
      },
    ],
  },
};

function resourceFile(obj: unknown): string {
  const f = path.join(tmpdir(), `${(obj as any).metadata.name}.yaml`);
  fs.writeFileSync(f, emitYaml(obj));
  return f;
}

/** The Kyverno CLI makes no API call: it gets the parameters ConfigMap's data as the policies' context. */
function runAsNonRoot(out: string, data: Record<string, string>, resource: unknown) {
  const values = path.join(tmpdir(), 'values.yaml');
  fs.writeFileSync(values, emitYaml({ apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values', metadata: { name: 'level' }, globalValues: { sccpParameters: data } }));
  return runEngine('kyverno', ['apply', path.join(out, 'policies/baseline/baseline-run-as-non-root.yaml'), '--resource', resourceFile(resource), '--values-file', values, '--remove-color']);
}

t('kyverno: every feature and pack policy bundled in audit mode, with parameters, exceptions and an Application after every feature', () => {
  const out = build(EXAMPLE);
  const files = Object.keys(snapshot(path.join(out, 'policies')));
  assert.ok(files.includes('baseline/baseline-run-as-non-root.yaml'), files.join('\n'));
  assert.ok(files.includes('trusted-execution/trusted-execution-allowed-registries.yaml'));
  assert.ok(files.includes('cert-manager/cert-manager-max-duration.yaml'));
  assert.ok(files.includes('kyverno/kyverno-exception-has-reason.yaml'));
  assert.ok(files.includes('parameters/baseline.yaml') && files.includes('parameters/trusted-execution.yaml'));
  for (const f of files.filter((x) => !x.startsWith('parameters/') && !x.startsWith('exceptions/'))) {
    const [policy] = docs(path.join(out, 'policies', f));
    assert.is(policy.kind, 'ClusterPolicy', f);
    for (const rule of policy.spec.rules) if (rule.validate) assert.is(rule.validate.failureAction, 'Audit', `${f} ${rule.name}`);
  }
  const [te] = docs(path.join(out, 'policies/parameters/trusted-execution.yaml'));
  assert.equal(JSON.parse(te.data.allowedRegistries), ['docker.io/', 'ghcr.io/', 'quay.io/', 'reg.kyverno.io/', 'registry.example.com/', 'registry.k8s.io/']);
  const [declared, ...derived] = docs(path.join(out, 'policies/exceptions/baseline-resources-required.checkout-jobs.cronjob.ledger-export.yaml'));
  assert.is(declared.apiVersion, 'kyverno.io/v2');
  assert.is(declared.metadata.namespace, 'kyverno');
  assert.match(declared.metadata.annotations['sccp.dev/reason'], /vendor's ledger exporter/);
  assert.is(declared.metadata.annotations['sccp.dev/expires'], '2030-12-31');
  // the pack's pod policies match the controllers themselves (autogen off): the exception lists the one rule
  assert.equal(declared.spec.exceptions, [{ policyName: 'baseline-resources-required', ruleNames: ['resources-required'] }]);
  assert.equal(declared.spec.match.any, [{ resources: { kinds: ['CronJob'], names: ['ledger-export'], namespaces: ['checkout-jobs'] } }]);
  // the CronJob's Jobs and their Pods: one exception each, tied to the owner by conditions (exception-scope.test.ts runs them)
  assert.equal(derived.map((d: any) => [d.metadata.name, d.spec.match.any[0].resources.kinds, !!d.spec.conditions]), [
    ['baseline-resources-required.checkout-jobs.cronjob.ledger-export.job', ['Job'], true],
    ['baseline-resources-required.checkout-jobs.cronjob.ledger-export.pod', ['Pod'], true],
  ]);
  const app = parse(fs.readFileSync(path.join(out, 'apps/policies.yaml'), 'utf8'));
  const waves = fs.readdirSync(path.join(out, 'apps')).filter((f) => f !== 'policies.yaml').map((f) => Number(parse(fs.readFileSync(path.join(out, 'apps', f), 'utf8')).metadata.annotations['argocd.argoproj.io/sync-wave']));
  assert.ok(Number(app.metadata.annotations['argocd.argoproj.io/sync-wave']) > Math.max(...waves), 'policies sync after every feature');
  assert.is(app.spec.source.path, 'policies');
  assert.is(app.spec.destination.namespace, 'kyverno');
  const readme = fs.readFileSync(path.join(out, 'README.md'), 'utf8');
  assert.match(readme, /Kyverno runs \d+ policies in \*\*audit\*\* mode/);
  assert.match(readme, /\| baseline-resources-required \| checkout-jobs \| CronJob\/ledger-export \| The vendor's ledger exporter sets no memory limit .* \| 2030-12-31 \| platform.yaml `\/policies\/exceptions\/0` \|/);
  assert.match(readme, /\| trusted-execution-image-digest \| argocd, cert-manager, .*kyverno.* \| all \| .*tag.* \| - \| platform \(upstream charts\) \|/);
});

t('enforcement: enforce switches every Kyverno rule to Enforce', () => {
  const out = build(variant((s) => s.replace('enforcement: audit', 'enforcement: enforce')));
  const [p] = docs(path.join(out, 'policies/baseline/baseline-image-tag.yaml'));
  assert.ok(p.spec.rules.every((r: any) => !r.validate || r.validate.failureAction === 'Enforce'));
});

t('kyverno CLI on the bundle: the excepted CronJob passes, the same CronJob under another name and an unknown registry fail, naming the policy', () => {
  const out = build(EXAMPLE);
  const policyFiles = Object.keys(snapshot(path.join(out, 'policies')))
    .filter((f) => !f.startsWith('parameters/') && !f.startsWith('exceptions/'))
    .map((f) => path.join(out, 'policies', f));
  const exceptions = Object.keys(snapshot(path.join(out, 'policies/exceptions'))).map((f) => path.join(out, 'policies/exceptions', f));
  const apply = (resource: unknown, withExceptions: boolean) =>
    runEngine('kyverno', ['apply', ...policyFiles, '--resource', resourceFile(resource), ...(withExceptions ? exceptions.flatMap((e) => ['--exception', e]) : []), '--remove-color']);
  const excepted = apply(ROOT_CRONJOB, true);
  assert.not.match(excepted.stdout, /baseline-resources-required -> resource checkout-jobs\/CronJob\/ledger-export failed/, excepted.stdout);
  const without = apply(ROOT_CRONJOB, false);
  assert.match(without.stdout, /policy baseline-resources-required -> resource checkout-jobs\/CronJob\/ledger-export failed/, 'without the exception the rule fails');
  const other = apply(OTHER_CRONJOB, true);
  assert.match(other.stdout, /policy baseline-resources-required -> resource checkout-jobs\/CronJob\/payroll-export failed/);
  const pod = apply(UNKNOWN_POD, true);
  assert.is(pod.status, 1, pod.stdout + pod.stderr);
  assert.match(pod.stdout, /policy trusted-execution-allowed-registries -> resource shop\/Pod\/miner failed/);
  assert.match(pod.stdout, /trusted-execution-allowed-registries: Pod shop\/miner: /);
});

t('policies.packs.baseline.level: restricted by default; baseline reaches the ConfigMap, .sccp/policies.json and the README, and lets a root CronJob outside the tenants through the restricted-only rule', () => {
  const def = build(EXAMPLE);
  assert.is(docs(path.join(def, 'policies/parameters/baseline.yaml'))[0].data.level, 'restricted');
  const out = build(variant((s) => s.replace(/^(\s+)baseline: \{\}$/m, '$1baseline: { level: baseline }')));
  const [cm] = docs(path.join(out, 'policies/parameters/baseline.yaml'));
  assert.is(cm.data.level, 'baseline');
  assert.is(JSON.parse(fs.readFileSync(path.join(out, '.sccp/policies.json'), 'utf8')).packs.baseline.level, 'baseline');
  assert.match(fs.readFileSync(path.join(out, 'README.md'), 'utf8'), /packs: baseline \(Pod Security Standards level baseline\), operations, trusted-execution\./);
  const r = runAsNonRoot(out, cm.data, rootCronJob('legacy'));
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.not.match(r.stdout, /baseline-run-as-non-root -> resource/, r.stdout);
  // a tenant namespace keeps its own level (checkout: restricted by default)
  assert.match(runAsNonRoot(out, cm.data, rootCronJob('checkout')).stdout, /baseline-run-as-non-root -> resource checkout\/CronJob\/root-export failed/);
});

t('tenant namespaces are evaluated at their own podSecurity level: checkout-jobs (baseline) admits a root CronJob under the restricted pack, checkout (restricted) does not', () => {
  const out = build(EXAMPLE);
  const [cm] = docs(path.join(out, 'policies/parameters/baseline.yaml'));
  assert.equal(JSON.parse(cm.data.namespaceLevels), { checkout: 'restricted', 'checkout-jobs': 'baseline', shop: 'restricted' });
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, '.sccp/policies.json'), 'utf8')).packs.baseline.namespaceLevels, JSON.parse(cm.data.namespaceLevels));
  const jobs = runAsNonRoot(out, cm.data, rootCronJob('checkout-jobs'));
  assert.is(jobs.status, 0, jobs.stdout + jobs.stderr);
  assert.not.match(jobs.stdout, /baseline-run-as-non-root -> resource/, jobs.stdout);
  assert.match(runAsNonRoot(out, cm.data, rootCronJob('checkout')).stdout, /baseline-run-as-non-root -> resource checkout\/CronJob\/root-export failed/);
  // sccp verify reads the same parameters from .sccp/policies.json
  fs.writeFileSync(path.join(out, 'tenants', 'checkout', 'jobs.yaml'), emitYaml(rootCronJob('checkout-jobs')) + '---\n' + emitYaml(rootCronJob('checkout')));
  const v = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  const j = JSON.parse(v.stdout);
  const rooted = [...new Set(j.violations.filter((x: any) => x.policy === 'baseline-run-as-non-root').map((x: any) => x.resource))];
  assert.equal(rooted, ['CronJob/checkout/root-export'], JSON.stringify(j.violations, null, 1));
});

t('gatekeeper: templates before constraints, dryrun in audit mode, platform exceptions as excluded namespaces, the declared one as an exemption', () => {
  const out = build(gatekeeper());
  const stream = docs(path.join(out, 'policies/baseline/baseline-resources-required.yaml'));
  assert.equal(stream.map((o: any) => o.kind), ['ConstraintTemplate', 'SccpBaselineResourcesRequired']);
  const [template, constraint] = stream;
  assert.is(template.metadata.annotations['argocd.argoproj.io/sync-wave'], '0');
  assert.is(constraint.metadata.annotations['argocd.argoproj.io/sync-wave'], '1');
  assert.is(constraint.spec.enforcementAction, 'dryrun');
  assert.ok(constraint.spec.match.excludedNamespaces.includes('rook-ceph'));
  assert.not.ok(constraint.spec.match.excludedNamespaces.includes('checkout-jobs'));
  assert.equal(constraint.spec.parameters.sccpExemptions, [
    {
      kind: 'CronJob',
      name: 'ledger-export',
      namespace: 'checkout-jobs',
      owned: [
        { kind: 'Job', ownerKind: 'CronJob', ownerName: '^ledger-export$' },
        { kind: 'Pod', ownerKind: 'Job', ownerName: '^ledger-export-[0-9]+$' },
      ],
    },
  ]);
  assert.not.ok(fs.existsSync(path.join(out, 'policies/exceptions')), 'no Kyverno objects');
  assert.is(parse(fs.readFileSync(path.join(out, 'apps/policies.yaml'), 'utf8')).spec.destination.namespace, 'gatekeeper-system');
  assert.not.ok(fs.existsSync(path.join(out, 'apps/kyverno.yaml')));
  assert.ok(fs.existsSync(path.join(out, 'apps/gatekeeper.yaml')));
});

t('gator test on the enforced bundle: the excepted CronJob passes, the other one and the unknown registry are denied, naming the constraint', () => {
  // enforcement: enforce → enforcementAction deny (gator test fails only on deny; dryrun violations are reported and admitted)
  const out = build(variant((s) => s.replace('admission: kyverno', 'admission: gatekeeper').replace('enforcement: audit', 'enforcement: enforce')));
  assert.is(docs(path.join(out, 'policies/baseline/baseline-run-as-non-root.yaml'))[1].spec.enforcementAction, 'deny');
  const gator = (resource: unknown) => runEngine('gator', ['test', '--filename', path.join(out, 'policies'), '--filename', resourceFile(resource)]);
  const excepted = gator(ROOT_CRONJOB);
  assert.not.match(excepted.stdout, /baseline-resources-required/, excepted.stdout + excepted.stderr);
  const other = gator(OTHER_CRONJOB);
  assert.is(other.status, 1, other.stdout + other.stderr);
  assert.match(other.stdout, /\["baseline-resources-required"\] Message: "baseline-resources-required: /);
  const pod = gator(UNKNOWN_POD);
  assert.is(pod.status, 1);
  assert.match(pod.stdout, /Pod shop\/miner: \["trusted-execution-allowed-registries"\] Message: "trusted-execution-allowed-registries: Pod shop\/miner: /);
});

t('sccp verify: both variants pass the bundled policies (the packs with their parameters), exceptions honoured', () => {
  for (const file of [EXAMPLE, gatekeeper()]) {
    const out = build(file);
    const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
    assert.is(r.code, 0, r.stdout + r.stderr);
    const j = JSON.parse(r.stdout);
    assert.ok('pack baseline' in j.policies && 'pack trusted-execution' in j.policies, Object.keys(j.policies).join(','));
  }
});

t('verify honours a declared exception and reports the rest', () => {
  const out = build(EXAMPLE);
  const dir = path.join(out, 'tenants', 'checkout');
  fs.writeFileSync(path.join(dir, 'jobs.yaml'), emitYaml(ROOT_CRONJOB) + '---\n' + emitYaml(OTHER_CRONJOB));
  const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 1, r.stdout + r.stderr);
  const j = JSON.parse(r.stdout);
  assert.ok(j.violations.some((v: any) => v.policy === 'baseline-resources-required' && v.resource === 'CronJob/checkout-jobs/payroll-export'), r.stdout);
  assert.not.ok(j.violations.some((v: any) => v.resource === 'CronJob/checkout-jobs/ledger-export'), 'the excepted CronJob is not a violation');
  assert.ok(j.excepted.some((v: any) => v.resource === 'CronJob/checkout-jobs/ledger-export' && /ledger exporter/.test(v.reason)));
});

t('operations pack: kubernetesVersion is the profile\'s newest, the tenant namespaces come from the tenants; sccp verify reports removed and deprecated API versions, an undeclared LoadBalancer and a single replica of a critical tenant', () => {
  const out = build(EXAMPLE);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, '.sccp/policies.json'), 'utf8')).packs.operations, {
    kubernetesVersion: PROFILE_KUBERNETES['bare-metal'].max,
    tenantNamespaces: {
      checkout: { tenant: 'checkout', critical: true, serviceTypes: [] },
      'checkout-jobs': { tenant: 'checkout', critical: true, serviceTypes: [] },
      shop: { tenant: 'shop', critical: false, serviceTypes: [] },
    },
  });
  assert.is(docs(path.join(out, 'policies/parameters/operations.yaml'))[0].data.kubernetesVersion, PROFILE_KUBERNETES['bare-metal'].max);
  const clean = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(clean.code, 0, clean.stdout + clean.stderr);
  assert.ok(JSON.parse(clean.stdout).policies['pack operations'].includes('operations-api-versions'));
  const pdb = { apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'shop', namespace: 'shop' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'shop' } } } };
  const map = { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'MutatingAdmissionPolicy', metadata: { name: 'shop-labels' }, spec: {} };
  const lb = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop-public', namespace: 'shop' }, spec: { type: 'LoadBalancer', selector: { app: 'shop' }, ports: [{ port: 443 }] } };
  const single = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'checkout-api', namespace: 'checkout' }, spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'registry.example.com/checkout/api:1.0' }] } } } };
  fs.writeFileSync(path.join(out, 'tenants', 'shop', 'old-apis.yaml'), [pdb, map, lb, single].map((o) => emitYaml(o)).join('---\n'));
  const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 1, r.stdout + r.stderr);
  const messages = JSON.parse(r.stdout).violations.filter((v: any) => v.policy.startsWith('operations-')).map((v: any) => v.message);
  assert.equal(messages, [
    'operations-api-versions: PodDisruptionBudget shop/shop: policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25 (the platform runs up to 1.37); replacement: policy/v1 PodDisruptionBudget',
    'operations-api-versions: MutatingAdmissionPolicy /shop-labels: admissionregistration.k8s.io/v1beta1 MutatingAdmissionPolicy is deprecated since Kubernetes 1.37 and removed in 1.40 (the platform runs up to 1.37); replacement: admissionregistration.k8s.io/v1 MutatingAdmissionPolicy',
    'operations-service-exposure: Service shop/shop-public: type LoadBalancer in a namespace of tenant "shop", which declares no LoadBalancer Services (set tenants[].quota.loadBalancers in platform.yaml, or reach the workload through the ingress controller)',
    'operations-critical-replicas: Deployment checkout/checkout-api: spec.replicas is 1, and tenant "checkout" is critical: run at least 2 replicas',
  ]);
  // an EKS platform runs up to 1.36: the v1beta1 MutatingAdmissionPolicy is not deprecated there yet
  const eksFile = path.join(tmpdir(), 'platform.yaml');
  fs.writeFileSync(eksFile, fs.readFileSync(path.join(path.dirname(EXAMPLE), '..', 'eks', 'platform.yaml'), 'utf8') + 'admission: kyverno\npolicies:\n  packs:\n    operations: {}\n');
  const eks = build(eksFile);
  assert.is(JSON.parse(fs.readFileSync(path.join(eks, '.sccp/policies.json'), 'utf8')).packs.operations.kubernetesVersion, PROFILE_KUBERNETES.eks.max);
  assert.is(PROFILE_KUBERNETES.eks.max, '1.36');
  fs.writeFileSync(path.join(eks, 'apps', 'old-apis.yaml'), emitYaml(map));
  const eksVerify = sccp(['verify', eks, '--helm', enginePath('helm'), '--json']);
  assert.not.ok(JSON.parse(eksVerify.stdout).violations.some((v: any) => v.policy === 'operations-api-versions'), eksVerify.stdout);
});

t('bad admission input: located errors, nothing written', () => {
  const cases: [string, (s: string) => string, RegExp][] = [
    ['unknown policy', (s) => s.replace('policy: baseline-resources-required', 'policy: baseline-resources-requird'), /\/policies\/exceptions\/0\/policy: no bundled policy "baseline-resources-requird" .*\(did you mean "baseline-resources-required"\?\)/],
    ['expired', (s) => s.replace('expires: "2030-12-31"', 'expires: "2020-01-31"'), /\/policies\/exceptions\/0\/expires: the exception expired on 2020-01-31; renew it/],
    ['name without kind', (s) => s.replace('      kind: CronJob\n', ''), /\/policies\/exceptions\/0\/name: an exception for one resource names its kind too/],
    ['two controllers', (s) => s.replace('features:\n', 'features:\n  gatekeeper: {}\n'), /\/features\/gatekeeper: admission is kyverno: the policies are bundled for one admission controller/],
    ['controller without admission', (s) => s.replace('admission: kyverno', 'admission: none').replace('features:\n', 'features:\n  kyverno: {}\n'), /\/features\/kyverno: kyverno is enabled but admission is none/],
    ['disabled controller', (s) => s.replace('features:\n', 'features:\n  kyverno:\n    enabled: false\n'), /\/features\/kyverno\/enabled: admission is kyverno, so kyverno cannot be disabled/],
    ['signed commits without keys', (s) => s.replace('    trusted-execution:\n', '    trusted-execution:\n      requireSignedCommits: true\n'), /\/policies\/packs\/trusted-execution\/requireSignedCommits: requireSignedCommits needs the GnuPG public keys/],
    ['bad registry prefix', (s) => s.replace('- ghcr.io/', '- ghcr.io'), /\/policies\/packs\/trusted-execution\/allowedRegistries\/1: expected a string matching/],
    ['typo in admission', (s) => s.replace('admission: kyverno', 'admission: kyvern'), /\/admission: expected one of "kyverno", "gatekeeper", "none", got "kyvern" \(did you mean "kyverno"\?\)/],
    [
      'verifyImages on gatekeeper',
      (s) => s.replace('admission: kyverno', 'admission: gatekeeper').replace('      allowedRegistries:\n', '      verifyImages:\n        imageReferences: ["registry.example.com/*"]\n        keyless: [{ issuer: "https://token.actions.githubusercontent.com", subject: "https://github.com/acme/app/.github/workflows/release.yaml@refs/heads/main" }]\n      allowedRegistries:\n'),
      /verifyImages: Gatekeeper cannot verify image signatures/,
    ],
  ];
  for (const [name, edit, want] of cases) {
    const out = path.join(tmpdir(), 'repo');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'keep.txt'), 'mine');
    const r = sccp(['build', variant(edit), '--out', out]);
    assert.is(r.code, 1, `${name}: ${r.stderr}`);
    assert.match(r.stderr, want, name);
    assert.match(r.stderr, /platform\.yaml:\d+:\d+ /, `${name}: located`);
    assert.equal(fs.readdirSync(out), ['keep.txt'], `${name}: nothing written`);
  }
});

t('signed commits: the platform and tenant AppProjects list the Argo CD GnuPG key ids', () => {
  const key = '-----BEGIN PGP PUBLIC KEY BLOCK-----\\n\\nmQENBGS0\\n-----END PGP PUBLIC KEY BLOCK-----\\n';
  const file = variant((s) =>
    s
      .replace('    trusted-execution:\n', '    trusted-execution:\n      requireSignedCommits: true\n')
      .replace('      rbac:\n        adminGroups: [platform-admins]\n', `      rbac:\n        adminGroups: [platform-admins]\n      gpg:\n        keys:\n          4AEE18F83AFDEB23: "${key}"\n`),
  );
  const out = build(file);
  assert.equal(parse(fs.readFileSync(path.join(out, 'bootstrap/project.yaml'), 'utf8')).spec.signatureKeys, [{ keyID: '4AEE18F83AFDEB23' }]);
  assert.equal(docs(path.join(out, 'tenants/shop/project.yaml'))[0].spec.signatureKeys, [{ keyID: '4AEE18F83AFDEB23' }]);
  const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 0, r.stdout);
});

t('sccp policies list / explain for the example', () => {
  const list = sccp(['policies', 'list', '--platform', EXAMPLE, '--json']);
  assert.is(list.code, 0, list.stderr);
  const rows = JSON.parse(list.stdout).policies;
  const rn = rows.find((r: any) => r.id === 'baseline-resources-required');
  assert.is(rn.enforcement, 'audit');
  assert.equal(rn.engines, ['kyverno', 'rego']);
  assert.is(rn.owner, 'baseline');
  assert.is(rn.exceptions.length, 2, 'the declared one and the platform one');
  const text = sccp(['policies', 'explain', 'baseline-resources-required', '-p', EXAMPLE]);
  assert.is(text.code, 0);
  assert.match(text.stdout, /^baseline-resources-required: Containers declare resource requests and a memory limit/);
  assert.match(text.stdout, /CronJob\/ledger-export in checkout-jobs until 2030-12-31 \(platform.yaml\/policies\/exceptions\/0\): The vendor's/);
  const bad = sccp(['policies', 'explain', 'baseline-run-as-nonroot', '-p', EXAMPLE]);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, /did you mean "baseline-run-as-non-root"/);
});

t.run();
