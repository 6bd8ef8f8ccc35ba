import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import type { SyncFetcher } from './vendor-fetch';
import { localRef, readLocal } from './vendor-local';
import { chartMeta, mib, type ArchiveLimits } from './vendor-tar';

export const sha256hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const normalizeRepo = (url: string) => url.trim().replace(/\/+$/, '');
/** A mirror URL that is a Helm repository on disk (file:///abs/dir). */
export const isLocalSource = (source: string) => /^file:/i.test(source);
/** `--mirror '*=URL'`: the mirror of every upstream repository that has no mirror of its own. */
export const ANY_UPSTREAM = '*';
/** Where to pull an upstream repository from: its own mirror, else the `*` mirror, else itself. */
export const mirrorOf = (mirrors: Map<string, string> | undefined, repository: string) => mirrors?.get(repository) ?? mirrors?.get(ANY_UPSTREAM) ?? repository;
const bareVersion = (v: string) => v.replace(/^v/, '');
export const sameVersion = (a: string, b: string) => a === b || bareVersion(a) === bareVersion(b);

export interface PullTarget {
  name: string;
  version: string;
  /** Where to pull from: the dependency's repository, or its mirror. */
  source: string;
}

export interface PullContext {
  fetcher: () => SyncFetcher;
  /** helm binary, needed for oci:// sources only. */
  helm?: string;
  plainHttp?: boolean;
  /** Plain http:// is allowed (repositories, mirrors, download URLs and redirects); else refused. */
  allowHttp?: boolean;
  /** An index entry without a digest is vendored (with a warning); else refused. */
  allowUnverified?: boolean;
  limits: ArchiveLimits;
  progress: (line: string) => void;
  /** Parsed index.yaml entries (or the error loading it) by source, so each index is fetched once a run. */
  indexes: Map<string, Record<string, any[]> | Error>;
}

/** Refuse what is not https:// (or http:// with --allow-http): the index may name any URL, a server may redirect anywhere. */
function checkScheme(ctx: PullContext, url: string, what: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase();
  if (scheme === 'https' || (scheme === 'http' && ctx.allowHttp)) return;
  if (scheme === 'http') throw new Error(`refusing ${what} ${url}: plain http:// can be read and changed on the way; pass --allow-http to allow it`);
  throw new Error(`refusing ${what} ${url}: only https:// (or http:// with --allow-http) is downloaded`);
}

function get(ctx: PullContext, url: string, maxBytes: number, what: string, source?: string): Buffer {
  if (source && isLocalSource(source)) return readLocal(source, url, maxBytes, what);
  checkScheme(ctx, url, what);
  const r = ctx.fetcher().get(url, maxBytes);
  if (r.url && r.url !== url) checkScheme(ctx, r.url, `the redirect of ${url} to`);
  if (r.tooLarge) throw new Error(`GET ${url}: larger than ${mib(maxBytes)}, the limit for ${what}; raise it with --max-download MiB if that is expected`);
  if (r.body && r.status >= 200 && r.status < 300) return r.body;
  throw new Error(`GET ${url}: ${r.status ? `${r.status} ${r.statusText}`.trim() : r.error}`);
}

/** An index.yaml may be much larger than one chart (every version of every chart); it is capped too. */
const indexLimit = (ctx: PullContext) => Math.max(ctx.limits.maxDownload, 100 * 1024 * 1024);

function index(ctx: PullContext, source: string): Record<string, any[]> {
  let idx = ctx.indexes.get(source);
  if (!idx) {
    const url = `${source}/index.yaml`;
    ctx.progress(`  ${isLocalSource(source) ? 'read ' : 'fetch'}       ${url}`);
    try {
      const doc = parse(get(ctx, url, indexLimit(ctx), 'an index', source).toString('utf8'), { schema: 'failsafe' });
      if (!doc || typeof doc.entries !== 'object' || doc.entries === null) throw new Error(`${url} is not a Helm repository index (no entries)`);
      idx = doc.entries as Record<string, any[]>;
    } catch (e) {
      const m = (e as Error).message;
      idx = new Error(m.startsWith('GET ') || m.includes(url) || m.startsWith('mirror ') ? m : `${url}: ${m}`);
    }
    ctx.indexes.set(source, idx);
  }
  if (idx instanceof Error) throw idx;
  return idx;
}

function pullHttp(ctx: PullContext, t: PullTarget): Buffer {
  const entries = index(ctx, t.source);
  const versions = Array.isArray(entries[t.name]) ? entries[t.name] : undefined;
  if (!versions) throw new Error(`chart "${t.name}" is not in ${t.source}/index.yaml`);
  const entry = versions.find((e) => e && sameVersion(String(e.version), t.version));
  if (!entry) {
    const have = versions.slice(0, 5).map((e) => String(e?.version)).join(', ');
    throw new Error(`version ${t.version} of "${t.name}" is not in ${t.source}/index.yaml (newest there: ${have || 'none'})`);
  }
  const ref = Array.isArray(entry.urls) ? entry.urls.find((u: unknown) => typeof u === 'string' && u) : undefined;
  if (!ref) throw new Error(`${t.name} ${t.version} has no download URL in ${t.source}/index.yaml`);
  const local = isLocalSource(t.source);
  const url = local ? localRef(t.source, ref, `the download URL of ${t.name} ${t.version}`) : new URL(ref, `${t.source}/`).href;
  ctx.progress(`  ${local ? 'read    ' : 'download'}    ${url}`);
  const digest = entry.digest === undefined || entry.digest === null || entry.digest === '' ? undefined : String(entry.digest).trim();
  if (digest !== undefined && !/^(sha256:)?[0-9a-fA-F]{64}$/.test(digest)) throw new Error(`${t.source}/index.yaml gives "${digest}" as the digest of ${t.name} ${t.version}: not a sha256`);
  if (digest === undefined && !ctx.allowUnverified) {
    throw new Error(`${t.source}/index.yaml gives no digest for ${t.name} ${t.version}, so the download cannot be verified; pass --allow-unverified to vendor it anyway`);
  }
  const body = get(ctx, url, ctx.limits.maxDownload, 'a chart archive', t.source);
  const got = sha256hex(body);
  if (digest === undefined) ctx.progress(`WARNING: ${t.name} ${t.version} from ${t.source} is vendored unverified: index.yaml gives no digest (--allow-unverified); sha256 ${got} is recorded`);
  else if (digest.replace(/^sha256:/, '').toLowerCase() !== got) throw new Error(`digest mismatch for ${url}: index.yaml says sha256 ${digest.replace(/^sha256:/, '').toLowerCase()}, the ${local ? 'file' : 'download'} has ${got}`);
  return body;
}

function pullOci(ctx: PullContext, t: PullTarget): Buffer {
  if (!ctx.helm) throw new Error(`pulling from ${t.source} needs helm (OCI registry): pass --helm, set $SCCP_HELM or put helm on PATH`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-vendor-oci-'));
  try {
    const ref = `${t.source}/${t.name}`;
    ctx.progress(`  pull        ${ref}:${t.version}`);
    const args = ['pull', ref, '--version', t.version, '--destination', tmp, ...(ctx.plainHttp ? ['--plain-http'] : [])];
    const r = spawnSync(ctx.helm, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error) throw new Error(`cannot run ${ctx.helm}: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`helm pull ${ref} --version ${t.version} failed: ${(r.stderr || r.stdout).trim().replace(/^Error: /, '')}`);
    const files = fs.readdirSync(tmp).filter((f) => f.endsWith('.tgz'));
    if (files.length !== 1) throw new Error(`helm pull ${ref} --version ${t.version} left ${files.length} archives`);
    const size = fs.lstatSync(path.join(tmp, files[0])).size;
    if (size > ctx.limits.maxDownload) throw new Error(`helm pull ${ref} --version ${t.version}: the archive is ${mib(size)}, larger than ${mib(ctx.limits.maxDownload)}, the limit for a chart archive; raise it with --max-download MiB if that is expected`);
    return fs.readFileSync(path.join(tmp, files[0]));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Download one pinned chart (index.yaml + archive over HTTP(S) or from a file:// folder, or helm pull for oci://) and check it is that chart. */
export function pullChart(ctx: PullContext, t: PullTarget): Buffer {
  const body = t.source.startsWith('oci://') ? pullOci(ctx, t) : pullHttp(ctx, t);
  let meta;
  try {
    meta = chartMeta(body, ctx.limits.maxUnpacked);
  } catch (e) {
    throw new Error(`the download is not a plain packaged chart: ${(e as Error).message}`);
  }
  if (meta.name !== t.name || !sameVersion(meta.version, t.version)) throw new Error(`the download is chart "${meta.name}" version ${meta.version}, not "${t.name}" ${t.version}`);
  return body;
}
