// The forbidden kinds, the literal-host rule and the glob characters live once in src/ and are
// copied into the admission policy (Rego and Kyverno): the copies must not drift.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { runEngine } from '@sccp/test-kit';
import feature from '../src';
import { GUARDRAIL_KINDS, RESERVED_NAMESPACES } from '../src/constants';
import { GLOB_CHARACTERS_SOURCE } from '../src/destinations';
import { FORBIDDEN_CLUSTER_KINDS, PLAIN_KIND_PATTERN } from '../src/forbidden-kinds';
import { LITERAL_HOST_SOURCE } from '../src/glob';

const ID = 'tenants-appproject-no-cluster-wildcard';
const regoDir = path.join(feature.packageDir, 'policies', 'rego');
const kyvernoFile = path.join(feature.packageDir, 'policies', 'kyverno', `${ID}.yaml`);
const opaValue = (ref: string) => {
  const r = runEngine('opa', ['eval', '--format', 'json', '--data', regoDir, `data.sccp.tenants_appproject_no_cluster_wildcard.${ref}`]);
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout).result[0].expressions[0].value;
};
/** A JMESPath raw string literal as the Kyverno policy writes it (Kyverno keeps backslashes as written). */
const raw = (s: string) => `'${s}'`;
const rules = () => parse(fs.readFileSync(kyvernoFile, 'utf8')).spec.rules as any[];
const keys = (rule: string) => rules().find((r) => r.name === rule).validate.deny.conditions.any.map((c: any) => String(c.key));

const t = suite('tenants: the admission policy carries the rules of src/');

t('Rego: forbidden_kinds is FORBIDDEN_CLUSTER_KINDS', () => {
  assert.equal(opaValue('forbidden_kinds'), FORBIDDEN_CLUSTER_KINDS.map(({ group, kind }) => ({ group, kind })));
});

/** default, argocd and kube-*, as both engines write it. */
const RESERVED = `(?i)^(kube-.*|${RESERVED_NAMESPACES.join('|')})$`;
const PLAIN = `(?i)${PLAIN_KIND_PATTERN.source}`;

t('Rego: the literal-host, glob-character, reserved-namespace and plain-entry expressions are those of src/', () => {
  assert.is(opaValue('literal_host'), `(?i)${LITERAL_HOST_SOURCE}`);
  assert.is(opaValue('glob_characters'), GLOB_CHARACTERS_SOURCE);
  assert.is(opaValue('reserved_namespace'), RESERVED);
  assert.is(opaValue('plain_pattern'), PLAIN);
});

t('Kyverno: one condition per forbidden kind, in order, after the character check', () => {
  const conditions = keys('tenant-project-no-forbidden-kinds');
  assert.is(conditions.length, FORBIDDEN_CLUSTER_KINDS.length + 1);
  const found = conditions.slice(1).map((k: string) => {
    const m = /pattern_match\(to_lower\(group \|\| ''\), '([^']*)'\)(?: && pattern_match\(to_lower\(kind \|\| ''\), '([^']*)'\))?\]/.exec(k);
    assert.ok(m, k);
    return { group: m![1], kind: m![2] ?? '*' };
  });
  assert.equal(found, FORBIDDEN_CLUSTER_KINDS.map(({ group, kind }) => ({ group: group.toLowerCase(), kind: kind.toLowerCase() })));
});

t('Kyverno: the literal-host and glob-character expressions are those of src/', () => {
  assert.ok(keys('tenant-project-literal-sources')[0].includes(raw(`(?i)${LITERAL_HOST_SOURCE}`)), 'literal host');
  const [globs] = keys('tenant-project-fenced-destinations');
  for (const field of ['server', 'name', 'namespace']) assert.ok(globs.includes(`regex_match(${raw(GLOB_CHARACTERS_SOURCE)}, ${field} || '')`), field);
  assert.ok(keys('tenant-project-fenced-destinations')[1].includes(`regex_match(${raw(RESERVED)}, namespace || '')`), 'reserved namespaces');
  const [plain] = keys('tenant-project-no-forbidden-kinds');
  for (const field of ['group', 'kind']) assert.ok(plain.includes(`!regex_match(${raw(PLAIN)}, ${field} || '')`), field);
});

t('Rego and Kyverno: the guardrail kinds a tenant project must blacklist are GUARDRAIL_KINDS', () => {
  assert.equal(opaValue('guardrail_kinds'), GUARDRAIL_KINDS);
  const found = keys('tenant-project-guardrails-blacklisted').map((k: string) => {
    const m = /contains\(`\["([^"]*)", "\*"\]`, group \|\| ''\) && contains\(`\["([^"]*)", "\*"\]`, kind \|\| ''\)/.exec(k);
    assert.ok(m, k);
    return { group: m![1], kind: m![2] };
  });
  assert.equal(found, GUARDRAIL_KINDS);
});

t.run();
