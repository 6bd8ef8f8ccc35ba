import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { CONTRACT_VERSION } from '@sccp/core';
import { enginePath } from '@sccp/test-kit';
import { root, run, scratchWorkspace } from './scratch';

// The contract across package boundaries: a feature made by the generator under a team's own npm
// scope, packed with `npm pack`, installed from its tarball next to the packed @sccp/platform in a
// project outside this repository, enabled in platform.yaml; it must appear, verified, in the
// generated app-of-apps repository. A tarball that declares another feature contract is refused.
const NAME = 'redis-cache';
const PACKAGE = '@acme/sccp-feature-redis-cache';
const POLICY = `${NAME}-part-of-label`;
const t = suite('a generated feature, packed and installed outside the repository');

let ws = '';
let tarballs = '';
let project = '';
let featureTgz = '';

/** Pack a package folder into `dest`; returns the tarball's path. */
function pack(dir: string, dest: string): string {
  const r = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], dir);
  assert.is(r.status, 0, r.out);
  return path.join(dest, JSON.parse(r.stdout)[0].filename);
}

/** What an outside team's project holds: a package.json and the tarballs installed from a folder, no workspace links. */
function install(dir: string, tgz: string[]) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'acme-platform', private: true }, null, 2));
  const r = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tgz], dir, process.env);
  assert.is(r.status, 0, r.out);
}

const sccp = (args: string[], cwd = project) => run(path.join(cwd, 'node_modules', '.bin', 'sccp'), args, cwd, process.env);

function platformYaml(values: string): string {
  const kind = fs.readFileSync(path.join(root, 'examples', 'kind', 'platform.yaml'), 'utf8').replace(/^# yaml-language-server.*\n/, '');
  return kind.replace(/^features:\n/m, 'admission: kyverno\nenforcement: enforce\nfeatures:\n') + `  ${NAME}:\n    package: "${PACKAGE}"\n    values:\n${values}`;
}

t.before(() => {
  ws = scratchWorkspace('sccp-feature-pkg-');
  tarballs = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-tarballs-'));
  project = path.join(tarballs, 'project');
  const g = run(path.join(ws, 'node_modules', '.bin', 'nx'), ['g', '@sccp/tools:feature', NAME, '--packageName', PACKAGE, '--description', 'Redis for application caches', '--no-interactive'], ws);
  assert.is(g.status, 0, g.out);
  const pkgDir = path.join(ws, 'packages', `feature-${NAME}`);
  const b = run(path.join(ws, 'node_modules', '.bin', 'tsc'), ['-b'], pkgDir);
  assert.is(b.status, 0, b.out);
  featureTgz = pack(pkgDir, tarballs);
  const ours = ['core', 'platform', ...fs.readdirSync(path.join(root, 'packages')).filter((d) => /^(feature|policy-pack)-/.test(d))];
  install(project, [featureTgz, ...ours.map((d) => pack(path.join(root, 'packages', d), tarballs))]);
});

t.after(() => {
  for (const d of [ws, tarballs]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

t('the project holds installed copies, not links into the repository', () => {
  for (const p of [PACKAGE, '@sccp/platform', '@sccp/core']) {
    const dir = path.join(project, 'node_modules', ...p.split('/'));
    assert.not.ok(fs.lstatSync(dir).isSymbolicLink(), `${p} is installed from its tarball`);
  }
  const installed = path.join(project, 'node_modules', '@acme', 'sccp-feature-redis-cache');
  assert.ok(fs.existsSync(path.join(installed, 'policies', 'policy.wasm')));
  assert.not.ok(fs.existsSync(path.join(installed, 'test')), 'tests are not published');
});

t('sccp build enables it from the package: Application, chart, values, policies in the bundle', () => {
  fs.writeFileSync(path.join(project, 'platform.yaml'), platformYaml('      logLevel: debug\n      settings: { region: eu-west }\n'));
  const r = sccp(['build', 'platform.yaml', '--out', 'repo']);
  assert.is(r.status, 0, r.out);
  const repo = path.join(project, 'repo');
  const app = parse(fs.readFileSync(path.join(repo, 'apps', `${NAME}.yaml`), 'utf8'));
  assert.is(app.kind, 'Application');
  assert.is(app.spec.destination.namespace, NAME);
  assert.is(app.spec.source.path.replace(/^.*charts\//, 'charts/'), `charts/${NAME}`);
  const values = parse(fs.readFileSync(path.join(repo, 'charts', NAME, 'values.yaml'), 'utf8'));
  assert.equal(values.sccp, { logLevel: 'debug', settings: { region: 'eu-west' } });
  const policy = parse(fs.readFileSync(path.join(repo, 'policies', NAME, `${POLICY}.yaml`), 'utf8'));
  assert.is(policy.kind, 'ClusterPolicy');
  assert.is(policy.metadata.name, POLICY);
  assert.ok(policy.spec.rules.every((rule: any) => rule.validate.failureAction === 'Enforce'), 'enforcement: enforce reaches the feature\'s policy');
  assert.match(fs.readFileSync(path.join(repo, 'README.md'), 'utf8'), NAME);
});

t('sccp verify renders its chart with helm and runs its compiled policy on it', () => {
  const r = sccp(['verify', 'repo', '--helm', enginePath('helm'), '--json']);
  assert.is(r.status, 0, r.out);
  const report = JSON.parse(r.stdout);
  assert.equal(report.policies[NAME], [POLICY], 'the feature\'s wasm policy ran');
  assert.is(report.chartsRendered, fs.readdirSync(path.join(project, 'repo', 'charts')).length, 'every chart, its own included, was rendered');
  assert.equal(report.skipped, []);
  assert.equal(report.violations, []);
});

t('its schema joins validation: a bad value is located in platform.yaml', () => {
  fs.writeFileSync(path.join(project, 'bad.yaml'), platformYaml('      logLevel: loud\n'));
  const r = sccp(['validate', 'bad.yaml']);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, /bad\.yaml:\d+:\d+ \/features\/redis-cache\/values\/logLevel/);
});

t('a tarball built for another feature contract is refused, naming both versions', () => {
  // the same package, republished as 2.0.0 declaring the next contract
  const unpacked = fs.mkdtempSync(path.join(tarballs, 'next-'));
  const x = run('tar', ['-xzf', featureTgz, '-C', unpacked], tarballs);
  assert.is(x.status, 0, x.out);
  const manifest = path.join(unpacked, 'package', 'package.json');
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  fs.writeFileSync(manifest, JSON.stringify({ ...pkg, version: '2.0.0', sccp: { contract: CONTRACT_VERSION + 1 } }, null, 2));
  const next = pack(path.join(unpacked, 'package'), unpacked);
  const i = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', next], project, process.env);
  assert.is(i.status, 0, i.out);
  fs.rmSync(path.join(project, 'repo2'), { recursive: true, force: true });
  const r = sccp(['build', 'platform.yaml', '--out', 'repo2']);
  assert.is(r.status, 1, r.out);
  assert.match(r.out, new RegExp(`platform\\.yaml:\\d+:\\d+ /features/${NAME}/package: package ${PACKAGE} 2\\.0\\.0 implements feature contract ${CONTRACT_VERSION + 1}; this sccp supports contract ${CONTRACT_VERSION}`));
  assert.not.ok(fs.existsSync(path.join(project, 'repo2')), 'nothing is written');
});

t('the generated manifests parse and the feature\'s own objects carry its part-of label', () => {
  const r = run(enginePath('helm'), ['template', NAME, path.join(project, 'repo', 'charts', NAME), '--namespace', NAME], project, process.env);
  assert.is(r.status, 0, r.out);
  const objects = parseAllDocuments(r.stdout).map((d) => d.toJS()).filter(Boolean);
  assert.ok(objects.length > 0);
  for (const o of objects) assert.ok(o.metadata?.labels?.['app.kubernetes.io/part-of'], `${o.kind}/${o.metadata?.name} has app.kubernetes.io/part-of`);
});

t.run();
