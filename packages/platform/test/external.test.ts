import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { featureProject, sccp, tmpdir } from './helpers';

/** A feature from an npm package that is not built into sccp, installed next to platform.yaml. */
function project(contract = 1): string {
  const dir = featureProject('external-', {
    name: '@acme/sccp-feature-echo',
    version: '2.0.0',
    schema: { type: 'object', additionalProperties: false, properties: { message: { type: 'string', default: 'hello', description: 'what to echo' } } },
    index: `const { defineFeature } = require('@sccp/core');
const f = defineFeature({
  packageDir: __dirname, name: 'echo', description: 'echo test feature', namespace: 'echo', upstream: [],
  render: (values) => ({ values: { sccp: values } }),
});
module.exports = ${contract === 1 ? 'f' : `{ ...f, contract: ${contract} }`};
`,
  });
  fs.writeFileSync(
    path.join(dir, 'platform.yaml'),
    `apiVersion: sccp.dev/v1alpha1
kind: Platform
name: ext
domain: ext.example.com
repository: { url: https://git.example.com/ext.git }
features:
  argocd: {}
  echo:
    package: "@acme/sccp-feature-echo"
    values: { message: "{{ .Release.Name }}" }
`,
  );
  return dir;
}

test('a feature from an installed npm package joins validation, the build and verify', () => {
  const dir = project();
  try {
    const out = path.join(tmpdir(), 'repo');
    const r = sccp(['build', 'platform.yaml', '--out', out], { cwd: dir });
    assert.is(r.code, 0, r.stderr);
    const app = parse(fs.readFileSync(path.join(out, 'apps', 'echo.yaml'), 'utf8'));
    assert.is(app.metadata.annotations['sccp.dev/package'], '@acme/sccp-feature-echo@2.0.0');
    assert.equal(parse(fs.readFileSync(path.join(out, 'charts', 'echo', 'values.yaml'), 'utf8')).sccp, { message: '{{ .Release.Name }}' });
    // its schema joins validation
    fs.writeFileSync(path.join(dir, 'platform.yaml'), fs.readFileSync(path.join(dir, 'platform.yaml'), 'utf8').replace('values: { message:', 'values: { mesage:'));
    const bad = sccp(['validate', 'platform.yaml'], { cwd: dir });
    assert.is(bad.code, 1);
    assert.match(bad.stderr, /\/features\/echo\/values\/mesage: unknown key "mesage".*did you mean "message"\?/);
    // verify loads the package only from where the user points (never from the repository nor the working directory)
    assert.is(sccp(['verify', out, '--feature-path', dir], { cwd: dir }).code, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a feature built for another contract version is refused, naming both versions', () => {
  const dir = project(999);
  try {
    const r = sccp(['validate', 'platform.yaml'], { cwd: dir });
    assert.is(r.code, 1);
    assert.match(r.stderr, /platform\.yaml:\d+:\d+ \/features\/echo\/package: package @acme\/sccp-feature-echo 2\.0\.0 implements feature contract 999; this sccp supports contract 1/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a package that is not installed is a located error', () => {
  const dir = project();
  try {
    fs.rmSync(path.join(dir, 'node_modules'), { recursive: true });
    const r = sccp(['validate', 'platform.yaml'], { cwd: dir });
    assert.is(r.code, 1);
    assert.match(r.stderr, /\/features\/echo\/package: package @acme\/sccp-feature-echo is not installed/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
