import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, resolveOutput } from './confine';
import { UserError } from './errors';
import { isSafeRelPath, safeJoin } from './names';

export * from './confine';

/** Relative path (forward slashes) → file content. */
export type FileTree = Map<string, string>;

export const MANIFEST = '.sccp/managed.json';

export interface Manifest {
  generator: string;
  files: Record<string, string>;
}

export const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** The manifest recording every file of a tree with its hash (sorted, no timestamps). */
export function manifestFor(tree: FileTree, generator: string): string {
  const files: Record<string, string> = {};
  for (const p of [...tree.keys()].sort()) if (p !== MANIFEST) files[p] = `sha256:${sha256(tree.get(p)!)}`;
  return JSON.stringify({ generator, files }, null, 2) + '\n';
}

const HASH = /^sha256:[0-9a-f]{64}$/;

/**
 * Why a manifest entry cannot be a file SCCP wrote, or undefined. The manifest is repository
 * content (a pull request can change it): an entry must be a normalised path inside the output,
 * outside any .git directory, with a sha256, or the manifest is refused as a whole.
 */
function badEntry(p: string, hash: unknown): string | undefined {
  if (!isSafeRelPath(p)) return 'not a normalised relative path inside the output directory';
  if (p.split('/').includes('.git')) return 'inside a .git directory, which SCCP never writes';
  if (p === MANIFEST) return 'the manifest itself';
  if (typeof hash !== 'string' || !HASH.test(hash)) return `its hash ${JSON.stringify(hash)} is not "sha256:" and 64 hex digits`;
  return undefined;
}

export function readManifest(out: string): Manifest | undefined {
  const file = path.join(out, MANIFEST);
  if (!fs.existsSync(file)) return undefined;
  let m: any;
  try {
    m = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    /* reported below */
  }
  if (!m || typeof m.files !== 'object' || m.files === null || Array.isArray(m.files)) {
    throw new UserError(`${file} is not a valid SCCP manifest; restore it from Git or delete the output directory`);
  }
  const bad = Object.entries(m.files as Record<string, unknown>).flatMap(([p, h]) => {
    const why = badEntry(p, h);
    return why ? [`"${p}" (${why})`] : [];
  });
  if (bad.length) {
    throw new UserError(
      `${file} lists files SCCP cannot have written: ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ', ...' : ''}; it was edited by hand or tampered with: restore it from Git (nothing was written)`,
    );
  }
  return m;
}

/** Files the previous manifest lists and the new tree no longer has, split by whether SCCP can prove it wrote them (content still has the recorded sha256). */
function leftBehind(out: string, prev: Manifest | undefined, present: Set<string>, produced: (p: string) => boolean): { prune: string[]; kept: string[] } {
  const r = { prune: [] as string[], kept: [] as string[] };
  for (const [p, hash] of Object.entries(prev?.files ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (produced(p) || !present.has(p)) continue;
    (`sha256:${sha256(fs.readFileSync(safeJoin(out, p)))}` === hash ? r.prune : r.kept).push(p);
  }
  return r;
}

export interface CheckResult {
  /** Files whose content differs from what the input produces (hand edits, stale output). */
  changed: string[];
  /** Files the input produces that are absent. */
  missing: string[];
  /** Files SCCP wrote before that the input no longer produces (a build would prune them). */
  stale: string[];
  /**
   * Files the manifest lists that the input no longer produces but whose content is not what SCCP
   * recorded (edited since, or the manifest was tampered with): a build keeps them, as files SCCP did not write.
   */
  kept: string[];
}

/** Compare a directory with the tree the input produces, without writing anything. */
export function checkTree(out: string, tree: FileTree): CheckResult {
  out = resolveOutput(out, 'check');
  const res: CheckResult = { changed: [], missing: [], stale: [], kept: [] };
  const exists = fs.existsSync(out);
  // symlinks are refused before anything is read: nothing is read through them
  const present = new Set(exists ? listFiles(out) : []);
  const prev = exists ? readManifest(out) : undefined;
  for (const p of [...tree.keys()].sort()) {
    const file = safeJoin(out, p);
    if (!present.has(p)) res.missing.push(p);
    else if (fs.readFileSync(file, 'utf8') !== tree.get(p)) res.changed.push(p);
  }
  const left = leftBehind(out, prev, present, (p) => tree.has(p));
  res.stale = left.prune;
  res.kept = left.kept;
  return res;
}

export const checkOk = (r: CheckResult) => !r.changed.length && !r.missing.length && !r.stale.length && !r.kept.length;

export interface WriteResult {
  written: string[];
  unchanged: string[];
  pruned: string[];
  /** Files SCCP wrote before and no longer produces, kept because their content is not what it recorded (see CheckResult.kept). */
  kept: string[];
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
  const err = e as NodeJS.ErrnoException;
  if ((err.code === 'EBUSY' || err.code === 'EXDEV') && err.syscall === 'rename' && err.path === out) {
    return new UserError(`cannot write ${out}: it is a mount point, and a build replaces the output directory by renaming it; build into a directory inside it, or unmount it; the previous output is unchanged`);
  }
  if (err.code && ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT', 'ENOTDIR'].includes(err.code)) {
    return new UserError(`cannot write ${out}: ${err.message}; the previous output is unchanged`);
  }
  return e;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** The lock file's content and identity; undefined when there is none (any more). */
function readLock(file: string): { text: string; pid: number; ino: number; mtimeMs: number } | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    const st = fs.statSync(file);
    return { text, pid: /^\d+\n?$/.test(text) ? Number(text) : 0, ino: st.ino, mtimeMs: st.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Create the lock file with this build's pid in it, unless it exists. */
function createLock(file: string, aside: string): boolean {
  // written beside it, then linked into place: the lock never exists without its pid
  fs.writeFileSync(aside, `${process.pid}\n`);
  try {
    fs.linkSync(aside, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT') return false; // ENOENT: a recovering build removed `aside`
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'EMLINK'].includes(code ?? '')) throw e;
    // no hard links on this file system: create it and write the pid (a reader waits for the pid)
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/**
 * Take an exclusive lock beside `out`: `<out>.sccp-lock` holding the pid of the build. A lock whose
 * build is gone is taken over, once: two builds taking over the same stale lock cannot both get it.
 */
export function lockOutput(out: string): () => void {
  const file = `${out}.sccp-lock`;
  const aside = (what: string) => path.join(path.dirname(out), `.${path.basename(out)}.sccp-tmp-${what}-${process.pid}`);
  const held = (pid: number) => new UserError(`another sccp build ${pid ? `(pid ${pid}) ` : ''}is writing ${out}; wait for it, or delete ${file} if no build is running`);
  for (let attempt = 0; attempt < 10; attempt++) {
    if (createLock(file, aside('lock'))) return () => fs.rmSync(file, { force: true });
    let seen = readLock(file);
    // without its pid (yet): written by a build that is starting (no hard links here), or left by one that died doing it
    for (let waited = 0; seen && !seen.pid && waited < 2000; waited += 50) {
      sleep(50);
      seen = readLock(file);
    }
    if (!seen) continue; // released meanwhile
    const live = seen.pid ? seen.pid !== process.pid && pidAlive(seen.pid) : Date.now() - seen.mtimeMs < 2000;
    if (live) throw held(seen.pid);
    // stale: move it aside and drop it if it is still the lock found stale; if another build has
    // taken it over in the meantime, that build's lock goes back
    const stale = aside('stale');
    try {
      fs.renameSync(file, stale);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    const moved = readLock(stale);
    if (moved && (moved.ino !== seen.ino || moved.text !== seen.text)) {
      try {
        fs.linkSync(stale, file);
      } catch {
        /* a third build has taken the lock */
      }
      fs.rmSync(stale, { force: true });
      throw held(moved.pid);
    }
    fs.rmSync(stale, { force: true });
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

/** Carry a regular file over (listFiles has refused symlinks and special files). */
function linkOrCopy(src: string, dst: string): void {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  if (!fs.lstatSync(src).isFile()) throw new UserError(`refusing to carry ${src} over: not a regular file`);
  try {
    fs.linkSync(src, dst);
  } catch {
    fs.copyFileSync(src, dst, fs.constants.COPYFILE_EXCL);
  }
}

/**
 * Write `tree` to `out` atomically: the new tree is assembled in a sibling temp dir (files SCCP did
 * not write are carried over untouched), then swapped in with renames. Files SCCP wrote before and
 * no longer produces are pruned while they still have the sha256 it recorded (else kept and
 * reported); files it never wrote are kept, and never overwritten. A symlink anywhere in `out` is
 * refused before anything is read or written.
 * `beforeSwap` is a test hook to simulate a crash.
 */
export function writeTree(out: string, tree: FileTree, generator: string, hooks: { beforeSwap?: () => void } = {}): WriteResult {
  out = resolveOutput(out);
  let unlock: () => void;
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    unlock = lockOutput(out);
  } catch (e) {
    throw ioError(e, out);
  }
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.sccp-tmp-${stamp}`);
  const old = path.join(path.dirname(out), `.${path.basename(out)}.sccp-old-${stamp}`);
  try {
    recover(out);
    const full = new Map(tree);
    full.set(MANIFEST, manifestFor(tree, generator));
    const exists = fs.existsSync(out);
    if (exists && !fs.lstatSync(out).isDirectory()) throw new UserError(`cannot write ${out}: it is not a directory`);
    // symlinks are refused before anything is read: nothing is read, written or pruned through them
    const present = exists ? listFiles(out) : [];
    const prev = exists ? readManifest(out) : undefined;
    const left = leftBehind(out, prev, new Set(present), (p) => full.has(p));
    // files SCCP wrote before are regenerated or pruned; the ones it cannot prove it wrote are kept as foreign
    const prevFiles = new Set(Object.keys(prev?.files ?? {}).filter((p) => !left.kept.includes(p)));
    const foreign = present.filter((p) => !prevFiles.has(p) && p !== MANIFEST);
    const clash = foreign.filter((p) => full.has(p));
    if (clash.length) {
      throw new UserError(
        `refusing to overwrite files SCCP did not write (not in ${MANIFEST}): ${clash.slice(0, 10).join(', ')}${clash.length > 10 ? ', ...' : ''}; move them away or choose another --out`,
      );
    }
    const res: WriteResult = { written: [], unchanged: [], pruned: [], kept: left.kept };
    fs.mkdirSync(tmp);
    for (const p of foreign) linkOrCopy(path.join(out, p), path.join(tmp, p));
    for (const p of [...full.keys()].sort()) {
      const dst = safeJoin(tmp, p);
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      const content = full.get(p)!;
      fs.writeFileSync(dst, content);
      if (p === MANIFEST) continue;
      const before = path.join(out, p);
      if (prevFiles.has(p) && fs.existsSync(before) && fs.readFileSync(before, 'utf8') === content) res.unchanged.push(p);
      else res.written.push(p);
    }
    res.pruned = left.prune;
    hooks.beforeSwap?.();
    if (exists) {
      fs.renameSync(out, old);
      fs.renameSync(tmp, out);
      // the new tree is in place: removing the previous one is cleanup, which the next build's recover() finishes
      try {
        fs.rmSync(old, { recursive: true, force: true });
      } catch {
        /* left beside the output */
      }
    } else fs.renameSync(tmp, out);
    return res;
  } catch (e) {
    // a swap that failed half way: the previous tree goes back in place
    try {
      if (!fs.existsSync(out) && fs.existsSync(old)) fs.renameSync(old, out);
      fs.rmSync(tmp, { recursive: true, force: true });
    } catch {
      /* what is left, the next build's recover() repairs */
    }
    throw ioError(e, out);
  } finally {
    try {
      unlock();
    } catch {
      /* the lock of a finished build is taken over by the next one */
    }
  }
}
