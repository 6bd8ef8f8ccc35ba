import * as path from 'node:path';
import { MANIFEST, checkTree, manifestFor, writeTree, type CheckResult, type FileTree, type WriteResult } from '@sccp/core';
import { loadPlatform, type Registry } from './load';
import { planPlatform, type Plan } from './plan';
import { renderPlatform } from './render';
import { findUnmanaged, managedPaths, unmanagedError, type UnmanagedFile } from './unmanaged';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION: string = require('../package.json').version;
export const GENERATOR = `sccp ${VERSION}`;

export interface Built {
  plan: Plan;
  /** Every file of the repository, including .sccp/managed.json. */
  tree: FileTree;
}

/** platform.yaml → the repository in memory. Nothing is written. */
export function buildTree(file: string, registry: Registry): Built {
  const plan = planPlatform(loadPlatform(file, registry));
  const { tree } = renderPlatform(plan);
  tree.set(MANIFEST, manifestFor(tree, GENERATOR));
  return { plan, tree };
}

/**
 * Files in the folders Argo CD syncs that neither this build nor the previous one (its
 * .sccp/managed.json) writes, nor `sccp vendor` recorded: they would reach the cluster unreviewed.
 */
export function unmanagedIn(out: string, built: Built): UnmanagedFile[] {
  const managed = new Set([...built.tree.keys(), ...managedPaths(out)]);
  return findUnmanaged(out, managed, built.plan.features.filter((p) => p.feature.delivery === 'manifests').map((p) => p.feature.name));
}

/**
 * Build into `out`. Refused (nothing written) when the synced folders of `out` hold files SCCP does
 * not manage, unless `allowUnmanaged`: then they are kept and returned, for the caller to list.
 */
export function buildTo(file: string, out: string, registry: Registry, opts: { allowUnmanaged?: boolean } = {}): Built & { result: WriteResult; unmanaged: UnmanagedFile[] } {
  const built = buildTree(file, registry);
  const unmanaged = unmanagedIn(path.resolve(out), built);
  if (unmanaged.length && !opts.allowUnmanaged) throw unmanagedError(out, unmanaged);
  const files = new Map(built.tree);
  files.delete(MANIFEST);
  return { ...built, unmanaged, result: writeTree(path.resolve(out), files, GENERATOR) };
}

export function checkOut(file: string, out: string, registry: Registry): Built & { result: CheckResult & { unmanaged: UnmanagedFile[] } } {
  const built = buildTree(file, registry);
  return { ...built, result: { ...checkTree(path.resolve(out), built.tree), unmanaged: unmanagedIn(path.resolve(out), built) } };
}
