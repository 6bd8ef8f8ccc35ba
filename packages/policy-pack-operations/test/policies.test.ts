import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { PROFILE_KUBERNETES, regoMetadata } from '@sccp/core';
import { enginePath } from '@sccp/test-kit';
import pack, { kyvernoParameters, parameters, PARAMETER_DEFAULTS } from '../src';
import { k8sApiModule, upstreamLifecycle } from './lifecycle';

const t = suite('operations pack: the API lifecycle table');
const ID = 'operations-api-versions';
const regoFile = path.join(pack.packageDir, 'policies/rego', `${ID}.rego`);
const kyverno = parse(fs.readFileSync(path.join(pack.packageDir, 'policies/kyverno', `${ID}.yaml`), 'utf8'));
const upstream = upstreamLifecycle();
const expected = () => `expected (k8s.io/api ${k8sApiModule().version}):\n${Object.entries(upstream).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join('\n')}`;

t('k8s.io/api declares a lifecycle for the removed APIs everyone knows', () => {
  assert.equal(upstream['batch/v1beta1/CronJob'], { deprecated: 21, removed: 25, replacement: 'batch/v1 CronJob' });
  assert.equal(upstream['extensions/v1beta1/Ingress'], { deprecated: 14, removed: 22, replacement: 'networking.k8s.io/v1 Ingress' });
  assert.equal(upstream['policy/v1beta1/PodDisruptionBudget'].removed, 25);
  assert.ok(Object.keys(upstream).length > 60, `${Object.keys(upstream).length} rows`);
  assert.not.ok(Object.keys(upstream).some((k) => k.endsWith('List')));
});

t('the Rego table is k8s.io/api\'s lifecycle, row for row', () => {
  const r = spawnSync(enginePath('opa'), ['eval', '--format', 'json', '-d', regoFile, 'data.sccp.operations_api_versions.lifecycle'], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).result[0].expressions[0].value, upstream, expected());
});

t('the Kyverno rules carry the same table, and match exactly its group/version/kinds', () => {
  assert.equal(kyverno.spec.rules.map((r: any) => r.name), ['removed', 'deprecated']);
  for (const rule of kyverno.spec.rules) {
    assert.equal(rule.context.find((c: any) => c.name === 'lifecycle').variable.value, upstream, `${rule.name}: ${expected()}`);
    assert.equal(rule.match.any[0].resources.kinds, Object.keys(upstream), rule.name);
  }
});

t('Gatekeeper matches every group and kind of the table (Gatekeeper matches no version)', () => {
  const kinds = (regoMetadata(fs.readFileSync(regoFile, 'utf8')) as any).custom.kinds as { apiGroups: string[]; kinds: string[] }[];
  const want: Record<string, Set<string>> = {};
  for (const key of Object.keys(upstream)) {
    const parts = key.split('/');
    const kind = parts.pop()!;
    parts.pop();
    (want[parts.join('/')] ??= new Set()).add(kind);
  }
  assert.equal(
    Object.fromEntries(kinds.map((k) => [k.apiGroups[0], [...k.kinds].sort()])),
    Object.fromEntries(Object.keys(want).sort().map((g) => [g, [...want[g]].sort()])),
  );
});

t('parameters: kubernetesVersion defaults to the newest version a profile runs, the same in TypeScript, Rego and Kyverno', () => {
  const newest = Object.values(PROFILE_KUBERNETES).map((r) => r.max).sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).pop();
  assert.is(PARAMETER_DEFAULTS.kubernetesVersion, newest);
  assert.match(fs.readFileSync(regoFile, 'utf8'), new RegExp(`^default kubernetes_version := "${newest!.replace('.', '\\.')}"$`, 'm'));
  for (const rule of kyverno.spec.rules) assert.is(rule.context.find((c: any) => c.name === 'kubernetesVersion').variable.jmesPath, `sccpParameters.kubernetesVersion || '${newest}'`);
  assert.equal(parameters(), PARAMETER_DEFAULTS);
  assert.is(parameters({ kubernetesVersion: '1.34' }).kubernetesVersion, '1.34');
  for (const bad of ['1.x', '2.1', '1.34.0', 'latest', ''])
    assert.throws(() => parameters({ kubernetesVersion: bad }), /kubernetesVersion must be 1\.<minor>/, bad);
  assert.equal(kyvernoParameters({ kubernetesVersion: '1.36' }).data, { kubernetesVersion: '1.36', tenantNamespaces: '{}' });
  assert.throws(() => parameters({ tenantNamespaces: { shop: { tenant: 'shop', critical: false, serviceTypes: ['ExternalName' as any] } } }), /tenantNamespaces\.shop\.serviceTypes: "ExternalName" is not one of LoadBalancer, NodePort/);
  assert.throws(() => parameters({ tenantNamespaces: { shop: { tenant: '', critical: false, serviceTypes: [] } } }), /tenantNamespaces\.shop\.tenant must name the tenant/);
  assert.is(kyvernoParameters().metadata.name, 'sccp-policy-pack-operations');
});

t.run();
