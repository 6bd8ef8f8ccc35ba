import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { UserError, type Diagnostic } from '@sccp/core';
import { normalizeRepo, sha256hex } from './vendor-pull';
import { chartMeta } from './vendor-tar';

/** Which vendored archives SCCP wrote, with their pinned coordinates and sha256. Not in managed.json, so builds keep it. */
export const VENDOR_RECORD = '.sccp/vendor.json';

/** A wrapper chart's dependency on an upstream chart, and the archive that vendors it. */
export interface VendorDependency {
  /** Wrapper chart (directory under charts/). */
  chart: string;
  name: string;
  version: string;
  repository: string;
  /** Repository-relative path of the vendored archive: charts/<chart>/charts/<name>-<version>.tgz */
  file: string;
}

export interface VendorEntry {
  chart: string;
  name: string;
  version: string;
  repository: string;
  sha256: string;
}

export interface VendorRecord {
  format: 1;
  charts: Record<string, VendorEntry>;
}

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
/** What a record may name: an archive directly under a wrapper chart's charts/ (never a path out of the repository). */
const RECORDED = /^charts\/[A-Za-z0-9][A-Za-z0-9._+-]*\/charts\/[A-Za-z0-9][A-Za-z0-9._+-]*\.tgz$/;
export const vendorable = (repository: string) => /^(https?|oci):\/\//.test(repository);

/** Every dependency of every charts/<chart>/Chart.yaml (sorted by file), and the ones that cannot be vendored. */
export function readDependencies(repo: string): { deps: VendorDependency[]; skipped: string[]; local: LocalDependency[] } {
  const chartsDir = path.join(repo, 'charts');
  if (!fs.existsSync(chartsDir) || !fs.statSync(chartsDir).isDirectory()) {
    throw new UserError(`${repo} has no charts/ directory: not a repository \`sccp build\` generated`);
  }
  const deps: VendorDependency[] = [];
  const skipped: string[] = [];
  /** Dependencies Helm takes from charts/ itself (file:// or no repository): not SCCP's to vendor. */
  const local: LocalDependency[] = [];
  const bad: Diagnostic[] = [];
  for (const chart of fs.readdirSync(chartsDir).sort()) {
    const file = path.join(chartsDir, chart, 'Chart.yaml');
    if (!fs.existsSync(file)) continue;
    const rel = `charts/${chart}/Chart.yaml`;
    let doc: any;
    try {
      doc = parse(fs.readFileSync(file, 'utf8'), { schema: 'failsafe' });
    } catch (e) {
      bad.push({ file: rel, message: `cannot read YAML: ${(e as Error).message}` });
      continue;
    }
    (Array.isArray(doc?.dependencies) ? doc.dependencies : []).forEach((d: any, i: number) => {
      const name = String(d?.name ?? '');
      const version = String(d?.version ?? '');
      const repository = String(d?.repository ?? '');
      if (!SAFE.test(name) || !SAFE.test(version)) {
        bad.push({ file: rel, pointer: `/dependencies/${i}`, message: `name "${name}" and version "${version}" must be a chart name and an exact version to vendor` });
      } else if (!vendorable(repository)) {
        skipped.push(`${rel}: ${name} (repository "${repository}" is not http(s):// or oci://)`);
        local.push({ chart, name });
      }
      else deps.push({ chart, name, version, repository: normalizeRepo(repository), file: `charts/${chart}/charts/${name}-${version}.tgz` });
    });
  }
  if (bad.length) throw new UserError(bad);
  return { deps: deps.sort((a, b) => a.file.localeCompare(b.file)), skipped, local };
}

export function readRecord(repo: string): VendorRecord | undefined {
  const file = path.join(repo, VENDOR_RECORD);
  if (!fs.existsSync(file)) return undefined;
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    const files = r && r.format === 1 && r.charts && typeof r.charts === 'object' ? Object.keys(r.charts) : undefined;
    if (files?.every((f) => RECORDED.test(f))) return r;
  } catch {
    /* fall through */
  }
  throw new UserError([{ file: VENDOR_RECORD, message: 'is not a valid vendor record; restore it from Git, or delete it and run `sccp vendor`' }]);
}

/** The record as written: entries sorted by file, fixed key order, no timestamps. */
export function recordText(charts: Record<string, VendorEntry>): string {
  const sorted: Record<string, VendorEntry> = {};
  for (const f of Object.keys(charts).sort()) {
    const e = charts[f];
    sorted[f] = { chart: e.chart, name: e.name, version: e.version, repository: e.repository, sha256: e.sha256 };
  }
  return JSON.stringify({ format: 1, charts: sorted }, null, 2) + '\n';
}

export const fileSha = (file: string) => sha256hex(fs.readFileSync(file));

export type LocalDependency = { chart: string; name: string };

/** Whether charts/<chart>/charts/<entry> is a dependency Helm takes from charts/ itself (a directory, or an archive of that chart). */
export function isLocal(repo: string, file: string, local: LocalDependency[]): boolean {
  const chart = file.split('/')[1];
  const abs = path.join(repo, file);
  const candidates = local.filter((l) => l.chart === chart);
  if (!candidates.length) return false;
  let name: string | undefined = path.basename(file);
  if (!fs.statSync(abs).isDirectory()) {
    try {
      name = chartMeta(fs.readFileSync(abs)).name;
    } catch {
      name = undefined;
    }
  }
  return candidates.some((l) => l.name === name);
}

export interface VendorResult {
  record: string;
  charts: (VendorDependency & { sha256: string; action: 'downloaded' | 'unchanged' | 'adopted' })[];
  pruned: string[];
  skipped: string[];
  /** Files under charts/*\/charts/ that SCCP did not vendor and no dependency names (kept). */
  foreign: string[];
}
