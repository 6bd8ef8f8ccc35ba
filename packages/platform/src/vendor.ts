import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError, listFiles, resolveOutput, type Diagnostic } from '@sccp/core';
import type { SyncFetcher } from './vendor-fetch';
import { mirrorOf, pullChart, sha256hex, type PullContext } from './vendor-pull';
import { VENDOR_RECORD, fileSha, isLocal, readDependencies, readRecord, type VendorResult } from './vendor-record';
import { DEFAULT_LIMITS, type ArchiveLimits } from './vendor-tar';
import { commit, lock } from './vendor-write';

export * from './vendor-record';

export interface VendorOptions {
  /** Upstream repository URL (or `*`: every upstream without its own) → URL to pull from instead (normalized, no trailing slash). */
  mirrors?: Map<string, string>;
  helm?: string;
  plainHttp?: boolean;
  /** Allow plain http:// repositories and mirrors (a warning is printed for each). */
  allowHttp?: boolean;
  /** Vendor charts whose index entry has no digest (a warning is printed for each). */
  allowUnverified?: boolean;
  limits?: Partial<ArchiveLimits>;
  progress?: (line: string) => void;
}

/** The repository as vendor sees it: a directory, with no symlink or special file anywhere in it (never followed). */
export function vendorRoot(repoDir: string, verb = 'vendor into'): string {
  const repo = resolveOutput(repoDir, verb);
  if (!fs.existsSync(repo)) throw new UserError(`cannot ${verb} ${repo}: no such directory`);
  listFiles(repo);
  return repo;
}

/**
 * Pull every pinned upstream chart into charts/<chart>/charts/ and record it in .sccp/vendor.json.
 * All downloads land in a staging directory beside the repository first; the repository changes
 * only when every one succeeded and matched its pinned name, version and index digest.
 */
export function vendorRepository(repoDir: string, opts: VendorOptions = {}): VendorResult {
  const repo = vendorRoot(repoDir);
  const progress = opts.progress ?? (() => {});
  const { deps, skipped, local } = readDependencies(repo);
  const sources = [...new Set(deps.map((d) => mirrorOf(opts.mirrors, d.repository)))].sort();
  const plain = sources.filter((s) => s.startsWith('http://'));
  if (plain.length && !opts.allowHttp) {
    throw new UserError(`refusing plain http:// (anyone on the way can read and change the charts): ${plain.join(', ')}; use https://, or pass --allow-http to pull from ${plain.length === 1 ? 'it' : 'them'} anyway`);
  }
  for (const s of plain) progress(`WARNING: ${s} is plain http:// (--allow-http): only the index digests protect the charts`);
  if (opts.plainHttp && sources.some((s) => s.startsWith('oci://'))) progress('WARNING: --plain-http: OCI registries are pulled without TLS');
  const unlock = lock(repo);
  const stage = path.join(path.dirname(repo), `.${path.basename(repo)}.sccp-vendor-${process.pid}-${Date.now().toString(36)}`);
  let fetcher: SyncFetcher | undefined;
  try {
    for (const e of fs.readdirSync(path.dirname(repo))) if (e.startsWith(`.${path.basename(repo)}.sccp-vendor-`)) fs.rmSync(path.join(path.dirname(repo), e), { recursive: true, force: true });
    const prev = readRecord(repo)?.charts ?? {};
    const ctx: PullContext = {
      fetcher: () => (fetcher ??= (require('./vendor-fetch') as typeof import('./vendor-fetch')).syncFetcher()),
      helm: opts.helm,
      plainHttp: opts.plainHttp,
      allowHttp: opts.allowHttp,
      allowUnverified: opts.allowUnverified,
      limits: { ...DEFAULT_LIMITS, ...opts.limits },
      progress,
      indexes: new Map(),
    };
    const result: VendorResult = { record: VENDOR_RECORD, charts: [], pruned: [], skipped, foreign: [] };
    const staged = new Map<string, string>();
    const failures: Diagnostic[] = [];
    for (const d of deps) {
      const abs = path.join(repo, d.file);
      const old = prev[d.file];
      const onDisk = fs.existsSync(abs) ? fileSha(abs) : undefined;
      if (old && onDisk && old.sha256 === onDisk && old.name === d.name && old.version === d.version && old.repository === d.repository) {
        result.charts.push({ ...d, sha256: onDisk, action: 'unchanged' });
        progress(`  unchanged   ${d.file}`);
        continue;
      }
      const source = mirrorOf(opts.mirrors, d.repository);
      try {
        const body = pullChart(ctx, { name: d.name, version: d.version, source });
        const sha = sha256hex(body);
        if (onDisk && !old && onDisk !== sha) throw new Error(`refusing to overwrite ${d.file}: SCCP did not vendor it (not in ${VENDOR_RECORD}) and it differs from the download; move it away`);
        fs.mkdirSync(stage, { recursive: true });
        const tmp = path.join(stage, String(staged.size));
        fs.writeFileSync(tmp, body);
        staged.set(d.file, tmp);
        result.charts.push({ ...d, sha256: sha, action: onDisk === sha && !old ? 'adopted' : 'downloaded' });
      } catch (e) {
        const via = source !== d.repository ? ` via mirror ${source}` : '';
        failures.push({ file: `charts/${d.chart}/Chart.yaml`, message: `${d.name} ${d.version} from ${d.repository}${via}: ${(e as Error).message}` });
      }
    }
    if (failures.length) throw new UserError([...failures, { message: `nothing was vendored; ${repo} is unchanged` }]);
    commit(repo, result, staged, prev, progress);
    result.foreign = result.foreign.filter((f) => !isLocal(repo, f, local));
    return result;
  } finally {
    fetcher?.close();
    fs.rmSync(stage, { recursive: true, force: true });
    unlock();
  }
}
