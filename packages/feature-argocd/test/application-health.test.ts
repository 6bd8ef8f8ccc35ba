import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runEngine } from '@sccp/test-kit';
import { APPLICATION_HEALTH_KEY } from '../src';
import { render, upstreamReceived } from './chart';
import { standalone } from './contexts';

/**
 * The health check of child Applications, run by tools/argocd-lua (gopher-lua as Argo CD v3.4 runs
 * health scripts: base and table libraries only, `obj` global, a known health code). The script is
 * the one the argo-cd chart receives in configs.cm, i.e. what lands in argocd-cm.
 */
const script = (() => {
  const text = upstreamReceived(render({}, standalone)).configs.cm[APPLICATION_HEALTH_KEY];
  assert.type(text, 'string');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-lua-')), 'health.lua');
  fs.writeFileSync(file, text);
  return file;
})();

function health(obj: unknown): { status: string; message?: string } {
  const r = runEngine('argocd-lua', ['health', script], { input: JSON.stringify(obj) });
  assert.is(r.status, 0, `the health script failed for ${JSON.stringify(obj)}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const app = (status?: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'child', namespace: 'argocd' },
  spec: { project: 'platform' },
  ...(status ? { status } : {}),
  ...extra,
});
const healthy = { status: 'Healthy' };
const synced = { status: 'Synced', revision: 'abc' };
const succeeded = { phase: 'Succeeded', message: 'successfully synced (all tasks run)' };

test('Healthy, Synced and the last sync Succeeded: Healthy', () => {
  assert.equal(health(app({ health: healthy, sync: synced, operationState: succeeded })).status, 'Healthy');
  assert.equal(health(app({ health: healthy, sync: synced })).status, 'Healthy', 'never synced by an operation (no operationState)');
});

test('Healthy but OutOfSync (or sync status unknown): Progressing', () => {
  assert.equal(health(app({ health: healthy, sync: { status: 'OutOfSync' }, operationState: succeeded })), { status: 'Progressing', message: 'Sync status OutOfSync' });
  assert.equal(health(app({ health: healthy, sync: { status: 'Unknown' } })).status, 'Progressing');
  assert.equal(health(app({ health: healthy })).status, 'Progressing', 'no sync status');
});

test('Healthy and Synced but the sync operation Failed or Errored (argo-cd#27917): Degraded, with its message', () => {
  const failed = { phase: 'Failed', message: 'one or more objects failed to apply, reason: admission webhook denied the request' };
  assert.equal(health(app({ health: healthy, sync: synced, operationState: failed })), { status: 'Degraded', message: `Sync Failed: ${failed.message}` });
  assert.equal(health(app({ health: healthy, sync: synced, operationState: { phase: 'Error' } })), { status: 'Degraded', message: 'Sync Error' });
});

test('a failed sync of a revision the child no longer wants (Synced at a newer one, nothing left to apply) does not hold the waves', () => {
  // a tenant's commit was refused, then reverted: the revert changes nothing live, so no sync runs
  const refused = { phase: 'Failed', message: 'Operation terminated', syncResult: { revision: 'old' }, operation: { sync: { revision: 'old' } } };
  assert.equal(health(app({ health: healthy, sync: { status: 'Synced', revision: 'new' }, operationState: refused })).status, 'Healthy');
  assert.equal(health(app({ health: healthy, sync: { status: 'Synced', revision: 'new' }, operationState: { phase: 'Error', operation: { sync: { revision: 'old' } } } })).status, 'Healthy', 'the requested revision when there is no result');
  // still Degraded: the failure is about the revision it is at, it is not Synced, or the revision is not known
  assert.equal(health(app({ health: healthy, sync: { status: 'Synced', revision: 'old' }, operationState: refused })).status, 'Degraded');
  assert.equal(health(app({ health: healthy, sync: { status: 'OutOfSync', revision: 'new' }, operationState: refused })).status, 'Degraded');
  assert.equal(health(app({ health: healthy, sync: { status: 'Synced' }, operationState: refused })).status, 'Degraded');
  // multi-source: every revision is compared
  const multi = { phase: 'Failed', syncResult: { revisions: ['a', 'b'] } };
  assert.equal(health(app({ health: healthy, sync: { status: 'Synced', revisions: ['a', 'c'] }, operationState: multi })).status, 'Healthy');
  assert.equal(health(app({ health: healthy, sync: { status: 'Synced', revisions: ['a', 'b'] }, operationState: multi })).status, 'Degraded');
  // and a stale failure does not hide the child's own health
  assert.equal(health(app({ health: { status: 'Progressing', message: 'rolling out' }, sync: { status: 'Synced', revision: 'new' }, operationState: refused })).status, 'Progressing');
});

test('a sync operation running, terminating or requested: Progressing', () => {
  for (const phase of ['Running', 'Terminating']) {
    assert.equal(health(app({ health: healthy, sync: synced, operationState: { phase, message: 'waiting for healthy state' } })).status, 'Progressing', phase);
  }
  const retrying = app({ health: healthy, sync: synced, operationState: succeeded }, { operation: { sync: { revision: 'def' }, retry: { limit: 5 } } });
  assert.equal(health(retrying), { status: 'Progressing', message: 'Sync requested' });
});

test('no status yet (not reconciled): Progressing', () => {
  assert.equal(health(app()).status, 'Progressing');
  assert.equal(health(app({})).status, 'Progressing');
  assert.equal(health(app({ sync: { status: 'OutOfSync' } })).status, 'Progressing', 'no health yet');
});

test("any other health of the child is passed through with its message; an unknown code is Unknown", () => {
  for (const status of ['Missing', 'Unknown', 'Degraded', 'Suspended', 'Progressing']) {
    assert.equal(health(app({ health: { status, message: `child is ${status}` }, sync: { status: 'OutOfSync' } })), { status, message: `child is ${status}` }, status);
  }
  assert.equal(health(app({ health: { status: 'Exploded' }, sync: synced })).status, 'Unknown');
});

test('the runner is Argo CD-strict: string, math and os do not exist, a code outside the health codes is refused', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sccp-lua-'));
  const run = (lua: string) => {
    fs.writeFileSync(path.join(dir, 'x.lua'), lua);
    return runEngine('argocd-lua', ['health', path.join(dir, 'x.lua')], { input: '{}' });
  };
  for (const lib of ['string.len("a")', 'math.floor(1)', 'os.time()']) assert.is(run(`local x = ${lib}\nreturn { status = "Healthy" }`).status, 1, lib);
  assert.equal(JSON.parse(run('return { status = "Fine" }').stdout), { status: 'Unknown', message: 'Lua returned an invalid health status' });
  assert.is(run('return "Healthy"').status, 1, 'a string is not a health');
});

test.run();
