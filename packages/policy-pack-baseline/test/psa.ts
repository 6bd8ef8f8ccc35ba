import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '@sccp/test-kit';

/**
 * The Pod Security Admission project's own fixtures (Go module k8s.io/pod-security-admission,
 * test/testdata/<level>/v1.<minor>/{pass,fail}/*.yaml), pinned by tools/psa/go.mod and read from
 * the Go module cache. `go mod download` fetches the module when it is missing and checks it
 * against tools/psa/go.sum.
 */
export const PSA_MODULE = 'k8s.io/pod-security-admission';
export type PsaLevel = 'baseline' | 'restricted';

export interface PsaFixture {
  level: PsaLevel;
  expect: 'pass' | 'fail';
  /** File name without .yaml, e.g. allowprivilegeescalation0. */
  file: string;
  /** The check the fixture exercises: the file name without its trailing number (base, base_windows, sysctls, ...). */
  check: string;
  resource: any;
}

let cached: { version: string; dir: string } | undefined;

/** The pinned module version and its directory in the module cache (downloaded when missing). */
export function psaModule(): { version: string; dir: string } {
  if (cached) return cached;
  const modDir = path.join(repoRoot(), 'tools', 'psa');
  const r = spawnSync('go', ['mod', 'download', '-json', PSA_MODULE], { cwd: modDir, encoding: 'utf8', env: { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=readonly' } });
  if (r.error || r.status !== 0) throw new Error(`go mod download ${PSA_MODULE} in tools/psa failed: ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
  const info = JSON.parse(r.stdout);
  if (info.Error) throw new Error(`go mod download ${PSA_MODULE}: ${info.Error}`);
  return (cached = { version: info.Version, dir: info.Dir });
}

/** The newest v1.<minor> directory of a level (the version the fixtures of "latest" are for). */
export function latestMinor(level: PsaLevel): string {
  const dir = path.join(psaModule().dir, 'test', 'testdata', level);
  const minors = fs.readdirSync(dir).filter((d) => /^v1\.\d+$/.test(d)).sort((a, b) => Number(a.slice(3)) - Number(b.slice(3)));
  return minors[minors.length - 1];
}

/**
 * Every fixture of the newest version directory of `level`. Each Pod is put in namespace `psa`
 * (none is a platform namespace) and renamed `psa-<level>-<pass|fail>-<file>` (PSA reuses names
 * across pass/ and fail/, and uses "_", which is not a DNS name).
 */
export function psaFixtures(level: PsaLevel): PsaFixture[] {
  const minor = latestMinor(level);
  const out: PsaFixture[] = [];
  for (const expect of ['pass', 'fail'] as const) {
    const dir = path.join(psaModule().dir, 'test', 'testdata', level, minor, expect);
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
      const file = f.replace(/\.yaml$/, '');
      const resource = parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      resource.metadata = { ...resource.metadata, name: `psa-${level}-${expect}-${file.replace(/_/g, '-')}`.toLowerCase(), namespace: 'psa' };
      out.push({ level, expect, file, check: file.replace(/\d+$/, ''), resource });
    }
  }
  return out;
}

/**
 * The checks of the pinned module's policy package (policy/check_*.go): each `Check{ID, Level}`,
 * the ID a string or a CheckID constant of the package.
 */
export function psaChecks(): { id: string; level: PsaLevel }[] {
  const dir = path.join(psaModule().dir, 'policy');
  const files = fs.readdirSync(dir).filter((f) => /^check_.*\.go$/.test(f) && !f.endsWith('_test.go'));
  const sources = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const constants = new Map([...sources.join('\n').matchAll(/(\w+)\s+CheckID\s*=\s*"(\w+)"/g)].map((m) => [m[1], m[2]]));
  const out: { id: string; level: PsaLevel }[] = [];
  for (const src of sources) {
    for (const m of src.matchAll(/\bID:\s*(?:"(\w+)"|(\w+)),\s*Level:\s*api\.Level(Baseline|Restricted)/g)) {
      const id = m[1] ?? constants.get(m[2]);
      if (!id) throw new Error(`unknown CheckID constant ${m[2]} in ${dir}`);
      out.push({ id, level: m[3].toLowerCase() as PsaLevel });
    }
  }
  if (out.length < 10) throw new Error(`found only ${out.length} checks in ${dir}: has the layout changed?`);
  return out;
}
