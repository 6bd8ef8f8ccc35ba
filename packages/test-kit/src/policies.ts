import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { regoPackage } from '@sccp/core';
import { runEngine, type RunResult } from './engines';

/**
 * Policy layout of a feature package (see docs/feature-authoring.md):
 *   policies/kyverno/<id>.yaml            ClusterPolicy named <id>
 *   policies/kyverno/kyverno-test.yaml    `kyverno test` suite over the fixtures
 *   policies/rego/<id>.rego               package sccp.<id with '-' → '_'>, `deny contains msg if {...}` over one resource as input
 *   policies/rego/<id>_test.rego          `opa test` unit tests
 *   policies/fixtures/<id>/pass-*.yaml    resources the policy admits
 *   policies/fixtures/<id>/fail-*.yaml    resources the policy denies
 */
export interface Fixture {
  policy: string;
  expect: 'pass' | 'fail';
  file: string;
  resource: any;
}


export function fixtures(packageDir: string): Fixture[] {
  const root = path.join(packageDir, 'policies', 'fixtures');
  if (!fs.existsSync(root)) return [];
  const out: Fixture[] = [];
  for (const policy of fs.readdirSync(root).sort()) {
    for (const f of fs.readdirSync(path.join(root, policy)).sort()) {
      const m = /^(pass|fail)-.*\.ya?ml$/.exec(f);
      if (!m) continue;
      const file = path.join(root, policy, f);
      for (const d of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
        const resource = d.toJS();
        if (resource) out.push({ policy, expect: m[1] as 'pass' | 'fail', file, resource });
      }
    }
  }
  return out;
}

export function kyvernoTest(packageDir: string): RunResult {
  return runEngine('kyverno', ['test', path.join(packageDir, 'policies', 'kyverno')]);
}

export function opaCheck(packageDir: string): RunResult {
  return runEngine('opa', ['check', '--strict', path.join(packageDir, 'policies', 'rego')]);
}

export function opaTest(packageDir: string): RunResult {
  return runEngine('opa', ['test', path.join(packageDir, 'policies', 'rego')]);
}

/** `opa eval` of data.<package>.deny for one input resource: the deny messages. */
export function opaDeny(packageDir: string, policyId: string, input: unknown): string[] {
  const r = runEngine('opa', ['eval', '--format', 'json', '--stdin-input', '--data', path.join(packageDir, 'policies', 'rego'), `data.${regoPackage(policyId)}.deny`], {
    input: JSON.stringify(input),
  });
  if (r.status !== 0) throw new Error(`opa eval failed: ${r.stderr}`);
  const value = JSON.parse(r.stdout).result?.[0]?.expressions?.[0]?.value;
  return Array.isArray(value) ? value.map(String).sort() : [];
}
