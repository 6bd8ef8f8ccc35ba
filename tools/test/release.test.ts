import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

// `nx release` with this repository's nx.json in a scratch Git repository holding the workspace's
// manifests: independent versions, the bump read from conventional commits, dependents patched,
// one changelog per released package, one tag per released package.
const root = path.resolve(__dirname, '..', '..');
const t = suite('nx release: independent versions from conventional commits');

const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  // the lock file update runs `npm install --package-lock-only`; the root `prepare` (tsc -b) has no sources here
  npm_config_ignore_scripts: 'true',
  GIT_AUTHOR_NAME: 'Release Test',
  GIT_AUTHOR_EMAIL: 'release@example.com',
  GIT_COMMITTER_NAME: 'Release Test',
  GIT_COMMITTER_EMAIL: 'release@example.com',
};

function run(cwd: string, cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const packageDirs = () => fs.readdirSync(path.join(root, 'packages')).filter((d) => fs.existsSync(path.join(root, 'packages', d, 'package.json')));

/** A Git repository with the workspace's root config and every package manifest, each package tagged at its current version. */
function scratchWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-release-'));
  for (const f of ['package.json', 'package-lock.json', 'nx.json', 'tsconfig.base.json', 'tsconfig.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  for (const d of packageDirs()) {
    fs.mkdirSync(path.join(dir, 'packages', d), { recursive: true });
    fs.copyFileSync(path.join(root, 'packages', d, 'package.json'), path.join(dir, 'packages', d, 'package.json'));
    fs.writeFileSync(path.join(dir, 'packages', d, 'README.md'), `# ${d}\n`);
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules\n.nx/\n');
  run(dir, 'git', ['init', '-q', '-b', 'main']);
  commit(dir, 'chore: initial import');
  for (const d of packageDirs()) {
    const { name, version } = manifest(dir, d);
    run(dir, 'git', ['tag', `${name}@${version}`]);
  }
  return dir;
}

function commit(dir: string, message: string, touch?: string) {
  if (touch) fs.appendFileSync(path.join(dir, touch), `${message}\n`);
  run(dir, 'git', ['add', '-A']);
  run(dir, 'git', ['commit', '-q', '-m', message]);
}

const manifest = (dir: string, pkg: string) => JSON.parse(fs.readFileSync(path.join(dir, 'packages', pkg, 'package.json'), 'utf8'));
const bump = (v: string, part: 'minor' | 'patch') => {
  const [ma, mi, pa] = v.split('.').map(Number);
  return part === 'minor' ? `${ma}.${mi + 1}.0` : `${ma}.${mi}.${pa + 1}`;
};

t('a feature commit releases that package and its dependents only, with changelogs and tags', () => {
  const dir = scratchWorkspace();
  try {
    const before = Object.fromEntries(packageDirs().map((d) => [d, manifest(dir, d).version as string]));
    commit(dir, 'feat(feature-loki): retention per tenant', 'packages/feature-loki/README.md');
    commit(dir, 'docs(feature-metallb): explain BGP peers', 'packages/feature-metallb/README.md');
    run(dir, 'npx', ['nx', 'release', '--skip-publish']);

    // 0.x: a feature is a patch bump (Nx's adjustSemverBumpsForZeroMajorVersion), a dependent gets a patch
    const loki = manifest(dir, 'feature-loki');
    assert.is(loki.version, bump(before['feature-loki'], 'patch'));
    const platform = manifest(dir, 'platform');
    assert.is(platform.version, bump(before.platform, 'patch'));
    assert.is(platform.dependencies['@sccp/feature-loki'], loki.version, 'the umbrella depends on the new version');
    for (const d of packageDirs().filter((d) => !['feature-loki', 'platform'].includes(d))) {
      assert.is(manifest(dir, d).version, before[d], `${d} is not released`);
    }

    const changelog = fs.readFileSync(path.join(dir, 'packages', 'feature-loki', 'CHANGELOG.md'), 'utf8');
    assert.match(changelog, `## ${loki.version}`);
    assert.match(changelog, 'retention per tenant');
    assert.not.match(changelog, 'BGP', 'another package\'s commit is not in this changelog');
    assert.match(fs.readFileSync(path.join(dir, 'packages', 'platform', 'CHANGELOG.md'), 'utf8'), `@sccp/feature-loki to ${loki.version}`);
    assert.not.ok(fs.existsSync(path.join(dir, 'packages', 'feature-metallb', 'CHANGELOG.md')), 'docs commits release nothing');
    assert.not.ok(fs.existsSync(path.join(dir, 'CHANGELOG.md')), 'no workspace changelog');

    const tags = run(dir, 'git', ['tag', '--points-at', 'HEAD']).trim().split('\n').sort();
    assert.equal(tags, [`@sccp/feature-loki@${loki.version}`, `@sccp/platform@${platform.version}`]);
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
    assert.is(lock.packages['packages/feature-loki'].version, loki.version, 'package-lock.json follows');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

t('a breaking change in @sccp/core is a minor bump on 0.x and patches every dependent', () => {
  const dir = scratchWorkspace();
  try {
    const before = Object.fromEntries(packageDirs().map((d) => [d, manifest(dir, d).version as string]));
    commit(dir, 'feat(core)!: render context drops `features`', 'packages/core/README.md');
    run(dir, 'npx', ['nx', 'release', '--skip-publish']);
    assert.is(manifest(dir, 'core').version, bump(before.core, 'minor'));
    for (const d of packageDirs().filter((d) => !manifest(dir, d).private && manifest(dir, d).dependencies?.['@sccp/core'])) {
      assert.is(manifest(dir, d).version, bump(before[d], 'patch'), `${d} depends on core`);
      assert.is(manifest(dir, d).dependencies['@sccp/core'], manifest(dir, 'core').version);
    }
    assert.match(fs.readFileSync(path.join(dir, 'packages', 'core', 'CHANGELOG.md'), 'utf8'), /Breaking Changes[\s\S]*render context drops/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

t.run();
