// A Git server on 127.0.0.1 for tests: `git http-backend` (smart HTTP, read-only) behind a node
// http(s) server, serving every repository under one directory. Argo CD's repo server clones from it
// exactly as from a forge: https://127.0.0.1:<port>/<name>.git, with a certificate of its own that
// the client is told to trust (as a private forge's CA is given to Argo CD in argocd-tls-certs-cm).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface GitServer {
  /** https://127.0.0.1:<port> (http:// with `{ tls: false }`) */
  url: string;
  /** PEM of the server's self-signed certificate (trust it for 127.0.0.1); undefined over http. */
  certificate?: string;
  /** Directory whose bare repositories (`<name>.git`) are served. */
  root: string;
  /** Clone URL of `<root>/<name>.git`. */
  repoUrl(name: string): string;
  stop(): Promise<void>;
}

/** A self-signed certificate for IP 127.0.0.1, valid for a day (openssl, ECDSA P-256); the key stays in memory. */
export function loopbackCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-git-tls-'));
  try {
    const key = path.join(dir, 'tls.key');
    const cert = path.join(dir, 'tls.crt');
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) throw new Error(`openssl could not make the Git server's certificate: ${r.error?.message ?? r.stderr}`);
    return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Serves the bare repositories under `root` over smart HTTP (clone and fetch only; push is refused),
 * over TLS unless `tls: false`.
 */
export async function startGitServer(root: string, opts: { tls?: boolean } = {}): Promise<GitServer> {
  fs.mkdirSync(root, { recursive: true });
  const tls = opts.tls === false ? undefined : loopbackCertificate();
  const handler: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // only the read side of the protocol: info/refs?service=git-upload-pack and POST git-upload-pack
    const service = url.searchParams.get('service');
    if (url.pathname.endsWith('/git-receive-pack') || service === 'git-receive-pack') {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('push is not served\n');
      return;
    }
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: root,
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
        SERVER_PROTOCOL: 'HTTP/1.1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    req.pipe(cgi.stdin);
    cgi.stdin.on('error', () => undefined);
    let stderr = '';
    cgi.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // CGI response: header lines, a blank line, then the body
    let head = Buffer.alloc(0);
    let headerDone = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (headerDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n') >= 0 ? head.indexOf('\r\n\r\n') : head.indexOf('\n\n');
      if (end < 0) return;
      const sep = head[end] === 0x0d ? 4 : 2;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString().split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = Number(v.split(' ')[0]);
        else headers[k] = v;
      }
      headerDone = true;
      res.writeHead(status, headers);
      res.write(head.subarray(end + sep));
    });
    cgi.on('close', (code) => {
      if (!headerDone) res.writeHead(500, { 'content-type': 'text/plain' }).end(`git http-backend exited ${code}: ${stderr}`);
      else res.end();
    });
    cgi.on('error', (e) => {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    certificate: tls?.cert,
    root,
    repoUrl: (name) => `${url}/${name}.git`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function git(cwd: string, args: string[]): string {
  const r = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'sccp-test',
      GIT_AUTHOR_EMAIL: 'sccp-test@example.invalid',
      GIT_COMMITTER_NAME: 'sccp-test',
      GIT_COMMITTER_EMAIL: 'sccp-test@example.invalid',
    },
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} (in ${cwd}) exited ${r.status}: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Commits `files` (path => text or bytes; null deletes the path) to branch `main` of the bare repository
 * `<root>/<name>.git`, creating it on first use. With `replace`, the commit's tree is exactly
 * `files` (everything else is deleted). Returns the new commit's sha.
 */
export function commitFiles(root: string, name: string, files: Record<string, string | Buffer | null>, opts: { message?: string; replace?: boolean } = {}): string {
  const bare = path.join(root, `${name}.git`);
  if (!fs.existsSync(bare)) {
    fs.mkdirSync(bare, { recursive: true });
    git(bare, ['init', '--quiet', '--bare', '--initial-branch=main']);
  }
  const work = fs.mkdtempSync(path.join(root, `.work-${name}-`));
  try {
    git(work, ['init', '--quiet', '--initial-branch=main']);
    git(work, ['remote', 'add', 'origin', bare]);
    if (git(bare, ['for-each-ref', '--count=1', 'refs/heads/main'])) {
      git(work, ['fetch', '--quiet', 'origin', 'main']);
      git(work, ['checkout', '--quiet', '-B', 'main', 'FETCH_HEAD']);
    }
    if (opts.replace) for (const e of fs.readdirSync(work)) if (e !== '.git') fs.rmSync(path.join(work, e), { recursive: true, force: true });
    for (const [file, content] of Object.entries(files)) {
      const p = path.join(work, file);
      if (content === null) fs.rmSync(p, { recursive: true, force: true });
      else {
        fs.mkdirSync(path.dirname(p), { recursive: true });
        fs.writeFileSync(p, content);
      }
    }
    git(work, ['add', '--all']);
    git(work, ['commit', '--quiet', '--allow-empty', '-m', opts.message ?? 'test commit']);
    git(work, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    return git(work, ['rev-parse', 'HEAD']);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Commits the whole directory `dir` (e.g. a generated repository) as the new tree of `<name>.git`. */
export function commitDirectory(root: string, name: string, dir: string, message = 'test commit'): string {
  const files: Record<string, Buffer> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.git') walk(p);
      } else files[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p); // bytes: vendored charts are .tgz
    }
  };
  walk(dir);
  return commitFiles(root, name, files, { message, replace: true });
}
