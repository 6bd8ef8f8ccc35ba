import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '@sccp/core';
import { VENDOR_RECORD, recordText, type VendorEntry, type VendorResult } from './vendor-record';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The same lock file `sccp build` takes, so a build never swaps the directory while charts are written. */
export function lock(repo: string): () => void {
  const file = `${repo}.sccp-lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && pidAlive(pid)) throw new UserError(`another sccp process (pid ${pid}) is writing ${repo}; wait for it, or delete ${file} if none is running`);
      fs.rmSync(file, { force: true });
    }
  }
  throw new UserError(`cannot lock ${repo} (${file})`);
}

/** Move the staged archives in, write the record, then prune what SCCP vendored before and no dependency names now. */
export function commit(repo: string, result: VendorResult, staged: Map<string, string>, prev: Record<string, VendorEntry>, progress: (l: string) => void): void {
  for (const [file, tmp] of staged) {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.renameSync(tmp, path.join(repo, file));
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
    const abs = path.join(repo, file);
    if (fs.existsSync(abs)) {
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
