// Local server processes for tests: free ports on 127.0.0.1, a bounded lifetime for every process
// (coreutils `timeout` kills it even if the test runner itself is killed), logs in files, and
// cleanup on stop, on process exit and on SIGINT/SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as path from 'node:path';

export interface ManagedProcess {
  name: string;
  pid: number;
  /** File that holds the process's stdout and stderr. */
  logFile: string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  exited: Promise<number | string>;
  /** The last `lines` lines of the log. */
  logTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after `graceMs`, to the whole process group. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let hooked = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // detached: the child leads its own process group
  } catch {
    /* already gone */
  }
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const c of live) killGroup(c, 'SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const c of live) killGroup(c, 'SIGKILL');
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Directory for the log file `<name>.log`. */
  logDir: string;
  /** Hard limit: `timeout` kills the process after this many seconds (default 900). */
  lifetimeSeconds?: number;
}

/** Starts `command args` in its own process group, its output appended to `<logDir>/<name>.log`. */
export function startProcess(name: string, command: string, args: string[], opts: StartOptions): ManagedProcess {
  hookExit();
  const logFile = path.join(opts.logDir, `${name}.log`);
  fs.mkdirSync(opts.logDir, { recursive: true });
  const fd = fs.openSync(logFile, 'a');
  const lifetime = String(opts.lifetimeSeconds ?? 900);
  // timeout: SIGTERM at the limit, SIGKILL 5 s later; it is the group leader, the server its child
  const child = spawn('timeout', ['--kill-after=5', lifetime, command, ...args], {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    stdio: ['ignore', fd, fd],
    detached: true,
  });
  fs.closeSync(fd);
  live.add(child);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve(code ?? signal ?? -1);
    });
    child.once('error', (e) => {
      live.delete(child);
      fs.appendFileSync(logFile, `\n[spawn error] ${e.message}\n`);
      resolve(-1);
    });
  });
  child.unref();
  const logTail = (lines = 40) => {
    try {
      return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  return {
    name,
    pid: child.pid ?? -1,
    logFile,
    exited,
    logTail,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` with
 * `describe()` (e.g. the process logs or the object's status) in the message.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, opts: { timeoutMs: number; intervalMs?: number; describe?: () => Promise<string> | string; process?: ManagedProcess }): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  for (;;) {
    if (opts.process) {
      const done = await Promise.race([opts.process.exited.then((c) => ({ c })), sleep(0).then(() => undefined)]);
      if (done) throw new Error(`${opts.process.name} exited (${done.c}) while waiting for ${what}:\n${opts.process.logTail()}`);
    }
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const detail = opts.describe ? await opts.describe() : opts.process ? opts.process.logTail() : '';
      throw new Error(`timed out after ${Math.round(opts.timeoutMs / 1000)} s waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}${detail ? `:\n${detail}` : ''}`);
    }
    await sleep(opts.intervalMs ?? 250);
  }
}

/** Resolves true when a TCP connection to 127.0.0.1:port succeeds. */
export function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** GET url (http or https, certificate not checked: the test servers' own); the status code, or 0 when unreachable. */
export function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { rejectUnauthorized: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
  });
}
