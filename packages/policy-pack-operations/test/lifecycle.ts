import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '@sccp/test-kit';

/** One row of the API lifecycle: minor versions (1.<minor>) and the replacement Kubernetes names. */
export interface Lifecycle {
  deprecated: number;
  removed: number;
  replacement?: string;
}

/**
 * k8s.io/api at the version tools/kube-apiserver/go.mod pins (the API server the tests run), read
 * from the Go module cache (`go mod download` fetches it and checks go.sum when it is missing).
 */
export function k8sApiModule(): { version: string; dir: string } {
  const modDir = path.join(repoRoot(), 'tools', 'kube-apiserver');
  const r = spawnSync('go', ['mod', 'download', '-json', 'k8s.io/api'], { cwd: modDir, encoding: 'utf8', env: { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=readonly' } });
  if (r.error || r.status !== 0) throw new Error(`go mod download k8s.io/api in tools/kube-apiserver failed: ${r.error?.message ?? ''}${r.stdout}${r.stderr}`);
  const info = JSON.parse(r.stdout);
  if (info.Error) throw new Error(`go mod download k8s.io/api: ${info.Error}`);
  return { version: info.Version, dir: info.Dir };
}

/** Packages of k8s.io/api whose types are not objects a repository holds (admission requests, discovery documents). */
const NOT_STORED = new Set(['admission', 'apidiscovery']);

/**
 * The API lifecycle k8s.io/api declares: every type (not *List) of every
 * zz_generated.prerelease-lifecycle.go, keyed `<group>/<version>/<Kind>` (`<version>/<Kind>` for
 * the core group), with APILifecycleDeprecated, APILifecycleRemoved and APILifecycleReplacement.
 */
export function upstreamLifecycle(dir = k8sApiModule().dir): Record<string, Lifecycle> {
  const out: Record<string, Partial<Lifecycle>> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'zz_generated.prerelease-lifecycle.go') read(p);
    }
  };
  const read = (file: string) => {
    const pkgDir = path.dirname(file);
    const [pkg, version] = path.relative(dir, pkgDir).split(path.sep);
    if (NOT_STORED.has(pkg)) return;
    const group = /GroupName\s*=\s*"([^"]*)"/.exec(fs.readFileSync(path.join(pkgDir, 'register.go'), 'utf8'))?.[1];
    if (group === undefined) throw new Error(`${pkgDir}/register.go: no GroupName`);
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/func \(in \*(\w+)\) APILifecycle(Deprecated|Removed|Replacement)\(\)[^{]*\{\s*return ([^\n]*)\n/g)) {
      const [, kind, what, ret] = m;
      if (kind.endsWith('List')) continue;
      const key = `${group ? `${group}/` : ''}${version}/${kind}`;
      const row = (out[key] ??= {});
      if (what === 'Replacement') {
        const r = /Group: "([^"]*)", Version: "([^"]*)", Kind: "([^"]*)"/.exec(ret);
        if (r) row.replacement = `${r[1] ? `${r[1]}/` : ''}${r[2]} ${r[3]}`;
      } else {
        const n = /^1, (\d+)$/.exec(ret.trim());
        if (!n) throw new Error(`${file}: ${kind}.APILifecycle${what} returns ${ret}, not 1, <minor>`);
        row[what === 'Deprecated' ? 'deprecated' : 'removed'] = Number(n[1]);
      }
    }
  };
  walk(dir);
  for (const [k, v] of Object.entries(out)) if (v.deprecated === undefined || v.removed === undefined) throw new Error(`k8s.io/api: ${k} has no deprecated or removed version`);
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k] as Lifecycle]));
}
