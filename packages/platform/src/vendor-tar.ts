import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { isSafeRelPath } from '@sccp/core';

export interface ChartMeta {
  name: string;
  version: string;
}

const MiB = 1024 * 1024;
export const mib = (bytes: number) => `${Math.round((bytes / MiB) * 100) / 100} MiB`;

/** Size limits for chart archives: the download (compressed) and what it unpacks to. */
export interface ArchiveLimits {
  maxDownload: number;
  maxUnpacked: number;
}

export const DEFAULT_LIMITS: ArchiveLimits = { maxDownload: 20 * MiB, maxUnpacked: 200 * MiB };

/** Gunzip with a cap on the output: a gzip bomb stops at the limit, with an error naming it. */
function gunzipLimited(tgz: Buffer, maxUnpacked: number): Buffer {
  try {
    return gunzipSync(tgz, { maxOutputLength: maxUnpacked });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw new Error(`the archive unpacks to more than ${mib(maxUnpacked)}, the limit (a gzip bomb?); raise it with --max-unpacked MiB if the chart is really that large`);
    }
    throw new Error(`not a gzip archive: ${(e as Error).message}`);
  }
}

/** Entry types a packaged chart may hold: regular files and directories, plus the headers that carry long names. */
const FILE = new Set(['0', '\0', '7']);
const KINDS: Record<string, string> = { '1': 'a hard link', '2': 'a symlink', '3': 'a character device', '4': 'a block device', '6': 'a FIFO', K: 'a long link name', S: 'a sparse file' };

/**
 * Every file of a (gzipped) tar archive whose path matches `want`, by path, after checking the whole
 * archive is a plain chart: only regular files and directories, every path relative and normalised
 * (no `/` start, no `..`), all inside one top-level folder, within `maxUnpacked`. Anything else is
 * an error naming the entry: helm or a later reader must never see a link, a device or a path out.
 * Handles ustar prefixes, PAX and GNU long names.
 */
export function tarFiles(tgz: Buffer, want: (path: string) => boolean, maxUnpacked = DEFAULT_LIMITS.maxUnpacked): Map<string, Buffer> {
  const tar = gunzipLimited(tgz, maxUnpacked);
  const out = new Map<string, Buffer>();
  const str = (b: Buffer) => b.toString('utf8').replace(/\0.*$/s, '');
  let longName: string | undefined;
  let top: string | undefined;
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    if (h[124] & 0x80) throw new Error('an entry has a base-256 size (larger than 8 GiB)');
    const sizeField = str(h.subarray(124, 136)).trim() || '0';
    if (!/^[0-7]+$/.test(sizeField)) throw new Error(`corrupt tar header at byte ${off} (size "${sizeField}")`);
    const size = parseInt(sizeField, 8);
    const type = String.fromCharCode(h[156]);
    const prefix = str(h.subarray(345, 500));
    if (off + 512 + size > tar.length) throw new Error('the tar archive is truncated');
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') longName = str(data);
    else if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1] ?? longName;
    else if (type !== 'g') {
      const name = longName ?? (prefix ? `${prefix}/${str(h.subarray(0, 100))}` : str(h.subarray(0, 100)));
      longName = undefined;
      if (!FILE.has(type) && type !== '5') throw new Error(`"${name}" is ${KINDS[type] ?? `of tar entry type "${type}"`}: a chart archive holds regular files and folders only`);
      const rel = type === '5' ? name.replace(/\/$/, '') : name;
      if (!isSafeRelPath(rel)) throw new Error(`"${name}" is not a relative path inside the chart (absolute, "..", "." or empty segments, or a backslash)`);
      const first = rel.split('/')[0];
      if (FILE.has(type) && !rel.includes('/')) throw new Error(`"${name}" is outside the chart's top-level folder`);
      if (top !== undefined && first !== top) throw new Error(`"${name}" is outside the chart's top-level folder "${top}/" (one folder per archive)`);
      top = first;
      if (FILE.has(type) && want(rel)) out.set(rel, Buffer.from(data));
    }
  }
  return out;
}

/** Name and version from the Chart.yaml at the top of a packaged chart, after checking the archive (tarFiles); throws when there is none. */
export function chartMeta(tgz: Buffer, maxUnpacked = DEFAULT_LIMITS.maxUnpacked): ChartMeta {
  const files = tarFiles(tgz, (p) => /^[^/]+\/Chart\.yaml$/.test(p), maxUnpacked);
  const first = [...files.values()][0];
  if (!first) throw new Error('no <chart>/Chart.yaml in the archive: not a packaged Helm chart');
  const doc = parse(first.toString('utf8'), { schema: 'failsafe' });
  return { name: String(doc?.name ?? ''), version: String(doc?.version ?? '') };
}
