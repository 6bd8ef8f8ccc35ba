import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from './errors';

/**
 * The directory a command writes (or reads) as an absolute path, checked before anything is touched:
 * an ancestor (or the path itself) that is a file is a clear error. A symlink given as the directory
 * itself is the user's choice: the real path is returned, so swaps and the lock happen beside the
 * target and the link stays. Symlinks inside the directory are repository content: see listFiles.
 */
export function resolveOutput(dir: string, verb = 'write'): string {
  const abs = path.resolve(dir);
  let probe = abs;
  for (;;) {
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(probe);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e; // ENOTDIR: a parent is a file, found further up
      if (probe === abs && isLink(abs)) throw new UserError(`cannot ${verb} ${abs}: it is a symlink to ${fs.readlinkSync(abs)}, which does not exist`);
    }
    if (st && !st.isDirectory()) throw new UserError(`cannot ${verb} ${abs}: ${probe} is a file, not a directory`);
    if (st) return probe === abs ? fs.realpathSync(abs) : abs;
    const up = path.dirname(probe);
    if (up === probe) return abs;
    probe = up;
  }
}

const isLink = (p: string) => {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
};

/**
 * Every regular file under root (relative forward-slash paths, sorted). A symlink anywhere in the
 * tree, or a device, FIFO or socket, is refused with the paths named: it is never followed, read
 * through or carried over, so whatever a repository holds cannot make SCCP touch anything outside it.
 */
export function listFiles(root: string, what = root): string[] {
  const files: string[] = [];
  const refused: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (e.isSymbolicLink()) refused.push(`${rel} -> ${fs.readlinkSync(full)}`);
      else if (e.isDirectory()) walk(full);
      else if (e.isFile()) files.push(rel);
      else refused.push(`${rel} (not a regular file)`);
    }
  };
  walk(root);
  if (refused.length) {
    throw new UserError(
      `refusing to use ${what}: it holds ${refused.length === 1 ? 'a symlink or special file' : 'symlinks or special files'}, which SCCP never follows: ${refused.slice(0, 10).join(', ')}${refused.length > 10 ? `, ... (${refused.length} in all)` : ''}; replace ${refused.length === 1 ? 'it' : 'them'} with the real files or remove ${refused.length === 1 ? 'it' : 'them'}`,
    );
  }
  return files.sort();
}
