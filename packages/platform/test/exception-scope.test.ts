import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseAllDocuments } from 'yaml';
import { emitYamlStream } from '@sccp/core';
import { enginePath, runEngine } from '@sccp/test-kit';
import type { PolicyExceptionSpec } from '../src/admission';
import { exceptionCovers } from '../src/exceptions';
import { EXAMPLE, sccp, tmpdir, variant } from './helpers';

/**
 * An exception covers exactly what it names: the example's exception for CronJob `ledger-export`
 * (baseline-resources-required, namespace checkout-jobs) covers the CronJob, the Jobs it owns and their
 * Pods, tied by their controller owner reference, and not an unrelated object that only shares the
 * name prefix. Kyverno (kyverno apply), Gatekeeper (gator test) and `sccp verify` agree.
 */

const POLICY = 'baseline-resources-required';
const NS = 'checkout-jobs';
const IMAGE = 'registry.example.com/vendor/ledger-export:2.1@sha256:' + 'a'.repeat(64);
const LABELS = { 'app.kubernetes.io/name': 'ledger-export', 'sccp.dev/owner': 'checkout' };
/** A pod spec whose container sets no memory limit (the one thing the exception is for). */
const POD_SPEC = {
  restartPolicy: 'Never',
  securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
  containers: [
    {
      name: 'export',
      image: IMAGE,
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
    },
  ],
};

const owner = (apiVersion: string, kind: string, name: string, controller = true) => ({ apiVersion, kind, name, uid: '0b6e7c1e-0000-4000-8000-000000000001', controller, blockOwnerDeletion: true });
const meta = (name: string, ownerReferences?: unknown[]) => ({ name, namespace: NS, labels: LABELS, ...(ownerReferences ? { ownerReferences } : {}) });
const cronJob = (name: string) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta(name), spec: { schedule: '0 2 * * *', jobTemplate: { spec: { template: { metadata: { labels: LABELS }, spec: POD_SPEC } } } } });
const job = (name: string, refs?: unknown[]) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta(name, refs), spec: { template: { metadata: { labels: LABELS }, spec: POD_SPEC } } });
const pod = (name: string, refs?: unknown[]) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(name, refs), spec: POD_SPEC });

/** name → should the exception cover it. */
const CASES: [string, Record<string, any>, boolean][] = [
  ['the CronJob itself', cronJob('ledger-export'), true],
  ['its Job', job('ledger-export-28391234', [owner('batch/v1', 'CronJob', 'ledger-export')]), true],
  ["its Job's Pod", pod('ledger-export-28391234-x7k2p', [owner('batch/v1', 'Job', 'ledger-export-28391234')]), true],
  ['a hand-made Pod with the prefix', pod('ledger-export-abc'), false],
  ['a Job with the prefix, not owned', job('ledger-export-x'), false],
  ['a Job with the prefix, owned by another CronJob', job('ledger-export-y', [owner('batch/v1', 'CronJob', 'payroll-export')]), false],
  ['a Job with the prefix, owner reference not the controller', job('ledger-export-z', [owner('batch/v1', 'CronJob', 'ledger-export', false)]), false],
  ['a Pod owned by a Job not named <cronjob>-<digits>', pod('ledger-export-manual-q2w3e', [owner('batch/v1', 'Job', 'ledger-export-manual')]), false],
  ["a Pod claiming a CronJob Job as owner, named otherwise", pod('ledger-export-evil', [owner('batch/v1', 'Job', 'ledger-export-28391234')]), false],
  ['a Pod claiming the CronJob itself as owner', pod('ledger-export-direct', [owner('batch/v1', 'CronJob', 'ledger-export')]), false],
];

const DECLARED: PolicyExceptionSpec = { policy: POLICY, namespaces: [NS], kind: 'CronJob', name: 'ledger-export', reason: 'x', origin: { type: 'declared', pointer: '/policies/exceptions/0' } };

test('exceptionCovers: the owner chain, never the name prefix alone', () => {
  for (const [what, resource, covered] of CASES) assert.is(exceptionCovers(DECLARED, POLICY, resource), covered, what);
  const deployment = { ...DECLARED, kind: 'Deployment', name: 'web' };
  const rs = (name: string, ownerName: string) => ({ kind: 'ReplicaSet', metadata: { name, namespace: NS, ownerReferences: [owner('apps/v1', 'Deployment', ownerName)] } });
  const rsPod = (name: string, rsName: string) => ({ kind: 'Pod', metadata: { name, namespace: NS, ownerReferences: [owner('apps/v1', 'ReplicaSet', rsName)] } });
  assert.ok(exceptionCovers(deployment, POLICY, rs('web-5d4f8b9c7', 'web')));
  assert.ok(exceptionCovers(deployment, POLICY, rsPod('web-5d4f8b9c7-abcde', 'web-5d4f8b9c7')));
  assert.not.ok(exceptionCovers(deployment, POLICY, rsPod('web-api-5d4f8-abcde', 'web-api-5d4f8')), "another Deployment's (web-api) ReplicaSet");
  assert.not.ok(exceptionCovers(deployment, POLICY, rs('web-5d4f8b9c7', 'web-api')));
  const sts = { ...DECLARED, kind: 'StatefulSet', name: 'db.main' };
  assert.ok(exceptionCovers(sts, POLICY, { kind: 'Pod', metadata: { name: 'db.main-0', namespace: NS, ownerReferences: [owner('apps/v1', 'StatefulSet', 'db.main')] } }));
  assert.not.ok(exceptionCovers(sts, POLICY, { kind: 'Pod', metadata: { name: 'dbxmain-0', namespace: NS, ownerReferences: [owner('apps/v1', 'StatefulSet', 'dbxmain')] } }), 'a dot is a dot, not any character');
});

function resourcesFile(): string {
  const f = path.join(tmpdir(), 'resources.yaml');
  fs.writeFileSync(f, emitYamlStream(CASES.map(([, r]) => r)));
  return f;
}

function build(file: string): string {
  const out = path.join(tmpdir(), 'repo');
  const r = sccp(['build', file, '--out', out]);
  assert.is(r.code, 0, r.stderr);
  return out;
}

const id = (r: Record<string, any>) => `${r.kind}/${r.metadata.name}`;

test('kyverno apply on the bundle: the CronJob, its Job and their Pod pass; the look-alikes fail', () => {
  const out = build(EXAMPLE);
  const exceptionsDir = path.join(out, 'policies', 'exceptions');
  const file = fs.readdirSync(exceptionsDir).find((f) => f.startsWith(`${POLICY}.${NS}.cronjob.ledger-export`))!;
  const objects = parseAllDocuments(fs.readFileSync(path.join(exceptionsDir, file), 'utf8')).map((d) => d.toJS());
  assert.equal(objects.map((o) => o.metadata.name), [`${POLICY}.${NS}.cronjob.ledger-export`, `${POLICY}.${NS}.cronjob.ledger-export.job`, `${POLICY}.${NS}.cronjob.ledger-export.pod`]);
  const exceptions = fs.readdirSync(exceptionsDir).flatMap((f) => ['--exception', path.join(exceptionsDir, f)]);
  const r = runEngine('kyverno', ['apply', path.join(out, 'policies', 'baseline', `${POLICY}.yaml`), '--resource', resourcesFile(), ...exceptions, '--remove-color']);
  for (const [what, resource, covered] of CASES) {
    const failed = new RegExp(`policy ${POLICY} -> resource ${NS}/${id(resource)} failed`).test(r.stdout);
    assert.is(failed, !covered, `${what}: ${covered ? 'excepted' : 'denied'}\n${r.stdout}${r.stderr}`);
  }
});

test('gator test on the enforced Gatekeeper bundle: the same objects admitted and denied', () => {
  const out = build(variant((s) => s.replace('admission: kyverno', 'admission: gatekeeper').replace('enforcement: audit', 'enforcement: enforce')));
  const r = runEngine('gator', ['test', '--filename', path.join(out, 'policies', 'baseline', `${POLICY}.yaml`), '--filename', resourcesFile()]);
  for (const [what, resource, covered] of CASES) {
    const denied = new RegExp(`${resource.kind} ${NS}/${resource.metadata.name}: \\["${POLICY}"\\]`).test(r.stdout);
    assert.is(denied, !covered, `${what}: ${covered ? 'admitted' : 'denied'}\n${r.stdout}${r.stderr}`);
  }
});

test('sccp verify: the same objects excepted and reported', () => {
  const out = build(EXAMPLE);
  fs.copyFileSync(resourcesFile(), path.join(out, 'tenants', 'checkout', 'jobs.yaml'));
  const r = sccp(['verify', out, '--helm', enginePath('helm'), '--json']);
  assert.is(r.code, 1, r.stdout + r.stderr);
  const j = JSON.parse(r.stdout);
  for (const [what, resource, covered] of CASES) {
    const name = `${resource.kind}/${NS}/${resource.metadata.name}`;
    const violated = j.violations.some((v: any) => v.policy === POLICY && v.resource === name);
    const excepted = j.excepted.some((v: any) => v.policy === POLICY && v.resource === name);
    assert.is(violated, !covered, `${what}: violation`);
    assert.is(excepted, covered, `${what}: excepted`);
  }
});

test.run();
