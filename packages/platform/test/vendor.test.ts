import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { enginePath, runEngine } from '@sccp/test-kit';
import { EXAMPLE, tmpdir, variant } from './helpers';
import { gzipBomb, plainChart, tgz, writeRepo, type TarEntry } from './fixtures/vendor/archives';
import { dependencies, packageStandin, repoIndex, sccpAsync, serve, sha256, slug, startRegistry, type Dep, type Mirror } from './fixtures/vendor/mirror';

const RECORD = '.sccp/vendor.json';
const HELM_ENV = () => {
  const h = tmpdir('sccp-helm-home-');
  // an empty helm home (no repositories configured) and a proxy nobody answers: any download would fail
  return { HELM_CACHE_HOME: path.join(h, 'c'), HELM_CONFIG_HOME: path.join(h, 'f'), HELM_DATA_HOME: path.join(h, 'd'), HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' };
};

let mirror: Mirror;
let deps: Dep[];
/** sha256 of each stand-in archive served, by "<name>-<version>". */
const served = new Map<string, string>();
let mirrorArg: string;
let absoluteUpstream: string;

async function build(out: string, file = EXAMPLE): Promise<string> {
  const r = await sccpAsync(['build', file, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  return out;
}

/** Every file under dir with its sha256 (relative paths). */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out[path.relative(dir, f)] = sha256(f);
    }
  };
  walk(dir);
  return out;
}

// the fixture mirror is plain http on 127.0.0.1: allowed explicitly (the refusal has its own test)
const vendor = (repo: string, ...args: string[]) => sccpAsync(['vendor', repo, '--mirror', mirrorArg, '--allow-http', ...args]);

test.before(async () => {
  enginePath('helm');
  const root = tmpdir('sccp-mirror-');
  mirror = await serve(root);
  deps = dependencies(await build(path.join(tmpdir(), 'repo')));
  const upstreams = [...new Set(deps.map((d) => d.repository))].sort();
  assert.ok(upstreams.length >= 8 && deps.length >= 10, `the example pins ${deps.length} charts from ${upstreams.length} repositories`);
  for (const d of deps) served.set(`${d.name}-${d.version}`, sha256(packageStandin(d.name, d.version, path.join(root, slug(d.repository)))));
  // one repository lists absolute download URLs, the others relative ones (both are in use upstream)
  absoluteUpstream = upstreams[0];
  for (const u of upstreams) repoIndex(path.join(root, slug(u)), u === absoluteUpstream ? `${mirror.base}/${slug(u)}` : undefined);
  fs.cpSync(path.join(root, slug(upstreams[0])), path.join(root, 'bad-digest'), { recursive: true });
  const idx = path.join(root, 'bad-digest', 'index.yaml');
  fs.writeFileSync(idx, fs.readFileSync(idx, 'utf8').replace(/digest: [0-9a-f]{64}/, `digest: ${'0'.repeat(64)}`));
  mirrorArg = upstreams.map((u) => `${u}=${mirror.base}/${slug(u)}`).join(',');
});

test.after(() => mirror?.close());

test('vendor pulls every pinned chart through the mirrors into charts/<feature>/charts/ and records it deterministically', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const r = await vendor(repo, '--json');
  assert.is(r.code, 0, r.stderr);
  const record = JSON.parse(fs.readFileSync(path.join(repo, RECORD), 'utf8'));
  const files = Object.keys(record.charts);
  assert.equal(files, [...files].sort(), 'record sorted by file');
  assert.is(files.length, deps.length);
  for (const d of deps) {
    const file = `charts/${d.chart}/charts/${d.name}-${d.version}.tgz`;
    assert.ok(fs.existsSync(path.join(repo, file)), file);
    assert.is(sha256(path.join(repo, file)), served.get(`${d.name}-${d.version}`), `${file} is the served archive`);
    assert.equal(record.charts[file], { chart: d.chart, name: d.name, version: d.version, repository: d.repository.replace(/\/+$/, ''), sha256: served.get(`${d.name}-${d.version}`) });
  }
  assert.not.match(JSON.stringify(record), /127\.0\.0\.1|T\d\d:\d\d/, 'the record names upstreams, not the mirror, and has no timestamps');
  const json = JSON.parse(r.stdout);
  assert.is(json.charts.filter((c: any) => c.action === 'downloaded').length, deps.length);
  assert.ok(mirror.requests.some((u) => u.startsWith(`/${slug(absoluteUpstream)}/`) && u.endsWith('.tgz')), 'absolute URLs in index.yaml are followed');
  assert.match(r.stderr, /vendored \d+ charts .*\(\d+ downloaded, 0 unchanged/);
  // again: nothing downloaded, the record byte for byte the same
  const before = fs.readFileSync(path.join(repo, RECORD), 'utf8');
  const seen = mirror.requests.length;
  const again = await vendor(repo);
  assert.is(again.code, 0, again.stderr);
  assert.is(fs.readFileSync(path.join(repo, RECORD), 'utf8'), before);
  assert.equal(mirror.requests.slice(seen), [], 'unchanged archives are not fetched again');
});

test('helm template renders a vendored wrapper chart with no repository reachable; unvendored it fails the way ArgoCD retries on', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const bare = runEngine('helm', ['template', 'rook-ceph', path.join(repo, 'charts', 'rook-ceph'), '--namespace', 'rook-ceph'], { env: HELM_ENV() });
  assert.is.not(bare.status, 0);
  assert.match(bare.stderr, /found in Chart.yaml, but missing in charts\/ directory/);
  assert.is((await vendor(repo)).code, 0);
  for (const chart of [...new Set(deps.map((d) => d.chart))]) {
    const r = runEngine('helm', ['template', chart, path.join(repo, 'charts', chart), '--namespace', 'default'], { env: HELM_ENV() });
    assert.is(r.status, 0, `${chart}: ${r.stderr}`);
    const names = parseAllDocuments(r.stdout).map((d) => d.toJS()).filter((m) => m?.kind === 'ConfigMap').map((m) => m.metadata.name);
    for (const d of deps.filter((x) => x.chart === chart && !x.condition)) assert.ok(names.includes(`${d.name}-standin`), `${chart} renders the vendored ${d.name}: ${names.join(' ')}`);
  }
});

test('--verify passes on a vendored repository and names a tampered archive', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  assert.is((await vendor(repo)).code, 0);
  const ok = await sccpAsync(['vendor', repo, '--verify']);
  assert.is(ok.code, 0, ok.stderr);
  assert.match(ok.stderr, new RegExp(`${deps.length} vendored charts match`));
  const victim = `charts/${deps[0].chart}/charts/${deps[0].name}-${deps[0].version}.tgz`;
  fs.appendFileSync(path.join(repo, victim), 'tampered');
  const bad = await sccpAsync(['vendor', repo, '--verify']);
  assert.is(bad.code, 1);
  assert.match(bad.stderr, new RegExp(`changed\\s+${victim.replace(/[.]/g, '\\.')}  \\(sha256 [0-9a-f]{64}, recorded ${served.get(`${deps[0].name}-${deps[0].version}`)}\\)`));
  const json = JSON.parse((await sccpAsync(['vendor', repo, '--verify', '--json'])).stdout);
  assert.equal(json.changed.map((c: any) => c.file), [victim]);
  assert.equal([json.missing, json.outdated, json.unrecorded, json.extra], [[], [], [], []]);
  // sccp vendor repairs it from the mirror
  const fix = await vendor(repo);
  assert.match(fix.stderr, new RegExp(`downloaded\\s+${victim.replace(/[.]/g, '\\.')}`));
  assert.is((await sccpAsync(['vendor', repo, '--verify'])).code, 0);
});

test('--verify lists missing, outdated (Chart.yaml pins another version), unrecorded and extra archives', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  assert.is((await vendor(repo)).code, 0);
  const [gone, bumped, foreign] = [deps[1], deps[2], deps[3]];
  const file = (d: Dep) => `charts/${d.chart}/charts/${d.name}-${d.version}.tgz`;
  fs.rmSync(path.join(repo, file(gone)));
  const chartYaml = path.join(repo, 'charts', bumped.chart, 'Chart.yaml');
  fs.writeFileSync(chartYaml, fs.readFileSync(chartYaml, 'utf8').replace(`version: ${bumped.version}`, 'version: 99.0.0'));
  fs.copyFileSync(path.join(repo, file(foreign)), path.join(repo, 'charts', foreign.chart, 'charts', 'stray-1.0.0.tgz'));
  const record = JSON.parse(fs.readFileSync(path.join(repo, RECORD), 'utf8'));
  delete record.charts[file(deps[4])];
  fs.writeFileSync(path.join(repo, RECORD), JSON.stringify(record));
  const r = await sccpAsync(['vendor', repo, '--verify', '--json']);
  assert.is(r.code, 1);
  const j = JSON.parse(r.stdout);
  assert.equal(j.missing.map((p: any) => p.file), [file(gone)]);
  assert.equal(j.outdated, [{ file: file(bumped), detail: `holds ${bumped.name} ${bumped.version}; charts/${bumped.chart}/Chart.yaml pins 99.0.0` }]);
  assert.equal(j.unrecorded.map((p: any) => p.file), [file(deps[4])]);
  assert.equal(j.extra.map((p: any) => p.file), [`charts/${foreign.chart}/charts/stray-1.0.0.tgz`]);
  assert.equal(j.changed, []);
  assert.match((await sccpAsync(['vendor', repo, '--verify'])).stderr, /remove the extra archives SCCP did not vendor/);
  // vendor never overwrites an archive it did not write, unless it is byte for byte the download (then it adopts it)
  fs.writeFileSync(chartYaml, fs.readFileSync(chartYaml, 'utf8').replace('version: 99.0.0', `version: ${bumped.version}`));
  fs.writeFileSync(path.join(repo, file(deps[4])), 'not the chart');
  const refused = await vendor(repo);
  assert.is(refused.code, 1);
  assert.match(refused.stderr, new RegExp(`refusing to overwrite ${file(deps[4]).replace(/[.]/g, '\\.')}: SCCP did not vendor it`));
  fs.copyFileSync(path.join(mirror.root, slug(deps[4].repository), `${deps[4].name}-${deps[4].version}.tgz`), path.join(repo, file(deps[4])));
  const fixed = await vendor(repo);
  assert.is(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stderr, new RegExp(`adopted\\s+${file(deps[4]).replace(/[.]/g, '\\.')}`));
  assert.match(fixed.stderr, new RegExp(`downloaded\\s+${file(gone).replace(/[.]/g, '\\.')}`));
  assert.match(fixed.stderr, /note: .*stray-1\.0\.0\.tgz is not vendored by SCCP/);
  assert.ok(fs.existsSync(path.join(repo, 'charts', foreign.chart, 'charts', 'stray-1.0.0.tgz')), 'a file SCCP did not vendor is kept');
  fs.rmSync(path.join(repo, 'charts', foreign.chart, 'charts', 'stray-1.0.0.tgz'));
  assert.is((await sccpAsync(['vendor', repo, '--verify'])).code, 0);
});

test('a 404 or a wrong index digest: exit 1, a located message, nothing written', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const before = hashes(repo);
  const target = deps.find((d) => d.repository === absoluteUpstream)!;
  for (const [to, expect] of [
    [`${mirror.base}/nowhere`, /GET http:\/\/127\.0\.0\.1:\d+\/nowhere\/index\.yaml: 404 Not Found/],
    [`${mirror.base}/bad-digest`, /digest mismatch for http:\/\/127\.0\.0\.1:\d+\/.*\.tgz: index\.yaml says sha256 0{64}, the download has [0-9a-f]{64}/],
  ] as const) {
    const r = await sccpAsync(['vendor', repo, '--allow-http', '--mirror', mirrorArg.replace(`${absoluteUpstream}=${mirror.base}/${slug(absoluteUpstream)}`, `${absoluteUpstream}=${to}`)]);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`charts/${target.chart}/Chart\\.yaml: ${target.name} ${target.version} from ${target.repository.replace(/\/+$/, '').replace(/[.]/g, '\\.')} via mirror ${to}: `));
    assert.match(r.stderr, expect);
    assert.match(r.stderr, /nothing was vendored; .* is unchanged/);
    assert.not.match(r.stderr, /internal error|at .*\.js:\d+/);
    assert.equal(hashes(repo), before, 'the repository is unchanged');
    assert.equal(fs.readdirSync(path.dirname(repo)).filter((e) => /sccp-(vendor|lock)/.test(e)), [], 'no staging or lock left behind');
  }
});

test('sccp build keeps vendored charts; a removed feature leaves an extra archive that vendor prunes', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  assert.is((await vendor(repo)).code, 0);
  const vendored = Object.fromEntries(Object.entries(hashes(repo)).filter(([f]) => f.endsWith('.tgz') || f === RECORD));
  await build(repo);
  assert.equal(Object.fromEntries(Object.entries(hashes(repo)).filter(([f]) => f in vendored)), vendored, 'rebuild keeps archives and record');
  assert.is((await sccpAsync(['vendor', repo, '--verify'])).code, 0);
  assert.is((await sccpAsync(['build', EXAMPLE, '--out', repo, '--check'])).code, 0, 'vendored files do not make build --check fail');
  const noGrafana = variant((t) => t.replace(/  grafana:\n    values:\n      admin:\n        existingSecret:\n          name: grafana-admin\n/, ''));
  await build(repo, noGrafana);
  const grafana = deps.find((d) => d.chart === 'grafana')!;
  const orphan = `charts/grafana/charts/${grafana.name}-${grafana.version}.tgz`;
  const v = await sccpAsync(['vendor', repo, '--verify']);
  assert.is(v.code, 1);
  assert.match(v.stderr, new RegExp(`extra\\s+${orphan.replace(/[.]/g, '\\.')}  \\(vendored by SCCP; charts/grafana has no Chart.yaml`));
  const mirrors = path.join(tmpdir(), 'mirrors.yaml');
  fs.writeFileSync(mirrors, mirrorArg.split(',').map((m) => `"${m.split('=')[0]}": "${m.split('=')[1]}"`).join('\n') + '\n');
  const p = await sccpAsync(['vendor', repo, '--mirrors', mirrors, '--allow-http']);
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stderr, new RegExp(`pruned\\s+${orphan.replace(/[.]/g, '\\.')}`));
  assert.not.ok(fs.existsSync(path.join(repo, 'charts', 'grafana')), 'the emptied chart directory is removed');
  assert.is((await sccpAsync(['vendor', repo, '--verify'])).code, 0);
});

test('--mirror is checked: malformed or naming no dependency repository is a usage error', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const bad = await sccpAsync(['vendor', repo, '--mirror', 'charts.jetstack.io']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--mirror wants UPSTREAM=URL/);
  const unused = await sccpAsync(['vendor', repo, '--mirror', `https://charts.example.org=${mirror.base}/x`]);
  assert.is(unused.code, 2);
  assert.match(unused.stderr, /https:\/\/charts\.example\.org: no dependency .* uses this repository; they are:\n  https:\/\//);
  const verifyMirror = await sccpAsync(['vendor', repo, '--verify', '--mirror', mirrorArg]);
  assert.is(verifyMirror.code, 2);
  assert.ok(!fs.existsSync(path.join(repo, RECORD)));
});

test('oci:// dependencies: helm pull from an OCI registry on 127.0.0.1 (the distribution registry), verified and rendered offline', async () => {
  const registry = await startRegistry();
  try {
    const pkg = packageStandin('podinfo', '6.7.1', tmpdir('sccp-oci-pkg-'));
    const push = runEngine('helm', ['push', pkg, `oci://${registry.host}/charts`, '--plain-http']);
    assert.is(push.status, 0, push.stderr);
    const repo = tmpdir('sccp-oci-repo-');
    fs.mkdirSync(path.join(repo, 'charts', 'podinfo'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'charts', 'podinfo', 'Chart.yaml'), 'apiVersion: v2\nname: podinfo\nversion: 0.1.0\ndependencies:\n  - name: podinfo\n    version: 6.7.1\n    repository: oci://ghcr.io/stefanprodan/charts\n');
    const args = ['vendor', repo, '--mirror', `oci://ghcr.io/stefanprodan/charts=oci://${registry.host}/charts`, '--plain-http', '--helm', enginePath('helm')];
    const r = await sccpAsync(args, HELM_ENV());
    assert.is(r.code, 0, r.stderr);
    const file = 'charts/podinfo/charts/podinfo-6.7.1.tgz';
    assert.is(sha256(path.join(repo, file)), sha256(pkg));
    assert.equal(JSON.parse(fs.readFileSync(path.join(repo, RECORD), 'utf8')).charts[file].repository, 'oci://ghcr.io/stefanprodan/charts');
    assert.is((await sccpAsync(['vendor', repo, '--verify'])).code, 0);
    const t = runEngine('helm', ['template', 'podinfo', path.join(repo, 'charts', 'podinfo')], { env: HELM_ENV() });
    assert.is(t.status, 0, t.stderr);
    assert.match(t.stdout, /name: podinfo-standin/);
    const chartYaml = path.join(repo, 'charts', 'podinfo', 'Chart.yaml');
    fs.writeFileSync(chartYaml, fs.readFileSync(chartYaml, 'utf8').replace('version: 6.7.1', 'version: 6.7.2'));
    const missing = await sccpAsync(args, HELM_ENV());
    assert.is(missing.code, 1);
    assert.match(missing.stderr, /charts\/podinfo\/Chart\.yaml: podinfo 6\.7\.2 from oci:\/\/ghcr\.io\/stefanprodan\/charts via mirror oci:\/\/127\.0\.0\.1:\d+\/charts: helm pull .* failed: .*not found/);
    assert.ok(fs.existsSync(path.join(repo, file)), 'the vendored 6.7.1 stays when 6.7.2 cannot be pulled');
  } finally {
    registry.stop();
  }
});

/** The mirror argument with the upstream of `target` pointed at `to`. */
const mirrorTo = (to: string) => mirrorArg.replace(`${absoluteUpstream}=${mirror.base}/${slug(absoluteUpstream)}`, `${absoluteUpstream}=${to}`);
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A repository on the mirror serving `archive` for the chart `target` pins, and the served archives for the other charts of its upstream. */
function evilRepo(name: string, archive: Buffer | string, digest = true): string {
  const target = deps.find((d) => d.repository === absoluteUpstream)!;
  const others = deps.filter((d) => d.repository === absoluteUpstream && d !== target);
  const dir = path.join(mirror.root, name);
  writeRepo(dir, [{ name: target.name, version: target.version, archive }, ...others.map((d) => ({ name: d.name, version: d.version, archive: path.join(mirror.root, slug(d.repository), `${d.name}-${d.version}.tgz`) }))], digest);
  return `${mirror.base}/${name}`;
}

/** The messages of a failed vendor run: exit 1, the chart located, nothing written, no stack, no staging left. */
async function refused(repo: string, args: string[], expect: RegExp): Promise<string> {
  const before = hashes(repo);
  const r = await sccpAsync(['vendor', repo, ...args]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, expect);
  assert.not.match(r.stderr, /internal error|\n\s+at .*:\d+:\d+/);
  assert.equal(hashes(repo), before, 'the repository is unchanged');
  assert.equal(fs.readdirSync(path.dirname(repo)).filter((e) => /sccp-(vendor|lock)/.test(e)), [], 'no staging or lock left behind');
  return r.stderr;
}

test('plain http:// repositories and mirrors are refused without --allow-http; with it, a warning names each', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const stderr = await refused(repo, ['--mirror', mirrorArg], /refusing plain http:\/\/ .*: http:\/\/127\.0\.0\.1:\d+\/\S+, .*; use https:\/\/, or pass --allow-http to pull from them anyway/);
  assert.equal(mirror.requests.filter((u) => stderr.includes(u)), [], 'nothing was requested');
  const ok = await vendor(repo);
  assert.is(ok.code, 0, ok.stderr);
  const warned = ok.stderr.match(/WARNING: http:\/\/127\.0\.0\.1:\d+\/\S+ is plain http:\/\//g) ?? [];
  assert.is(warned.length, new Set(deps.map((d) => d.repository)).size, 'one warning per plain-http source');
});

test('an index entry without a digest is refused unless --allow-unverified, which warns for each unverified chart', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const target = deps.find((d) => d.repository === absoluteUpstream)!;
  const served = path.join(mirror.root, slug(absoluteUpstream), `${target.name}-${target.version}.tgz`);
  const to = evilRepo('no-digest', served, false);
  await refused(repo, ['--allow-http', '--mirror', mirrorTo(to)], new RegExp(`${esc(target.name)} ${esc(target.version)} from .* via mirror ${esc(to)}: ${esc(to)}/index\\.yaml gives no digest for ${esc(target.name)} ${esc(target.version)}, so the download cannot be verified; pass --allow-unverified`));
  const ok = await sccpAsync(['vendor', repo, '--allow-http', '--allow-unverified', '--mirror', mirrorTo(to)]);
  assert.is(ok.code, 0, ok.stderr);
  const unverified = new Set(deps.filter((d) => d.repository === absoluteUpstream).map((d) => d.name));
  assert.is((ok.stderr.match(/WARNING: \S+ \S+ from \S+ is vendored unverified: index\.yaml gives no digest/g) ?? []).length, unverified.size);
  assert.match(ok.stderr, new RegExp(`WARNING: ${esc(target.name)} ${esc(target.version)} from ${esc(to)} is vendored unverified`));
  const file = `charts/${target.chart}/charts/${target.name}-${target.version}.tgz`;
  assert.is(JSON.parse(fs.readFileSync(path.join(repo, RECORD), 'utf8')).charts[file].sha256, sha256(served));
});

test('archives with absolute or ".." paths, links, devices or files outside one top-level folder are refused; the same archive without them is vendored', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const target = deps.find((d) => d.repository === absoluteUpstream)!;
  const n = target.name;
  const cases: [string, TarEntry, RegExp][] = [
    ['absolute', { name: '/etc/cron.d/sccp', data: '* * * * * root id\n' }, /"\/etc\/cron\.d\/sccp" is not a relative path inside the chart/],
    ['dotdot', { name: `${n}/../../escape.yaml`, data: 'x\n' }, new RegExp(`"${esc(n)}/\\.\\./\\.\\./escape\\.yaml" is not a relative path inside the chart`)],
    ['symlink', { name: `${n}/templates/secret.yaml`, type: '2', linkname: '/etc/shadow' }, new RegExp(`"${esc(n)}/templates/secret\\.yaml" is a symlink: a chart archive holds regular files and folders only`)],
    ['hardlink', { name: `${n}/templates/secret.yaml`, type: '1', linkname: '/etc/shadow' }, /is a hard link: a chart archive holds regular files and folders only/],
    ['device', { name: `${n}/null`, type: '3' }, /is a character device/],
    ['fifo', { name: `${n}/pipe`, type: '6' }, /is a FIFO/],
    ['other-folder', { name: 'other/templates/x.yaml', data: 'x\n' }, new RegExp(`"other/templates/x\\.yaml" is outside the chart's top-level folder "${esc(n)}/"`)],
    ['top-level-file', { name: 'x.yaml', data: 'x\n' }, /"x\.yaml" is outside the chart's top-level folder/],
  ];
  for (const [name, entry, expect] of cases) {
    const to = evilRepo(`evil-${name}`, tgz([...plainChart(n, target.version), entry]));
    const stderr = await refused(repo, ['--allow-http', '--mirror', mirrorTo(to)], expect);
    assert.match(stderr, new RegExp(`charts/${esc(target.chart)}/Chart\\.yaml: ${esc(n)} ${esc(target.version)} from .* via mirror ${esc(to)}: the download is not a plain packaged chart: `), name);
  }
  // the control: the tiny tar writer's archive without the bad entry is a chart helm renders
  const ok = await sccpAsync(['vendor', repo, '--allow-http', '--mirror', mirrorTo(evilRepo('plain', tgz(plainChart(n, target.version))))]);
  assert.is(ok.code, 0, ok.stderr);
  const t = runEngine('helm', ['template', target.chart, path.join(repo, 'charts', target.chart), '--namespace', 'default'], { env: HELM_ENV() });
  assert.is(t.status, 0, t.stderr);
  assert.match(t.stdout, new RegExp(`name: ${esc(n)}-standin`));
});

test('a gzip bomb fails fast with an error naming the chart and the limit; a download over --max-download is cut off', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const target = deps.find((d) => d.repository === absoluteUpstream)!;
  const bomb = path.join(tmpdir('sccp-bomb-'), 'bomb.tgz');
  await gzipBomb(bomb, target.name, target.version, 1);
  assert.ok(fs.statSync(bomb).size < 2 * 1024 * 1024, `1 GiB of zeros compresses to ${fs.statSync(bomb).size} bytes`);
  const to = evilRepo('bomb', bomb);
  const started = Date.now();
  await refused(repo, ['--allow-http', '--mirror', mirrorTo(to)], new RegExp(`${esc(target.name)} ${esc(target.version)} from .* via mirror ${esc(to)}: the download is not a plain packaged chart: the archive unpacks to more than 200 MiB, the limit \\(a gzip bomb\\?\\); raise it with --max-unpacked MiB`));
  assert.ok(Date.now() - started < 30_000, `failed in ${Date.now() - started} ms`);
  await refused(repo, ['--allow-http', '--max-unpacked', '1', '--mirror', mirrorTo(to)], /unpacks to more than 1 MiB, the limit/);
  await refused(repo, ['--allow-http', '--max-download', '0.5', '--mirror', mirrorTo(to)], new RegExp(`GET ${esc(to)}/${esc(target.name)}-${esc(target.version)}\\.tgz: larger than 0\\.5 MiB, the limit for a chart archive; raise it with --max-download MiB`));
  const bad = await sccpAsync(['vendor', repo, '--max-download', 'lots']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--max-download wants a size in MiB/);
});

test('a symlink in the repository (charts/<feature>/charts, a Chart.yaml, .sccp): vendor and --verify refuse it by name; nothing outside is written', async () => {
  const built = await build(path.join(tmpdir(), 'repo'));
  const chart = deps[0].chart;
  for (const [rel, plant] of [
    [`charts/${chart}/charts`, (repo: string, outside: string) => fs.symlinkSync(outside, path.join(repo, 'charts', chart, 'charts'))],
    [`charts/${chart}/Chart.yaml`, (repo: string, outside: string) => (fs.renameSync(path.join(repo, 'charts', chart, 'Chart.yaml'), path.join(outside, 'Chart.yaml')), fs.symlinkSync(path.join(outside, 'Chart.yaml'), path.join(repo, 'charts', chart, 'Chart.yaml')))],
    ['.sccp', (repo: string, outside: string) => (fs.cpSync(path.join(repo, '.sccp'), outside, { recursive: true }), fs.rmSync(path.join(repo, '.sccp'), { recursive: true }), fs.symlinkSync(outside, path.join(repo, '.sccp')))],
  ] as const) {
    const root = tmpdir('sccp-vendor-link-');
    const repo = path.join(root, 'repo');
    fs.cpSync(built, repo, { recursive: true });
    const outside = path.join(root, 'elsewhere');
    fs.mkdirSync(outside);
    plant(repo, outside);
    const before = hashes(outside);
    for (const args of [['--allow-http', '--mirror', mirrorArg], ['--verify']]) {
      const r = await sccpAsync(['vendor', repo, ...args]);
      assert.is(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`symlink.*${esc(rel)} -> `), `${rel} ${args[0]}`);
    }
    assert.equal(hashes(outside), before, `${rel}: nothing outside the repository is written`);
    assert.equal(fs.readdirSync(root).sort(), ['elsewhere', 'repo']);
  }
});

test('pruning needs proof: a record entry whose file does not have the recorded sha256 (edited, or a tampered record) is kept', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  assert.is((await vendor(repo)).code, 0);
  const mine = `charts/${deps[0].chart}/charts/mine-1.0.0.tgz`;
  fs.writeFileSync(path.join(repo, mine), 'my own archive\n');
  const record = JSON.parse(fs.readFileSync(path.join(repo, RECORD), 'utf8'));
  record.charts[mine] = { chart: deps[0].chart, name: 'mine', version: '1.0.0', repository: 'https://example.org', sha256: '0'.repeat(64) };
  fs.writeFileSync(path.join(repo, RECORD), JSON.stringify(record));
  const r = await vendor(repo, '--json');
  assert.is(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).pruned, []);
  assert.is(fs.readFileSync(path.join(repo, mine), 'utf8'), 'my own archive\n', 'kept');
  assert.match(r.stderr, new RegExp(`note: ${esc(mine)} is not vendored by SCCP`));
});

/** A Helm repository on disk holding every served archive (one folder for all upstreams), its index written by writeRepo; `edit` changes the index text. */
function localRepo(edit: (index: string) => string = (t) => t): string {
  const dir = path.join(tmpdir('sccp-local-mirror-'), 'charts');
  writeRepo(dir, deps.map((d) => ({ name: d.name, version: d.version, archive: path.join(mirror.root, slug(d.repository), `${d.name}-${d.version}.tgz`) })));
  const idx = path.join(dir, 'index.yaml');
  fs.writeFileSync(idx, edit(fs.readFileSync(idx, 'utf8')));
  return dir;
}

test('a file:// mirror: --mirror "*=file:///dir" and a relative folder in --mirrors FILE vendor every chart from disk, nothing over the network, recorded under the upstreams', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const dir = localRepo();
  const seen = mirror.requests.length;
  const r = await sccpAsync(['vendor', repo, '--mirror', `*=file://${dir}`, '--json']);
  assert.is(r.code, 0, r.stderr);
  assert.not.match(r.stderr, /WARNING/, 'a local mirror needs no --allow-http');
  const record = JSON.parse(fs.readFileSync(path.join(repo, RECORD), 'utf8'));
  assert.is(Object.keys(record.charts).length, deps.length);
  for (const d of deps) {
    const file = `charts/${d.chart}/charts/${d.name}-${d.version}.tgz`;
    assert.equal(record.charts[file], { chart: d.chart, name: d.name, version: d.version, repository: d.repository.replace(/\/+$/, ''), sha256: served.get(`${d.name}-${d.version}`) });
  }
  assert.not.match(JSON.stringify(record), /file:/, 'the record names the upstreams, not the local mirror');
  assert.match(r.stderr, new RegExp(`read\\s+file://${esc(dir)}/index\\.yaml`));
  assert.equal(mirror.requests.slice(seen), [], 'nothing was requested over HTTP');
  assert.is((await sccpAsync(['vendor', repo, '--verify'])).code, 0);
  // --mirrors FILE: a plain relative path is a folder beside the file; a mirror of its own wins over "*"
  const again = await build(path.join(tmpdir(), 'repo'));
  const list = path.join(path.dirname(dir), 'mirrors.yaml');
  const target = deps.find((d) => d.repository === absoluteUpstream)!;
  fs.writeFileSync(list, `"*": ./charts\n"${absoluteUpstream}": ${mirror.base}/${slug(absoluteUpstream)}\n`);
  const p = await sccpAsync(['vendor', again, '--mirrors', list, '--allow-http'], {});
  assert.is(p.code, 0, p.stderr);
  assert.match(p.stderr, new RegExp(`download\\s+${esc(mirror.base)}/${esc(slug(absoluteUpstream))}/${esc(target.name)}-`), 'its own mirror for one upstream');
  assert.match(p.stderr, new RegExp(`read\\s+file://${esc(dir)}/`), '"*" for the others');
  assert.equal(hashes(path.join(again, 'charts')), hashes(path.join(repo, 'charts')));
  const rel = await sccpAsync(['vendor', again, '--mirror', '*=file://charts']);
  assert.is(rel.code, 2);
  assert.match(rel.stderr, /--mirror "\*=file:\/\/charts": file:\/\/charts is not a local mirror URL: use file:\/\/\/absolute\/path/);
});

test('a file:// mirror is untrusted: index URLs out of its folder (.., absolute, another scheme, a file:// elsewhere), a symlink out, a digest mismatch, a missing digest and an oversized file are refused', async () => {
  const repo = await build(path.join(tmpdir(), 'repo'));
  const target = deps.find((d) => d.repository === absoluteUpstream)!;
  const file = `${target.name}-${target.version}.tgz`;
  const outside = path.join(tmpdir('sccp-outside-'), file);
  fs.copyFileSync(path.join(mirror.root, slug(absoluteUpstream), file), outside);
  const url = (u: string) => (t: string) => t.replace(`    - ${file}\n`, `    - ${JSON.stringify(u)}\n`);
  const cases: [string, (t: string) => string, RegExp][] = [
    ['dotdot', url(`../${path.basename(path.dirname(outside))}/${file}`), /: not a plain relative path \(a "\.\.", "\.", empty segment or backslash\)/],
    ['encoded dotdot', url(`%2e%2e/x/${file}`), /: not a plain relative path/],
    ['absolute path', url(outside), /: an absolute path/],
    ['https', url(`${mirror.base.replace('http:', 'https:')}/${file}`), /: another scheme \(https:\/\/\)/],
    ['http', url(`${mirror.base}/${slug(absoluteUpstream)}/${file}`), /: another scheme \(http:\/\/\)/],
    ['file elsewhere', url(`file://${outside}`), /: outside the mirror folder/],
  ];
  for (const [name, edit, expect] of cases) {
    const dir = localRepo(edit);
    const stderr = await refused(repo, ['--mirror', `*=file://${dir}`], expect);
    assert.match(stderr, new RegExp(`charts/${esc(target.chart)}/Chart\\.yaml: ${esc(target.name)} ${esc(target.version)} from ${esc(absoluteUpstream)} via mirror file://${esc(dir)}: refusing the download URL of ${esc(target.name)} ${esc(target.version)} ".*" in file://${esc(dir)}/index\\.yaml: `), name);
  }
  const seen = mirror.requests.length;
  // a symlink in the folder is followed only while it stays inside
  const linked = localRepo();
  fs.rmSync(path.join(linked, file));
  fs.symlinkSync(outside, path.join(linked, file));
  await refused(repo, ['--mirror', `*=file://${linked}`], new RegExp(`refusing file://${esc(linked)}/${esc(file)}: a symlink to ${esc(outside)}, outside the mirror folder`));
  fs.rmSync(path.join(linked, file));
  fs.copyFileSync(outside, path.join(linked, 'real.tgz'));
  fs.symlinkSync('real.tgz', path.join(linked, file));
  const inside = await sccpAsync(['vendor', await build(path.join(tmpdir(), 'repo')), '--mirror', `*=file://${linked}`]);
  assert.is(inside.code, 0, `a symlink inside the folder is read: ${inside.stderr}`);
  // the digest: a mismatch, or none without --allow-unverified
  const bad = localRepo((t) => t.replace(new RegExp(`(name: ${esc(target.name)}\\n\\s+version: ${esc(target.version)}\\n\\s+digest: )[0-9a-f]{64}`), `$1${'0'.repeat(64)}`));
  await refused(repo, ['--mirror', `*=file://${bad}`], new RegExp(`${esc(target.name)} ${esc(target.version)} from .* via mirror file://${esc(bad)}: digest mismatch for file://${esc(bad)}/${esc(file)}: index\\.yaml says sha256 0{64}, the file has ${served.get(`${target.name}-${target.version}`)}`));
  const none = localRepo((t) => t.replace(/\n\s+digest: [0-9a-f]{64}/g, ''));
  await refused(repo, ['--mirror', `*=file://${none}`], /index\.yaml gives no digest for .*; pass --allow-unverified/);
  await refused(repo, ['--max-download', '0.0001', '--mirror', `*=file://${localRepo()}`], /read file:\/\/\S+\.tgz: larger than 0 MiB, the limit for a chart archive; raise it with --max-download MiB/);
  await refused(repo, ['--mirror', `*=file://${path.join(tmpdir(), 'absent')}`], /via mirror file:\/\/\S+absent: mirror file:\/\/\S+absent: no such directory/);
  assert.equal(mirror.requests.slice(seen), [], 'nothing was requested over HTTP');
});

test.run();
