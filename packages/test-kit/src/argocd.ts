// Real Argo CD for tests: the application controller and the repo server built from source
// (.tools/bin/argocd), redis, a loopback Git server, and — so that Deployments get Pods that turn
// Ready without a kubelet — kube-controller-manager, kube-scheduler and kwok, all as local
// processes on 127.0.0.1 against a test API server (kube-api.ts). Everything lives in one temp dir,
// every process has a bounded lifetime, and `stop()` (or the exit of the test process) ends them.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { enginePath, repoRoot, runEngine, type EngineName } from './engines';
import { commitFiles, startGitServer, type GitServer } from './git-server';
import { freePort, httpStatus, startProcess, tcpOpen, waitFor, type ManagedProcess } from './processes';

export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

/** What argocd.ts needs from the test API server (kube-api.ts's KubeApi has it). */
export interface KubeTarget {
  /** Path of a kubeconfig for cluster-admin (server https://127.0.0.1:<port>, token auth). */
  kubeconfig: string;
  /** Server-side apply of each object in order; throws on the first failure. */
  applyAll(objects: KubeObject[]): Promise<void>;
  /** GET an object; undefined when it does not exist. */
  get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<KubeObject | undefined>;
  /** JSON merge patch of an object. */
  patch(apiVersion: string, kind: string, name: string, namespace: string | undefined, patch: unknown): Promise<KubeObject>;
}

// the engines this file runs (built by tools/engines/build.mjs like the others)
const engine = (name: 'argocd' | 'kwok' | 'kube-controller-manager' | 'kube-scheduler') => enginePath(name as EngineName);

export const ARGOCD_NAMESPACE = 'argocd';
/** The argo-cd chart the platform pins (packages/feature-argocd: 9.6.0, app v3.4.4), from the chart mirror. */
export const ARGOCD_CHART = 'argo-cd-9.6.0.tgz';

/** ../shared/upstream-charts beside the repository (or $SCCP_CHART_MIRROR). */
export function chartMirror(): string {
  const dir = process.env.SCCP_CHART_MIRROR ?? path.resolve(repoRoot(), '..', 'shared', 'upstream-charts');
  if (!fs.existsSync(dir)) throw new Error(`chart mirror not found at ${dir}: set SCCP_CHART_MIRROR to the upstream-charts folder`);
  return dir;
}

/**
 * Directory of a Go module as pinned by tools/<toolsDir>/go.mod, in the module cache (downloaded
 * if needed). The tests read data files that ship with the engines from there (Argo CD's CRDs,
 * kwok's stages), so they always match the built binaries.
 */
export function pinnedModuleDir(toolsDir: string, modulePath: string): string {
  const cwd = path.join(repoRoot(), 'tools', toolsDir);
  const goMod = fs.readFileSync(path.join(cwd, 'go.mod'), 'utf8');
  const toolchain = /^go (1\.2[7-9]|1\.[3-9]\d)/m.test(goMod) ? { GOTOOLCHAIN: 'go1.27.3' } : {}; // as build.mjs builds it
  const r = spawnSync('go', ['mod', 'download', '-json', modulePath], { cwd, encoding: 'utf8', env: { ...process.env, GOWORK: 'off', GOFLAGS: '-mod=mod', ...toolchain } });
  if (r.error) throw new Error(`\`go\` is needed to locate ${modulePath}: ${r.error.message}`);
  const info = JSON.parse(r.stdout || '{}') as { Dir?: string; Error?: string };
  if (r.status !== 0 || !info.Dir) throw new Error(`go mod download ${modulePath} in tools/${toolsDir} failed: ${info.Error ?? r.stderr}`);
  return info.Dir;
}

function readYamlObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJSON() as KubeObject | null)
    .filter((o): o is KubeObject => !!o && typeof o === 'object' && !!o.kind);
}

/** Argo CD's CRDs (Application, AppProject, ApplicationSet) of the built argocd binary's version. */
export function argoCdCrds(): KubeObject[] {
  const dir = path.join(pinnedModuleDir('argocd', 'github.com/argoproj/argo-cd/v3'), 'manifests', 'crds');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('-crd.yaml'))
    .sort()
    .flatMap((f) => readYamlObjects(fs.readFileSync(path.join(dir, f), 'utf8')));
}

/** The objects `helm template argocd <mirror>/argo-cd-9.6.0.tgz -n argocd` renders, with optional values. */
export function renderArgoCdChart(values: Record<string, unknown> = {}, chart = ARGOCD_CHART): KubeObject[] {
  const tgz = path.join(chartMirror(), chart);
  if (!fs.existsSync(tgz)) throw new Error(`${chart} is not in the chart mirror ${chartMirror()}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-argocd-values-'));
  try {
    const valuesFile = path.join(dir, 'values.yaml');
    fs.writeFileSync(valuesFile, stringify(values));
    const r = runEngine('helm', ['template', 'argocd', tgz, '--namespace', ARGOCD_NAMESPACE, '--values', valuesFile]);
    if (r.status !== 0) throw new Error(`helm template ${chart} failed: ${r.stderr}`);
    return readYamlObjects(r.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type EnvVar = { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string; optional?: boolean }; secretKeyRef?: { name: string; key: string; optional?: boolean } } };

/**
 * The environment the chart gives a container (its `env`, with configMapKeyRef/secretKeyRef resolved
 * against the rendered ConfigMaps and Secrets), so each local process is configured as its pod would be.
 */
function containerEnv(objects: KubeObject[], kind: string, name: string, secrets: Record<string, Record<string, string>>): Record<string, string> {
  const workload = objects.find((o) => o.kind === kind && o.metadata.name === name) as { spec?: { template?: { spec?: { containers?: { env?: EnvVar[] }[] } } } } | undefined;
  if (!workload) throw new Error(`the chart renders no ${kind} ${name}`);
  const data = (k: string, n: string): Record<string, string> | undefined => {
    const o = objects.find((x) => x.kind === k && x.metadata.name === n) as { data?: Record<string, string>; stringData?: Record<string, string> } | undefined;
    if (k === 'Secret') return secrets[n] ?? (o ? { ...Object.fromEntries(Object.entries(o.data ?? {}).map(([a, b]) => [a, Buffer.from(b, 'base64').toString()])), ...(o.stringData ?? {}) } : undefined);
    return o?.data;
  };
  const env: Record<string, string> = {};
  for (const e of workload.spec?.template?.spec?.containers?.[0]?.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    const ref = e.valueFrom?.configMapKeyRef ?? e.valueFrom?.secretKeyRef;
    if (!ref) continue;
    const v = data(e.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret', ref.name)?.[ref.key];
    if (v !== undefined) env[e.name] = v;
    else if (!ref.optional) throw new Error(`${kind} ${name}: env ${e.name} needs ${ref.name}/${ref.key}, which the chart does not render`);
  }
  return env;
}

export interface ArgoCdOptions {
  /** Values for the argo-cd chart (argocd-cm, argocd-cmd-params-cm, ... as the platform sets them). */
  values?: Record<string, unknown>;
  /** Root of the temp dir (default: a new dir under os.tmpdir()). */
  dir?: string;
  /** Seconds after which every process is killed whatever happens (default 900). */
  lifetimeSeconds?: number;
  /** Also run kube-controller-manager, kube-scheduler and kwok with one fake Node (default true). */
  workloads?: boolean;
  /** Extra arguments of the application controller. */
  controllerArgs?: string[];
  /**
   * A Git server started by the caller (startGitServer), e.g. because the repository URL must be
   * known before the platform is built; stop() stops it too. Default: a new one under `dir`.
   */
  git?: GitServer;
}

export interface ArgoCd {
  namespace: string;
  /** Temp dir with every log (`logs/<process>.log`), redis data and the served Git repositories. */
  dir: string;
  git: GitServer;
  processes: ManagedProcess[];
  /** Commits files to `<name>.git` on the Git server (see git-server.ts commitFiles); returns the sha. */
  commit(name: string, files: Record<string, string | null>, opts?: { message?: string; replace?: boolean }): string;
  /** The Application, or undefined. */
  application(name: string): Promise<KubeObject | undefined>;
  /**
   * Waits until `ok(app)` holds; on timeout fails with the Application's status and the tails of the
   * controller's and repo server's logs.
   */
  waitForApplication(name: string, ok: (app: KubeObject) => boolean, what: string, timeoutMs?: number): Promise<KubeObject>;
  /** Asks the controller to refresh the Application now (argocd.argoproj.io/refresh annotation). */
  refresh(name: string, hard?: boolean): Promise<void>;
  /** Tails of every process's log, for failure messages. */
  logs(lines?: number): string;
  stop(): Promise<void>;
}

const appStatus = (app: KubeObject | undefined) => (app ? stringify({ status: app.status ?? null, operation: app.operation ?? null }) : '(no such Application)');

/** `status.sync.status` and `status.health.status` of an Application. */
export function syncAndHealth(app: KubeObject): { sync?: string; health?: string; revision?: string } {
  const s = (app.status ?? {}) as { sync?: { status?: string; revision?: string }; health?: { status?: string } };
  return { sync: s.sync?.status, health: s.health?.status, revision: s.sync?.revision };
}

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Throws with the command that installs them when the Debian packages the Argo CD tests need are missing. */
export function requireSystemPackages(): void {
  const missing = ['redis-server', 'git', 'openssl'].filter((c) => !which(c));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run \`bash tools/system-packages.sh\` (installs the Debian packages the tests need)`);
}

/**
 * Starts kube-controller-manager, kube-scheduler and kwok (one fake Node, `kwok-node-0`) so that
 * Deployments make ReplicaSets and Pods that get scheduled and report Ready.
 */
export async function startWorkloadControllers(kube: KubeTarget, opts: { dir: string; lifetimeSeconds?: number }): Promise<ManagedProcess[]> {
  const logDir = path.join(opts.dir, 'logs');
  const common = { logDir, lifetimeSeconds: opts.lifetimeSeconds, env: { ...process.env, HOME: opts.dir } };
  const procs: ManagedProcess[] = [];
  // the flags kube-controller-manager and kube-scheduler share: the test API server, loopback, own certificates
  const controlPlane = (port: number, certs: string) => [
    `--kubeconfig=${kube.kubeconfig}`,
    `--authentication-kubeconfig=${kube.kubeconfig}`,
    `--authorization-kubeconfig=${kube.kubeconfig}`,
    '--leader-elect=false',
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    `--cert-dir=${path.join(opts.dir, certs)}`,
  ];
  const kcmPort = await freePort();
  const kcm = startProcess('kube-controller-manager', engine('kube-controller-manager'), [
    ...controlPlane(kcmPort, 'kcm-certs'),
    '--use-service-account-credentials=false',
    '--concurrent-deployment-syncs=5',
  ], common);
  procs.push(kcm);
  const schedPort = await freePort();
  const sched = startProcess('kube-scheduler', engine('kube-scheduler'), controlPlane(schedPort, 'scheduler-certs'), common);
  procs.push(sched);

  // kwok's stages as kwokctl installs them by default: nodes initialize and heartbeat, pods go Ready
  const stagesDir = path.join(pinnedModuleDir('kwok', 'sigs.k8s.io/kwok'), 'kustomize', 'stage');
  const stageFiles = ['node/fast/node-initialize.yaml', 'node/heartbeat/node-heartbeat.yaml', 'pod/fast/pod-ready.yaml', 'pod/fast/pod-complete.yaml', 'pod/fast/pod-delete.yaml'];
  const kwokConfig = path.join(opts.dir, 'kwok.yaml');
  fs.writeFileSync(kwokConfig, stageFiles.map((f) => fs.readFileSync(path.join(stagesDir, f), 'utf8').trim()).join('\n---\n') + '\n');
  const kwokPort = await freePort();
  const kwok = startProcess('kwok', engine('kwok'), [
    `--kubeconfig=${kube.kubeconfig}`,
    `--config=${kwokConfig}`,
    '--manage-all-nodes=false',
    '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
    '--cidr=10.244.0.0/16',
    '--node-ip=10.0.0.1',
    `--server-address=127.0.0.1:${kwokPort}`,
  ], common);
  procs.push(kwok);

  await waitFor('kube-controller-manager /healthz', async () => ((await httpStatus(`https://127.0.0.1:${kcmPort}/healthz`)) === 200 ? true : undefined), { timeoutMs: 60_000, process: kcm });
  await waitFor('kube-scheduler /healthz', async () => ((await httpStatus(`https://127.0.0.1:${schedPort}/healthz`)) === 200 ? true : undefined), { timeoutMs: 60_000, process: sched });
  await waitFor('kwok /healthz', async () => ((await httpStatus(`http://127.0.0.1:${kwokPort}/healthz`)) === 200 ? true : undefined), { timeoutMs: 60_000, process: kwok });
  await kube.applyAll([
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'kwok-node-0', annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' }, labels: { 'kubernetes.io/hostname': 'kwok-node-0', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' } },
      spec: {},
    },
  ]);
  await waitFor(
    'Node kwok-node-0 Ready',
    async () => {
      const n = (await kube.get('v1', 'Node', 'kwok-node-0')) as { status?: { conditions?: { type: string; status: string }[] } } | undefined;
      return n?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? true : undefined;
    },
    { timeoutMs: 60_000, process: kwok },
  );
  return procs;
}

/**
 * Starts Argo CD against `kube`: applies its CRDs, the argocd Namespace, the chart's ConfigMaps and
 * Secrets and the default AppProject, then runs redis (with a password, as the chart's
 * redis-secret-init Job sets one), argocd-repo-server and argocd-application-controller with the
 * environment the chart gives their pods, plus a Git server (and, by default, the workload
 * controllers of startWorkloadControllers).
 */
export async function startArgoCd(kube: KubeTarget, opts: ArgoCdOptions = {}): Promise<ArgoCd> {
  requireSystemPackages();
  const argocd = engine('argocd');
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-argocd-'));
  const logDir = path.join(dir, 'logs');
  const lifetimeSeconds = opts.lifetimeSeconds ?? 900;
  const processes: ManagedProcess[] = [];
  let git: GitServer | undefined = opts.git;
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await git?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const logs = (lines = 30) => processes.map((p) => `--- ${p.name} (${p.logFile}) ---\n${p.logTail(lines)}`).join('\n');
  try {
    // what a chart install puts in the cluster, minus the workloads (run here as processes)
    const rendered = renderArgoCdChart(opts.values);
    const redisPassword = randomBytes(16).toString('hex');
    const secrets: Record<string, Record<string, string>> = { 'argocd-redis': { auth: redisPassword } };
    const config = rendered.filter((o) => (o.kind === 'ConfigMap' || o.kind === 'Secret') && o.metadata.name.startsWith('argocd-'));
    await kube.applyAll(argoCdCrds());
    await waitFor(
      'Argo CD CRDs established',
      async () => {
        for (const n of ['applications.argoproj.io', 'appprojects.argoproj.io']) {
          const c = (await kube.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', n)) as { status?: { conditions?: { type: string; status: string }[] } } | undefined;
          if (!c?.status?.conditions?.some((x) => x.type === 'Established' && x.status === 'True')) return undefined;
        }
        return true;
      },
      { timeoutMs: 30_000 },
    );
    await kube.applyAll([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ARGOCD_NAMESPACE } }]);
    await kube.applyAll([
      ...config.map((o) => ({
        ...o,
        metadata: { ...o.metadata, namespace: ARGOCD_NAMESPACE },
        // argocd-server writes the signing key into the chart's (empty) argocd-secret on its first start
        ...(o.kind === 'Secret' && o.metadata.name === 'argocd-secret' ? { stringData: { ...(o.stringData as object), 'server.secretkey': randomBytes(32).toString('base64') } } : {}),
      })),
      // the chart's redis-secret-init Job creates this (argocd admin redis-initial-password)
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'argocd-redis', namespace: ARGOCD_NAMESPACE }, type: 'Opaque', stringData: { auth: redisPassword } },
      // argocd-server creates the default project on start; there is no argocd-server here
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'default', namespace: ARGOCD_NAMESPACE },
        spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
      },
    ]);

    git ??= await startGitServer(path.join(dir, 'git'));

    if (opts.workloads !== false) processes.push(...(await startWorkloadControllers(kube, { dir, lifetimeSeconds })));

    const redisPort = await freePort();
    const redisDir = path.join(dir, 'redis');
    fs.mkdirSync(redisDir, { recursive: true });
    const redis = startProcess('redis', 'redis-server', ['--bind', '127.0.0.1', '--port', String(redisPort), '--requirepass', redisPassword, '--save', '', '--appendonly', 'no', '--dir', redisDir, '--protected-mode', 'yes'], { logDir, lifetimeSeconds });
    processes.push(redis);
    await waitFor('redis', async () => ((await tcpOpen(redisPort)) ? true : undefined), { timeoutMs: 20_000, process: redis });

    // each process gets the env its pod gets from the chart, then the addresses of this machine
    const home = path.join(dir, 'home');
    const tmp = path.join(dir, 'tmp');
    for (const d of [home, tmp, path.join(dir, 'tls'), path.join(dir, 'ssh'), path.join(dir, 'gpg'), path.join(dir, 'plugins'), path.join(dir, 'kubecache')]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(dir, 'ssh', 'ssh_known_hosts'), '');
    // trust the Git server's certificate for 127.0.0.1, as argocd-tls-certs-cm (mounted at
    // ARGOCD_TLS_DATA_PATH, one file per server name) trusts a private forge's
    if (git.certificate) fs.writeFileSync(path.join(dir, 'tls', '127.0.0.1'), git.certificate);
    // what the argocd image puts in /usr/local/bin next to the binary: upstream's wrapper scripts
    // (the repo server runs git-verify-wrapper.sh on every revision) and helm
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    const hack = path.join(pinnedModuleDir('argocd', 'github.com/argoproj/argo-cd/v3'), 'hack');
    for (const script of ['git-verify-wrapper.sh', 'gpg-wrapper.sh']) {
      fs.copyFileSync(path.join(hack, script), path.join(bin, script));
      fs.chmodSync(path.join(bin, script), 0o755);
    }
    fs.symlinkSync(enginePath('helm'), path.join(bin, 'helm'));
    const base: NodeJS.ProcessEnv = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: home,
      TMPDIR: tmp,
      KUBECONFIG: kube.kubeconfig,
      // the controller talks to https://kubernetes.default.svc through KUBECONFIG, as upstream's Procfile runs it
      ARGOCD_FAKE_IN_CLUSTER: 'true',
      ARGOCD_TLS_DATA_PATH: path.join(dir, 'tls'),
      ARGOCD_SSH_DATA_PATH: path.join(dir, 'ssh'),
      ARGOCD_GNUPGHOME: path.join(dir, 'gpg'),
      ARGOCD_GPG_ENABLED: 'false', // the pod mounts a keyring dir and runs gpg; no gpg here
      ARGOCD_PLUGINSOCKFILEPATH: path.join(dir, 'plugins'),
      REDIS_SERVER: `127.0.0.1:${redisPort}`,
    };
    const repoPort = await freePort();
    const repoMetrics = await freePort();
    const repoEnv = containerEnv(rendered, 'Deployment', 'argocd-repo-server', secrets);
    const repoServer = startProcess('argocd-repo-server', argocd, [`--port=${repoPort}`, `--metrics-port=${repoMetrics}`, `--redis=127.0.0.1:${redisPort}`], {
      logDir,
      lifetimeSeconds,
      env: {
        ...repoEnv,
        ...base,
        ARGOCD_BINARY_NAME: 'argocd-repo-server',
        ARGOCD_REPO_SERVER_LISTEN_ADDRESS: '127.0.0.1',
        ARGOCD_REPO_SERVER_METRICS_LISTEN_ADDRESS: '127.0.0.1',
        HELM_CACHE_HOME: path.join(dir, 'helm'),
        HELM_CONFIG_HOME: path.join(dir, 'helm'),
        HELM_DATA_HOME: path.join(dir, 'helm'),
      },
    });
    processes.push(repoServer);
    await waitFor('argocd-repo-server', async () => ((await tcpOpen(repoPort)) ? true : undefined), { timeoutMs: 60_000, process: repoServer });

    const ctrlMetrics = await freePort();
    const ctrlEnv = containerEnv(rendered, 'StatefulSet', 'argocd-application-controller', secrets);
    const controller = startProcess('argocd-application-controller', argocd, [`--metrics-port=${ctrlMetrics}`, `--repo-server=127.0.0.1:${repoPort}`, `--redis=127.0.0.1:${redisPort}`, `--namespace=${ARGOCD_NAMESPACE}`, ...(opts.controllerArgs ?? [])], {
      logDir,
      lifetimeSeconds,
      env: {
        ...ctrlEnv,
        ...base,
        ARGOCD_BINARY_NAME: 'argocd-application-controller',
        HOSTNAME: 'argocd-application-controller-0', // the StatefulSet's pod name: shard 0
        KUBECACHEDIR: path.join(dir, 'kubecache'),
      },
    });
    processes.push(controller);
    await waitFor('argocd-application-controller /healthz', async () => ((await httpStatus(`http://127.0.0.1:${ctrlMetrics}/healthz`)) === 200 ? true : undefined), { timeoutMs: 90_000, process: controller });

    const application = (name: string) => kube.get('argoproj.io/v1alpha1', 'Application', name, ARGOCD_NAMESPACE);
    return {
      namespace: ARGOCD_NAMESPACE,
      dir,
      git,
      processes,
      commit: (name, files, o) => commitFiles(git!.root, name, files, o),
      application,
      async waitForApplication(name, ok, what, timeoutMs = 90_000) {
        return waitFor(`Application ${name}: ${what}`, async () => {
          const app = await application(name);
          return app && ok(app) ? app : undefined;
        }, {
          timeoutMs,
          intervalMs: 500,
          describe: async () => `${appStatus(await application(name).catch(() => undefined))}\n${logs(25)}`,
        });
      },
      async refresh(name, hard = false) {
        await kube.patch('argoproj.io/v1alpha1', 'Application', name, ARGOCD_NAMESPACE, { metadata: { annotations: { 'argocd.argoproj.io/refresh': hard ? 'hard' : 'normal' } } });
      },
      logs,
      stop,
    };
  } catch (e) {
    const message = `${(e as Error).message}\n${logs(40)}`;
    await stop().catch(() => undefined);
    throw new Error(message);
  }
}
