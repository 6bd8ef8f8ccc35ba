/**
 * Property tests: random schema-valid platforms always build, and their output lints, renders and
 * passes `sccp verify`; random mutations of valid platforms, and single fields set to any value the
 * schema allows, never crash and never touch an existing output directory. Bounded and seeded by
 * default; docs/testing.md has the long mode (SCCP_FUZZ_RUNS, SCCP_FUZZ_SEED, SCCP_FUZZ_PATH).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { MANIFEST, UserError, compileValidator, type FileTree, type UpstreamChart } from '@sccp/core';
import { enginePath, helmLint, helmTemplate, materializeChart } from '@sccp/test-kit';
import { buildTree } from '../src/build';
import { main } from '../src/cli/main';
import { builtinRegistry } from '../src/features';
import { mutatedPlatform, oneFieldChanged, validPlatform, type Generated, type Mutated } from './arbitraries';
import { EXAMPLE, ROOT, snapshot, tmpdir } from './helpers';

// ---------------------------------------------------------------------------------------------
// Budget: a fixed seed and a few dozen cases by default (deterministic outcome); SCCP_FUZZ_RUNS
// switches to the long mode (random seed unless SCCP_FUZZ_SEED is given).

const LONG = Number(process.env.SCCP_FUZZ_RUNS) || 0;
const RUNS = LONG || 30;
const SEED = process.env.SCCP_FUZZ_SEED !== undefined ? Number(process.env.SCCP_FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 0x5cc9;

/** SCCP_FUZZ_PATH=<property>:<path> replays one counterexample of one property (the others are skipped). */
const REPLAY = /^([a-z-]+):(.+)$/.exec(process.env.SCCP_FUZZ_PATH ?? '');

function params<T>(numRuns: number, replay?: string): fc.Parameters<T> {
  return {
    numRuns,
    seed: SEED,
    ...(replay ? { path: replay } : {}),
    // every case runs real builds: shrinking takes minutes, so it is on request only
    endOnFailure: !process.env.SCCP_FUZZ_SHRINK,
    verbose: fc.VerbosityLevel.None,
  };
}

/** fc.check, failing with the seed and path to replay the counterexample. */
function check<T>(name: string, arb: fc.Arbitrary<T>, numRuns: number, predicate: (v: T) => void): void {
  if (REPLAY && REPLAY[1] !== name) return;
  const started = Date.now();
  const details = fc.check(fc.property(arb, predicate), params(numRuns, REPLAY?.[2]));
  if (details.failed) {
    const err = (details as { errorInstance?: unknown }).errorInstance;
    const reason = err instanceof Error ? err.message : String(err ?? 'interrupted');
    assert.unreachable(
      `${name}: property failed after ${details.numRuns} runs (${details.numShrinks} shrinks)\n` +
        `replay: SCCP_FUZZ_SEED=${details.seed} SCCP_FUZZ_PATH=${name}:${details.counterexamplePath}${LONG ? ` SCCP_FUZZ_RUNS=${LONG}` : ''}\n\n${reason}`,
    );
  }
  if (LONG) console.log(`  ${name}: ${details.numRuns} runs, seed ${details.seed}, ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

// ---------------------------------------------------------------------------------------------
// Running the CLI in-process

const work = tmpdir('sccp-property-');
let counter = 0;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function sccp(args: string[]): Ran {
  let stdout = '';
  let stderr = '';
  const code = main(args, { out: (s) => (stdout += s), err: (s) => (stderr += s.endsWith('\n') ? s : s + '\n'), cwd: process.cwd() });
  return { code, stdout, stderr };
}

/** How the CLI names a file in its messages (relative to the working directory, absolute when outside it). */
const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};

function writeInput(text: string): string {
  const dir = path.join(work, `case-${++counter}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'platform.yaml');
  fs.writeFileSync(file, text);
  return file;
}

const fail = (what: string, text: string, detail = '') => assert.unreachable(`${what}${detail ? `\n${detail}` : ''}\n--- platform.yaml ---\n${text}`);

const composed = compileValidator(JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'platform.schema.json'), 'utf8')));

/** Generated Kubernetes objects outside the charts that share kind, namespace and name (Argo CD would apply one over the other). */
function duplicateObjects(out: string, text: string): string[] {
  const seen = new Map<string, string>();
  const dupes: string[] = [];
  for (const [file, content] of Object.entries(snapshot(out))) {
    if (!/\.ya?ml$/.test(file) || file.startsWith('charts/')) continue;
    for (const d of parseAllDocuments(content)) {
      if (d.errors.length) fail(`${file} is not valid YAML`, text, d.errors.map((e) => e.message).join('\n'));
      const o = d.toJS();
      if (!o?.kind) continue;
      const id = `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
      if (seen.has(id)) dupes.push(`${id} in ${seen.get(id)} and ${file}`);
      seen.set(id, file);
    }
  }
  return dupes;
}

function buildValid(g: Generated): { file: string; out: string } {
  const file = writeInput(g.text);
  const diags = composed(parse(g.text));
  if (diags.length) fail('the generated document does not match schemas/platform.schema.json', g.text, JSON.stringify(diags, null, 2));
  const out = path.join(path.dirname(file), 'repo');
  const r = sccp(['build', file, '--out', out]);
  if (r.code !== 0) fail(`sccp build exited ${r.code}`, g.text, r.stderr);
  return { file, out };
}

// ---------------------------------------------------------------------------------------------

test('random schema-valid platforms build; the output is complete, consistent and reproducible', () => {
  check('build', validPlatform, RUNS, (g) => {
    const { file, out } = buildValid(g);
    const tree = snapshot(out);
    // the manifest lists every other file with its hash
    const manifest = JSON.parse(tree[MANIFEST]);
    const listed = Object.fromEntries(Object.keys(tree).filter((p) => p !== MANIFEST).map((p) => [p, `sha256:${createHash('sha256').update(tree[p]).digest('hex')}`]));
    assert.equal(manifest.files, listed, 'the manifest matches the files');
    for (const [p, content] of Object.entries(tree)) if (p.endsWith('.json')) JSON.parse(content);
    const dupes = duplicateObjects(out, g.text);
    if (dupes.length) fail('two generated objects share kind, namespace and name', g.text, dupes.join('\n'));
    // the same input gives the same bytes: a second build changes nothing and --check agrees
    const again = sccp(['build', file, '--out', out, '--json']);
    if (again.code !== 0) fail('the second build failed', g.text, again.stderr);
    assert.equal(JSON.parse(again.stdout).written, [], 'a second build writes nothing');
    const chk = sccp(['build', file, '--out', out, '--check']);
    if (chk.code !== 0) fail('build --check disagrees with the build', g.text, chk.stderr);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

/** helm lint --strict and helm template of a generated chart, upstream dependencies replaced by stand-ins. */
function lintAndRender(repo: string, name: string, text: string): void {
  const files: FileTree = new Map(Object.entries(snapshot(path.join(repo, 'charts', name))));
  const chart = parse(files.get('Chart.yaml')!);
  const deps: UpstreamChart[] = (chart.dependencies ?? []).map((d: any) => ({ ...d, source: 'stand-in' }));
  const dir = materializeChart(files, deps, chart.name);
  try {
    const lint = helmLint(dir);
    if (lint.status !== 0) fail(`helm lint --strict charts/${name} failed`, text, lint.stdout + lint.stderr);
    const namespace = parse(fs.readFileSync(path.join(repo, 'apps', `${name}.yaml`), 'utf8')).spec.destination.namespace;
    const r = helmTemplate(dir, { release: chart.name, namespace });
    if (r.status !== 0) fail(`helm template charts/${name} failed`, text, r.stderr);
    for (const m of r.manifests) if (!(m.apiVersion && m.kind && m.metadata?.name)) fail(`charts/${name} renders an object without apiVersion, kind or name`, text, JSON.stringify(m));
  } finally {
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

test('their output passes helm lint, helm template and sccp verify', () => {
  const helm = enginePath('helm');
  check('helm-verify', validPlatform, Math.max(4, Math.ceil(RUNS / 4)), (g) => {
    const { file, out } = buildValid(g);
    const charts = fs.existsSync(path.join(out, 'charts')) ? fs.readdirSync(path.join(out, 'charts')).sort() : [];
    for (const name of charts) lintAndRender(out, name, g.text);
    const v = sccp(['verify', out, '--helm', helm, '--json']);
    if (v.code !== 0) fail(`sccp verify exited ${v.code}`, g.text, v.stdout + v.stderr);
    const report = JSON.parse(v.stdout);
    assert.equal(report.violations, []);
    assert.is(report.chartsRendered, charts.length, 'every chart rendered');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});

// ---------------------------------------------------------------------------------------------
// Mutations

/** A previous output (with a file SCCP did not write) that failing builds must leave as it is. */
class Existing {
  readonly out = path.join(work, 'existing', 'repo');
  before!: Record<string, string>;
  constructor() {
    this.reset();
  }
  reset(): void {
    fs.rmSync(path.dirname(this.out), { recursive: true, force: true });
    const r = sccp(['build', EXAMPLE, '--out', this.out]);
    assert.is(r.code, 0, r.stderr);
    fs.writeFileSync(path.join(this.out, 'NOTES.md'), 'kept\n');
    this.before = snapshot(this.out);
  }
}

/** The error output starts with the file (`file:line:col /pointer: message` or `file: message`); every diagnostic is checked with validate --json. */
function assertLocated(stderr: string, file: string, text: string): void {
  const lines = stderr.split('\n').filter((l) => l && !l.startsWith('validating '));
  if (!lines.length) fail('exit 1 without a message', text, stderr);
  if (!(lines[0].startsWith(`${file}:`) || lines[0].startsWith(`${file} /`))) fail('an error message that does not start with the file', text, stderr);
}

const describeMutations = (m: Mutated) => m.mutations.map((x) => (x.kind === 'text' ? `text: ${x.edit}` : `${x.kind} ${x.path}`)).join('; ');

test('random mutations of valid platforms: exit 0, or exit 1 with located messages and the previous output untouched', () => {
  const existing = new Existing();
  const stats = { valid: 0, invalid: 0 };
  check('mutations', mutatedPlatform, RUNS * 2, (m) => {
    const file = writeInput(m.text);
    const label = `${describeMutations(m)}`;
    const r = sccp(['build', file, '--out', existing.out]);
    if (r.code === 0) {
      stats.valid++;
      existing.reset();
    } else {
      stats.invalid++;
      if (r.code !== 1) fail(`sccp build exited ${r.code} after mutations [${label}]`, m.text, r.stderr);
      assert.not.match(r.stderr, /internal error|\n\s+at .*:\d+:\d+/, 'no internal error, no stack trace');
      assertLocated(r.stderr, shown(file), m.text);
      if (JSON.stringify(snapshot(existing.out)) !== JSON.stringify(existing.before)) fail(`a failed build changed the output directory [${label}]`, m.text);
      assert.equal(fs.readdirSync(path.dirname(existing.out)), ['repo'], 'no temp dirs or locks left beside the output');
      // validate agrees, and every diagnostic is located: the file, and a line wherever there is a pointer
      const v = sccp(['validate', file, '--json']);
      if (v.code !== 1) fail(`build failed but validate exited ${v.code} [${label}]`, m.text, r.stderr + v.stderr);
      const diags = JSON.parse(v.stdout).diagnostics as { file?: string; line?: number; col?: number; pointer?: string; message: string }[];
      assert.ok(diags.length, 'at least one diagnostic');
      for (const d of diags) {
        if (d.file !== shown(file)) fail(`a diagnostic without the file [${label}]`, m.text, JSON.stringify(d));
        if (d.pointer !== undefined && !(d.line! >= 1 && d.col! >= 1)) fail(`a diagnostic with a pointer but no line [${label}]`, m.text, JSON.stringify(d));
      }
    }
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
  if (LONG) console.log(`  mutations: ${stats.valid} still valid, ${stats.invalid} rejected`);
  // the mutations must mostly break the document, or this test checks nothing
  if (!REPLAY) assert.ok(stats.invalid > stats.valid, `mostly invalid mutations: ${JSON.stringify(stats)}`);
});

test('one field set to any value the schema allows: the platform builds, or the error names the field; never a crash', () => {
  const stats = { valid: 0, invalid: 0 };
  check('one-field', oneFieldChanged, RUNS * 10, (m) => {
    const file = writeInput(m.text);
    const label = describeMutations(m);
    try {
      buildTree(file, builtinRegistry());
      stats.valid++;
    } catch (e) {
      if (!(e instanceof UserError)) fail(`a crash after [${label}]: ${(e as Error).stack}`, m.text);
      stats.invalid++;
      for (const d of (e as UserError).diagnostics) {
        if (d.file !== file || (d.pointer !== undefined && !(d.line! >= 1 && d.col! >= 1))) fail(`a diagnostic that is not located [${label}]`, m.text, JSON.stringify(d));
      }
    }
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
  if (LONG) console.log(`  one-field: ${stats.valid} still valid, ${stats.invalid} rejected`);
});

// ---------------------------------------------------------------------------------------------
// Counterexamples these properties found, reduced by hand: each stays fixed

const PLATFORM = `apiVersion: sccp.dev/v1alpha1
kind: Platform
name: lab
profile: aks
domain: lab.example.com
repository:
  url: https://git.example.com/lab.git
`;

function rejected(text: string, pointer: string, message: RegExp): void {
  const file = writeInput(text);
  const r = sccp(['build', file, '--out', path.join(path.dirname(file), 'repo')]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`^${shown(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ ${pointer}: `, 'm'));
  assert.match(r.stderr, message);
}

test('found: loki with more than one replica and no object storage is a located error, not a crash', () => {
  rejected(PLATFORM + 'features:\n  loki:\n    values:\n      replicas: 2\n', '/features/loki/values/replicas', /2 replicas need object storage/);
});

test('found: a tenant named like the policies Application is refused (it would replace it)', () => {
  const tenant = '  argocd: {}\n  tenants:\n    values:\n      tenants:\n        - name: policies\n          owners: { groups: [g] }\n          environment: { repoURL: https://git.example.com/p.git }\n';
  rejected(PLATFORM + 'admission: kyverno\nfeatures:\n' + tenant, '/features/tenants/values/tenants/0/name', /would replace the platform's Application "policies"/);
});

test('found: a keyless identity without a subject, a key with two sources: located errors, not crashes', () => {
  const packs = (verify: string) => PLATFORM + `admission: kyverno\npolicies:\n  packs:\n    trusted-execution:\n      verifyImages:\n        imageReferences: ["registry.example.com/*"]\n${verify}features:\n  argocd: {}\n`;
  rejected(packs('        keyless:\n          - issuer: https://token.actions.githubusercontent.com\n'), '/policies/packs/trusted-execution/verifyImages/keyless/0', /exactly one of subject or subjectRegExp/);
  rejected(packs('        keys:\n          - kms: awskms://k\n            secret: { name: cosign, namespace: ci }\n'), '/policies/packs/trusted-execution/verifyImages/keys/0', /exactly one of publicKey, secret or kms/);
});

test("found: the Traefik dashboard's Certificate states its duration (the platform's own policy requires it)", () => {
  const text = PLATFORM.replace('profile: aks', 'profile: aks\nadmission: kyverno\nenforcement: enforce') + 'features:\n  cert-manager:\n    values:\n      maxCertificateDuration: 720h\n  traefik:\n    values:\n      dashboard: { enabled: true, basicAuthSecret: dash }\n';
  const { out } = buildValid({ doc: parse(text), text });
  assert.match(fs.readFileSync(path.join(out, 'charts', 'traefik', 'values.yaml'), 'utf8'), /duration: 720h/);
  const v = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(v.code, 0, v.stdout + v.stderr);
});

test('found: strings Go reads as numbers once it drops underscores ("3_") stay strings for Helm', () => {
  const text = PLATFORM + 'features:\n  grafana:\n    values:\n      admin:\n        existingSecret: { name: grafana-admin, userKey: 3_, passwordKey: 1_000 }\n';
  const { out } = buildValid({ doc: parse(text), text });
  const values = fs.readFileSync(path.join(out, 'charts', 'grafana', 'values.yaml'), 'utf8');
  assert.match(values, /userKey: "3_"/);
  assert.match(values, /passwordKey: "1_000"/);
  lintAndRender(out, 'grafana', text);
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));

test.run();
