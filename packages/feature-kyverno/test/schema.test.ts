import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileValidator } from '@sccp/core';
import feature from '../src';
import { valuesWith } from './contexts';

const validate = compileValidator(feature.bundledSchema);
const t = suite('kyverno schema');

t('defaults: HA replicas, upstream resources, exceptions on, no placement', () => {
  assert.equal(feature.defaults, {
    admissionController: { replicas: 3, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '384Mi' } } },
    backgroundController: { replicas: 2, resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
    cleanupController: { replicas: 2, resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
    reportsController: { replicas: 2, resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } } },
    policyExceptions: { enabled: true },
  });
});

t('unknown keys, bad replicas and bad quantities are refused', () => {
  assert.ok(validate(valuesWith({ admissionController: { replica: 3 } })).some((d) => d.pointer === '/admissionController/replica'));
  assert.ok(validate(valuesWith({ backgroundController: { replicas: 0 } })).some((d) => d.pointer === '/backgroundController/replicas'));
  assert.ok(validate(valuesWith({ reportsController: { replicas: 1.5 } })).some((d) => d.pointer === '/reportsController/replicas'));
  assert.ok(validate(valuesWith({ admissionController: { resources: { limits: { memory: 'lots' } } } })).some((d) => d.pointer === '/admissionController/resources/limits/memory'));
  assert.ok(validate(valuesWith({ policyExceptions: { namespace: 'shop' } })).some((d) => d.pointer === '/policyExceptions/namespace'));
  assert.ok(validate(valuesWith({ placement: { tolerations: [{ operator: 'Maybe' }] } })).some((d) => d.pointer === '/placement/tolerations/0/operator'));
  assert.equal(validate(valuesWith({ policyExceptions: { enabled: false } })), []);
});

t('every schema property has a description', () => {
  const missing: string[] = [];
  const walk = (node: any, at: string) => {
    for (const [k, child] of Object.entries<any>(node.properties ?? {})) {
      if (!child.description) missing.push(`${at}/${k}`);
      walk(child, `${at}/${k}`);
    }
    if (node.items) walk(node.items, `${at}[]`);
  };
  walk(feature.schema, '');
  for (const [name, def] of Object.entries<any>(feature.schema.$defs ?? {})) walk(def, `#/$defs/${name}`);
  assert.equal(missing, []);
});

t.run();
