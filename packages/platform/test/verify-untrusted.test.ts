import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { enginePath } from '@sccp/test-kit';
import { exampleRepoCopy, featureProject, sccp, tmpdir } from './helpers';

/**
 * `sccp verify` runs in CI on a pull request to the generated repository: nothing in that
 * repository may choose code for it to run, files outside it to read, or bytes for the CI log.
 */
const repo = exampleRepoCopy;

const verify = (out: string, extra: string[] = [], cwd?: string) => sccp(['verify', out, '--helm', enginePath('helm'), ...extra], { cwd });

/** An Application for feature `label` that names `pkg` as its package. */
const application = (label: string, pkg: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: extra
  namespace: argocd
  labels: { sccp.dev/feature: ${JSON.stringify(label)} }
  annotations: { sccp.dev/package: ${JSON.stringify(pkg)} }
spec:
  project: platform
  destination: { namespace: extra, server: https://kubernetes.default.svc }
  source: { repoURL: https://git.example.com/platform/lab.git, path: charts/extra, targetRevision: main }
`;

/** Code that writes `marker` when it is loaded, then exports something feature-shaped. */
const planted = (marker: string) => `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');
module.exports = { name: 'extra', contract: 1, render() { return {}; }, namespace: 'extra', upstream: [], policies: [] };
`;

function assertNotRun(r: { code: number; stdout: string; stderr: string }, marker: string, message: RegExp) {
  assert.not.ok(fs.existsSync(marker), `the repository's code ran (${marker} exists)`);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, message);
  assert.not.match(r.stderr, /internal error/);
}

test('an Application whose package is a path into the repository is refused, and that code never runs', () => {
  const out = repo();
  const marker = path.join(tmpdir(), 'ran');
  fs.mkdirSync(path.join(out, 'tools'));
  fs.writeFileSync(path.join(out, 'tools', 'x.js'), planted(marker));
  fs.writeFileSync(path.join(out, 'apps', 'extra.yaml'), application('extra', './tools/x'));
  assertNotRun(verify(out), marker, /apps\/extra\.yaml: .*"\.\/tools\/x" is not an npm package name/);
});

for (const pkg of ['file:tools/x', '/abs/tools/x', '../x', 'tools/x/../../y', '@scope/../../x']) {
  test(`the package ${pkg} is refused as not a package name`, () => {
    const out = repo();
    fs.writeFileSync(path.join(out, 'apps', 'extra.yaml'), application('extra', pkg));
    const r = verify(out);
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /apps\/extra\.yaml: .*is not an npm package name/);
  });
}

test('a node_modules/ folder inside the repository is never searched, from the repository or as the working directory', () => {
  const out = repo();
  const marker = path.join(tmpdir(), 'ran');
  fs.mkdirSync(path.join(out, 'node_modules', 'evil-feature'), { recursive: true });
  fs.writeFileSync(path.join(out, 'node_modules', 'evil-feature', 'package.json'), JSON.stringify({ name: 'evil-feature', version: '1.0.0', main: 'index.js' }));
  fs.writeFileSync(path.join(out, 'node_modules', 'evil-feature', 'index.js'), planted(marker));
  fs.writeFileSync(path.join(out, 'apps', 'extra.yaml'), application('extra', 'evil-feature@1.0.0'));
  assertNotRun(verify(out), marker, /apps\/extra\.yaml: feature "extra" \(package evil-feature\) is not installed/);
  // CI runs verify in the checkout of the pull request: its working directory is no safer
  assertNotRun(verify('.', [], out), marker, /apps\/extra\.yaml: feature "extra" \(package evil-feature\) is not installed/);
  // naming the repository itself as a place to load features from does not help either
  assertNotRun(verify(out, ['--feature-path', out]), marker, /inside the repository/);
});

test('a feature label that is not a feature name is refused before it is used in a path', () => {
  const out = repo();
  fs.writeFileSync(path.join(out, 'apps', 'extra.yaml'), application('../../etc', '@sccp/feature-metallb'));
  const r = verify(out);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /apps\/extra\.yaml: .*sccp\.dev\/feature.*"\.\.\/\.\.\/etc"/);
});

const record = (out: string) => path.join(out, '.sccp', 'policies.json');
const badRecords: [string, (text: string) => string, RegExp][] = [
  ['not JSON', () => '{"packs": ', /\.sccp\/policies\.json: .*JSON/],
  ['not an object', () => '[]', /\.sccp\/policies\.json: expected an object/],
  ['packs not an object', (t) => JSON.stringify({ ...JSON.parse(t), packs: 'baseline' }), /\.sccp\/policies\.json \/packs: expected an object/],
  ['an unknown pack', (t) => JSON.stringify({ ...JSON.parse(t), packs: { nope: {} } }), /\.sccp\/policies\.json \/packs\/nope: unknown policy pack "nope".*baseline/],
  ['a pack named like a path', (t) => JSON.stringify({ ...JSON.parse(t), packs: { '../../x': {} } }), /\.sccp\/policies\.json \/packs\/\.\.~1\.\.~1x: unknown policy pack/],
  ['a pack named like an Object property', (t) => JSON.stringify({ ...JSON.parse(t), packs: { constructor: {} } }), /\.sccp\/policies\.json \/packs\/constructor: unknown policy pack/],
  ['exceptions not a list', (t) => JSON.stringify({ ...JSON.parse(t), exceptions: {} }), /\.sccp\/policies\.json \/exceptions: expected an array/],
  ['an exception without namespaces', (t) => JSON.stringify({ ...JSON.parse(t), exceptions: [{ policy: 'x', reason: 'y' }] }), /\.sccp\/policies\.json \/exceptions\/0\/namespaces: expected an array of strings/],
];
for (const [what, edit, message] of badRecords) {
  test(`.sccp/policies.json ${what}: exit 1 naming the file and what was expected`, () => {
    const out = repo();
    fs.writeFileSync(record(out), edit(fs.readFileSync(record(out), 'utf8')));
    const r = verify(out);
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, message);
    assert.not.match(r.stderr, /internal error/);
  });
}

test('symbolic links in what verify reads are refused', () => {
  const secret = path.join(tmpdir(), 'secret.yaml');
  fs.writeFileSync(secret, 'apiVersion: v1\nkind: Secret\nmetadata: { name: s3cr3t-value }\n');
  for (const [link, shows] of [
    ['apps/secret.yaml', /apps\/secret\.yaml: .*symbolic link/],
    ['charts/metallb/templates/secret.yaml', /charts\/metallb\/templates\/secret\.yaml: .*symbolic link/],
    ['.sccp/policies.json', /\.sccp\/policies\.json: .*symbolic link/],
  ] as const) {
    const out = repo();
    fs.rmSync(path.join(out, link), { force: true });
    fs.symlinkSync(secret, path.join(out, link));
    const r = verify(out, ['--json']);
    assert.is(r.code, 1, `${link}: ${r.stdout + r.stderr}`);
    assert.match(r.stderr, shows);
    assert.not.match(r.stdout + r.stderr, /s3cr3t-value/);
  }
  // a whole folder linked elsewhere
  const out = repo();
  const elsewhere = path.join(tmpdir(), 'bootstrap');
  fs.renameSync(path.join(out, 'bootstrap'), elsewhere);
  fs.symlinkSync(elsewhere, path.join(out, 'bootstrap'));
  const r = verify(out);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /bootstrap: .*symbolic link/);
});

test('control characters from the repository are escaped in what verify prints', () => {
  const out = repo();
  const app = path.join(out, 'apps', 'metallb.yaml');
  fs.writeFileSync(app, fs.readFileSync(app, 'utf8').replace('project: platform', 'project: default').replace('  name: metallb\n', '  name: "metallb\\e]0;owned\\a\\e[2J"\n'));
  const r = verify(out);
  assert.is(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /Application\/argocd\/metallb\\u001B\]0;owned\\u0007\\u001B\[2J/);
  assert.not.match(r.stdout + r.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
});

test('an external feature installed where the user says (--feature-path) still verifies', () => {
  // the package is outside the repository; verify loads it only because the command line names its folder
  const project = featureProject('verify-ext-', {
    name: '@acme/sccp-feature-echo',
    version: '2.0.0',
    index: `module.exports = require('@sccp/core').defineFeature({ packageDir: __dirname, name: 'echo', description: 'echo', namespace: 'echo', upstream: [], render: () => ({ values: {} }) });\n`,
  });
  try {
    fs.writeFileSync(
      path.join(project, 'platform.yaml'),
      'apiVersion: sccp.dev/v1alpha1\nkind: Platform\nname: ext\ndomain: ext.example.com\nrepository: { url: https://git.example.com/ext.git }\nfeatures:\n  argocd: {}\n  echo: { package: "@acme/sccp-feature-echo" }\n',
    );
    const out = path.join(tmpdir(), 'repo');
    assert.is(sccp(['build', 'platform.yaml', '--out', out], { cwd: project }).code, 0);
    const without = verify(out, [], project);
    assert.is(without.code, 1, without.stderr);
    assert.match(without.stderr, /apps\/echo\.yaml: feature "echo" \(package @acme\/sccp-feature-echo\) is not installed .*--feature-path/);
    const r = verify(out, ['--feature-path', project], project);
    assert.is(r.code, 0, r.stdout + r.stderr);
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
});

test.run();
