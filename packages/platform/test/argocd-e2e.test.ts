// The generated repository, synced by a real Argo CD as a user would after the generated README's
// bootstrap: `sccp build` of fixtures/argocd-e2e/platform.yaml, `sccp vendor` from the chart mirror,
// the repository pushed to a loopback Git server (https), Argo CD's CRDs and configuration from the
// argo-cd chart with the argocd feature's values (so argocd-cm carries SCCP's health check for
// Applications), then `bootstrap/project.yaml` and `bootstrap/root-app.yaml` applied. The cluster is
// @sccp/test-kit's: kube-apiserver and etcd, kube-controller-manager, kube-scheduler and kwok (its
// Node runs no containers: Pods report Ready), with static PersistentVolumes of kind's `standard`
// class. Argo CD is the application controller and repo server built from source (tools/argocd).
// Needs the chart mirror (docs/upstream-checks.md), the engines and tools/system-packages.sh.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { commitDirectory, pinnedModuleDir, startArgoCd, startGitServer, startKubeApiServer, syncAndHealth, waitFor, type ApiObject, type ArgoCd, type GitServer, type KubeApi } from '@sccp/test-kit';
import { chartMirror } from './chart-mirror';
import { needMirror } from './upstream';
import { sccp, tmpdir } from './helpers';

const mirror = needMirror(chartMirror());
const FIXTURE = path.join(__dirname, 'fixtures', 'argocd-e2e', 'platform.yaml');
const ARGOCD = 'argocd';
/** The tenant's own repository (its environment Application's source): one ConfigMap. */
const TENANT_CONFIG = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-settings\ndata:\n  currency: EUR\n';

// the whole file is bounded: past this, fail (the exit handlers stop every process)
const watchdog = setTimeout(() => {
  console.error('argocd-e2e.test.ts: over 900 s, giving up');
  process.exit(1);
}, 900_000);
watchdog.unref();

type App = ApiObject & { status?: any; spec?: any; data?: any };
interface State {
  kube: KubeApi;
  argo: ArgoCd;
  git: GitServer;
  /** The platform.yaml built into `repo`. */
  platform: string;
  repo: string;
}
let state: State | undefined;

const readYaml = (file: string) => parse(fs.readFileSync(file, 'utf8'));
const wave = (app: App) => Number((app.metadata.annotations as Record<string, string> | undefined)?.['argocd.argoproj.io/sync-wave'] ?? 0);

async function applications(kube: KubeApi): Promise<App[]> {
  const r = await kube.request('GET', `/apis/argoproj.io/v1alpha1/namespaces/${ARGOCD}/applications`);
  assert.is(r.status, 200, r.body);
  return (r.json.items as App[]).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

const summary = (apps: App[]) =>
  apps
    .map((a) => {
      const s = syncAndHealth(a);
      const op = a.status?.operationState;
      // resources not Synced and Healthy (the controller runs with --persist-resource-health)
      const pending = ((a.status?.resources ?? []) as any[])
        .filter((r) => r.status !== 'Synced' || (r.health && r.health.status !== 'Healthy'))
        .map((r) => `\n    ${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}: ${r.status}/${r.health?.status ?? '-'} ${r.health?.message ?? ''}`);
      return `${a.metadata.name} (wave ${wave(a)}): ${s.sync}/${s.health}${op ? ` op ${op.phase}: ${String(op.message ?? '').slice(0, 300)}` : ''}${a.status?.conditions ? ` conditions ${JSON.stringify(a.status.conditions)}` : ''}${pending.join('')}`;
    })
    .join('\n');

/** Builds the platform (GIT_SERVER replaced by the Git server's URL) into `out` and vendors the real charts. */
function buildAndVendor(platformText: string, dir: string, out: string): string {
  const file = path.join(dir, 'platform.yaml');
  fs.writeFileSync(file, platformText);
  const b = sccp(['build', file, '--out', out]);
  assert.is(b.code, 0, `sccp build failed:\n${b.stderr}`);
  const v = sccp(['vendor', out, '--mirror', `*=file://${mirror}`]);
  assert.is(v.code, 0, `sccp vendor failed:\n${v.stderr}`);
  return file;
}

/** What the cluster provides before Argo CD: storage as kind has it (class `standard`), here as static volumes. */
function clusterStorage(): ApiObject[] {
  return [
    { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate', reclaimPolicy: 'Retain' },
    ...[0, 1, 2, 3].map((i) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: `standard-${i}` },
      spec: { storageClassName: 'standard', capacity: { storage: '20Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: `/var/lib/standard-${i}` } },
    })),
  ];
}

test('bootstrap as the generated README says: the root Application creates every child Application, wave by wave, and every Application ends Synced and Healthy', async () => {
  if (!mirror) return;
  const dir = tmpdir('sccp-argocd-e2e-');
  const kube = await startKubeApiServer({ lifetimeSeconds: 900 });
  let git: GitServer | undefined;
  try {
    git = await startGitServer(path.join(dir, 'git'));
    const repo = path.join(dir, 'repo');
    const platform = buildAndVendor(fs.readFileSync(FIXTURE, 'utf8').replaceAll('GIT_SERVER', git.url), dir, repo);
    // README step 1: Argo CD from the argocd wrapper chart's values (here: its config objects, and its
    // controller and repo server as local processes)
    const values = readYaml(path.join(repo, 'charts', 'argocd', 'values.yaml'))['argo-cd'];
    assert.ok(values?.configs?.cm?.['resource.customizations.health.argoproj.io_Application'], 'the argocd feature ships the health check for Applications');
    await kube.applyAll(clusterStorage());
    const argo = await startArgoCd(kube, { values, git, dir: path.join(dir, 'argocd'), lifetimeSeconds: 900, controllerArgs: ['--persist-resource-health'] });
    state = { kube, argo, git, platform, repo };
    // the tenant's own repository: one ConfigMap for its namespace
    argo.commit('shop-deploy', { 'settings.yaml': TENANT_CONFIG });
    const sha = commitDirectory(git.root, 'platform', repo, 'platform e2e');
    // README step 3
    for (const f of ['project.yaml', 'root-app.yaml']) await kube.applyAll([readYaml(path.join(repo, 'bootstrap', f))]);

    const expected = ['e2e-root', ...fs.readdirSync(path.join(repo, 'apps')).map((f) => f.replace(/\.yaml$/, '')), 'shop'].sort();
    const apps = await waitFor(
      'every Application Synced and Healthy',
      async () => {
        const all = await applications(kube);
        const ok = all.length === expected.length && all.every((a) => syncAndHealth(a).sync === 'Synced' && syncAndHealth(a).health === 'Healthy');
        return ok ? all : undefined;
      },
      { timeoutMs: 600_000, intervalMs: 2000, describe: async () => `${summary(await applications(kube))}\n${argo.logs(8)}` },
    );
    assert.equal(apps.map((a) => a.metadata.name), expected);
    for (const a of apps.filter((x) => x.spec.source.repoURL === git!.repoUrl('platform'))) assert.is(syncAndHealth(a).revision, sha, `${a.metadata.name} synced the pushed commit`);

    // the waves: each child Application was created only after every child of the waves before it
    // had been deployed (its first sync, status.history[0])
    const children = apps.filter((a) => a.metadata.name !== 'e2e-root' && a.spec.project === 'platform');
    assert.equal([...new Set(children.map(wave))].sort((x, y) => x - y), [0, 10], 'the fixture spans two waves');
    const deployedAt = (a: App) => Date.parse(a.status.history[0].deployedAt);
    for (const later of children) {
      for (const earlier of children.filter((a) => wave(a) < wave(later))) {
        assert.ok(Date.parse(later.metadata.creationTimestamp as string) >= deployedAt(earlier), `${later.metadata.name} (wave ${wave(later)}) was created at ${later.metadata.creationTimestamp}, before ${earlier.metadata.name} (wave ${wave(earlier)}) was deployed at ${earlier.status.history[0].deployedAt}`);
      }
    }

    // every object Argo CD manages is in the API server
    let objects = 0;
    for (const a of apps) {
      for (const r of (a.status.resources ?? []) as { group?: string; version: string; kind: string; namespace?: string; name: string; status?: string; hook?: boolean }[]) {
        if (r.hook) continue;
        assert.is(r.status, 'Synced', `${a.metadata.name}: ${r.kind} ${r.name}`);
        const found = await kube.get(r.group ? `${r.group}/${r.version}` : r.version, r.kind, r.name, r.namespace || undefined);
        assert.ok(found, `${a.metadata.name}: ${r.kind} ${r.namespace ?? ''}/${r.name} is not in the API server`);
        objects++;
      }
    }
    assert.ok(objects > 100, `only ${objects} objects`);
    console.log(`${apps.length} Applications Synced and Healthy, ${objects} objects in the API server`);
  } catch (e) {
    await state?.argo.stop().catch(() => undefined);
    await git?.stop().catch(() => undefined);
    await kube.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    state = undefined;
    throw e;
  }
});

test("Argo CD itself refuses what the tenant's AppProject does not allow: an object for kube-system in the tenant's repository, an Application of the tenant that targets kube-system", async () => {
  if (!mirror) return;
  assert.ok(state, 'the bootstrap above failed');
  const s = state!;
  // a pull request merged into the tenant's own repository
  const sha = s.argo.commit('shop-deploy', { 'escape.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: escape\n  namespace: kube-system\ndata:\n  x: y\n' }, { message: 'tenant: reach kube-system' });
  await s.argo.refresh('shop');
  const refused: App = await s.argo.waitForApplication(
    'shop',
    (a: App) => a.status?.operationState?.syncResult?.revision === sha && (a.status.operationState.syncResult.resources ?? []).some((r: { status: string }) => r.status === 'SyncFailed'),
    `the sync of ${sha} refused (it is retried, and refused again)`,
    120_000,
  );
  const message = `${refused.status.operationState.message} ${JSON.stringify(refused.status.operationState.syncResult?.resources ?? [])}`;
  assert.match(message, /namespace kube-system is not permitted in project 'shop'|kube-system.*not permitted/, message);
  assert.is(await s.kube.get('v1', 'ConfigMap', 'escape', 'kube-system'), undefined, 'nothing reached kube-system');
  // the platform team reverts it and ends the refused sync's retries (`argocd app terminate-op shop`
  // sets the phase to Terminating). The revert leaves nothing to apply, so no sync runs: the tenant's
  // Application is Synced at the revert with its last (terminated) sync Failed, and SCCP's health
  // check lets its parent be Healthy again (the failure concerns a revision no longer wanted)
  const revert = s.argo.commit('shop-deploy', { 'escape.yaml': null }, { message: 'revert' });
  await s.kube.patch('argoproj.io/v1alpha1', 'Application', 'shop', ARGOCD, { status: { operationState: { phase: 'Terminating' } } });
  await s.argo.waitForApplication('shop', (a: App) => a.status?.operationState?.phase === 'Failed', 'the refused sync terminated', 60_000);
  await s.argo.refresh('shop');
  const reverted: App = await s.argo.waitForApplication('shop', (a: App) => syncAndHealth(a).sync === 'Synced' && syncAndHealth(a).health === 'Healthy' && syncAndHealth(a).revision === revert, `Synced and Healthy at the revert ${revert}`, 120_000);
  assert.is(reverted.status.operationState.syncResult?.revision, sha, 'its last sync is the refused one');
  await s.argo.refresh('tenants');
  await s.argo.waitForApplication('tenants', (a: App) => syncAndHealth(a).health === 'Healthy', 'the tenants Application (parent of shop) Healthy again', 120_000);

  // an Application in the tenant's project whose destination is kube-system
  await s.kube.applyAll([
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'shop-escape', namespace: ARGOCD },
      spec: {
        project: 'shop',
        source: { repoURL: s.git.repoUrl('shop-deploy'), targetRevision: 'main', path: '.' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'kube-system' },
        syncPolicy: { automated: { prune: true } },
      },
    },
  ]);
  const invalid: App = await s.argo.waitForApplication('shop-escape', (a: App) => (a.status?.conditions ?? []).some((c: { type: string }) => c.type === 'InvalidSpecError'), 'an InvalidSpecError condition');
  const condition = invalid.status.conditions.find((c: { type: string }) => c.type === 'InvalidSpecError').message as string;
  assert.match(condition, /application destination server 'https:\/\/kubernetes\.default\.svc' and namespace 'kube-system' do not match any of the allowed destinations in project 'shop'/, condition);
  assert.not.ok(invalid.status.operationState, 'no sync was attempted');
  assert.is(await s.kube.get('v1', 'ConfigMap', 'shop-settings', 'kube-system'), undefined);
  await s.kube.request('DELETE', `/apis/argoproj.io/v1alpha1/namespaces/${ARGOCD}/applications/shop-escape`);
});

test("self-heal: a manual edit of a generated object (the tenant's ResourceQuota) is reverted", async () => {
  if (!mirror) return;
  assert.ok(state, 'the bootstrap above failed');
  const s = state!;
  const quota = (await s.kube.get('v1', 'ResourceQuota', 'tenant-quota', 'shop')) as App | undefined;
  assert.ok(quota, 'the tenant namespace has its ResourceQuota');
  const hard = quota!.spec.hard as Record<string, string>;
  await s.kube.patch('v1', 'ResourceQuota', 'tenant-quota', 'shop', { spec: { hard: { ...hard, pods: '10000' } } });
  await waitFor(
    'Argo CD to restore the quota',
    async () => (((await s.kube.get('v1', 'ResourceQuota', 'tenant-quota', 'shop')) as App).spec.hard.pods === hard.pods ? true : undefined),
    { timeoutMs: 120_000, intervalMs: 1000, describe: async () => summary(await applications(s.kube)) },
  );
  const app = await s.argo.waitForApplication('tenants', (a) => syncAndHealth(a).sync === 'Synced', 'Synced again');
  assert.is((app.status as any).operationState.operation.initiatedBy.automated, true, 'the revert is an automated sync');
});

test('disabling a feature in platform.yaml, rebuilding and pushing prunes its Application and every object of it', async () => {
  if (!mirror) return;
  assert.ok(state, 'the bootstrap above failed');
  const s = state!;
  const grafana = (await s.argo.application('grafana')) as App;
  const owned = ((grafana.status.resources ?? []) as { group?: string; version: string; kind: string; namespace?: string; name: string; hook?: boolean }[]).filter((r) => !r.hook && r.kind !== 'PersistentVolumeClaim');
  assert.ok(owned.some((r) => r.kind === 'Deployment'), 'grafana has a Deployment');
  const text = fs.readFileSync(s.platform, 'utf8');
  const without = text.replace(/\n  grafana:\n(    .*\n)+/, '\n');
  assert.is.not(without, text);
  buildAndVendor(without, path.dirname(s.platform), s.repo);
  assert.not.ok(fs.existsSync(path.join(s.repo, 'apps', 'grafana.yaml')));
  const sha = commitDirectory(s.git.root, 'platform', s.repo, 'disable grafana');
  await s.argo.refresh('e2e-root');
  await waitFor('the grafana Application to be pruned', async () => ((await s.argo.application('grafana')) ? undefined : true), { timeoutMs: 180_000, intervalMs: 1000, describe: async () => summary(await applications(s.kube)) });
  for (const r of owned) {
    await waitFor(`${r.kind} ${r.name} to be deleted`, async () => ((await s.kube.get(r.group ? `${r.group}/${r.version}` : r.version, r.kind, r.name, r.namespace || undefined)) ? undefined : true), { timeoutMs: 60_000, intervalMs: 1000 });
  }
  await s.argo.waitForApplication('e2e-root', (a) => syncAndHealth(a).sync === 'Synced' && syncAndHealth(a).health === 'Healthy' && syncAndHealth(a).revision === sha, `Synced and Healthy at ${sha}`, 120_000);
  console.log(`grafana disabled: its Application and its ${owned.length} objects were deleted`);
});

/** The Lua health check for Applications that Argo CD's documentation gives (docs/operator-manual/health.md of the pinned module). */
function documentedApplicationHealth(): string {
  const md = fs.readFileSync(path.join(pinnedModuleDir('argocd', 'github.com/argoproj/argo-cd/v3'), 'docs', 'operator-manual', 'health.md'), 'utf8');
  const m = /resource\.customizations\.health\.argoproj\.io_Application: \|\n((?: {4}.*\n)+)/.exec(md);
  if (!m) throw new Error("Argo CD's health.md no longer shows the Application health check");
  return m[1].replace(/^ {4}/gm, '');
}

const HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

/**
 * Two waves under a root Application: wave 0 (`<p>-consumer`) holds a custom resource whose CRD is
 * not in the cluster yet, wave 1 (`<p>-next`) a ConfigMap. Returns when the consumer's sync has
 * failed at least twice (retries), then watches `seconds` more whether `<p>-next` is created.
 */
async function lateCrd(s: State, p: string, seconds: number): Promise<{ nextCreatedEarly: boolean; consumerHealth: string | undefined; crd: ApiObject }> {
  const group = `${p}.e2e.sccp.dev`;
  const app = (name: string, wave: number, source: object, destNs: string) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: ARGOCD, annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
    spec: {
      project: 'default',
      source,
      destination: { server: 'https://kubernetes.default.svc', namespace: destNs },
      // the sync options of SCCP's generated Applications: the dry run skips kinds the cluster does not serve yet
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true', 'ServerSideApply=true', 'SkipDryRunOnMissingResource=true'], retry: { limit: 30, backoff: { duration: '3s', factor: 1, maxDuration: '3s' } } },
    },
  });
  const url = s.git.repoUrl(`${p}-waves`);
  const yaml = (o: object) => JSON.stringify(o, null, 1) + '\n';
  s.argo.commit(`${p}-waves`, {
    'apps/consumer.yaml': yaml(app(`${p}-consumer`, 0, { repoURL: url, targetRevision: 'main', path: 'consumer' }, p)),
    'apps/next.yaml': yaml(app(`${p}-next`, 1, { repoURL: url, targetRevision: 'main', path: 'next' }, p)),
    // applied after the ConfigMap (its own wave), so the child has a Healthy object when the Widget fails
    'consumer/widget.yaml': yaml({ apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w', annotations: { 'argocd.argoproj.io/sync-wave': '1' } }, spec: { size: 1 } }),
    'consumer/settings.yaml': yaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'consumer-settings' }, data: { a: '1' } }),
    'next/settings.yaml': yaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'next-settings' }, data: { b: '2' } }),
  });
  await s.kube.applyAll([app(`${p}-root`, 0, { repoURL: url, targetRevision: 'main', path: 'apps' }, ARGOCD) as ApiObject]);
  // the consumer fails to sync (no such kind) and retries. 240 s: the controller first reloads the
  // argocd-cm patched above, and in the full suite on 2 cores 120 s was once not enough to create
  // the consumer at all (the root Application had not synced yet)
  await s.argo.waitForApplication(`${p}-consumer`, (a: App) => (a.status?.operationState?.retryCount ?? 0) >= 2, 'two failed sync attempts (the Widget CRD is missing)', 240_000);
  let nextCreatedEarly = false;
  for (let i = 0; i < seconds && !nextCreatedEarly; i++) {
    nextCreatedEarly = !!(await s.argo.application(`${p}-next`));
    await new Promise((r) => setTimeout(r, 1000));
  }
  const consumerHealth = syncAndHealth((await s.argo.application(`${p}-consumer`))!).health;
  const crd: ApiObject = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `widgets.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
  return { nextCreatedEarly, consumerHealth, crd };
}

test('the sync waves wait for a child whose custom resource cannot be applied yet (its CRD arrives late), where the health check of Argo CD\'s documentation lets the next wave start', async () => {
  if (!mirror) return;
  assert.ok(state, 'the bootstrap above failed');
  const s = state!;
  // control: the documented check (child health only) on the pinned Argo CD
  const ours = ((await s.kube.get('v1', 'ConfigMap', 'argocd-cm', ARGOCD)) as App).data[HEALTH_KEY] as string;
  await s.kube.patch('v1', 'ConfigMap', 'argocd-cm', ARGOCD, { data: { [HEALTH_KEY]: documentedApplicationHealth() } });
  const documented = await lateCrd(s, 'documented', 30);
  await s.kube.createCrd(documented.crd);
  // SCCP's check, as the argocd feature ships it
  await s.kube.patch('v1', 'ConfigMap', 'argocd-cm', ARGOCD, { data: { [HEALTH_KEY]: ours } });
  const gated = await lateCrd(s, 'gated', 30);
  console.log(`documented check: consumer ${documented.consumerHealth}, next wave started early: ${documented.nextCreatedEarly}; SCCP's check: consumer ${gated.consumerHealth}, next wave started early: ${gated.nextCreatedEarly}`);
  assert.ok(documented.nextCreatedEarly, "with the documented check, the next wave starts while the consumer's sync fails (argo-cd issue 27917)");
  assert.not.ok(gated.nextCreatedEarly, "with SCCP's check, the next wave waits");
  // the CRD arrives: the consumer syncs on its next retry, then the next wave runs
  await s.kube.createCrd(gated.crd);
  for (const name of ['gated-consumer', 'gated-next', 'gated-root']) {
    await s.argo.waitForApplication(name, (a) => syncAndHealth(a).sync === 'Synced' && syncAndHealth(a).health === 'Healthy', 'Synced and Healthy after the CRD arrived', 180_000);
  }
  const consumer = (await s.argo.application('gated-consumer')) as App;
  const next = (await s.argo.application('gated-next')) as App;
  assert.ok(Date.parse(next.metadata.creationTimestamp as string) >= Date.parse(consumer.status.operationState.finishedAt), 'wave 1 was created after wave 0 finished its sync');
  assert.ok(await s.kube.get(`gated.e2e.sccp.dev/v1`, 'Widget', 'w', 'gated'), 'the Widget is in the API server');
});

test.after(async () => {
  await state?.argo.stop();
  await state?.kube.stop();
  if (state) fs.rmSync(path.dirname(state.repo), { recursive: true, force: true });
});

test.run();
