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
export function variant(edit: (text: string) => string, name = 'platform.yaml'): string {
  const dir = tmpdir('sccp-input-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, edit(fs.readFileSync(EXAMPLE, 'utf8')));
  return file;
}
