import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { regoMetadata } from '@sccp/core';
import { GUARDRAIL_KINDS, GUARDRAIL_WRITERS, OWNER_CLUSTER_ROLE, TENANT_LABEL } from '../src/constants';

/** The policy tenants-guardrails spells the feature's names literally in both engines: they must stay equal. */
const t = suite('tenants-guardrails: the policy names what the feature generates');

const dir = path.join(__dirname, '..', 'policies');
const rego = fs.readFileSync(path.join(dir, 'rego', 'tenants-guardrails.rego'), 'utf8');
const kyverno = parse(fs.readFileSync(path.join(dir, 'kyverno', 'tenants-guardrails.yaml'), 'utf8'));

t('the writers: GUARDRAIL_WRITERS in the Rego set and the Kyverno precondition', () => {
  const set = /writers := \{([^}]*)\}/.exec(rego)?.[1] ?? '';
  assert.equal([...set.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort(), [...GUARDRAIL_WRITERS].sort());
  const [admission] = kyverno.spec.rules;
  assert.equal([...admission.preconditions.all[1].value].sort(), [...GUARDRAIL_WRITERS].sort());
});

t('the owner role and the guardrail kinds', () => {
  assert.match(rego, new RegExp(`owner_role := "${OWNER_CLUSTER_ROLE}"`));
  assert.is(kyverno.spec.rules[1].validate.pattern.roleRef.name, OWNER_CLUSTER_ROLE);
  const kinds = GUARDRAIL_KINDS.map((k) => k.kind).sort();
  assert.match(rego, new RegExp(`guardrail_kinds := \\{${kinds.map(() => '"(\\w+)"').join(', ')}\\}`));
  assert.equal([.../guardrail_kinds := \{([^}]*)\}/.exec(rego)![1].matchAll(/"(\w+)"/g)].map((m) => m[1]).sort(), kinds);
  assert.equal([...kyverno.spec.rules[0].validate.deny.conditions.any[0].value].sort(), kinds);
});

t('tenant namespaces: the label selector of both engines is the tenant label', () => {
  const selector = { matchExpressions: [{ key: TENANT_LABEL, operator: 'Exists' }] };
  assert.equal(regoMetadata(rego)?.custom?.namespaceSelector, selector);
  assert.equal(kyverno.spec.rules[0].match.any[0].resources.namespaceSelector, selector);
});

t.run();
