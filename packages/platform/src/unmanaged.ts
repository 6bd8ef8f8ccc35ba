import * as fs from 'node:fs';
import * as path from 'node:path';
import { MANIFEST, UserError, readManifest } from '@sccp/core';
import { VENDOR_RECORD, fileSha, readRecord } from './vendor-record';

/**
 * Folders of a generated repository that reach the cluster: the root Application syncs apps/, each
 * feature's Application syncs its chart folder charts/<feature>/ (Helm reads every file there:
 * templates/, crds/, charts/, values files and anything `.Files.Get` reads) or its manifests folder
 * <feature>/ (directory source, recursive: *.yaml, *.yml, *.json and *.jsonnet), the policies
 * Application syncs policies/, and the README has an operator apply bootstrap/ by hand.
 * Every file in them is treated as synced, whatever its name: Argo CD's directory source and Helm
 * decide by extension and content, and a stricter rule is one less thing to get wrong.
 */
export const SYNCED_FOLDERS = ['apps', 'bootstrap', 'charts', 'policies'] as const;

export interface UnmanagedFile {
  /** Path relative to the repository (forward slashes). */
  file: string;
  reason: string;
}

export const NOT_MANAGED = `not written by SCCP (not in ${MANIFEST})`;

/**
 * The top-level folders of `repo` that a cluster receives: the fixed ones, the folders of features
 * delivered as plain manifests (e.g. tenants/), and every top-level folder holding a file SCCP
 * writes (so a feature added later is covered without a list to update). `.sccp/` is SCCP's own
 * bookkeeping and is never synced.
 */
export function syncedFolders(managed: Iterable<string>, manifestsFeatures: Iterable<string> = []): string[] {
  const folders = new Set<string>([...SYNCED_FOLDERS, ...manifestsFeatures]);
  for (const file of managed) {
    const i = file.indexOf('/');
    if (i > 0) folders.add(file.slice(0, i));
  }
  folders.delete('.sccp');
  folders.delete('.git');
  return [...folders].sort();
}

/** Every entry under dir (relative to root), not following symbolic links; a link is listed as itself. */
function walk(dir: string, root: string, out: { file: string; link: boolean }[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, e.name);
    const rel = path.relative(root, full).split(path.sep).join('/');
    if (e.isSymbolicLink()) out.push({ file: rel, link: true });
    else if (e.isDirectory()) walk(full, root, out);
    else out.push({ file: rel, link: false });
  }
}

/**
 * Files in the synced folders of `repo` that SCCP does not manage: not in `managed` (the paths
 * SCCP writes) and not a chart archive `sccp vendor` recorded in .sccp/vendor.json with the same
 * sha256. Symbolic links are always reported: SCCP writes regular files only, and a link can make
 * Argo CD or Helm read a file from anywhere in the checkout.
 */
export function findUnmanaged(repo: string, managed: ReadonlySet<string>, manifestsFeatures: Iterable<string> = []): UnmanagedFile[] {
  if (!fs.existsSync(repo)) return [];
  const vendored = readRecord(repo)?.charts ?? {};
  const found: UnmanagedFile[] = [];
  for (const folder of syncedFolders(managed, manifestsFeatures)) {
    const dir = path.join(repo, folder);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(dir);
    } catch {
      continue;
    }
    const entries: { file: string; link: boolean }[] = [];
    if (st.isSymbolicLink() || !st.isDirectory()) entries.push({ file: folder, link: st.isSymbolicLink() });
    else walk(dir, repo, entries);
    for (const { file, link } of entries) {
      if (link) found.push({ file, reason: 'a symbolic link (SCCP writes regular files only)' });
      else if (managed.has(file)) continue;
      else if (vendored[file]) {
        if (fileSha(path.join(repo, file)) !== vendored[file].sha256) found.push({ file, reason: `its sha256 differs from the one recorded in ${VENDOR_RECORD}` });
      } else found.push({ file, reason: NOT_MANAGED });
    }
  }
  return found;
}

/** The paths SCCP manages in `repo` according to its .sccp/managed.json (empty when there is none). */
export function managedPaths(repo: string): Set<string> {
  return new Set(Object.keys((fs.existsSync(repo) ? readManifest(repo)?.files : undefined) ?? {}));
}

/** A build refused because synced folders hold files SCCP does not manage. */
export function unmanagedError(out: string, files: UnmanagedFile[]): UserError {
  const shown = files.slice(0, 20).map((f) => `  ${f.file}: ${f.reason}`);
  if (files.length > 20) shown.push(`  ... and ${files.length - 20} more`);
  return new UserError(
    `${out}: ${files.length} file${files.length === 1 ? '' : 's'} in folders Argo CD syncs ${files.length === 1 ? 'is' : 'are'} not managed by SCCP and would be applied to the cluster:\n${shown.join('\n')}\n` +
      'remove them (or move them out of apps/, bootstrap/, charts/, policies/ and the manifests folders), or pass --allow-unmanaged to build anyway',
  );
}
