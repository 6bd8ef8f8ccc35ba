import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { standaloneContext } from '@sccp/core';
import feature from '../src';
import { PLATFORM_NAMESPACES, WIRED, ctxWith, upstream, valuesWith } from './contexts';

/** Key paths of the upstream values.yaml @ v3.23.1 (see the file's `source`). */
const UPSTREAM_VALUES = JSON.parse(fs.readFileSync(path.join(__dirname, 'upstream-values-keys.json'), 'utf8')) as { keys: string[]; templateOnly: string[] };

/** Upstream keys whose value is free-form data (resources, label maps): their sub-keys are not chart keys. */
const FREE_FORM = new Set([
  'controllerManager.resources',
  'controllerManager.nodeSelector',
  'audit.resources',
  'audit.nodeSelector',
  'validatingWebhookExemptNamespacesLabels',
  'mutatingWebhookExemptNamespacesLabels',
]);

function keyPaths(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    const nested = v && typeof v === 'object' && !Array.isArray(v) && !FREE_FORM.has(p) && Object.keys(v).length;
    return nested ? [p, ...keyPaths(v as Record<string, unknown>, p)] : [p];
  });
}

/** Every option that adds a key turned on. */
const EVERYTHING = valuesWith({
  replicas: 5,
  podDisruptionBudget: { minAvailable: 2 },
  webhook: { failurePolicy: 'Fail', timeoutSeconds: 10 },
  mutation: true,
  exemptNamespaces: { platform: true, namespaces: ['kube-system', 'velero'], prefixes: ['kube-'] },
  audit: { interval: 120, constraintViolationsLimit: 50, matchKindOnly: true, resources: { requests: { cpu: '1' }, limits: { cpu: '2', memory: '1Gi' } }, placement: { nodeSelector: { a: 'b' }, tolerations: [{ key: 'k', operator: 'Exists' }] } },
  events: { admission: true, audit: true, involvedNamespace: true },
  logLevel: 'DEBUG',
  logDenies: true,
  resources: { requests: { cpu: '1', 'ephemeral-storage': '1Gi' } },
  placement: { nodeSelector: { a: 'b' }, tolerations: [{ key: 'k', operator: 'Exists' }] },
});

const t = suite('gatekeeper: only upstream keys of the 3.23.1 chart');

t('the key list is the 3.23.1 values.yaml', () => {
  assert.ok(UPSTREAM_VALUES.keys.length > 300);
  for (const k of ['replicas', 'auditInterval', 'controllerManager.exemptNamespaces', 'controllerManager.exemptNamespacePrefixes', 'pdb.controllerManager.minAvailable', 'image.release']) {
    assert.ok(UPSTREAM_VALUES.keys.includes(k), k);
  }
  assert.not.ok(UPSTREAM_VALUES.keys.includes('emitAdmissionEvents'), 'not in values.yaml @ v3.23.1');
});

t('defaults and every option write only keys of values.yaml (emit*Events only when turned on)', () => {
  const known = new Set(UPSTREAM_VALUES.keys);
  for (const [name, v, ctx] of [
    ['defaults, standalone', valuesWith(), standaloneContext(feature)],
    ['defaults, wired', valuesWith(), WIRED],
    ['everything, wired', EVERYTHING, ctxWith({}, PLATFORM_NAMESPACES)],
  ] as const) {
    const paths = keyPaths(upstream(v, ctx));
    const unknown = paths.filter((p) => !known.has(p) && !UPSTREAM_VALUES.templateOnly.includes(p));
    assert.equal(unknown, [], `${name}: keys not in the upstream values.yaml`);
  }
  assert.equal(keyPaths(upstream()).filter((p) => UPSTREAM_VALUES.templateOnly.includes(p)), [], 'template-only keys are absent by default');
  assert.equal(keyPaths(upstream(EVERYTHING)).filter((p) => UPSTREAM_VALUES.templateOnly.includes(p)).sort(), ['emitAdmissionEvents', 'emitAuditEvents']);
});

t.run();
