import * as fs from 'node:fs';
import * as path from 'node:path';
import { lockOutput, safeJoin } from '@sccp/core';
import { VENDOR_RECORD, fileSha, recordText, type VendorEntry, type VendorResult } from './vendor-record';

/** The same lock `sccp build` takes (core's lockOutput), so a build never swaps the directory while charts are written. */
export const lock = (repo: string): (() => void) => lockOutput(path.resolve(repo));

/**
 * Move the staged archives in, write the record, then prune what SCCP vendored before and no
 * dependency names now: only while it still has the recorded sha256 (else it is kept, and listed as
 * foreign). The caller has refused symlinks in the repository (vendorRoot), so every path stays in it.
 */

export function commit(repo: string, result: VendorResult, staged: Map<string, string>, prev: Record<string, VendorEntry>, progress: (l: string) => void): void {
  for (const [file, tmp] of staged) {
    fs.mkdirSync(path.dirname(safeJoin(repo, file)), { recursive: true });
    fs.renameSync(tmp, safeJoin(repo, file));
    progress(`  ${result.charts.find((c) => c.file === file)!.action.padEnd(10)}  ${file}`);
  }
  const charts: Record<string, VendorEntry> = {};
  for (const c of result.charts) charts[c.file] = { chart: c.chart, name: c.name, version: c.version, repository: c.repository, sha256: c.sha256 };
  const record = path.join(repo, VENDOR_RECORD);
  fs.mkdirSync(path.dirname(record), { recursive: true });
  fs.writeFileSync(`${record}.tmp`, recordText(charts));
  fs.renameSync(`${record}.tmp`, record);
  for (const file of Object.keys(prev).sort()) {
    if (charts[file]) continue;
    const abs = safeJoin(repo, file);
    if (fs.existsSync(abs) && fileSha(abs) === prev[file].sha256) {
      fs.rmSync(abs);
      result.pruned.push(file);
      progress(`  pruned      ${file}`);
    }
    for (const dir of [path.dirname(abs), path.dirname(path.dirname(abs))]) if (fs.existsSync(dir) && !fs.readdirSync(dir).length) fs.rmdirSync(dir);
  }
  const wanted = new Set(result.charts.map((c) => c.file));
  for (const chart of fs.readdirSync(path.join(repo, 'charts')).sort()) {
    const sub = path.join(repo, 'charts', chart, 'charts');
    if (fs.existsSync(sub)) for (const f of fs.readdirSync(sub).sort()) if (!wanted.has(`charts/${chart}/charts/${f}`)) result.foreign.push(`charts/${chart}/charts/${f}`);
  }
}
