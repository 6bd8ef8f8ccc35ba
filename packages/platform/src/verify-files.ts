import * as fs from 'node:fs';
import * as path from 'node:path';
import { readManifest } from '@sccp/core';
import type { Registry } from './load';
import { fileSha } from './vendor-record';
import { findUnmanaged, type UnmanagedFile } from './unmanaged';

export interface RepositoryCheck {
  unmanaged: UnmanagedFile[];
  modified: string[];
  rebuild?: { platform: string; changed: string[]; missing: string[]; stale: string[] };
}

/**
 * What `sccp verify` knows about the files of a generated repository:
 * - unmanaged: files in the synced folders that .sccp/managed.json does not list (and `sccp vendor`
 *   did not record);
 * - modified: listed files whose bytes differ from their recorded sha256 (a hand edit);
 * - rebuild (with a platform.yaml): the repository against a fresh build, byte for byte. Only this
 *   catches a change that also edits managed.json (a file added and listed, or an edit with its new
 *   hash): the manifest is part of the repository under review, so it proves nothing on its own.
 */
export function checkRepository(repo: string, manifestsFeatures: string[], registry: Registry, platform?: string): RepositoryCheck {
  const files = readManifest(repo)?.files ?? {};
  const modified: string[] = [];
  for (const [file, hash] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const full = path.join(repo, file);
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(full);
    } catch {
      st = undefined;
    }
    // a missing managed file is not applied; a rebuild reports it (and `build --check` does)
    if (!st) continue;
    if (!st.isFile() || `sha256:${fileSha(full)}` !== hash) modified.push(file);
  }
  const unmanaged = findUnmanaged(repo, new Set(Object.keys(files)), manifestsFeatures);
  if (!platform) return { unmanaged, modified };
  const { checkOut } = require('./build') as typeof import('./build');
  const { result } = checkOut(platform, repo, registry);
  return { unmanaged, modified, rebuild: { platform, changed: result.changed, missing: result.missing, stale: result.stale } };
}
