import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';

export interface ChartMeta {
  name: string;
  version: string;
}

/** The files of a (gzipped) tar archive whose path matches `want`, by path. Handles ustar prefixes, PAX and GNU long names. */
export function tarFiles(tgz: Buffer, want: (path: string) => boolean): Map<string, Buffer> {
  const tar = gunzipSync(tgz);
  const out = new Map<string, Buffer>();
  const str = (b: Buffer) => b.toString('utf8').replace(/\0.*$/s, '');
  let longName: string | undefined;
  for (let off = 0; off + 512 <= tar.length; ) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const size = parseInt(str(h.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(h[156] || 48);
    const prefix = str(h.subarray(345, 500));
    const data = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') longName = str(data);
    else if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1] ?? longName;
    else if (type !== 'g') {
      const name = longName ?? (prefix ? `${prefix}/${str(h.subarray(0, 100))}` : str(h.subarray(0, 100)));
      longName = undefined;
      if ((type === '0' || type === '\0') && want(name)) out.set(name, Buffer.from(data));
    }
  }
  return out;
}

/** Name and version from the Chart.yaml at the top of a packaged chart; throws when there is none. */
export function chartMeta(tgz: Buffer): ChartMeta {
  const files = tarFiles(tgz, (p) => /^[^/]+\/Chart\.yaml$/.test(p));
  const first = [...files.values()][0];
  if (!first) throw new Error('no <chart>/Chart.yaml in the archive: not a packaged Helm chart');
  const doc = parse(first.toString('utf8'), { schema: 'failsafe' });
  return { name: String(doc?.name ?? ''), version: String(doc?.version ?? '') };
}
