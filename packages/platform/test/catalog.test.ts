import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exceptionRuleNames, policyCatalog } from '../src/catalog';
import { tmpdir } from './helpers';

/** A package with one Kyverno policy per entry (id → YAML text). */
function source(policies: Record<string, string>) {
  const dir = tmpdir('sccp-catalog-');
  fs.mkdirSync(path.join(dir, 'policies', 'kyverno'), { recursive: true });
  for (const [id, text] of Object.entries(policies)) fs.writeFileSync(path.join(dir, 'policies', 'kyverno', `${id}.yaml`), text);
  const files = Object.keys(policies).map((id) => `policies/kyverno/${id}.yaml`).sort();
  return { owner: { type: 'pack' as const, name: 'test', packageName: '@acme/test' }, source: { packageDir: dir, packageName: '@acme/test', policies: { kyverno: files, rego: [] } } };
}

const policy = (name: string, kinds: string[], annotations = '') => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: ${name}
  annotations:
    policies.kyverno.io/title: ${name}
${annotations}spec:
  rules:
    - name: check
      match:
        any:
          - resources:
              kinds: [${kinds.join(', ')}]
      validate:
        message: "${name}: no"
        pattern: {}
`;

test('a PolicyException names the rules Kyverno generates for pod controllers, unless autogen is off', () => {
  const catalog = policyCatalog([
    source({
      'pod-autogen': policy('pod-autogen', ['Pod']),
      'pod-no-autogen': policy('pod-no-autogen', ['Pod', 'Deployment'], '    pod-policies.kyverno.io/autogen-controllers: none\n'),
      service: policy('service', ['Service']),
    }),
  ]);
  const names = Object.fromEntries(catalog.map((p) => [p.id, exceptionRuleNames(p)]));
  assert.equal(names, {
    'pod-autogen': ['check', 'autogen-check', 'autogen-cronjob-check'],
    'pod-no-autogen': ['check'],
    service: ['check'],
  });
});

test('two packages shipping the same policy id are refused', () => {
  const a = source({ dup: policy('dup', ['Pod']) });
  const b = { ...source({ dup: policy('dup', ['Pod']) }), owner: { type: 'pack' as const, name: 'other', packageName: '@acme/other' } };
  b.source.packageName = '@acme/other';
  assert.throws(() => policyCatalog([a, b]), /policy id "dup" is shipped by both @acme\/test and @acme\/other/);
});

test.run();
