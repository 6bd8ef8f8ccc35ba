import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from './errors';
import { safeJoin } from './names';

/** Relative path (forward slashes) → file content. */
export type FileTree = Map<string, string>;

export const MANIFEST = '.sccp/managed.json';

export interface Manifest {
  generator: string;
  files: Record<string, string>;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The manifest recording every file of a tree with its hash (sorted, no timestamps). */
export function manifestFor(tree: FileTree, generator: string): string {
  const files: Record<string, string> = {};
  for (const p of [...tree.keys()].sort()) if (p !== MANIFEST) files[p] = `sha256:${sha256(tree.get(p)!)}`;
  return JSON.stringify({ generator, files }, null, 2) + '\n';
}

export function readManifest(out: string): Manifest | undefined {
  const file = path.join(out, MANIFEST);
  if (!fs.existsSync(file)) return undefined;
  try {
    const m = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (m && typeof m.files === 'object') return m;
  } catch {
    /* fall through */
  }
  throw new UserError(`${file} is not a valid SCCP manifest; restore it from Git or delete the output directory`);
}

function walk(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

export interface CheckResult {
  /** Files whose content differs from what the input produces (hand edits, stale output). */
  changed: string[];
  /** Files the input produces that are absent. */
  missing: string[];
  /** Files SCCP wrote before that the input no longer produces (a build would prune them). */
  stale: string[];
}

/** Compare a directory with the tree the input produces, without writing anything. */
export function checkTree(out: string, tree: FileTree): CheckResult {
  const res: CheckResult = { changed: [], missing: [], stale: [] };
  const prev = fs.existsSync(out) ? readManifest(out) : undefined;
  for (const p of [...tree.keys()].sort()) {
    const file = safeJoin(out, p);
    if (!fs.existsSync(file)) res.missing.push(p);
    else if (fs.readFileSync(file, 'utf8') !== tree.get(p)) res.changed.push(p);
  }
  for (const p of Object.keys(prev?.files ?? {}).sort()) if (!tree.has(p) && fs.existsSync(safeJoin(out, p))) res.stale.push(p);
  return res;
}

export const checkOk = (r: CheckResult) => !r.changed.length && !r.missing.length && !r.stale.length;

export interface WriteResult {
  written: string[];
  unchanged: string[];
  pruned: string[];
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Disk full, read-only or forbidden targets are the user's to fix: report them without a stack. */
function ioError(e: unknown, out: string): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code && ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT', 'ENOTDIR'].includes(code)) {
    return new UserError(`cannot write ${out}: ${(e as Error).message}; the previous output is unchanged`);
  }
  return e;
}

/** Take an exclusive lock beside `out`; a stale lock (dead pid) is taken over. */
function lock(out: string): () => void {
  const file = `${out}.sccp-lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8'));
      if (pid && pidAlive(pid) && pid !== process.pid) {
        throw new UserError(`another sccp build (pid ${pid}) is writing ${out}; wait for it, or delete ${file} if no build is running`);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new UserError(`cannot lock ${out} (${file})`);
}

/** Finish or undo a swap that a killed build left half done, and remove its leftovers. */
function recover(out: string): void {
  const parent = path.dirname(out);
  const base = path.basename(out);
  if (!fs.existsSync(parent)) return;
  for (const e of fs.readdirSync(parent).sort()) {
    const full = path.join(parent, e);
    if (e.startsWith(`.${base}.sccp-old-`)) {
      if (!fs.existsSync(out)) fs.renameSync(full, out);
      else fs.rmSync(full, { recursive: true, force: true });
    } else if (e.startsWith(`.${base}.sccp-tmp-`)) {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
}

function linkOrCopy(src: string, dst: string): void {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  const st = fs.lstatSync(src);
  if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
  else {
    try {
      fs.linkSync(src, dst);
    } catch {
      fs.copyFileSync(src, dst);
    }
  }
}

/**
 * Write `tree` to `out` atomically: the new tree is assembled in a sibling temp dir (files SCCP did
 * not write are carried over untouched), then swapped in with renames. Files SCCP wrote before and
 * no longer produces are pruned; files it never wrote are kept, and never overwritten.
 * `beforeSwap` is a test hook to simulate a crash.
 */
export function writeTree(out: string, tree: FileTree, generator: string, hooks: { beforeSwap?: () => void } = {}): WriteResult {
  out = path.resolve(out);
  let unlock: () => void;
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    unlock = lock(out);
  } catch (e) {
    throw ioError(e, out);
  }
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.sccp-tmp-${stamp}`);
  try {
    recover(out);
    const full = new Map(tree);
    full.set(MANIFEST, manifestFor(tree, generator));
    const exists = fs.existsSync(out);
    if (exists && !fs.statSync(out).isDirectory()) throw new UserError(`${out} exists and is not a directory`);
    const prev = exists ? readManifest(out) : undefined;
    const prevFiles = new Set(Object.keys(prev?.files ?? {}));
    const present = exists ? walk(out) : [];
    const foreign = present.filter((p) => !prevFiles.has(p) && p !== MANIFEST);
    const clash = foreign.filter((p) => full.has(p));
    if (clash.length) {
      throw new UserError(
        `refusing to overwrite files SCCP did not write (not in ${MANIFEST}): ${clash.slice(0, 10).join(', ')}${clash.length > 10 ? ', ...' : ''}; move them away or choose another --out`,
      );
    }
    const res: WriteResult = { written: [], unchanged: [], pruned: [] };
    fs.mkdirSync(tmp);
    for (const p of foreign) linkOrCopy(path.join(out, p), path.join(tmp, p));
    for (const p of [...full.keys()].sort()) {
      const dst = safeJoin(tmp, p);
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      const content = full.get(p)!;
      fs.writeFileSync(dst, content);
      if (p === MANIFEST) continue;
      const old = path.join(out, p);
      if (prevFiles.has(p) && fs.existsSync(old) && fs.readFileSync(old, 'utf8') === content) res.unchanged.push(p);
      else res.written.push(p);
    }
    for (const p of [...prevFiles].sort()) if (!full.has(p) && present.includes(p)) res.pruned.push(p);
    hooks.beforeSwap?.();
    if (exists) {
      const old = path.join(path.dirname(out), `.${path.basename(out)}.sccp-old-${stamp}`);
      fs.renameSync(out, old);
      fs.renameSync(tmp, out);
      fs.rmSync(old, { recursive: true, force: true });
    } else fs.renameSync(tmp, out);
    return res;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw ioError(e, out);
  } finally {
    unlock();
  }
}
