import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');
export const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };

/**
 * A scratch workspace to run the feature generator in: this repository's root config files, with
 * node_modules (so @sccp/tools is this folder), .tools (the engines), packages/core and
 * packages/test-kit linked in, and the policy compiler (run by a package's `generate`).
 */
export function scratchWorkspace(prefix = 'sccp-feature-gen-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const f of ['package.json', 'nx.json', 'tsconfig.json', 'tsconfig.base.json']) fs.copyFileSync(path.join(root, f), path.join(dir, f));
  fs.mkdirSync(path.join(dir, 'packages'));
  fs.mkdirSync(path.join(dir, 'tools'));
  fs.copyFileSync(path.join(root, 'tools', 'compile-policies.mjs'), path.join(dir, 'tools', 'compile-policies.mjs'));
  for (const link of ['node_modules', '.tools', 'packages/core', 'packages/test-kit']) fs.symlinkSync(path.join(root, link), path.join(dir, link), 'dir');
  return dir;
}

/** Output without colours, and with uvu's summary lines renamed so tools/run-tests.mjs does not count a nested run. */
export const clean = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '').replace(/^(\s*)(Total|Passed|Skipped):/gm, '$1nested $2:');

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = nxEnv) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, out: clean(`${r.stdout}\n${r.stderr}`), stdout: r.stdout };
}
