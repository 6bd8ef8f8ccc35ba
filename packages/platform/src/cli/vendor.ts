import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { EXIT, UsageError, UserError, emitJson } from '@sccp/core';
import type { Parsed } from './args';
import type { Io } from './main';

export const VENDOR_HELP = `Copies every upstream chart the wrapper charts depend on (charts/<feature>/Chart.yaml
dependencies, pinned versions) into charts/<feature>/charts/<name>-<version>.tgz and records name,
version, repository and sha256 of each in .sccp/vendor.json, so ArgoCD renders the charts from the
Git repository alone, with no Helm repository reachable. HTTPS repositories are read with their
index.yaml, and the digest it gives must match the download; oci:// ones are pulled with helm (--helm,
$SCCP_HELM or PATH). Every archive must be the pinned chart and version, and a plain chart: regular
files and folders under one top-level folder, no links, devices or paths out of it. Downloads are
staged beside the repository: when one fails nothing is written. Archives already vendored and
unchanged are not downloaded again; archives vendored before and no longer pinned are removed (only
while they still have the recorded sha256). A symlink anywhere in the repository is refused.
\`sccp build\` keeps vendored files.

--mirror UPSTREAM=URL pulls an upstream repository from a mirror instead (air-gapped networks); give
several as UPSTREAM=URL,UPSTREAM=URL, or a YAML file of UPSTREAM: URL entries with --mirrors FILE.
UPSTREAM * is every upstream repository without a mirror of its own (one repository that holds all
the charts). A mirror is an https://, http:// or oci:// URL, or a Helm repository on disk:
file:///absolute/dir (its index.yaml and archives; in --mirrors FILE a plain path too, relative to
the file's folder), checked like one over HTTPS: digests, sizes, and its index may name only files
inside the folder. The record keeps the upstream repository, not the mirror. Repositories and
mirrors are untrusted:
  --allow-http         allow plain http:// repositories, mirrors and download URLs (a warning each)
  --allow-unverified   vendor charts whose index.yaml entry has no digest (a warning each)
  --plain-http         pull oci:// without TLS (helm's flag; a warning)
  --max-download MiB   largest chart archive to download (default 20)
  --max-unpacked MiB   largest size an archive may unpack to (default 200; a gzip bomb stops there)

--verify works offline: exit 0 when every dependency has its vendored archive and every archive
matches its recorded sha256, 1 with the list of missing, changed, outdated (Chart.yaml pins another
version now: run \`sccp vendor\` again), unrecorded and extra archives.

Examples:
  sccp vendor out
  sccp vendor out --mirror https://charts.jetstack.io=https://mirror.example/jetstack
  sccp vendor out --mirror '*=file:///srv/helm-mirror'
  sccp vendor out --verify`;

/**
 * The mirrors of --mirrors FILE and --mirror: upstream repository URL (or `*`: every upstream without
 * a mirror of its own) → mirror URL. A mirror is http(s)://, oci:// or file:///abs/dir (a Helm
 * repository on disk); in the file a plain path is a local mirror too, relative to the file's folder.
 */
function mirrorsFrom(p: Parsed, io: Io): { cli: Map<string, string>; all: Map<string, string> } {
  const { ANY_UPSTREAM, normalizeRepo } = require('../vendor-pull') as typeof import('../vendor-pull');
  const { localMirrorDir } = require('../vendor-local') as typeof import('../vendor-local');
  const { pathToFileURL } = require('node:url') as typeof import('node:url');
  const url = /^(https?|oci):\/\/\S+$/;
  const upstream = (k: string) => k === ANY_UPSTREAM || url.test(k);
  /** A mirror URL, normalized; a file:// one must name an absolute folder (throws with the reason). */
  const mirrorUrl = (v: string): string => {
    if (url.test(v)) return normalizeRepo(v);
    if (/^file:/i.test(v)) return normalizeRepo(pathToFileURL(localMirrorDir(v)).href);
    throw new Error('not an http://, https://, oci:// or file:/// URL');
  };
  const all = new Map<string, string>();
  if (typeof p.options.mirrors === 'string') {
    const file = path.resolve(io.cwd, p.options.mirrors);
    let doc: unknown;
    try {
      doc = parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UserError([{ file: p.options.mirrors, message: `cannot read the mirror list: ${(e as Error).message}` }]);
    }
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new UserError([{ file: p.options.mirrors, message: 'must be a YAML mapping of upstream repository URL (or "*") to mirror URL' }]);
    for (const [k, v] of Object.entries(doc)) {
      const pointer = `/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      let mirror: string | undefined;
      if (upstream(k) && typeof v === 'string' && v.trim()) {
        try {
          // a plain path (no scheme) is a Helm repository on disk, relative to the mirror list's folder
          mirror = /^[a-z][a-z0-9+.-]*:/i.test(v) ? mirrorUrl(v) : normalizeRepo(pathToFileURL(path.resolve(path.dirname(file), v)).href);
        } catch {
          mirror = undefined;
        }
      }
      if (!mirror) throw new UserError([{ file: p.options.mirrors, pointer, message: `"${k}: ${v}" is not an upstream URL (http://, https:// or oci://, or "*" for every upstream) mapped to a mirror (an http://, https:// or oci:// URL, file:///absolute/dir, or a folder relative to this file)` }]);
      all.set(k === ANY_UPSTREAM ? k : normalizeRepo(k), mirror);
    }
  }
  const cli = new Map<string, string>();
  const given = ([] as unknown[]).concat(p.options.mirror ?? []).filter((v): v is string => typeof v === 'string');
  for (const pair of given.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const m = /^(.+?)=((?:https?|oci|file):\/\/.*)$/i.exec(pair);
    let mirror: string | undefined;
    try {
      mirror = m && upstream(m[1]) ? mirrorUrl(m[2]) : undefined;
    } catch (e) {
      throw new UsageError(`sccp vendor: --mirror "${pair}": ${(e as Error).message}`);
    }
    if (!m || !mirror) throw new UsageError(`sccp vendor: --mirror wants UPSTREAM=URL (UPSTREAM an http://, https:// or oci:// URL, or * for every upstream; URL http://, https://, oci:// or file:///absolute/dir), got "${pair}"`);
    const key = m[1] === ANY_UPSTREAM ? m[1] : normalizeRepo(m[1]);
    cli.set(key, mirror);
    all.set(key, mirror);
  }
  return { cli, all };
}

/** --max-download / --max-unpacked: a size in MiB (a positive number). */
function limitsFrom(p: Parsed): { maxDownload?: number; maxUnpacked?: number } {
  const mib = (opt: string): number | undefined => {
    const v = p.options[opt];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) throw new UsageError(`sccp vendor: --${opt} wants a size in MiB (a positive number), got "${v}"`);
    return Math.round(Number(v) * 1024 * 1024);
  };
  return { maxDownload: mib('max-download'), maxUnpacked: mib('max-unpacked') };
}

function verify(repo: string, p: Parsed, io: Io, shown: string): number {
  const online = ['mirror', 'mirrors', 'plain-http', 'allow-http', 'allow-unverified', 'max-download'].filter((o) => p.options[o] !== undefined);
  if (online.length) throw new UsageError(`sccp vendor --verify works offline: it takes no ${online.map((o) => `--${o}`).join(', ')}`);
  const { verifyVendored } = require('../vendor-verify') as typeof import('../vendor-verify');
  const r = verifyVendored(repo);
  if (p.options.json) io.out(emitJson({ repo: shown, ...r }, { sort: false }));
  else if (r.ok) io.err(`${shown}: ${r.dependencies} vendored chart${r.dependencies === 1 ? '' : 's'} match .sccp/vendor.json and the versions every Chart.yaml pins`);
  else {
    const kinds = ['missing', 'changed', 'outdated', 'unrecorded', 'extra'] as const;
    const lines = kinds.flatMap((k) => r[k].map((x) => `  ${k.padEnd(10)}  ${x.file}  (${x.detail})`));
    const foreign = r.extra.filter((x) => x.detail.startsWith('not vendored by SCCP')).length;
    const hints = [
      ...(r.missing.length + r.changed.length + r.outdated.length + r.unrecorded.length + r.extra.length > foreign ? [`run \`sccp vendor ${shown}\` to vendor the pinned versions again`] : []),
      ...(foreign ? ['remove the extra archives SCCP did not vendor: helm would deploy them as subcharts'] : []),
    ];
    io.err(`${shown}: vendored charts do not match .sccp/vendor.json and the pinned versions:\n${lines.join('\n')}\n${hints.join('\n')}`);
  }
  for (const s of r.skipped) io.err(`skipped ${s}`);
  return r.ok ? EXIT.ok : EXIT.invalid;
}

export function vendorCommand(p: Parsed, io: Io): number {
  if (p.positionals.length > 1) throw new UsageError(`sccp vendor: expected at most one repository directory, got ${p.positionals.length}: ${p.positionals.join(' ')}`);
  const repo = path.resolve(io.cwd, p.positionals[0] ?? 'out');
  const rel = path.relative(io.cwd, repo);
  const shown = !rel ? '.' : rel.startsWith('..') ? repo : rel;
  if (!fs.existsSync(repo) || !fs.statSync(repo).isDirectory()) throw new UserError(`${shown} is not a directory; run \`sccp build --out ${shown}\` first`);
  if (p.options.verify) return verify(repo, p, io, shown);
  const v = require('../vendor') as typeof import('../vendor');
  const { deps } = v.readDependencies(v.vendorRoot(repo));
  const { cli, all } = mirrorsFrom(p, io);
  const repositories = [...new Set(deps.map((d) => d.repository))].sort();
  const unused = [...cli.keys()].filter((k) => k !== '*' && !repositories.includes(k));
  if (unused.length) throw new UsageError(`sccp vendor: --mirror ${unused.join(', ')}: no dependency in ${shown}/charts/*/Chart.yaml uses ${unused.length === 1 ? 'this repository' : 'these repositories'}; they are:\n  ${repositories.join('\n  ')}`);
  const { mirrorOf } = require('../vendor-pull') as typeof import('../vendor-pull');
  const oci = deps.some((d) => mirrorOf(all, d.repository).startsWith('oci://'));
  const helm = oci ? (p.options.helm as string | undefined) ?? (require('../verify') as typeof import('../verify')).findHelm() : undefined;
  io.err(`vendoring ${deps.length} chart${deps.length === 1 ? '' : 's'} from ${repositories.length} repositor${repositories.length === 1 ? 'y' : 'ies'} into ${shown}`);
  const limits = Object.fromEntries(Object.entries(limitsFrom(p)).filter(([, n]) => n !== undefined));
  const r = v.vendorRepository(repo, {
    mirrors: all,
    helm,
    plainHttp: !!p.options['plain-http'],
    allowHttp: !!p.options['allow-http'],
    allowUnverified: !!p.options['allow-unverified'],
    limits,
    progress: (l) => io.err(l),
  });
  for (const s of r.skipped) io.err(`skipped ${s}`);
  for (const f of r.foreign) io.err(`note: ${f} is not vendored by SCCP and no dependency names it; helm loads it as a subchart (\`sccp vendor --verify\` reports it)`);
  const count = (a: string) => r.charts.filter((c) => c.action === a).length;
  if (p.options.json) io.out(emitJson({ repo: shown, ...r }, { sort: false }));
  io.err(`vendored ${r.charts.length} chart${r.charts.length === 1 ? '' : 's'} into ${shown} (${count('downloaded')} downloaded, ${count('unchanged')} unchanged, ${count('adopted')} adopted, ${r.pruned.length} pruned); record ${r.record}`);
  return EXIT.ok;
}
