import * as path from 'node:path';
import { MANIFEST, checkTree, manifestFor, writeTree, type CheckResult, type FileTree, type WriteResult } from '@sccp/core';
import { loadPlatform, type Registry } from './load';
import { planPlatform, type Plan } from './plan';
import { renderPlatform } from './render';

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

export function buildTo(file: string, out: string, registry: Registry): Built & { result: WriteResult } {
  const built = buildTree(file, registry);
  const files = new Map(built.tree);
  files.delete(MANIFEST);
  return { ...built, result: writeTree(path.resolve(out), files, GENERATOR) };
}

export function checkOut(file: string, out: string, registry: Registry): Built & { result: CheckResult } {
  const built = buildTree(file, registry);
  return { ...built, result: checkTree(path.resolve(out), built.tree) };
}
