import * as fs from 'node:fs';
import * as path from 'node:path';
import { VENDOR_RECORD, fileSha, isLocal, readDependencies, readRecord, type VendorDependency } from './vendor-record';
import { sameVersion } from './vendor-pull';
import { chartMeta } from './vendor-tar';
import { vendorRoot } from './vendor';

export interface VendorProblem {
  file: string;
  detail: string;
}

export interface VendorVerifyReport {
  ok: boolean;
  /** Dependencies checked. */
  dependencies: number;
  /** A dependency with no vendored archive. */
  missing: VendorProblem[];
  /** An archive whose sha256 differs from the record, or that is not the chart it should be. */
  changed: VendorProblem[];
  /** The archive vendored for a dependency is another version (or repository) than Chart.yaml pins now. */
  outdated: VendorProblem[];
  /** An archive in place that the record does not list. */
  unrecorded: VendorProblem[];
  /** Archives (or record entries) no dependency names: helm would load them as extra subcharts. */
  extra: VendorProblem[];
  skipped: string[];
}

const metaOf = (file: string) => {
  try {
    return chartMeta(fs.readFileSync(file));
  } catch {
    return undefined;
  }
};

/** Why an archive is not a plain packaged chart (links, paths out, too large: see tarFiles), or undefined. */
const unsafe = (file: string) => {
  try {
    chartMeta(fs.readFileSync(file));
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
};

/** Offline check of the vendored charts against .sccp/vendor.json and every Chart.yaml. */
export function verifyVendored(repoDir: string): VendorVerifyReport {
  const repo = vendorRoot(repoDir, 'verify');
  const { deps, skipped, local } = readDependencies(repo);
  const record = readRecord(repo)?.charts ?? {};
  const r: VendorVerifyReport = { ok: false, dependencies: deps.length, missing: [], changed: [], outdated: [], unrecorded: [], extra: [], skipped };
  const wanted = new Map(deps.map((d) => [d.file, d]));
  const accounted = new Set<string>(wanted.keys());
  const present = new Map<string, string[]>();
  for (const chart of fs.readdirSync(path.join(repo, 'charts')).sort()) {
    const sub = path.join(repo, 'charts', chart, 'charts');
    present.set(chart, fs.existsSync(sub) ? fs.readdirSync(sub).sort().map((f) => `charts/${chart}/charts/${f}`) : []);
  }
  const pinned = (d: VendorDependency) => `${d.name} ${d.version} from ${d.repository}`;
  for (const d of deps) {
    const abs = path.join(repo, d.file);
    const rec = record[d.file];
    if (!fs.existsSync(abs)) {
      const other = (present.get(d.chart) ?? []).find((f) => !wanted.has(f) && (record[f]?.name ?? metaOf(path.join(repo, f))?.name) === d.name);
      if (other) {
        accounted.add(other);
        const was = record[other]?.version ?? metaOf(path.join(repo, other))?.version ?? '?';
        r.outdated.push({ file: other, detail: `holds ${d.name} ${was}; charts/${d.chart}/Chart.yaml pins ${d.version}` });
      } else r.missing.push({ file: d.file, detail: `${pinned(d)} is not vendored` });
      continue;
    }
    if (!rec) {
      r.unrecorded.push({ file: d.file, detail: `not in ${VENDOR_RECORD}` });
      continue;
    }
    if (rec.name !== d.name || rec.version !== d.version || rec.repository !== d.repository) {
      r.outdated.push({ file: d.file, detail: `vendored as ${rec.name} ${rec.version} from ${rec.repository}; Chart.yaml pins ${pinned(d)}` });
      continue;
    }
    const sha = fileSha(abs);
    const meta = metaOf(abs);
    if (sha !== rec.sha256) r.changed.push({ file: d.file, detail: `sha256 ${sha}, recorded ${rec.sha256}` });
    else if (!meta) r.changed.push({ file: d.file, detail: `not a plain packaged chart: ${unsafe(abs)}` });
    else if (meta.name !== d.name || !sameVersion(meta.version, d.version)) r.changed.push({ file: d.file, detail: `holds chart ${meta.name} ${meta.version}` });
  }
  for (const files of present.values()) {
    for (const f of files) {
      if (accounted.has(f)) continue;
      accounted.add(f);
      if (isLocal(repo, f, local)) continue;
      const dir = f.split('/').slice(0, 2).join('/');
      const why = fs.existsSync(path.join(repo, dir, 'Chart.yaml')) ? `no dependency of ${dir}/Chart.yaml` : `${dir} has no Chart.yaml (no feature builds it any more)`;
      r.extra.push({ file: f, detail: `${record[f] ? 'vendored by SCCP' : 'not vendored by SCCP'}; ${why}` });
    }
  }
  for (const f of Object.keys(record).sort()) if (!accounted.has(f)) r.extra.push({ file: f, detail: `listed in ${VENDOR_RECORD} but no dependency and no file` });
  r.ok = !r.missing.length && !r.changed.length && !r.outdated.length && !r.unrecorded.length && !r.extra.length;
  return r;
}
