import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export type EngineName = 'helm' | 'opa' | 'kyverno' | 'kyverno-json' | 'gator' | 'registry' | 'argocd-lua' | 'etcd' | 'kube-apiserver';

/** The monorepo root (holds nx.json). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'nx.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (nx.json) above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** Absolute path of a built engine; throws (never skips) when it is not built. */
export function enginePath(name: EngineName): string {
  const p = path.join(repoRoot(), '.tools', 'bin', name);
  if (!fs.existsSync(p)) throw new Error(`engine "${name}" is not built: run \`npm run engines\``);
  return p;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function runEngine(name: EngineName, args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const r = spawnSync(enginePath(name), args, {
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, HELM_CACHE_HOME: tmpHelmHome('cache'), HELM_CONFIG_HOME: tmpHelmHome('config'), HELM_DATA_HOME: tmpHelmHome('data'), ...opts.env },
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let helmHome: string | undefined;
function tmpHelmHome(kind: string): string {
  helmHome ??= fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sccp-helm-'));
  const d = path.join(helmHome, kind);
  fs.mkdirSync(d, { recursive: true });
  return d;
}
