import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSafeRelPath } from '@sccp/core';
import { mib } from './vendor-tar';

/**
 * A Helm repository on disk (`file:///abs/dir`: index.yaml and the archives it lists) used as a
 * mirror. It is as untrusted as one served over HTTP: the index may only name files inside the
 * folder (relative paths without "..", or file:// URLs inside it), a symlink is followed only while
 * it stays inside the folder, only regular files are read, and never more than the size limit.
 */

/** The folder of a file:// mirror URL; throws when it is not `file:///<absolute path>`. */
export function localMirrorDir(source: string): string {
  let dir: string;
  try {
    const u = new URL(source);
    if (u.protocol !== 'file:' || (u.host && u.host !== 'localhost') || u.search || u.hash) throw new Error();
    dir = fileURLToPath(u);
  } catch {
    throw new Error(`${source} is not a local mirror URL: use file:///absolute/path (e.g. file://$PWD/charts)`);
  }
  return path.resolve(dir);
}

const inside = (root: string, p: string) => {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/**
 * The file:// URL of a download URL `ref` from the index of the file:// mirror `source`. Refused:
 * another scheme (a local index does not send vendor to the network), an absolute path, a "..",
 * ".", empty segment or backslash, a query or fragment, and a file:// URL outside the folder.
 */
export function localRef(source: string, ref: string, what: string): string {
  const root = localMirrorDir(source);
  const refuse = (why: string) => new Error(`refusing ${what} "${ref}" in ${source}/index.yaml: ${why}; a file:// mirror's index may only name files inside its folder (relative paths such as name-1.0.0.tgz)`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(ref)?.[1].toLowerCase();
  let rel: string;
  if (scheme === 'file') {
    let p: string;
    try {
      p = localMirrorDir(ref);
    } catch {
      throw refuse('not a file:///absolute/path URL');
    }
    if (/\/\.\.?(\/|$)|%2e|\\/i.test(ref)) throw refuse('a "..", "." or backslash in the path');
    if (!inside(root, p)) throw refuse('outside the mirror folder');
    rel = path.relative(root, p).split(path.sep).join('/');
  } else if (scheme) {
    throw refuse(`another scheme (${scheme}://)`);
  } else {
    if (ref.startsWith('/')) throw refuse('an absolute path');
    if (/[?#]/.test(ref)) throw refuse('a query or fragment');
    let decoded: string;
    try {
      decoded = decodeURIComponent(ref);
    } catch {
      throw refuse('malformed percent-encoding');
    }
    if (!isSafeRelPath(decoded)) throw refuse('not a plain relative path (a "..", ".", empty segment or backslash)');
    rel = decoded;
  }
  return `${source}/${rel.split('/').map(encodeURIComponent).join('/')}`;
}

/**
 * Read a file of the file:// mirror `source` (`url` from localRef, or its index.yaml), at most
 * maxBytes: a regular file whose real path (symlinks resolved) is inside the mirror's real folder.
 */
export function readLocal(source: string, url: string, maxBytes: number, what: string): Buffer {
  const root = localMirrorDir(source);
  let rootReal: string;
  try {
    rootReal = fs.realpathSync(root);
    if (!fs.statSync(rootReal).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    throw new Error(`mirror ${source}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message}`);
  }
  const file = path.resolve(fileURLToPath(url));
  if (!inside(root, file)) throw new Error(`refusing ${url}: outside the mirror folder ${root}`);
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    throw new Error(`read ${url}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  if (!inside(rootReal, real)) throw new Error(`refusing ${url}: a symlink to ${real}, outside the mirror folder`);
  // O_NONBLOCK: a FIFO planted in the mirror must not hang the open; it is refused just below
  const fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error(`refusing ${url}: not a regular file`);
    const again = fs.lstatSync(real);
    if (again.dev !== st.dev || again.ino !== st.ino) throw new Error(`refusing ${url}: it changed while it was opened`);
    const tooLarge = () => new Error(`read ${url}: larger than ${mib(maxBytes)}, the limit for ${what}; raise it with --max-download MiB if that is expected`);
    if (st.size > maxBytes) throw tooLarge();
    // read at most maxBytes + 1: a file that grows after fstat still stops at the limit
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let r; n < buf.length && (r = fs.readSync(fd, buf, n, buf.length - n, n)) > 0; ) n += r;
    if (n > maxBytes) throw tooLarge();
    if (n !== st.size) throw new Error(`read ${url}: it changed while it was read`);
    return buf.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}
