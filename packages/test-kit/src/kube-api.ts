// A real Kubernetes API server for tests: etcd and kube-apiserver (built from the modules pinned in
// tools/etcd and tools/kube-apiserver by `npm run engines`) on 127.0.0.1, in one temp dir, with a
// small REST client: discovery, server-side apply (dry run or not) with strict field validation,
// create, get, merge patch, and waiting for a CRD to be served.
//
// Bounds: every start waits at most `readyTimeoutMs` for /readyz; a detached watchdog kills both
// servers and removes the temp dir when the test process dies (even by SIGKILL) or when
// `lifetimeSeconds` have passed; `stop()`, process exit and SIGINT/SIGTERM/SIGHUP do the same.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { enginePath } from './engines';
import { freePort } from './processes';

/** Any Kubernetes object. */
export interface ApiObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface KubeApiOptions {
  /** Hard limit for both server processes, in seconds (default 900): the watchdog kills them after it. */
  lifetimeSeconds?: number;
  /** How long to wait for etcd and for kube-apiserver's /readyz (default 90 000 ms). */
  readyTimeoutMs?: number;
  /** More kube-apiserver flags (e.g. `--feature-gates=...`); they come after the defaults. */
  apiServerArgs?: string[];
  /** Parent of the temp dir (default os.tmpdir()). */
  tmpDir?: string;
}

export interface KubeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Texts of the `Warning` response headers (deprecated APIs, unknown fields under fieldValidation=Warn, ...). */
  warnings: string[];
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: any;
}

export interface ResourceInfo {
  /** `v1` or `<group>/<version>` */
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  /** Plural resource name, e.g. `deployments`. */
  resource: string;
  namespaced: boolean;
  verbs: string[];
}

export interface ApplyResult {
  ok: boolean;
  /** HTTP status; 404 with reason `NotFound` when the server serves no such apiVersion/kind. */
  status: number;
  /** The Status message on failure (names the offending field for strict validation errors); '' on success. */
  message: string;
  /** `Warning` headers: deprecated APIs, ... */
  warnings: string[];
  /** Status reason on failure: `BadRequest`, `Invalid`, `NotFound`, `AlreadyExists`, ... */
  reason?: string;
  /** The object as the server returned it (with defaults), on success. */
  object?: ApiObject;
}

export interface ApplyOptions {
  /** `dryRun=All`: admission and validation run, nothing is stored (default false, as for kubectl). */
  dryRun?: boolean;
  /** Default `sccp`. */
  fieldManager?: string;
  /** Take over fields owned by other managers (default true). */
  force?: boolean;
  /** Namespace for a namespaced object without metadata.namespace (default `default`). */
  namespace?: string;
  /** `Strict` (default): unknown and duplicate fields are errors; `Warn` makes them warnings. */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface KubeApi {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** Bearer token of `sccp-admin` (group system:masters). */
  token: string;
  /** PEM bundle the server certificate chains to (kube-apiserver's self-signed CA, from --cert-dir). */
  caFile: string;
  /** A kubeconfig file for sccp-admin (current context `sccp-test`, namespace default). */
  kubeconfig: string;
  /** The temp dir that holds etcd's data, the certificates, the keys and the logs; removed by stop(). */
  dir: string;
  /** The server's /version: `gitVersion` is the pinned release, e.g. `v1.37.2`. */
  version: { major: string; minor: string; gitVersion: string; [k: string]: string };
  pids: { etcd: number; apiServer: number; watchdog: number };
  /** One request as sccp-admin (a header set to '' is left out: `authorization: ''` is anonymous); `body` objects are sent as JSON. Never throws for an HTTP error status. */
  request(method: string, urlPath: string, body?: unknown, headers?: Record<string, string>): Promise<KubeResponse>;
  /** Every resource the server serves, keyed `<apiVersion>/<Kind>`; cached, `refresh` reads it again. */
  discovery(opts?: { refresh?: boolean }): Promise<Map<string, ResourceInfo>>;
  /** The resource for apiVersion/kind; reads discovery again once on a miss. */
  resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined>;
  /** Server-side apply (PATCH application/apply-patch+yaml, fieldValidation=Strict). */
  apply(obj: ApiObject, opts?: ApplyOptions): Promise<ApplyResult>;
  /** Server-side apply of each object in order, for real; throws on the first failure with its message. */
  applyAll(objects: ApiObject[], opts?: Omit<ApplyOptions, 'dryRun'>): Promise<void>;
  /** POST (create), fieldValidation=Strict. For CRDs use createCrd, which also waits until the CRD is served. */
  create(obj: ApiObject, opts?: Omit<ApplyOptions, 'force'>): Promise<ApplyResult>;
  /** GET an object; undefined when it does not exist (throws on other errors). */
  get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<ApiObject | undefined>;
  /** JSON merge patch; throws on failure. */
  patch(apiVersion: string, kind: string, name: string, namespace: string | undefined, patch: unknown): Promise<ApiObject>;
  /** Creates the Namespace (if absent) and its `default` ServiceAccount (see the note on admission plugins). */
  ensureNamespace(name: string): Promise<void>;
  /** Creates a CustomResourceDefinition and waits until it is Established and its kind is in discovery. */
  createCrd(crd: ApiObject, opts?: { timeoutMs?: number }): Promise<ApplyResult>;
  /** Waits until the CRD `name` is Established and each served version lists its kind in discovery. */
  waitForCrd(name: string, opts?: { timeoutMs?: number }): Promise<void>;
  /** The last lines of etcd's and kube-apiserver's logs. */
  logs(lines?: number): string;
  /** Kills both servers (and the watchdog) and removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- process bookkeeping: cleanup on stop, on exit, on signals, and by a watchdog ----------------

interface Instance {
  dir: string;
  children: ChildProcess[];
  watchdog?: ChildProcess;
}
const live = new Set<Instance>();
let hooked = false;

function killNow(inst: Instance): void {
  for (const c of [inst.watchdog, ...inst.children]) {
    if (c?.pid !== undefined && c.exitCode === null && c.signalCode === null) {
      try {
        process.kill(c.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
  fs.rmSync(inst.dir, { recursive: true, force: true });
  live.delete(inst);
}

function hookProcess(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const inst of [...live]) killNow(inst);
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      for (const inst of [...live]) killNow(inst);
      // Re-raise for the default action unless someone else handles the signal.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
    });
  }
}

// Runs detached (it outlives a SIGKILLed test runner): when the parent is gone or the deadline has
// passed, it sends SIGKILL to the pids listed in pidsFile (the data is thrown away: no need to wait
// for a graceful shutdown), removes dir and exits.
const WATCHDOG = `
const fs = require('fs');
const [ppid, deadline, pidsFile, dir] = process.argv.slice(1);
const alive = (p) => { try { process.kill(p, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const signal = (pids, s) => pids.forEach((p) => { try { process.kill(p, s); } catch {} });
let pids = [];
const tick = () => {
  try { pids = JSON.parse(fs.readFileSync(pidsFile, 'utf8')); } catch {}
  if (alive(Number(ppid)) && Date.now() < Number(deadline)) return setTimeout(tick, 500);
  signal(pids, 'SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
};
tick();
`;


function tail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

class StartError extends Error {
  constructor(message: string, readonly portClash: boolean) {
    super(message);
  }
}

/**
 * Starts etcd and kube-apiserver on 127.0.0.1 (free ports) in a new temp dir and resolves once
 * /readyz answers 200. Throws (never skips) when the engines are not built.
 *
 * kube-apiserver runs with: token auth (`sccp-admin` in system:masters), RBAC authorization (the
 * bootstrap roles are in place once /readyz is ready), a service-account key pair generated here,
 * a serving certificate it generates itself into `<dir>/pki`, `--allow-privileged=true` (as kubeadm
 * sets it) and the default admission plugins. The ServiceAccount admission plugin stays on: it
 * refuses Pods whose ServiceAccount does not exist, and no controller-manager creates `default`
 * here, so ensureNamespace() creates it (the apiserver creates the system namespaces itself; the
 * `default` ServiceAccount of namespace `default` is created at start).
 */
export async function startKubeApiServer(opts: KubeApiOptions = {}): Promise<KubeApi> {
  const bins = { etcd: enginePath('etcd'), apiServer: enginePath('kube-apiserver') };
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(bins, opts);
    } catch (e) {
      // the ports were free when picked; another process may have taken one since
      if (!(e instanceof StartError && e.portClash && attempt < 3)) throw e;
    }
  }
}

async function startOnce(bins: { etcd: string; apiServer: string }, opts: KubeApiOptions): Promise<KubeApi> {
  hookProcess();
  const lifetimeMs = (opts.lifetimeSeconds ?? 900) * 1000;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 90_000;
  const dir = fs.mkdtempSync(path.join(opts.tmpDir ?? os.tmpdir(), 'sccp-kube-api-'));
  const inst: Instance = { dir, children: [] };
  live.add(inst);
  const pidsFile = path.join(dir, 'pids.json');
  const logFile = { etcd: path.join(dir, 'etcd.log'), apiServer: path.join(dir, 'kube-apiserver.log') };
  const logs = (lines = 30) => `--- etcd (${logFile.etcd}) ---\n${tail(logFile.etcd, lines)}\n--- kube-apiserver (${logFile.apiServer}) ---\n${tail(logFile.apiServer, lines)}`;

  const exits = new Map<ChildProcess, Promise<string>>();
  const launch = (bin: string, args: string[], log: string): ChildProcess => {
    // output to a file, not a pipe: a test blocked in spawnSync must never stall the server on a full pipe
    const fd = fs.openSync(log, 'a');
    const child = spawn(bin, args, { stdio: ['ignore', fd, fd], env: { ...process.env, HOME: dir } });
    fs.closeSync(fd);
    child.unref();
    inst.children.push(child);
    exits.set(
      child,
      new Promise((resolve) => {
        child.once('exit', (code, sig) => resolve(`exited with ${code ?? sig}`));
        child.once('error', (e) => resolve(`failed to start: ${e.message}`));
      }),
    );
    fs.writeFileSync(pidsFile, JSON.stringify(inst.children.map((c) => c.pid).filter((p) => p !== undefined)));
    return child;
  };

  const watchdog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(Date.now() + lifetimeMs), pidsFile, dir], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  inst.watchdog = watchdog;

  const fail = async (what: string): Promise<never> => {
    const text = logs(40);
    killNow(inst);
    throw new StartError(`${what}\n${text}`, /address already in use/.test(text));
  };
  /** Polls probe until it returns true; fails when `child` exits or after readyTimeoutMs. */
  const waitUntil = async (what: string, child: ChildProcess, probe: () => Promise<boolean>) => {
    const deadline = Date.now() + readyTimeoutMs;
    let last = '';
    for (;;) {
      const exited = await Promise.race([exits.get(child)!, sleep(0).then(() => undefined)]);
      if (exited) return fail(`${what}: the process ${exited}`);
      try {
        if (await probe()) return;
      } catch (e) {
        last = (e as Error).message;
      }
      if (Date.now() > deadline) return fail(`timed out after ${readyTimeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
      await sleep(200);
    }
  };

  try {
    // ---- etcd ----
    const [clientPort, peerPort, securePort] = [await freePort(), await freePort(), await freePort()];
    const etcdUrl = `http://127.0.0.1:${clientPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const etcd = launch(bins.etcd, [
      '--name=sccp-test',
      `--data-dir=${path.join(dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=sccp-test=${peerUrl}`,
      '--initial-cluster-state=new',
      '--unsafe-no-fsync', // a throwaway store: no fsync, much faster on slow disks
      '--log-level=warn',
    ], logFile.etcd);
    await waitUntil('etcd /health', etcd, async () => {
      const r = await plainGet(`${etcdUrl}/health`);
      return r.status === 200 && /"health":\s*"true"/.test(r.body);
    });

    // ---- credentials ----
    const token = randomBytes(24).toString('hex');
    const tokenFile = path.join(dir, 'tokens.csv');
    fs.writeFileSync(tokenFile, `${token},sccp-admin,sccp-admin-uid,"system:masters"\n`, { mode: 0o600 });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const saKey = path.join(dir, 'sa.key');
    const saPub = path.join(dir, 'sa.pub');
    fs.writeFileSync(saKey, privateKey, { mode: 0o600 });
    fs.writeFileSync(saPub, publicKey);
    const certDir = path.join(dir, 'pki');

    // ---- kube-apiserver ----
    const apiServer = launch(bins.apiServer, [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      // the endpoint reconciler refuses a loopback advertise address; nothing reaches the
      // `kubernetes` Service from inside here, so its Endpoints are not maintained
      '--endpoint-reconciler-type=none',
      `--secure-port=${securePort}`,
      `--cert-dir=${certDir}`,
      `--token-auth-file=${tokenFile}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${saPub}`,
      `--service-account-signing-key-file=${saKey}`,
      '--service-cluster-ip-range=10.96.0.0/12',
      '--allow-privileged=true',
      '--profiling=false',
      ...(opts.apiServerArgs ?? []),
    ], logFile.apiServer);

    const url = `https://127.0.0.1:${securePort}`;
    const caFile = path.join(certDir, 'apiserver.crt'); // the serving certificate followed by its self-signed CA
    await waitUntil(`${caFile} (kube-apiserver --cert-dir)`, apiServer, async () => fs.existsSync(caFile) && fs.statSync(caFile).size > 0);
    const agent = new https.Agent({ ca: fs.readFileSync(caFile), keepAlive: true, maxSockets: 16 });
    const request = (method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}) => httpsRequest(agent, url, token, method, urlPath, body, headers);
    await waitUntil('kube-apiserver /readyz', apiServer, async () => (await request('GET', '/readyz')).status === 200);

    const kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'sccp-test', cluster: { server: url, 'certificate-authority': caFile } }],
        users: [{ name: 'sccp-admin', user: { token } }],
        contexts: [{ name: 'sccp-test', context: { cluster: 'sccp-test', user: 'sccp-admin', namespace: 'default' } }],
        'current-context': 'sccp-test',
      }),
      { mode: 0o600 },
    );

    const version = (await request('GET', '/version')).json;
    const client = makeClient(request);
    await client.ensureNamespace('default');

    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        if (watchdog.pid !== undefined) {
          try {
            process.kill(watchdog.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
        // apiserver first (it would log etcd errors otherwise); SIGKILL after 2 s: the data is thrown away
        for (const child of [apiServer, etcd]) {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
            await exits.get(child);
            clearTimeout(timer);
          }
        }
        agent.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
        live.delete(inst);
      })());

    return {
      url,
      token,
      caFile,
      kubeconfig,
      dir,
      version,
      pids: { etcd: etcd.pid!, apiServer: apiServer.pid!, watchdog: watchdog.pid! },
      request,
      ...client,
      logs,
      stop,
    };
  } catch (e) {
    killNow(inst);
    throw e;
  }
}

// ---- HTTP ----------------------------------------------------------------------------------------

function plainGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('timeout', () => req.destroy(new Error(`GET ${url}: timed out`)));
    req.once('error', reject);
  });
}

/** `299 - "text"` (RFC 7234 warn-value, as kube-apiserver writes it) to `text`. */
function warningText(value: string): string {
  const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(value);
  return m ? m[1].replace(/\\(.)/g, '$1') : value;
}

function httpsRequest(agent: https.Agent, base: string, token: string, method: string, urlPath: string, body: unknown, headers: Record<string, string>): Promise<KubeResponse> {
  const payload = body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const h: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}`, ...headers };
  if (payload !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
  for (const k of Object.keys(h)) if (h[k] === '') delete h[k]; // e.g. authorization: '' for an anonymous request
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(urlPath, base), { method, agent, headers: h, timeout: 30_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        const warnings: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i].toLowerCase() === 'warning') warnings.push(warningText(res.rawHeaders[i + 1]));
        let json: unknown;
        if (/json/.test(String(res.headers['content-type']))) {
          try {
            json = JSON.parse(text);
          } catch {
            /* not JSON after all */
          }
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, warnings, body: text, json });
      });
    });
    req.once('timeout', () => req.destroy(new Error(`${method} ${urlPath}: no answer within 30 s`)));
    req.once('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// ---- client --------------------------------------------------------------------------------------

type Request = KubeApi['request'];

function makeClient(request: Request) {
  let cache: Map<string, ResourceInfo> | undefined;
  /** Served versions per group, from /apis (to explain a miss). */
  let groups = new Map<string, string[]>();

  const must = async (method: string, p: string) => {
    const r = await request(method, p);
    if (r.status !== 200) throw new Error(`${method} ${p}: ${r.status} ${r.json?.message ?? r.body}`);
    return r.json;
  };

  async function discovery(opts: { refresh?: boolean } = {}): Promise<Map<string, ResourceInfo>> {
    if (cache && !opts.refresh) return cache;
    const core = await must('GET', '/api');
    const apis = await must('GET', '/apis');
    const next = new Map<string, string[]>([['', core.versions]]);
    for (const g of apis.groups ?? []) next.set(g.name, g.versions.map((v: { version: string }) => v.version));
    const gvs: string[] = [...core.versions, ...(apis.groups ?? []).flatMap((g: { versions: { groupVersion: string }[] }) => g.versions.map((v) => v.groupVersion))];
    const lists = await Promise.all(gvs.map(async (gv) => ({ gv, list: await must('GET', gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`) })));
    const map = new Map<string, ResourceInfo>();
    for (const { gv, list } of lists) {
      const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
      for (const r of list.resources ?? []) {
        if (r.name.includes('/')) continue; // subresource
        map.set(`${gv}/${r.kind}`, { apiVersion: gv, group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] });
      }
    }
    groups = next;
    return (cache = map);
  }

  async function resourceFor(apiVersion: string, kind: string): Promise<ResourceInfo | undefined> {
    const key = `${apiVersion}/${kind}`;
    return (await discovery()).get(key) ?? (await discovery({ refresh: true })).get(key);
  }

  const base = (info: ResourceInfo, namespace?: string) =>
    `${info.group ? `/apis/${info.apiVersion}` : `/api/${info.version}`}${info.namespaced ? `/namespaces/${encodeURIComponent(namespace ?? 'default')}` : ''}/${info.resource}`;

  function unknown(apiVersion: string, kind: string): ApplyResult {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    const served = groups.get(group);
    const why = served ? `${group || 'the core group'} is served in ${served.join(', ')}` : `group ${group} is not served`;
    return { ok: false, status: 404, reason: 'NotFound', warnings: [], message: `the server has no resource for apiVersion ${apiVersion} kind ${kind} (${why})` };
  }

  function result(r: KubeResponse): ApplyResult {
    const ok = r.status >= 200 && r.status < 300;
    return ok
      ? { ok, status: r.status, message: '', warnings: r.warnings, object: r.json }
      : { ok, status: r.status, message: r.json?.message ?? r.body, reason: r.json?.reason, warnings: r.warnings };
  }

  const query = (o: Record<string, string | undefined>) =>
    '?' + Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join('&');

  async function apply(obj: ApiObject, opts: ApplyOptions = {}): Promise<ApplyResult> {
    const info = await resourceFor(obj.apiVersion, obj.kind);
    if (!info) return unknown(obj.apiVersion, obj.kind);
    const ns = obj.metadata?.namespace ?? opts.namespace;
    const q = query({
      fieldManager: opts.fieldManager ?? 'sccp',
      fieldValidation: opts.fieldValidation ?? 'Strict',
      force: String(opts.force ?? true),
      dryRun: opts.dryRun ? 'All' : undefined,
    });
    const r = await request('PATCH', `${base(info, ns)}/${encodeURIComponent(obj.metadata?.name ?? '')}${q}`, JSON.stringify(obj), { 'content-type': 'application/apply-patch+yaml' });
    return result(r);
  }

  async function create(obj: ApiObject, opts: Omit<ApplyOptions, 'force'> = {}): Promise<ApplyResult> {
    const info = await resourceFor(obj.apiVersion, obj.kind);
    if (!info) return unknown(obj.apiVersion, obj.kind);
    const q = query({ fieldManager: opts.fieldManager ?? 'sccp', fieldValidation: opts.fieldValidation ?? 'Strict', dryRun: opts.dryRun ? 'All' : undefined });
    return result(await request('POST', `${base(info, obj.metadata?.namespace ?? opts.namespace)}${q}`, obj));
  }

  async function get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<ApiObject | undefined> {
    const info = await resourceFor(apiVersion, kind);
    if (!info) throw new Error(unknown(apiVersion, kind).message);
    const r = await request('GET', `${base(info, namespace)}/${encodeURIComponent(name)}`);
    if (r.status === 404) return undefined;
    if (r.status !== 200) throw new Error(`GET ${kind} ${name}: ${r.status} ${r.json?.message ?? r.body}`);
    return r.json;
  }

  async function patch(apiVersion: string, kind: string, name: string, namespace: string | undefined, body: unknown): Promise<ApiObject> {
    const info = await resourceFor(apiVersion, kind);
    if (!info) throw new Error(unknown(apiVersion, kind).message);
    const r = await request('PATCH', `${base(info, namespace)}/${encodeURIComponent(name)}`, body, { 'content-type': 'application/merge-patch+json' });
    if (r.status !== 200) throw new Error(`patch ${kind} ${name}: ${r.status} ${r.json?.message ?? r.body}`);
    return r.json;
  }

  async function applyAll(objects: ApiObject[], opts: Omit<ApplyOptions, 'dryRun'> = {}): Promise<void> {
    for (const obj of objects) {
      const r = await apply(obj, opts);
      if (!r.ok) throw new Error(`apply ${obj.apiVersion} ${obj.kind} ${obj.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj.metadata?.name}: ${r.status} ${r.message}`);
    }
  }

  async function ensureNamespace(name: string): Promise<void> {
    for (const obj of [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } },
    ]) {
      const r = await create(obj);
      if (!r.ok && r.reason !== 'AlreadyExists') throw new Error(`create ${obj.kind} ${name}: ${r.status} ${r.message}`);
    }
  }

  async function waitForCrd(name: string, opts: { timeoutMs?: number } = {}): Promise<void> {
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    let state = 'not found';
    for (;;) {
      const r = await request('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`);
      const crd = r.json;
      if (r.status === 200) {
        const conds: { type: string; status: string; message?: string }[] = crd.status?.conditions ?? [];
        const names = conds.find((c) => c.type === 'NamesAccepted');
        if (names?.status === 'False') throw new Error(`CRD ${name}: names not accepted: ${names.message}`);
        if (conds.some((c) => c.type === 'Established' && c.status === 'True')) {
          // established; discovery lags a little behind (the kind must be listed before apply can find it)
          const kind = crd.spec.names.kind;
          const served = (crd.spec.versions as { name: string; served: boolean }[]).filter((v) => v.served).map((v) => `${crd.spec.group}/${v.name}`);
          const map = await discovery({ refresh: true });
          const missing = served.filter((gv) => !map.has(`${gv}/${kind}`));
          if (!missing.length) return;
          state = `established, not yet in discovery: ${missing.map((gv) => `${gv}/${kind}`).join(', ')}`;
        } else state = `conditions ${JSON.stringify(conds)}`;
      }
      if (Date.now() > deadline) throw new Error(`CRD ${name} not served after ${(opts.timeoutMs ?? 30_000) / 1000} s: ${state}`);
      await sleep(100);
    }
  }

  async function createCrd(crd: ApiObject, opts: { timeoutMs?: number } = {}): Promise<ApplyResult> {
    const r = await create(crd);
    if (r.ok) await waitForCrd(crd.metadata.name, opts);
    return r;
  }

  return { discovery, resourceFor, apply, applyAll, create, get, patch, ensureNamespace, waitForCrd, createCrd };
}
