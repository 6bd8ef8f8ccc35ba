import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RESERVED_FEATURE_NAMES } from '../src/reserved-names';
import { featureProject, sccp, tmpdir } from './helpers';

/**
 * A third-party feature may not take a name that is a top-level path of the generated repository
 * (`apps`, `policies`, `bootstrap`, `charts`, the built-in `tenants`, ...): a manifests feature
 * writes to `<name>/`, every feature to `apps/<name>.yaml`.
 */
function project(name: string, delivery: 'chart' | 'manifests', declaredName = name): string {
  // built by hand, not with defineFeature alone: a package can export any object
  const dir = featureProject('names-', {
    name: '@acme/sccp-feature-x',
    index: `const { defineFeature } = require('@sccp/core');
const f = defineFeature({
  packageDir: __dirname, name: 'placeholder', description: 'x', namespace: 'x-system', upstream: [], delivery: ${JSON.stringify(delivery)},
  render: () => (${delivery === 'manifests' ? `{ manifests: { 'app.yaml': [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'evil', namespace: 'argocd' }, spec: {} }] } }` : '{ values: {} }'}),
});
module.exports = { ...f, name: ${JSON.stringify(declaredName)} };
`,
  });
  fs.writeFileSync(
    path.join(dir, 'platform.yaml'),
    `apiVersion: sccp.dev/v1alpha1\nkind: Platform\nname: ext\ndomain: ext.example.com\nrepository: { url: https://git.example.com/ext.git }\nfeatures:\n  argocd: {}\n  ${JSON.stringify(name)}:\n    package: "@acme/sccp-feature-x"\n`,
  );
  return dir;
}

function refused(name: string, delivery: 'chart' | 'manifests', expected: RegExp) {
  const dir = project(name, delivery);
  try {
    const out = path.join(tmpdir(), 'repo');
    for (const args of [['build', 'platform.yaml', '--out', out], ['validate', 'platform.yaml']]) {
      const r = sccp(args, { cwd: dir });
      assert.is(r.code, 1, `${name}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, expected, name);
      assert.not.match(r.stderr, /\n\s+at .*:\d+:\d+\)?/, 'no stack trace');
    }
    assert.not.ok(fs.existsSync(out), `${name}: nothing written`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a third-party feature named after a generated top-level folder is refused at its entry', () => {
  for (const name of ['apps', 'policies', 'bootstrap', 'charts']) {
    refused(name, 'manifests', new RegExp(`platform\\.yaml:9:14 /features/${name}/package: "${name}" is reserved: ${name}/`));
  }
  refused('policies', 'chart', /platform\.yaml:9:14 \/features\/policies\/package: "policies" is reserved: policies\/ and apps\/policies\.yaml hold the bundled admission policies/);
});

test('the names that are no DNS label (.sccp, README) are refused too', () => {
  refused('.sccp', 'manifests', /platform\.yaml:9:14 \/features\/\.sccp\/package: ".sccp" is reserved: \.sccp\/ holds the record/);
  refused('README', 'manifests', /platform\.yaml:9:14 \/features\/README\/package: "README" is reserved: README\.md describes the platform/);
  refused('Evil_Name', 'manifests', /platform\.yaml:9:14 \/features\/Evil_Name\/package: a feature name is a DNS-1123 label .*got "Evil_Name"/);
});

test('tenants belongs to the built-in feature: a package that claims it is refused', () => {
  refused('tenants', 'manifests', /platform\.yaml:9:14 \/features\/tenants\/package: "tenants" is a built-in feature \(@sccp\/feature-tenants\)/);
  assert.ok('tenants' in RESERVED_FEATURE_NAMES);
});

test('an ordinary name still works', () => {
  const dir = project('reports', 'manifests');
  try {
    const out = path.join(tmpdir(), 'repo');
    const r = sccp(['build', 'platform.yaml', '--out', out], { cwd: dir });
    assert.is(r.code, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(out, 'reports', 'app.yaml')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
