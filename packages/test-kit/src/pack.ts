import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The files `npm pack` would put in the package's tarball (paths relative to the package). */
export function packedFiles(packageDir: string): string[] {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`npm pack --dry-run in ${packageDir} failed: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  return info.files.map((f) => f.path).sort();
}

function walk(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name)).split(path.sep).join('/')]));
}

/**
 * What a published SCCP package must contain, derived from its sources rather than from its
 * `files` list: package.json and README.md; for every src/**\/*.ts the compiled .js and .d.ts;
 * schema.json, templates/ and the Lua scripts of lua/ (Argo CD resource customizations) when
 * present; every policy (not the tests: kyverno-test.yaml,
 * *_test.rego, fixtures) and the compiled policies/policy.wasm when there is Rego; plus `extra`
 * files the package ships on purpose (e.g. the CLI's bin script).
 */
export function expectedPackFiles(packageDir: string, extra: string[] = []): string[] {
  const has = (p: string) => fs.existsSync(path.join(packageDir, p));
  const files = new Set(['package.json', 'README.md', ...extra]);
  for (const src of walk(path.join(packageDir, 'src'))) {
    if (!src.endsWith('.ts') || src.endsWith('.d.ts')) continue;
    const base = `dist/${src.replace(/\.ts$/, '')}`;
    files.add(`${base}.js`).add(`${base}.d.ts`);
  }
  if (has('schema.json')) files.add('schema.json');
  for (const t of walk(path.join(packageDir, 'templates'))) files.add(`templates/${t}`);
  for (const l of walk(path.join(packageDir, 'lua'))) if (l.endsWith('.lua') && !l.includes('/')) files.add(`lua/${l}`);
  for (const k of walk(path.join(packageDir, 'policies', 'kyverno'))) if (k.endsWith('.yaml') && k !== 'kyverno-test.yaml' && !k.includes('/')) files.add(`policies/kyverno/${k}`);
  const rego = walk(path.join(packageDir, 'policies', 'rego')).filter((r) => r.endsWith('.rego') && !r.endsWith('_test.rego') && !r.includes('/'));
  for (const r of rego) files.add(`policies/rego/${r}`);
  if (rego.length) files.add('policies/policy.wasm');
  return [...files].sort();
}

/** Differences between what `npm pack` ships and what the package must ship; empty when they match. */
export function packProblems(packageDir: string, extra: string[] = []): string[] {
  const packed = new Set(packedFiles(packageDir));
  const expected = new Set(expectedPackFiles(packageDir, extra));
  return [
    ...[...expected].filter((f) => !packed.has(f)).map((f) => `missing from the tarball: ${f}`),
    ...[...packed].filter((f) => !expected.has(f)).map((f) => `should not be in the tarball: ${f}`),
  ];
}
