import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(__dirname, '..', 'bin', 'sccp.js');
export const EXAMPLE = path.join(ROOT, 'examples', 'bare-metal', 'platform.yaml');

export function tmpdir(prefix = 'sccp-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real CLI as a user would. */
export function sccp(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: { ...process.env, ...opts.env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under dir with its content (relative forward-slash paths, sorted). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out[path.relative(dir, f).split(path.sep).join('/')] = fs.readFileSync(f, 'utf8');
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** A copy of the bare-metal example with a text substitution applied. */
/**
 * A project folder with a third-party feature package in its node_modules/ (`index` is the
 * package's index.js; `schema` its schema.json). It lives under packages/platform/tmp/
 * (git-ignored) so the package resolves @sccp/core from the workspace, as it would from its own
 * node_modules once installed. Returns the project folder.
 */
export function featureProject(prefix: string, pkg: { name: string; version?: string; index: string; schema?: object }): string {
  const base = path.join(__dirname, '..', 'tmp');
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, prefix));
  const folder = path.join(dir, 'node_modules', ...pkg.name.split('/'));
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: pkg.name, version: pkg.version ?? '1.0.0', main: 'index.js' }));
  fs.writeFileSync(path.join(folder, 'schema.json'), JSON.stringify(pkg.schema ?? { type: 'object', additionalProperties: false, properties: {} }));
  fs.writeFileSync(path.join(folder, 'index.js'), pkg.index);
  return dir;
}

let exampleRepo: string | undefined;
/** A fresh copy of the bare-metal example's generated repository (built once per test file). */
export function exampleRepoCopy(): string {
  if (!exampleRepo) {
    exampleRepo = path.join(tmpdir(), 'repo');
    const r = sccp(['build', EXAMPLE, '--out', exampleRepo]);
    if (r.code !== 0) throw new Error(`sccp build of the example failed (exit ${r.code}):\n${r.stderr}`);
  }
  const copy = path.join(tmpdir(), 'repo');
  fs.cpSync(exampleRepo, copy, { recursive: true });
  return copy;
}

export function variant(edit: (text: string) => string, name = 'platform.yaml'): string {
  const dir = tmpdir('sccp-input-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(EXAMPLE, 'utf8')));
  return file;
}
