import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { enginePath } from '@sccp/test-kit';
import { findUnmanaged } from '../src/unmanaged';
import { EXAMPLE, ROOT, sccp, snapshot, tmpdir } from './helpers';

const built = () => {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', EXAMPLE, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  return out;
};

const CLUSTER_ADMIN = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: evil
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: ServiceAccount
    name: default
    namespace: team-a
`;

/** Hand-added files in every kind of folder Argo CD syncs (or an operator applies). */
function addEvil(out: string): string[] {
  const tenant = fs.readdirSync(path.join(out, 'tenants')).find((t) => fs.statSync(path.join(out, 'tenants', t)).isDirectory())!;
  const files = {
    'apps/evil.yaml': CLUSTER_ADMIN,
    [`tenants/${tenant}/extra.yaml`]: CLUSTER_ADMIN,
    'tenants/evil.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'evil', namespace: 'kube-system' } }),
    'policies/x.json': JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'evil' } }),
    'charts/cert-manager/templates/evil.yaml': CLUSTER_ADMIN,
    'bootstrap/x.yaml': CLUSTER_ADMIN,
  };
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(out, f), text);
  return Object.keys(files).sort();
}

/** Files outside the synced folders: never applied, so fine. */
function addHarmless(out: string): void {
  fs.mkdirSync(path.join(out, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(out, 'docs', 'notes.md'), '# notes\n');
  fs.writeFileSync(path.join(out, 'README.local.md'), 'local\n');
  fs.mkdirSync(path.join(out, '.github', 'workflows'), { recursive: true });
  fs.writeFileSync(path.join(out, '.github', 'workflows', 'ci.yaml'), 'on: push\n');
}

test('build --check: hand-added files in synced folders are listed as unmanaged, exit 1 (text and --json)', () => {
  const out = built();
  addHarmless(out);
  assert.is(sccp(['build', EXAMPLE, '--out', out, '--check']).code, 0, 'foreign files outside synced folders are fine');
  const evil = addEvil(out);
  const r = sccp(['build', EXAMPLE, '--out', out, '--check']);
  assert.is(r.code, 1, r.stderr);
  for (const f of evil) assert.match(r.stderr, new RegExp(`unmanaged ${f.replace(/\./g, '\\.')}: not written by SCCP`));
  assert.not.match(r.stderr, /notes\.md|README\.local\.md|ci\.yaml/);
  const j = sccp(['build', EXAMPLE, '--out', out, '--check', '--json']);
  assert.is(j.code, 1);
  const report = JSON.parse(j.stdout);
  assert.is(report.upToDate, false);
  assert.equal(report.unmanaged.map((u: any) => u.file), evil);
  assert.equal([report.changed, report.missing, report.stale], [[], [], []]);
});

test('build refuses while synced folders hold unmanaged files (nothing written); --allow-unmanaged builds and warns', () => {
  const out = built();
  addHarmless(out);
  const evil = addEvil(out);
  fs.rmSync(path.join(out, 'apps', 'metallb.yaml'));
  const before = snapshot(out);
  const r = sccp(['build', EXAMPLE, '--out', out]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /6 files in folders Argo CD syncs are not managed by SCCP/);
  for (const f of evil) assert.ok(r.stderr.includes(`  ${f}: not written by SCCP`), r.stderr);
  assert.match(r.stderr, /--allow-unmanaged/);
  assert.equal(snapshot(out), before, 'nothing written');
  const ok = sccp(['build', EXAMPLE, '--out', out, '--allow-unmanaged']);
  assert.is(ok.code, 0, ok.stderr);
  for (const f of evil) assert.ok(ok.stderr.includes(`WARNING: unmanaged ${f}`), ok.stderr);
  assert.ok(fs.existsSync(path.join(out, 'apps', 'metallb.yaml')));
});

test('verify reports unmanaged files and exits 1; foreign files outside synced folders are fine', () => {
  const out = built();
  addHarmless(out);
  const clean = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(clean.code, 0, clean.stdout + clean.stderr);
  assert.equal(JSON.parse(clean.stdout).unmanaged, []);
  const evil = addEvil(out);
  const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.unmanaged.map((u: any) => u.file), evil);
  const text = sccp(['verify', out, '--helm', enginePath('helm')]);
  assert.is(text.code, 1);
  for (const f of evil) assert.ok(text.stdout.includes(`${f}  unmanaged\n`), text.stdout);
  assert.match(text.stderr, /6 files not as SCCP wrote them/);
});

test('verify: a hand edit of a managed file is reported as modified, exit 1', () => {
  const out = built();
  fs.appendFileSync(path.join(out, 'apps', 'argocd.yaml'), '# harmless comment\n');
  const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.violations, []);
  assert.equal(report.unmanaged, []);
  assert.equal(report.modified, ['apps/argocd.yaml']);
});

test('findUnmanaged: a symbolic link in a synced folder is reported, never followed; the folders of manifests features count', () => {
  const repo = tmpdir();
  fs.mkdirSync(path.join(repo, 'charts', 'x'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'team', 'a'), { recursive: true });
  fs.mkdirSync(path.join(repo, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'charts', 'x', 'Chart.yaml'), 'name: x\n');
  fs.writeFileSync(path.join(repo, 'team', 'a', 'evil.json'), '{}');
  fs.writeFileSync(path.join(repo, 'docs', 'notes.md'), 'fine\n');
  fs.symlinkSync('/etc', path.join(repo, 'charts', 'x', 'templates'));
  assert.equal(findUnmanaged(repo, new Set(['charts/x/Chart.yaml']), ['team']), [
    { file: 'charts/x/templates', reason: 'a symbolic link (SCCP writes regular files only)' },
    { file: 'team/a/evil.json', reason: 'not written by SCCP (not in .sccp/managed.json)' },
  ]);
  // a top-level folder holding a managed file is synced even without the feature's name
  assert.equal(findUnmanaged(repo, new Set(['charts/x/Chart.yaml', 'team/a/ns.yaml'])).map((u) => u.file), ['charts/x/templates', 'team/a/evil.json']);
  assert.equal(findUnmanaged(repo, new Set(['charts/x/Chart.yaml'])).map((u) => u.file), ['charts/x/templates']);
});

test('verify --platform: a file added AND listed in managed.json is caught by the rebuild', () => {
  const out = built();
  const manifest = path.join(out, '.sccp', 'managed.json');
  const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  fs.writeFileSync(path.join(out, 'apps', 'evil.yaml'), CLUSTER_ADMIN);
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  m.files['apps/evil.yaml'] = `sha256:${createHash('sha256').update(CLUSTER_ADMIN).digest('hex')}`;
  fs.writeFileSync(manifest, JSON.stringify(m, null, 2) + '\n');
  // the repository's own bookkeeping is consistent: without the platform, verify cannot tell
  const blind = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(blind.code, 0, blind.stdout + blind.stderr);
  const r = sccp(['verify', out, '--platform', EXAMPLE, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.rebuild.stale, ['apps/evil.yaml']);
  assert.equal(report.rebuild.changed, ['.sccp/managed.json']);
  const text = sccp(['verify', out, '-p', EXAMPLE, '--helm', enginePath('helm')]);
  assert.is(text.code, 1);
  assert.match(text.stdout, /apps\/evil\.yaml {2}stale\n {2}differs from a fresh build of /);
  // an untouched repository matches its build
  const fresh = built();
  const same = sccp(['verify', fresh, '--platform', EXAMPLE, '--helm', enginePath('helm'), '--json']);
  assert.is(same.code, 0, same.stdout + same.stderr);
  assert.equal(JSON.parse(same.stdout).rebuild, { platform: path.relative(ROOT, EXAMPLE), changed: [], missing: [], stale: [] });
});

test('vendored archives recorded in .sccp/vendor.json are managed (by vendor); a changed one is not', () => {
  const out = built();
  const file = 'charts/traefik/charts/traefik-37.3.0.tgz';
  const bytes = Buffer.from('not really a chart, but recorded\n');
  fs.mkdirSync(path.join(out, path.dirname(file)), { recursive: true });
  fs.writeFileSync(path.join(out, file), bytes);
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const record = { format: 1, charts: { [file]: { chart: 'traefik', name: 'traefik', version: '37.3.0', repository: 'https://traefik.github.io/charts', sha256: createHash('sha256').update(bytes).digest('hex') } } };
  fs.writeFileSync(path.join(out, '.sccp', 'vendor.json'), JSON.stringify(record, null, 2) + '\n');
  const ok = sccp(['build', EXAMPLE, '--out', out, '--check', '--json']);
  assert.is(ok.code, 0, ok.stdout + ok.stderr);
  fs.appendFileSync(path.join(out, file), 'tampered');
  const r = sccp(['build', EXAMPLE, '--out', out, '--check', '--json']);
  assert.is(r.code, 1);
  assert.equal(JSON.parse(r.stdout).unmanaged, [{ file, reason: 'its sha256 differs from the one recorded in .sccp/vendor.json' }]);
});

test.run();
