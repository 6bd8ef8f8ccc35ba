import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { scanPayload, type Diagnostic, type KjPolicy, type KjRuleResult } from '@sccp/core';

export const GUARDRAILS_DIR = path.join(__dirname, '..', 'guardrails');

let cache: KjPolicy[] | undefined;
/** The platform guardrails: kyverno-json ValidatingPolicies over the platform document. */
export function guardrails(): KjPolicy[] {
  cache ??= fs
    .readdirSync(GUARDRAILS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parse(fs.readFileSync(path.join(GUARDRAILS_DIR, f), 'utf8')) as KjPolicy);
  return cache;
}

/**
 * What the guardrails see: `platform` is platform.yaml with every default applied and each enabled
 * feature's merged values; `source` is platform.yaml as written (to tell explicit from defaulted).
 */
export interface GuardrailPayload {
  platform: Record<string, unknown>;
  source: unknown;
}

export function runGuardrails(payload: GuardrailPayload): KjRuleResult[] {
  return scanPayload(guardrails(), payload);
}

/** Failed or erroring guardrails as diagnostics of the platform file. */
export function guardrailDiagnostics(file: string, results: KjRuleResult[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const r of results) {
    if (r.status === 'error') out.push({ file, message: `guardrail ${r.policy}/${r.rule} could not be evaluated: ${r.error}` });
    for (const v of r.violations) out.push({ file, message: `guardrail ${r.policy}: ${v.message || v.errors.map((e) => e.field).join(', ')}` });
  }
  return out;
}
