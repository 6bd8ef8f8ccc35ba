// The manifests as the platform writes them (emitYamlStream), parsed back, and checked by the
// tenants policies with both engines.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as path from 'node:path';
import { emitYamlStream, safeJoin } from '@sccp/core';
import { opaDeny } from '@sccp/test-kit';
import feature from '../src';
import { emitted, kyvernoApply, manifests } from './helpers';
import { dualStack, standalone, wired } from './contexts';
import { FULL, MINIMAL, values } from './tenants';

const t = suite('tenants: emitted YAML and policies on the generated objects');
const POLICY_IDS = feature.policies.rego.map((f) => path.basename(f, '.rego'));
const ALL = values(FULL, MINIMAL, { ...MINIMAL, name: 'blog', namespaces: [{ name: 'blog' }, { name: 'blog-staging', podSecurity: 'baseline' }], environment: { repoURL: 'https://git.example.com/blog/env.git' } });

t('{{ .Release.Name }} in a description and a group name comes out literally', () => {
  const tenant = { ...MINIMAL, description: 'Shop {{ .Release.Name }} and {{ template "x" }}', owners: { groups: ['team-{{.Release.Name}}'] } };
  const files = emitted(manifests(values(tenant), standalone));
  const project = files['shop/project.yaml'];
  assert.is(project.objects[0].spec.description, 'Shop {{ .Release.Name }} and {{ template "x" }}');
  assert.is(project.objects[0].spec.roles[0].groups[0], 'team-{{.Release.Name}}');
  assert.match(project.text, 'description: "Shop {{ .Release.Name }} and {{ template \\"x\\" }}"');
  assert.is(files['shop/rbac.yaml'].objects[0].subjects[0].name, 'team-{{.Release.Name}}');
});

t('every file reads back as exactly the objects rendered (full tenant, wired and dual-stack)', () => {
  for (const ctx of [standalone, wired, dualStack]) {
    const files = manifests(ALL, ctx);
    for (const [file, { objects }] of Object.entries(emitted(files))) assert.equal(objects, files[file], file);
  }
});

t('file names are <tenant>/<name>.yaml (and the owners\' ClusterRole) and stay inside the feature folder', () => {
  for (const file of Object.keys(manifests(ALL, wired))) {
    if (file !== 'owner-cluster-role.yaml') assert.match(file, /^[a-z0-9-]+\/[a-z-]+\.yaml$/);
    assert.not.throws(() => safeJoin('/repo/tenants', file));
  }
});

t('every object has apiVersion, kind and name; namespaced ones name their namespace (the Application syncs into argocd otherwise)', () => {
  const tenantNamespaces = new Set(['payments-prod', 'payments-batch', 'shop', 'blog', 'blog-staging']);
  const objects = Object.values(manifests(ALL, wired)).flat();
  const kinds = new Set<string>();
  for (const o of objects) {
    assert.ok(o.apiVersion && o.kind && o.metadata?.name, JSON.stringify(o).slice(0, 120));
    kinds.add(o.kind);
    if (o.kind === 'Namespace') {
      assert.not.ok('namespace' in o.metadata);
      assert.ok(tenantNamespaces.has(o.metadata.name));
    } else if (o.kind === 'ClusterRole') {
      // cluster-scoped, shared by every tenant
      assert.not.ok('namespace' in o.metadata);
      assert.is(o.metadata.name, 'sccp-tenant-owner');
      assert.is(o.metadata.labels['app.kubernetes.io/managed-by'], 'sccp');
      continue;
    } else if (o.kind === 'AppProject' || o.kind === 'Application') assert.is(o.metadata.namespace, 'argocd');
    else assert.ok(tenantNamespaces.has(o.metadata.namespace), `${o.kind} ${o.metadata.name} in ${o.metadata.namespace}`);
    assert.is(o.metadata.labels['app.kubernetes.io/managed-by'], 'sccp');
    assert.ok(['payments', 'shop', 'blog'].includes(o.metadata.labels['sccp.dev/tenant']));
  }
  assert.equal([...kinds].sort(), ['AppProject', 'Application', 'ClusterRole', 'LimitRange', 'Namespace', 'NetworkPolicy', 'ResourceQuota', 'RoleBinding']);
});

t('opa eval: every generated object passes every tenants policy', () => {
  const objects = Object.values(manifests(ALL, dualStack)).flat();
  assert.equal(POLICY_IDS.sort(), ['tenants-appproject-no-cluster-wildcard', 'tenants-guardrails', 'tenants-namespace-labels', 'tenants-rbac-bounded']);
  for (const o of objects) for (const id of POLICY_IDS) assert.equal(opaDeny(feature.packageDir, id, o), [], `${o.kind} ${o.metadata.name} / ${id}`);
});

t('kyverno apply: the generated stream passes every rule of the tenants policies', () => {
  const stream = emitYamlStream(Object.values(manifests(ALL, wired)).flat());
  const r = kyvernoApply(stream);
  assert.is(r.status, 0, r.stdout + r.stderr);
  // 5 tenant namespaces x 1 rule + 3 tenant projects x 4 rules + 5 owner RoleBindings x 3 rules (the
  // owner rule of tenants-guardrails, the role and subject rules of tenants-rbac-bounded; the
  // admission rule of tenants-guardrails needs a request user: none here)
  assert.match(r.stdout, /pass: 32, fail: 0, warn: 0, error: 0/);
});

t('control: the same checks catch a generated object turned unsafe', () => {
  const objects = Object.values(manifests(values(MINIMAL), standalone)).flat();
  const ns = structuredClone(objects.find((o) => o.kind === 'Namespace'));
  ns.metadata.labels['pod-security.kubernetes.io/enforce'] = 'privileged';
  const project = structuredClone(objects.find((o) => o.kind === 'AppProject'));
  project.spec.clusterResourceWhitelist = [{ group: '*', kind: '*' }];
  assert.is(opaDeny(feature.packageDir, 'tenants-namespace-labels', ns).length, 1);
  assert.is(opaDeny(feature.packageDir, 'tenants-appproject-no-cluster-wildcard', project).length, 1);
  const binding = structuredClone(objects.find((o) => o.kind === 'RoleBinding'));
  binding.roleRef.name = 'admin';
  assert.is(opaDeny(feature.packageDir, 'tenants-guardrails', binding).length, 1);
  assert.is(opaDeny(feature.packageDir, 'tenants-rbac-bounded', binding).length, 1);
  const r = kyvernoApply(emitYamlStream([ns, project, binding]));
  assert.is.not(r.status, 0);
  assert.match(r.stdout, /fail: 4,/);
});

t.run();
