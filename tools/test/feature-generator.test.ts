import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { CONTRACT_VERSION, chartFiles, standaloneContext, type Feature } from '@sccp/core';
import { helmLint, helmTemplate, kyvernoTest, materializeChart, opaCheck, opaTest } from '@sccp/test-kit';
import { root, run as runIn, scratchWorkspace } from './scratch';

// `nx g @sccp/tools:feature <name>` with the real Nx CLI in a scratch workspace (./scratch). The
// generated package must build, pass its own tests, lint and render with Helm, pass opa and kyverno, and be what `npm run generate` produces.
const NAME = 'scaffold-probe';
const TYPE = 'ScaffoldProbeValues';
const PKG = `packages/feature-${NAME}`;

let ws = '';
const pkgDir = (rel = PKG) => path.join(ws, rel);
const run = (cmd: string, args: string[], cwd = ws) => runIn(cmd, args, cwd);

const bin = (name: string) => path.join(ws, 'node_modules', '.bin', name);
const nxg = (...args: string[]) => run(bin('nx'), ['g', '@sccp/tools:feature', ...args, '--no-interactive']);

/** Every file of the workspace that the generator could write (links and Nx's cache excluded), with a hash of its content. */
function snapshot(dir = ws, base = ws): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const rel = path.relative(base, p);
    if (e.isSymbolicLink() || rel === '.nx' || e.name === 'dist') continue;
    if (e.isDirectory()) Object.assign(out, snapshot(p, base));
    else out[rel] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

const files = (rel: string) => Object.keys(snapshot(pkgDir(rel), pkgDir(rel))).sort();
const read = (rel: string) => fs.readFileSync(path.join(ws, rel), 'utf8');

function loadFeature(rel = PKG): Feature {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(pkgDir(rel), 'dist', 'index.js')).default;
}

/** Run the generated package's uvu tests; returns the number of tests passed. */
function packageTests(rel = PKG): number {
  const r = run(bin('uvu'), ['-r', 'tsx/cjs', 'test', '\\.test\\.ts$'], pkgDir(rel));
  assert.is(r.status, 0, r.out);
  const total = Number(/nested Total:\s+(\d+)/.exec(r.out)?.[1]);
  const passed = Number(/nested Passed:\s+(\d+)/.exec(r.out)?.[1]);
  assert.is(passed, total, r.out);
  return passed;
}

const t = suite('nx g @sccp/tools:feature');

t.before(() => {
  ws = scratchWorkspace();
});

t.after(() => {
  if (ws) fs.rmSync(ws, { recursive: true, force: true });
});

t('a name that is not a DNS label fails with a clear message and writes nothing', () => {
  const before = snapshot();
  for (const bad of ['Bad_Name', '1st-feature', 'trailing-']) {
    const r = nxg(bad);
    assert.is.not(r.status, 0, r.out);
    assert.match(r.out, `invalid feature name "${bad}": a feature name is a DNS label that starts with a letter`);
  }
  const partial = nxg('half-chart', '--chart', 'podinfo');
  assert.is.not(partial.status, 0);
  assert.match(partial.out, '--chart needs --chartVersion');
  const scope = nxg('scoped', '--packageName', 'Acme/Feature');
  assert.is.not(scope.status, 0);
  assert.match(scope.out, 'invalid package name "Acme/Feature": an npm package name such as @acme/sccp-feature-scoped');
  assert.equal(snapshot(), before);
});

t('--dry-run lists every file and writes nothing', () => {
  const before = snapshot();
  const r = nxg(NAME, '--dry-run');
  assert.is(r.status, 0, r.out);
  for (const f of ['package.json', 'schema.json', 'src/index.ts', 'src/values.generated.ts', 'README.md', 'policies/policy.wasm', `policies/rego/${NAME}-part-of-label_test.rego`]) {
    assert.match(r.out, `CREATE ${PKG}/${f}`);
  }
  assert.match(r.out, 'UPDATE tsconfig.json');
  assert.equal(snapshot(), before);
});

t('creates the complete package and references it from the root tsconfig.json', () => {
  const r = nxg(NAME, '--description', 'A probe for the feature generator');
  assert.is(r.status, 0, r.out);
  const id = `${NAME}-part-of-label`;
  assert.equal(files(PKG), [
    'README.md',
    'package.json',
    `policies/fixtures/${id}/fail-configmap-no-labels.yaml`,
    `policies/fixtures/${id}/fail-deployment-empty-label.yaml`,
    `policies/fixtures/${id}/pass-configmap.yaml`,
    `policies/fixtures/${id}/pass-service.yaml`,
    'policies/kyverno/kyverno-test.yaml',
    `policies/kyverno/${id}.yaml`,
    'policies/policy.wasm',
    `policies/rego/${id}.rego`,
    `policies/rego/${id}_test.rego`,
    'schema.json',
    'src/index.ts',
    'src/values.generated.ts',
    'templates/settings.yaml.hbs',
    'test/conformance.test.ts',
    'test/policies.test.ts',
    'test/render.test.ts',
    'tsconfig.json',
  ]);
  const refs = JSON.parse(read('tsconfig.json')).references.map((x: { path: string }) => x.path);
  const rootRefs = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).references.map((x: { path: string }) => x.path);
  assert.equal(refs.filter((p: string) => p !== PKG), rootRefs);
  assert.equal(refs.slice(-2), [PKG, 'packages/platform'], 'the platform, which references every feature, stays last');

  const pkg = JSON.parse(read(`${PKG}/package.json`));
  const coreVersion = JSON.parse(fs.readFileSync(path.join(root, 'packages', 'core', 'package.json'), 'utf8')).version;
  assert.is(pkg.name, `@sccp/feature-${NAME}`);
  assert.is(pkg.description, 'A probe for the feature generator');
  assert.is(pkg.private, undefined);
  assert.is(pkg.main, 'dist/index.js');
  assert.equal(pkg.peerDependencies, { '@sccp/core': `^${coreVersion}` });
  assert.equal(pkg.sccp, { contract: CONTRACT_VERSION }, 'the package records the feature contract it is built for');
  assert.equal(Object.keys(pkg.dependencies ?? {}), []);
  assert.is(pkg.devDependencies['@sccp/core'], coreVersion);
  assert.ok(pkg.files.includes('policies/policy.wasm') && pkg.files.includes('!policies/rego/*_test.rego'));
  assert.is(pkg.scripts.generate, `node ../core/bin/gen-types.js . ${TYPE} && tsc -b && node ../core/bin/gen-readme.js . && node ../../tools/compile-policies.mjs .`);
  assert.match(read(`${PKG}/src/index.ts`), `defineFeature<${TYPE}>({`);
  assert.match(read(`${PKG}/src/values.generated.ts`), `export interface ${TYPE} {`);
  assert.match(read(`${PKG}/README.md`), '| `logLevel` | `"debug"` \\| `"info"` \\| `"warn"` \\| `"error"` | `"info"` |');
  assert.match(read(`${PKG}/policies/rego/${id}.rego`), `package sccp.${id.replace(/-/g, '_')}\n`);
});

t('tsc -b builds it', () => {
  const r = run(bin('tsc'), ['-b'], pkgDir());
  assert.is(r.status, 0, r.out);
  assert.ok(fs.existsSync(path.join(pkgDir(), 'dist', 'index.js')) && fs.existsSync(path.join(pkgDir(), 'dist', 'index.d.ts')));
  const feature = loadFeature();
  assert.is(feature.name, NAME);
  assert.is(feature.namespace, NAME);
  assert.is(feature.packageName, `@sccp/feature-${NAME}`);
  assert.equal(feature.defaults, { logLevel: 'info' });
});

t('its own tests pass: conformance, render, policies', () => {
  assert.ok(packageTests() >= 20);
});

t('helm lint --strict and helm template of its wrapper chart', () => {
  const feature = loadFeature();
  const dir = materializeChart(chartFiles(feature, feature.render(feature.defaults, standaloneContext(feature))), feature.upstream, feature.name);
  assert.equal(fs.readdirSync(path.join(dir, 'templates')), ['settings.yaml']);
  const lint = helmLint(dir);
  assert.is(lint.status, 0, lint.stdout + lint.stderr);
  const r = helmTemplate(dir, { namespace: feature.namespace });
  assert.is(r.status, 0, r.stderr);
  assert.equal(r.manifests.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`), [`ConfigMap/${NAME}/${NAME}-settings`]);
  assert.equal(r.manifests[0].data, { logLevel: 'info' });
});

t('opa check --strict, opa test and kyverno test', () => {
  const check = opaCheck(pkgDir());
  assert.is(check.status, 0, check.stdout + check.stderr);
  const test = opaTest(pkgDir());
  assert.is(test.status, 0, test.stdout + test.stderr);
  assert.match(test.stdout, /PASS: 5\/5/);
  const kyverno = kyvernoTest(pkgDir());
  assert.is(kyverno.status, 0, kyverno.stdout + kyverno.stderr);
  assert.match(kyverno.stdout, /4 tests passed and 0 tests failed/);
});

t('it is what `npm run generate` produces: types, README values table and policy.wasm unchanged', () => {
  const before = snapshot(pkgDir(), pkgDir());
  const check = run(process.execPath, [path.join(ws, 'packages', 'core', 'bin', 'gen-types.js'), pkgDir(), TYPE, '--check']);
  assert.is(check.status, 0, check.out);
  const r = run('npm', ['run', 'generate'], pkgDir());
  assert.is(r.status, 0, r.out);
  assert.match(r.out, 'src/values.generated.ts unchanged');
  assert.match(r.out, 'README.md unchanged');
  assert.match(r.out, `${PKG}/policies/policy.wasm unchanged`);
  assert.equal(snapshot(pkgDir(), pkgDir()), before);
});

t('an existing package is refused and left as it was', () => {
  const before = snapshot();
  const r = nxg(NAME);
  assert.is.not(r.status, 0, r.out);
  assert.match(r.out, `${PKG} already exists`);
  assert.equal(snapshot(), before);
});

t('with an upstream chart: a dependency of the wrapper chart with its values key; builds and passes its tests', () => {
  const rel = 'packages/feature-scaffold-upstream';
  const r = nxg('scaffold-upstream', '--chart', 'podinfo', '--chartVersion', '6.9.2', '--chartRepository', 'https://stefanprodan.github.io/podinfo', '--namespace', 'web');
  assert.is(r.status, 0, r.out);
  const build = run(bin('tsc'), ['-b'], pkgDir(rel));
  assert.is(build.status, 0, build.out);
  const feature = loadFeature(rel);
  assert.is(feature.namespace, 'web');
  assert.equal(feature.upstream.map((u) => [u.name, u.version, u.repository]), [['podinfo', '6.9.2', 'https://stefanprodan.github.io/podinfo']]);
  const chart = chartFiles(feature, feature.render(feature.defaults, standaloneContext(feature)));
  assert.equal(parse(chart.get('Chart.yaml')!).dependencies, [{ name: 'podinfo', version: '6.9.2', repository: 'https://stefanprodan.github.io/podinfo' }]);
  assert.equal(parse(chart.get('values.yaml')!), { podinfo: {}, sccp: { logLevel: 'info' } });
  assert.ok(packageTests(rel) >= 20);
});

t.run();
